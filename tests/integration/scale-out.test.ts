// Scale-out (docs/deploy.md "Queue and workers"): two web instances (WORKER=off) and two
// worker processes (`scripts/worker.ts`) on one PostgreSQL schema and one storage directory, as real processes.
// - 50 generations submitted across both web instances all run exactly once, on both workers;
// - 20 concurrent $0.04 generations against a $0.20 budget: exactly 5 accepted, $0.20 spent;
// - PROVIDER_CONCURRENCY=2 holds across both workers: never more than 2 calls at the provider at once;
// - a worker killed mid-job: its job is left alone while it lives, then finished by the other worker with
//   exactly the images it lacked.
// Then, in this process (both databases): leases (take-over only when the owner is gone, fenced writes) and the
// dead-letter path (a job whose deliveries all fail ends `failed`, visible in GET /api/v1/jobs?status=failed).
import { spawnSync } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as listJobsRoute } from "@/app/api/v1/jobs/route";
import { db, type Prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { newId } from "@/lib/ids";
import { leaseContext, leaseOwnerId, pidOfOwner, setLeaseSettingsForTests } from "@/lib/jobs/lease";
import { PgBossQueue } from "@/lib/jobs/pg-queue";
import { abandonedJobs, finishJob, takeOverJob } from "@/lib/jobs/repository";
import { failDeadJob, runJob, type JobHandler } from "@/lib/jobs/worker";
import { storage } from "@/lib/storage";
import { reserveBudget, utcDay } from "@/lib/usage/budget";
import { FLAT_MODEL, FLAT_MODEL_ENTRY, startFakeOpenAI, type FakeOpenAI } from "../fakes/openai";
import { expectJson, send } from "../support/http";
import { startProcess, stopProcess, type Proc } from "../support/processes";
import { ensureLocalUser } from "../support/studio";

const onPostgres = process.env.TEST_DATABASE === "postgres";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A pass-through HTTP proxy in front of the fake provider that counts the calls in flight at once. */
async function startCountingProxy(target: string) {
  let inFlight = 0;
  let max = 0;
  const server = http.createServer((req, res) => {
    inFlight++;
    max = Math.max(max, inFlight);
    let ended = false;
    res.once("close", () => {
      if (!ended) inFlight--;
      ended = true;
    });
    const upstream = http.request(new URL(req.url ?? "/", target), { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get max() {
      return max;
    },
    reset: () => void (max = inFlight),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

async function post(web: Proc, body: unknown): Promise<{ status: number; body: { id?: string; error?: { code: string } } }> {
  const res = await fetch(`http://127.0.0.1:${web.port}/api/v1/generations`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

/** Waits until every job has ended (the row is the truth, whichever process ran it). */
async function waitForJobs(ids: string[], timeoutMs: number, procs: Proc[] = []): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await db().job.count({ where: { id: { in: ids }, status: { in: ["queued", "running"] } } });
    if (open === 0) return;
    if (Date.now() > deadline) throw new Error(`${open} of ${ids.length} jobs still open after ${timeoutMs} ms:\n${procs.flatMap((p) => p.output.slice(-30)).join("\n")}`);
    await sleep(250);
  }
}

const indexOf = (image: { params: unknown }) => (image.params as { index: number }).index;

describe.skipIf(!onPostgres)("scale-out: two web instances and two workers on one PostgreSQL (postgres project only: SQLite is the one-machine embedded database with the in-process queue)", () => {
  let fake: FakeOpenAI;
  let proxy: Awaited<ReturnType<typeof startCountingProxy>>;
  let webs: Proc[] = [];
  let workers: Proc[] = [];
  const everyone = () => [...webs, ...workers];

  beforeAll(async () => {
    // Created before the children start, so no two processes race to create the single-user owner.
    await ensureLocalUser();
    fake = await startFakeOpenAI();
    proxy = await startCountingProxy(fake.url);
    const common: NodeJS.ProcessEnv = {
      ...process.env, // DATABASE_URL (this file's schema) and DATA_DIR (its storage directory)
      LOG_LEVEL: "info",
      QUEUE_DRIVER: "postgres",
      DAILY_BUDGET_USD: "0.20",
      RATE_LIMIT_PER_MINUTE: "1000",
      PROVIDER_CONCURRENCY: "2",
      WORKER_CONCURRENCY: "4",
      OPENAI_API_KEY: "sk-test",
      OPENAI_BASE_URL: `${proxy.url}/v1`,
      MODEL_CATALOG: JSON.stringify([FLAT_MODEL_ENTRY]), // one image per call at a flat $0.04
      ALLOW_PRIVATE_PROVIDER_URLS: "true",
    };
    const started = await Promise.all([
      startProcess("web-1", "tests/support/scale-web.ts", { ...common, WORKER: "off" }, (l) => typeof l.port === "number"),
      startProcess("web-2", "tests/support/scale-web.ts", { ...common, WORKER: "off" }, (l) => typeof l.port === "number"),
      startProcess("worker-1", "scripts/worker.ts", common, (l) => l.message === "worker started"),
      startProcess("worker-2", "scripts/worker.ts", common, (l) => l.message === "worker started"),
    ]);
    webs = started.slice(0, 2);
    workers = started.slice(2);
  }, 90_000);

  afterAll(async () => {
    await Promise.all(everyone().map(stopProcess));
    await proxy?.close();
    await fake?.close();
  }, 30_000);

  it("runs 50 generations submitted across both web instances exactly once each, on both workers", async () => {
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => post(webs[i % 2], { prompt: `tile number ${i}`, provider: "local", width: 256, height: 256, seed: 1000 + i })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(202));
    const ids = answers.map((a) => a.body.id!);
    expect(new Set(ids).size).toBe(50);
    await waitForJobs(ids, 60_000, everyone());

    const jobs = await db().job.findMany({ where: { id: { in: ids } } });
    expect(jobs.map((j) => j.status)).toEqual(Array(50).fill("succeeded"));
    expect(jobs.map((j) => j.attempts)).toEqual(Array(50).fill(1)); // each run once, by one worker
    const images = await db().image.findMany({ where: { jobId: { in: ids } } });
    expect(images).toHaveLength(50);
    for (const id of ids) expect(images.filter((i) => i.jobId === id).map(indexOf)).toEqual([0]);
    // Both workers ran some, and every file is on the shared disk.
    expect(new Set(jobs.map((j) => pidOfOwner(j.leaseOwner)))).toEqual(new Set(workers.map((w) => w.pid)));
    for (const image of images) expect(await storage().exists(image.storageKey)).toBe(true);
    // Every queue message was delivered and completed: none waiting, none failed.
    const schema = new PgBossQueue({ databaseUrl: env().databaseUrl }).schema;
    const states = await db().$queryRawUnsafe<Array<{ state: string; n: number }>>(`SELECT state::text AS state, count(*)::int AS n FROM "${schema}".job WHERE name = 'image-studio-jobs' GROUP BY 1`);
    expect(states).toEqual([{ state: "completed", n: 50 }]);
  }, 90_000);

  it("lets exactly 5 of 20 concurrent $0.04 generations across both instances through a $0.20 budget", async () => {
    const calls = fake.requests.length;
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => post(webs[i % 2], { prompt: `paid picture ${i}`, provider: "openai", model: FLAT_MODEL })));
    const accepted = answers.filter((a) => a.status === 202);
    const refused = answers.filter((a) => a.status === 429);
    expect(accepted).toHaveLength(5);
    expect(refused).toHaveLength(15);
    expect(refused.every((a) => a.body.error?.code === "budget_exceeded")).toBe(true);
    const ids = accepted.map((a) => a.body.id!);
    await waitForJobs(ids, 60_000, everyone());
    expect((await db().job.findMany({ where: { id: { in: ids } } })).map((j) => j.status)).toEqual(Array(5).fill("succeeded"));
    const spent = await db().usageEntry.aggregate({ where: { jobId: { in: ids } }, _sum: { costMicroUsd: true } });
    expect(spent._sum.costMicroUsd).toBe(200_000);
    const day = await db().budgetDay.findUniqueOrThrow({ where: { ownerId_day: { ownerId: "local", day: utcDay() } } });
    expect(day).toMatchObject({ spentMicroUsd: 200_000, reservedMicroUsd: 0 });
    expect(fake.requests.length - calls).toBe(5);
  }, 60_000);

  it("holds PROVIDER_CONCURRENCY=2 across both workers: never more than 2 calls at the provider at once", async () => {
    await db().user.update({ where: { id: "local" }, data: { dailyBudgetUsd: 100 } }); // room for the rest of the file
    proxy.reset();
    fake.queue("POST /v1/images/generations", ...Array.from({ length: 8 }, () => ({ delayMs: 1200 })));
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => post(webs[i % 2], { prompt: `slow picture ${i}`, provider: "openai", model: FLAT_MODEL })));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(202));
    const ids = answers.map((a) => a.body.id!);
    await waitForJobs(ids, 60_000, everyone());
    const jobs = await db().job.findMany({ where: { id: { in: ids } } });
    expect(jobs.map((j) => j.status)).toEqual(Array(8).fill("succeeded"));
    expect(new Set(jobs.map((j) => pidOfOwner(j.leaseOwner)))).toEqual(new Set(workers.map((w) => w.pid))); // both ran calls
    expect(proxy.max).toBe(2);
  }, 60_000);

  it("finishes the job of a worker killed mid-job on the other worker, with exactly the images it lacked", async () => {
    // Three one-image calls (the flat snapshot makes one per call), two at a time: the first two answer, the third hangs.
    fake.queue("POST /v1/images/generations", { delayMs: 0 }, { delayMs: 0 }, { hang: true });
    const answer = await post(webs[0], { prompt: "three panels, one worker lost", provider: "openai", model: FLAT_MODEL, n: 3 });
    expect(answer.status).toBe(202);
    const id = answer.body.id!;
    for (let i = 0; i < 300 && (await db().image.count({ where: { jobId: id } })) < 2; i++) await sleep(100);
    expect(await db().image.count({ where: { jobId: id } })).toBe(2);
    const running = await db().job.findUniqueOrThrow({ where: { id } });
    const victim = workers.find((w) => w.pid === pidOfOwner(running.leaseOwner))!;
    const survivor = workers.find((w) => w !== victim)!;
    expect(victim).toBeDefined();

    // While its owner lives (hung on the third call), the other worker's sweeps leave the job alone.
    await sleep(6_000);
    expect(await db().job.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "running", attempts: 1, leaseOwner: running.leaseOwner });

    const exited = new Promise((resolve) => victim.child.once("exit", resolve));
    victim.child.kill("SIGKILL");
    await exited;
    await waitForJobs([id], 30_000, [survivor]);
    const job = await db().job.findUniqueOrThrow({ where: { id } });
    expect(job).toMatchObject({ status: "succeeded", attempts: 2, error: null });
    expect(pidOfOwner(job.leaseOwner)).toBe(survivor.pid);
    const images = await db().image.findMany({ where: { jobId: id } });
    expect(images.map(indexOf).sort()).toEqual([0, 1, 2]); // the two it had, and the one it lacked: no duplicate
    const usage = await db().usageEntry.aggregate({ where: { jobId: id }, _sum: { costMicroUsd: true, images: true } });
    // Four calls reached the provider: three billed, and the one hung when its worker died, whose outcome is
    // unknown, counted at its estimate (docs/security.md, "Spend of unknown outcome").
    expect(usage._sum).toEqual({ costMicroUsd: 160_000, images: 3 });
    expect(await db().usageEntry.count({ where: { jobId: id, outcome: "unknown" } })).toBe(1);
    expect(job.costMicroUsd).toBe(160_000);
  }, 60_000);
});

