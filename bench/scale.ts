// Scale-out benchmark (docs/deploy.md), on PostgreSQL + an S3-compatible server (s3rver):
// (1) what worker processes are for — generations against a provider that takes a fixed time per call (the tests'
//     fake self-hosted OpenAI-compatible server behind a proxy that answers each call after 2 s, bench/support/slow-provider.ts):
//     generations/s with 1 vs 2 worker processes (`scripts/worker.ts`) at the same WORKER_CONCURRENCY, jobs submitted
//     through the real service (createGeneration) by this process acting as a WORKER=off web instance; target: 2
//     workers ≥ 1.9× one. Then PROVIDER_CONCURRENCY below the two workers' job slots: the most calls in flight at
//     the provider must never exceed it (the limit is cluster-wide), and the throughput it allows is limit / latency;
// (2) gallery list latency (GET /api/v1/images route handler, 100 per page) for the first page and for page 1,000
//     with 100,000 images of one owner in PostgreSQL; target: p95 deep / p95 first ≤ 1.5 (keyset pagination).
// Prints numbers and PASS/MISS; never fails on a timing. Needs a PostgreSQL (BENCH_POSTGRES_URL, else
// TEST_POSTGRES_URL, else postgres://postgres@127.0.0.1:5432/test); without one it says so and is skipped.
import os from "node:os";
import { galleryList } from "./support/scale-gallery";
import { machineCpu, openScaleStudio, postgresBaseUrl, postgresConnectionsByPid, postgresReachable, type ScaleStudio, type WorkerProcess } from "./support/scale-studio";
import { startSlowProvider, type SlowProvider } from "./support/slow-provider";
import { loadAverage, table } from "./support/stats";

export const description =
  "scale-out on PostgreSQL + s3rver: generations/s against a provider with a fixed 2 s latency with 1 vs 2 worker processes, the cluster-wide provider limit, and gallery list p95 for page 1 vs page 1,000 with 100,000 images";

const int = (name: string, fallback: number, min: number) => Math.max(min, Math.floor(Number(process.env[name] ?? fallback)) || fallback);
const latencyMs = int("BENCH_SCALE_LATENCY_MS", 2000, 100);
const workerConcurrency = int("BENCH_SCALE_WORKER_CONCURRENCY", 4, 1);
/** Jobs per run = this × the job slots the run can use at once (every slot runs this many calls in a row). */
const waves = int("BENCH_SCALE_WAVES", 12, 2);
const rounds = int("BENCH_SCALE_ROUNDS", 1, 1);
/** PROVIDER_CONCURRENCY of the limit run (two workers), below their 2 × WORKER_CONCURRENCY job slots. */
const providerLimit = Math.min(int("BENCH_SCALE_PROVIDER_LIMIT", 3, 1), 100);
/** Width and height of the provider's images: small, so the workers' own work per image stays far below the latency. */
const size = Math.min(2048, Math.round(int("BENCH_SCALE_SIZE", 256, 256) / 8) * 8);
const only = process.env.BENCH_SCALE_ONLY; // "throughput" or "list"

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const fmt = (v: number, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : "–");
const verdict = (ok: boolean) => (ok ? "PASS" : "MISS");
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

export async function run() {
  const unreachable = await postgresReachable();
  if (unreachable) {
    console.log(`skipped: no PostgreSQL at ${postgresBaseUrl} (${unreachable}); set BENCH_POSTGRES_URL`);
    return;
  }
  const provider = await startSlowProvider(latencyMs);
  try {
    // Every process (this web instance and the workers) gets the provider; the workers' PROVIDER_CONCURRENCY is set per run.
    const studio = await openScaleStudio({ workerEnv: { ...provider.env, WORKER_CONCURRENCY: String(workerConcurrency) } });
    try {
      console.log(`PostgreSQL schema ${studio.schema}, s3rver ${studio.s3.endpoint}; load average ${loadAverage()}`);
      if (only !== "list") await throughput(studio, provider);
      if (only !== "throughput") await galleryList(studio);
    } finally {
      await studio.close();
    }
  } finally {
    await provider.close();
  }
}

// ── 1. Generations/s against a slow provider, 1 vs 2 workers; the provider limit across both ──────────────────

interface RunResult {
  workers: number;
  limit: number; // PROVIDER_CONCURRENCY
  slots: number; // calls that can be in flight at once: min(job slots, limit)
  jobs: number;
  succeeded: number;
  rate: number; // generations/s, first job started → last job finished
  overall: number; // generations/s, first submit → last finish
  maxInFlight: number; // the most image calls at the provider at once
  callMs: number; // mean time of a call at the provider
  jobSeconds: number; // mean job run (started → finished)
  perWorker: number[];
  workerCpuPerImage: number; // CPU seconds of the worker processes per generation
  benchCpuPerImage: number; // this process (submitting, s3rver, the fake provider and its proxy) per generation
  machineBusy: number; // cores busy on average over the run
  /** Peak PostgreSQL connections of each worker process and of this (web) process during the run. */
  connections: { workers: number[]; web: number } | null;
  load: string;
}

