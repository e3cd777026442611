// A throwaway scaled-out Image Studio for bench/scale.ts: a fresh PostgreSQL schema (migrated with the app's own
// offline migration script), an S3-compatible server (s3rver, tests/support/s3rver.ts) with one bucket, this
// process configured as a web instance (WORKER=off, PostgreSQL queue, S3 storage) and `scripts/worker.ts` worker
// processes started and stopped on demand with the same environment. `close()` stops everything, drops the schema
// and pg-boss's schema beside it, and restores this process's environment for the benchmarks that run after it.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { startS3rver, type TestS3Server } from "../../tests/support/s3rver";
import { projectRoot } from "./studio";

export const postgresBaseUrl = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether the PostgreSQL at `postgresBaseUrl` answers (3 s); the reason when not. */
export async function postgresReachable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: postgresBaseUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return null;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await client.end().catch(() => {});
  }
}

export interface WorkerProcess {
  pid: number;
  child: ChildProcess;
  output: string[];
  /** CPU seconds (user + system) the process has used so far, from /proc (NaN where there is none). */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

const clockTicks = 100; // USER_HZ: 100 on every Linux architecture Node runs on

/** user + system CPU seconds of a process from /proc/<pid>/stat. */
export function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // field 3 onwards (the name may hold spaces)
    return (Number(fields[11]) + Number(fields[12])) / clockTicks; // utime, stime: fields 14 and 15
  } catch {
    return NaN;
  }
}

/** Busy and total CPU time of the whole machine so far (/proc/stat), for the share of the cores in use. */
export function machineCpu(): { busy: number; total: number } {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n")[0];
    const v = line.trim().split(/\s+/).slice(1, 9).map(Number); // user nice system idle iowait irq softirq steal
    const idle = v[3] + v[4];
    const total = v.reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return { busy: NaN, total: NaN };
  }
}

/**
 * Open TCP connections to the PostgreSQL port per process id right now (`ss -tnp`, which shows the owners of this
 * user's sockets), or null when `ss` is not there.
 */
export function postgresConnectionsByPid(): Map<number, number> | null {
  const port = new URL(postgresBaseUrl).port || "5432";
  const result = spawnSync("ss", ["-Htnp", `dport = :${port}`], { encoding: "utf8" });
  if (result.status !== 0) return null;
  const counts = new Map<number, number>();
  for (const m of result.stdout.matchAll(/pid=(\d+)/g)) counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
  return counts;
}