/** A job row of the local user, as createGeneration writes one. */
async function jobRow(data: Partial<Pick<Prisma.JobUncheckedCreateInput, "type" | "status" | "attempts" | "leaseOwner" | "leaseExpiresAt" | "reservedMicroUsd" | "input">> = {}) {
  await ensureLocalUser();
  return db().job.create({ data: { id: newId("job"), ownerId: "local", type: "generate", status: "queued", input: {}, ...data } });
}

describe("job leases", () => {
  afterEach(() => setLeaseSettingsForTests());

  it("takes a running job over only once its lease has expired, and only once", async () => {
    const elsewhere = "another-host/4242/abcdef";
    const job = await jobRow({ status: "running", attempts: 1, leaseOwner: elsewhere, leaseExpiresAt: new Date(Date.now() + 60_000) });
    expect((await abandonedJobs()).map((j) => j.id)).not.toContain(job.id); // another machine's live lease
    await db().job.update({ where: { id: job.id }, data: { leaseExpiresAt: new Date(Date.now() - 1000) } });
    const [seen] = (await abandonedJobs()).filter((j) => j.id === job.id);
    expect(seen).toBeDefined();
    const outcomes = await Promise.all([takeOverJob(seen, 3), takeOverJob(seen, 3)]); // two sweeps at once
    expect(outcomes.filter((o) => o === "requeued")).toHaveLength(1);
    expect(outcomes.filter((o) => o === null)).toHaveLength(1);
    expect(await db().job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "queued", attempts: 1 });
  });

  it("takes a job over at once when its owner was a process of this machine that is gone", async () => {
    const gone = spawnSync(process.execPath, ["-e", ""]).pid; // exited and reaped
    const [scope] = leaseOwnerId().split("/");
    const live = await jobRow({ status: "running", attempts: 1, leaseOwner: `${scope}/${process.pid}/${leaseOwnerId().split("/")[2]}`, leaseExpiresAt: new Date(Date.now() + 60_000) });
    const dead = await jobRow({ status: "running", attempts: 1, leaseOwner: `${scope}/${gone}/0123456789ab`, leaseExpiresAt: new Date(Date.now() + 60_000) });
    const abandoned = (await abandonedJobs()).map((j) => j.id);
    if (process.platform === "linux") expect(abandoned).toContain(dead.id);
    expect(abandoned).not.toContain(live.id); // this process, alive
  });

  it("gives a job up after three interrupted runs", async () => {
    const job = await jobRow({ status: "running", attempts: 3, leaseOwner: "another-host/1/x", leaseExpiresAt: new Date(Date.now() - 1000) });
    const [seen] = (await abandonedJobs()).filter((j) => j.id === job.id);
    expect(await takeOverJob(seen, 3)).toBe("failed");
    const row = await db().job.findUniqueOrThrow({ where: { id: job.id } });
    expect(row.status).toBe("failed");
    expect((row.error as { message: string }).message).toMatch(/interrupted 3 times/);
  });

  it("renews the lease while a job runs, and stops a run whose lease was taken, without letting it write", async () => {
    setLeaseSettingsForTests({ leaseMs: 3000 }); // renewed every second
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const leaseTest: JobHandler = async (_job, signal) => {
      started();
      await new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason), { once: true }));
    };
    const job = await jobRow({ type: "lease-test" });
    const run = runJob(job.id, { "lease-test": leaseTest });
    await running;
    const first = (await db().job.findUniqueOrThrow({ where: { id: job.id } })).leaseExpiresAt!;
    await sleep(2500);
    const renewed = await db().job.findUniqueOrThrow({ where: { id: job.id } });
    expect(renewed).toMatchObject({ status: "running", leaseOwner: leaseOwnerId() });
    expect(renewed.leaseExpiresAt!.getTime()).toBeGreaterThan(first.getTime()); // heartbeats
    expect((await abandonedJobs()).map((j) => j.id)).not.toContain(job.id);

    // Another worker takes it (as if this one had stalled past its lease): this run stops, and writes nothing.
    await db().job.update({ where: { id: job.id }, data: { leaseOwner: "another-host/7/y", leaseExpiresAt: new Date(Date.now() + 60_000) } });
    await run; // aborted by the next heartbeat; its "canceled" outcome is fenced off
    expect(await db().job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "running", leaseOwner: "another-host/7/y" });
    // A write under a lease this process does not hold does not land either.
    expect(await leaseContext.run({ jobId: job.id, owner: leaseOwnerId() }, () => finishJob(job.id, { status: "succeeded" }))).toBe(false);
  });
});