async function throughput(studio: ScaleStudio, provider: SlowProvider) {
  const { images, user, baseUrl, db, env } = studio;
  const { pidOfOwner } = await import("@/lib/jobs/lease");
  let serial = 0;
  const submit = async (label: string) => {
    const body = images.generationBody(env().MAX_PROMPT_LENGTH).parse({
      prompt: `${label} ${serial++}: a lighthouse on a cliff at dusk, waves and gulls`,
      provider: provider.provider,
      model: provider.model,
      width: size,
      height: size,
    });
    const { job } = await images.createGeneration({ user, body, baseUrl });
    return job.id;
  };
  /** Submits `n` jobs, 8 calls at a time (as several clients would). */
  const submitMany = async (n: number, label: string) => {
    const ids: string[] = [];
    let next = 0;
    await Promise.all(
      range(Math.min(8, n)).map(async () => {
        while (next < n) {
          next++;
          ids.push(await submit(label));
        }
      }),
    );
    return ids;
  };
  const waitForJobs = async (ids: string[], workers: WorkerProcess[]) => {
    const deadline = Date.now() + 10 * 60_000;
    for (;;) {
      const open = await db().job.count({ where: { id: { in: ids }, status: { in: ["queued", "running"] } } });
      if (!open) return;
      if (Date.now() > deadline) throw new Error(`${open} of ${ids.length} jobs still open after 10 min:\n${workers.flatMap((w) => w.output.slice(-20)).join("\n")}`);
      await sleep(100);
    }
  };

  const measure = async (count: number, limit: number): Promise<RunResult> => {
    const workers = await Promise.all(range(count).map(() => studio.startWorker({ PROVIDER_CONCURRENCY: String(limit) })));
    try {
      const slots = Math.min(count * workerConcurrency, limit);
      // Warm-up: every job slot has taken a job (compiled, connected, called, stored) before the clock starts.
      await waitForJobs(await submitMany(count * workerConcurrency, "warm-up"), workers);

      const jobs = waves * slots;
      const cpuBefore = workers.map((w) => w.cpuSeconds());
      const machineBefore = machineCpu();
      const benchBefore = process.cpuUsage();
      const peak = new Map<number, number>();
      const sampler = setInterval(() => {
        for (const [pid, n] of postgresConnectionsByPid() ?? []) peak.set(pid, Math.max(n, peak.get(pid) ?? 0));
      }, 250);
      provider.reset();
      const started = Date.now();
      const ids = await submitMany(jobs, `run ${count}×${limit}`);
      await waitForJobs(ids, workers).finally(() => clearInterval(sampler));
      const cpuAfter = workers.map((w) => w.cpuSeconds());
      const machineAfter = machineCpu();
      const bench = process.cpuUsage(benchBefore);

      const rows = await db().job.findMany({ where: { id: { in: ids } }, select: { status: true, startedAt: true, finishedAt: true, leaseOwner: true } });
      const done = rows.filter((r) => r.status === "succeeded" && r.startedAt && r.finishedAt);
      const stored = await db().image.count({ where: { jobId: { in: ids } } });
      if (stored !== done.length) console.log(`   ${count} worker(s): ${stored} images for ${done.length} succeeded jobs`);
      const firstStart = Math.min(...done.map((r) => r.startedAt!.getTime()));
      const lastFinish = Math.max(...done.map((r) => r.finishedAt!.getTime()));
      const pids = workers.map((w) => w.pid);
      return {
        workers: count,
        limit,
        slots,
        jobs,
        succeeded: done.length,
        rate: done.length / ((lastFinish - firstStart) / 1000),
        overall: done.length / ((lastFinish - started) / 1000),
        maxInFlight: provider.maxInFlight,
        callMs: provider.meanCallMs,
        jobSeconds: mean(done.map((r) => r.finishedAt!.getTime() - r.startedAt!.getTime())) / 1000,
        perWorker: pids.map((pid) => rows.filter((r) => pidOfOwner(r.leaseOwner) === pid).length),
        workerCpuPerImage: cpuAfter.reduce((a, b, i) => a + b - cpuBefore[i], 0) / done.length,
        benchCpuPerImage: (bench.user + bench.system) / 1e6 / done.length,
        machineBusy: ((machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total)) * os.cpus().length,
        connections: peak.size ? { workers: pids.map((pid) => peak.get(pid) ?? 0), web: peak.get(process.pid) ?? 0 } : null,
        load: loadAverage(),
      };
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
  };

  // 1 and 2 workers with room at the provider for every job slot (the limit does not bind), in ABBA order over the
  // rounds (1, 2, 2, 1, …) so a drift in the machine's load affects both alike; then 2 workers under a lower limit.
  const open = 2 * workerConcurrency;
  const order = range(rounds).flatMap((r) => (r % 2 === 0 ? [1, 2] : [2, 1]));
  const results: RunResult[] = [];
  for (const count of order) results.push(await measure(count, open));
  const limited = await measure(2, providerLimit);
  results.push(limited);

  console.log(
    `\n1. generations/s against a provider answering each call after ${fmt(latencyMs / 1000)} s (fake self-hosted OpenAI-compatible server, ${provider.model}, ${size}×${size}, n = 1), ` +
      `${waves} calls per slot in a row after one warm-up job per job slot;\n   WORKER_CONCURRENCY ${workerConcurrency} per worker; PostgreSQL queue and provider slots, s3rver storage`,
  );
  console.log(
    table(
      ["workers", "PROVIDER_CONCURRENCY", "succeeded", "gen/s", "ideal", "gen/s overall", "max in flight", "call", "job", "jobs per worker", "worker CPU/gen", "bench CPU/gen", "cores busy", "PG connections", "load average"],
      results.map((r) => [
        r.workers,
        r.limit,
        `${r.succeeded}/${r.jobs}`,
        fmt(r.rate, 2),
        fmt(r.slots / (latencyMs / 1000), 2),
        fmt(r.overall, 2),
        r.maxInFlight,
        `${fmt(r.callMs / 1000, 2)} s`,
        `${fmt(r.jobSeconds, 2)} s`,
        r.perWorker.join(" + "),
        `${fmt(r.workerCpuPerImage * 1000, 0)} ms`,
        `${fmt(r.benchCpuPerImage * 1000, 0)} ms`,
        fmt(r.machineBusy, 2),
        r.connections ? `${r.connections.workers.join(" + ")} (web ${r.connections.web})` : "–",
        r.load,
      ]),
    ),
  );
  console.log(
    "   gen/s: succeeded jobs / (first job started → last finished); ideal: calls in flight at once (job slots, or the limit\n" +
      "   when lower) / latency; overall: from the first submit; max in flight: image calls at the provider at once (counted\n" +
      "   by the proxy); call: mean time at the provider; job: mean job run (started → finished); worker CPU/gen: user+system\n" +
      "   CPU of the worker processes per generation; bench CPU/gen: this process (submitting, s3rver storing 3 objects per\n   image, the fake provider and its proxy); cores busy: the machine's average over the run (PostgreSQL, s3rver and\n" +
      "   the fake included); PG connections: peak open connections of each worker process (and of this submitting\n   process)",
  );
  const rateOf = (workers: number) => mean(results.filter((r) => r.workers === workers && r.limit === open).map((r) => r.rate));
  const ratio = rateOf(2) / rateOf(1);
  console.log(`   target: 2 workers ≥ 1.9× one (WORKER_CONCURRENCY ${workerConcurrency} each): ${fmt(rateOf(2), 2)} / ${fmt(rateOf(1), 2)} gen/s = ${fmt(ratio, 2)}× ${verdict(ratio >= 1.9)}`);
  console.log(
    `   target: PROVIDER_CONCURRENCY ${providerLimit} holds across 2 workers (${open} job slots): max ${limited.maxInFlight} calls in flight, limit ${providerLimit} ${verdict(limited.maxInFlight <= providerLimit)}; ` +
      `\n   throughput ${fmt(limited.rate, 2)} gen/s, the limit allows ${providerLimit} / ${fmt(latencyMs / 1000)} s = ${fmt(providerLimit / (latencyMs / 1000), 2)} gen/s`,
  );
  for (const r of results) {
    if (r !== limited && r.maxInFlight > r.limit) console.log(`   note: ${r.workers} worker(s) had ${r.maxInFlight} calls in flight with PROVIDER_CONCURRENCY ${r.limit}`);
  }
  const busiest = Math.max(...results.map((r) => r.machineBusy));
  if (busiest >= 0.9 * os.cpus().length) {
    const load = Math.max(...results.map((r) => Number(r.load.split(" / ")[0]) || 0));
    console.log(
      `   note: the machine's ${os.cpus().length} cores were busy (${fmt(busiest, 2)} on average in a run, 1-minute load average up to ${fmt(load)}): ` +
        "the workers' own work\n   waited for a core (job − call above), which lowers the rates, the more so the more job slots compete for the cores",
    );
  }
}
