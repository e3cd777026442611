// `npm run worker`: a job worker process (docs/deploy.md "Queue and workers"). It takes
// jobs from the PostgreSQL queue, WORKER_CONCURRENCY at a time, and delivers outgoing webhooks; web instances
// (WORKER=off) only accept requests. Run as many as needed, on any machines that reach the database and storage.
//
// Schema: by default the worker waits until the database has every migration this code knows (`npm start` of a
// web instance applies them), so a worker deployed with new code never runs against an old schema, and several
// processes never migrate at once. `--migrate` applies them itself (worker-only deployments, one process).
//
// Signals: SIGTERM/SIGINT stop taking jobs; running jobs get --grace-seconds (default 25) to finish, then their
// leases are given up so another worker takes them over at once (they produce only what is missing). A second
// signal exits at once. Logs are JSON lines (LOG_LEVEL).
// @ts-expect-error: plain ESM scripts shared with the start command
import { applyMigrations } from "./migrate.mjs";
// @ts-expect-error: plain ESM scripts shared with the start command
import { defaultDatabaseUrl, migrationsList, targetOf } from "./lib/engine.mjs";

const usage = `Usage: npm run worker [-- --migrate] [-- --grace-seconds N]

  --migrate            apply pending database migrations first (default: wait until they are applied)
  --grace-seconds N    on SIGTERM, how long running jobs may take to finish before they are handed over (default 25)`;

function parseArgs(argv: string[]) {
  const options = { migrate: false, graceSeconds: 25 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--migrate") options.migrate = true;
    else if (a === "--grace-seconds" || a.startsWith("--grace-seconds=")) {
      const value = Number(a.includes("=") ? a.split("=")[1] : argv[++i]);
      if (!Number.isFinite(value) || value < 0) throw new Error("--grace-seconds needs a number of seconds");
      options.graceSeconds = value;
    } else if (a === "--help" || a === "-h") {
      console.log(usage);
      process.exit(0);
    } else throw new Error(`Unknown option ${a}\n${usage}`);
  }
  return options;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  const options = parseArgs(process.argv.slice(2));
  // This process is a worker whatever WORKER says (a shared environment file may say "off" for the web instances).
  process.env.WORKER = "on";
  const { env } = await import("@/lib/env");
  try {
    env();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  const { log } = await import("@/lib/log");
  process.on("unhandledRejection", (error) => log.error("unhandled rejection", { error }));
  // The C2PA engine (stored originals are signed in jobs), compiled in the background while the worker starts.
  const { warmC2pa } = await import("@/lib/provenance/c2pa/warm");
  warmC2pa();

  const { queueDriver } = await import("@/lib/jobs/worker");
  if (queueDriver() !== "postgres") {
    log.error("npm run worker needs the PostgreSQL queue: set DATABASE_URL=postgres://… (QUEUE_DRIVER=postgres). With the in-process queue the web process runs its own jobs (WORKER=on).", {
      queueDriver: queueDriver(),
    });
    process.exit(1);
  }

  if (options.migrate) await applyMigrations(undefined, { quiet: true });
  else await waitForMigrations(log);

  const { startImageWorker } = await import("@/lib/images/worker");
  const { jobQueue, runningJobs } = await import("@/lib/jobs/worker");
  const { leaseOwnerId } = await import("@/lib/jobs/lease");
  await startImageWorker();
  const queue = jobQueue() as { ready?: () => Promise<void>; schema?: string };
  await queue.ready?.();
  const config = env();
  log.info("worker started", {
    pid: process.pid,
    leaseOwner: leaseOwnerId(),
    concurrency: config.WORKER_CONCURRENCY,
    providerConcurrency: config.PROVIDER_CONCURRENCY,
    queueSchema: queue.schema,
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      log.warn("second signal: exiting now", { signal });
      process.exit(1);
    }
    stopping = true;
    log.info("worker stopping", { signal, running: runningJobs.size, graceSeconds: options.graceSeconds });
    try {
      const { stopServices } = await import("@/lib/api/shutdown");
      await stopServices({ timeoutMs: options.graceSeconds * 1000 });
      log.info("worker stopped", { signal });
      process.exit(0);
    } catch (error) {
      log.error("worker stop failed", { error });
      process.exit(1);
    }
  };
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => void shutdown(signal));
}

/** Waits until every migration of this code is applied to the database (a web instance's `npm start` applies them). */
async function waitForMigrations(log: typeof import("@/lib/log").log) {
  const url = defaultDatabaseUrl();
  const expected: string[] = migrationsList(targetOf(url)).migrationDirectories.map((d: { path: string }) => d.path);
  const { db } = await import("@/lib/db");
  for (let attempt = 0; ; attempt++) {
    let missing: string[] | undefined;
    let problem: string | undefined;
    try {
      const rows = await db().$queryRawUnsafe<Array<{ migration_name: string }>>(
        `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      );
      const applied = new Set(rows.map((r) => r.migration_name));
      missing = expected.filter((name) => !applied.has(name));
      if (!missing.length) return;
    } catch (error) {
      problem = (error as Error).message.trim().split("\n").at(-1)?.trim();
    }
    if (attempt % 15 === 0) {
      log.info("waiting for the database schema (a web instance's npm start migrates it; or run npm run worker -- --migrate)", { missing, problem });
    }
    await sleep(2000);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