describe.skipIf(!onPostgres)("dead jobs (postgres project: the PostgreSQL queue)", () => {
  it("fails a job whose deliveries all failed, with a clear error, releases its reservation and lists it", async () => {
    await ensureLocalUser();
    const day = utcDay();
    const reservation = await reserveBudget({ ownerId: "local", microUsd: 40_000, limitMicroUsd: 1_000_000_000, day });
    expect(reservation).not.toBeNull();
    const before = (await db().budgetDay.findUniqueOrThrow({ where: { ownerId_day: { ownerId: "local", day } } })).reservedMicroUsd;
    const job = await jobRow({ reservedMicroUsd: 40_000, input: { budgetDay: day } });
    const queue = new PgBossQueue({ databaseUrl: env().databaseUrl, retryLimit: 1, retryDelaySeconds: 1, pollingIntervalSeconds: 0.5, onDead: failDeadJob });
    const deliveries: string[] = [];
    queue.start(async (id) => {
      deliveries.push(id);
      throw new Error("database unreachable (simulated)");
    }, 1);
    try {
      await queue.enqueue(job.id, { ownerId: "local" });
      // failDeadJob fails the row, then settles its budget: wait for both (the second write lands just after the first).
      const reserved = async () => (await db().budgetDay.findUniqueOrThrow({ where: { ownerId_day: { ownerId: "local", day } } })).reservedMicroUsd;
      for (let i = 0; i < 200 && ((await db().job.findUniqueOrThrow({ where: { id: job.id } })).status === "queued" || (await reserved()) === before); i++) await sleep(100);
    } finally {
      await queue.stop();
    }
    expect(deliveries.filter((id) => id === job.id)).toEqual([job.id, job.id]); // the first delivery and its one retry
    const row = await db().job.findUniqueOrThrow({ where: { id: job.id } });
    expect(row.status).toBe("failed");
    expect(row.error).toEqual({ code: "internal", message: expect.stringMatching(/queue gave up .*database unreachable \(simulated\)/) });
    const after = (await db().budgetDay.findUniqueOrThrow({ where: { ownerId_day: { ownerId: "local", day } } })).reservedMicroUsd;
    expect(before - after).toBe(40_000);
    const listed = await expectJson<{ items: Array<{ id: string; status: string }> }>(await send(listJobsRoute, "/api/v1/jobs?status=failed"));
    expect(listed.items.map((j) => j.id)).toContain(job.id);
  }, 30_000);
});