export async function openScaleStudio(options: { workerEnv?: Record<string, string> } = {}) {
  const savedEnv = { ...process.env };
  const schema = `bench_scale_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
  const databaseUrl = `${postgresBaseUrl}${postgresBaseUrl.includes("?") ? "&" : "?"}schema=${schema}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "image-studio-bench-scale-"));
  let s3: TestS3Server | undefined;
  const workers = new Set<WorkerProcess>();

  const admin = async <T>(fn: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: postgresBaseUrl });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };

  const close = async () => {
    await Promise.all([...workers].map((w) => w.stop()));
    try {
      const { jobQueue, setJobQueueForTests } = await import("@/lib/jobs/worker");
      await jobQueue().stop();
      const { stopServices } = await import("@/lib/api/shutdown");
      await stopServices();
      setJobQueueForTests(undefined);
    } catch (error) {
      console.error("bench/scale: stopping the services failed:", error);
    }
    await s3?.stop();
    if (process.env.BENCH_KEEP_DATA !== "1") {
      const { pgBossSchemaFor } = await import("@/lib/jobs/pg-queue");
      await admin(async (client) => {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await client.query(`DROP SCHEMA IF EXISTS "${pgBossSchemaFor(databaseUrl)}" CASCADE`);
      });
      rmSync(dataDir, { recursive: true, force: true });
    } else {
      console.log(`   (BENCH_KEEP_DATA=1: schema ${schema} and ${dataDir} kept)`);
    }
    // The next benchmark in this process gets the environment it would have had, and fresh services.
    for (const name of Object.keys(process.env)) if (!(name in savedEnv)) delete process.env[name];
    Object.assign(process.env, savedEnv);
    const { resetEnvForTests } = await import("@/lib/env");
    const { setStorageForTests } = await import("@/lib/storage");
    const { forgetLocalUserForTests } = await import("@/lib/auth/current-user");
    resetEnvForTests();
    setStorageForTests(undefined);
    forgetLocalUserForTests();
  };

  try {
    // pg_trgm once per database, in `public`, as a deployment installs it (the migration would otherwise create it
    // in this throwaway schema).
    await admin((client) => client.query("CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public"));
    s3 = await startS3rver({ bucket: "bench-scale" });
    const settings: Record<string, string> = {
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      ...s3.env({ S3_PREFIX: "bench" }),
      QUEUE_DRIVER: "postgres",
      WORKER: "off", // this process only accepts (enqueues); the worker processes run the jobs
      AUTH_MODE: "single-user",
      AUTH_SECRET: "bench-scale-secret-shared-by-every-process-0123456789",
      LOG_LEVEL: process.env.BENCH_SCALE_LOG_LEVEL ?? "warn",
      RATE_LIMIT_PER_MINUTE: "1000000",
      DAILY_BUDGET_USD: "1000",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      ...options.workerEnv,
    };
    delete process.env.STORAGE_DIR;
    Object.assign(process.env, settings);

    const { applyMigrations } = (await import(pathToFileURL(path.join(projectRoot, "scripts/migrate.mjs")).href)) as {
      applyMigrations(url: string, options?: { quiet?: boolean }): Promise<string[]>;
    };
    await applyMigrations(databaseUrl, { quiet: true });

    // The services only now: their configuration is read from process.env on first use, and an earlier benchmark
    // in this process must not leave its parsed env, storage, database connection or owner behind.
    const { resetEnvForTests, env } = await import("@/lib/env");
    const { setStorageForTests, storage } = await import("@/lib/storage");
    const { db, disconnectDb } = await import("@/lib/db");
    const { getCurrentUser, forgetLocalUserForTests } = await import("@/lib/auth/current-user");
    const { setJobQueueForTests } = await import("@/lib/jobs/worker");
    resetEnvForTests();
    setStorageForTests(undefined);
    setJobQueueForTests(undefined);
    await disconnectDb();
    forgetLocalUserForTests();
    const images = await import("@/lib/images");
    // Created here, before any worker starts, so no two processes race to create the single-user owner.
    const user = await getCurrentUser(new Request("http://localhost:3000/bench"));

    /** Starts one `scripts/worker.ts` process (as `npm run worker`); resolves once it logs "worker started". */
    const startWorker = (extraEnv: Record<string, string> = {}): Promise<WorkerProcess> => {
      const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(projectRoot, "scripts/worker.ts")], {
        cwd: projectRoot,
        env: { ...process.env, LOG_LEVEL: "info", ...extraEnv },
        stdio: ["ignore", "pipe", "pipe"],
      });
      const output: string[] = [];
      const keep = (chunk: Buffer) => {
        for (const line of chunk.toString().split("\n").filter(Boolean)) {
          output.push(line);
          if (output.length > 200) output.shift();
        }
      };
      const worker: WorkerProcess = {
        pid: child.pid!,
        child,
        output,
        cpuSeconds: () => processCpuSeconds(child.pid!),
        async stop() {
          workers.delete(worker);
          if (child.exitCode !== null || child.signalCode !== null) return;
          const exited = new Promise((resolve) => child.once("exit", resolve));
          child.kill("SIGTERM");
          await Promise.race([exited, sleep(30_000)]);
          if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
        },
      };
      workers.add(worker);
      child.stderr!.on("data", keep);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`worker did not start in 90 s:\n${output.join("\n")}`)), 90_000);
        child.stdout!.on("data", (chunk: Buffer) => {
          keep(chunk);
          if (chunk.toString().includes('"worker started"')) {
            clearTimeout(timer);
            resolve(worker);
          }
        });
        child.once("exit", (code, signal) => {
          clearTimeout(timer);
          reject(new Error(`worker exited (${code ?? signal}) before it started:\n${output.join("\n")}`));
        });
      });
    };

    return { schema, databaseUrl, dataDir, s3, user, baseUrl: "http://localhost:3000", images, db, env, storage, startWorker, close };
  } catch (error) {
    await close();
    throw error;
  }
}

export type ScaleStudio = Awaited<ReturnType<typeof openScaleStudio>>;
