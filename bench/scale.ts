// Scale-out benchmark (docs/deploy.md), on PostgreSQL + an S3-compatible server (s3rver):
// (1) generations/s with the local renderer for 1 vs 2 worker processes (`scripts/worker.ts`), jobs submitted
//     through the real service (createGeneration) by this process acting as a WORKER=off web instance;
//     target: 2 workers ≥ 1.7× one;
// (2) gallery list latency (GET /api/v1/images route handler, 100 per page) for the first page and for page 1,000
//     with 100,000 images of one owner in PostgreSQL; target: p95 deep / p95 first ≤ 1.5 (keyset pagination).
// Prints numbers and PASS/MISS; never fails on a timing. Needs a PostgreSQL (BENCH_POSTGRES_URL, else
// TEST_POSTGRES_URL, else postgres://postgres@127.0.0.1:5432/test); without one it says so and is skipped.
import os from "node:os";
import { loadAverage, ms, percentile, table } from "./support/stats";
import {
  machineCpu,
  openScaleStudio,
  postgresBaseUrl,
  postgresConnectionsByPid,
  postgresReachable,
  type ScaleStudio,
  type WorkerProcess,
} from "./support/scale-studio";

export const description =
  "scale-out on PostgreSQL + s3rver: local-renderer generations/s with 1 vs 2 worker processes, and gallery list p95 for page 1 vs page 1,000 with 100,000 images";

const int = (name: string, fallback: number, min: number) => Math.max(min, Math.floor(Number(process.env[name] ?? fallback)) || fallback);
const jobsPerRun = int("BENCH_SCALE_JOBS", 160, 20);
const size = int("BENCH_SCALE_SIZE", 512, 64);
const workerConcurrency = int("BENCH_SCALE_WORKER_CONCURRENCY", 4, 1);
const rounds = int("BENCH_SCALE_ROUNDS", 2, 1);
/** Worker counts measured (the target compares 2 with 1). */
const workerCounts = [...new Set((process.env.BENCH_SCALE_WORKER_COUNTS ?? "1,2").split(",").map((v) => Math.floor(Number(v))).filter((v) => v >= 1 && v <= 16))].sort((a, b) => a - b);
const totalImages = int("BENCH_SCALE_IMAGES", 100_000, 1_000);
const listRuns = int("BENCH_SCALE_LIST_RUNS", 200, 20);
/** One more run, not a target: one worker with this WORKER_CONCURRENCY, for the machine's capacity (0: none). */
const capacityConcurrency = Math.max(0, Math.floor(Number(process.env.BENCH_SCALE_CAPACITY_CONCURRENCY ?? 16)) || 0);
const pageSize = 100;
const only = process.env.BENCH_SCALE_ONLY; // "throughput" or "list"

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const fmt = (v: number, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : "–");
const verdict = (ok: boolean) => (ok ? "PASS" : "MISS");

export async function run() {
  const unreachable = await postgresReachable();
  if (unreachable) {
    console.log(`skipped: no PostgreSQL at ${postgresBaseUrl} (${unreachable}); set BENCH_POSTGRES_URL`);
    return;
  }
  const studio = await openScaleStudio({
    workerEnv: {
      WORKER_CONCURRENCY: String(workerConcurrency),
      // The local renderer's cluster-wide slots must not be what limits two workers: room for every job slot.
      PROVIDER_CONCURRENCY: String(Math.max(4, Math.max(...workerCounts) * workerConcurrency)),
    },
  });
  try {
    console.log(`PostgreSQL schema ${studio.schema}, s3rver ${studio.s3.endpoint}; load average ${loadAverage()}`);
    if (only !== "list") await throughput(studio);
    if (only !== "throughput") await galleryList(studio);
  } finally {
    await studio.close();
  }
}

// ── 1. Generations/s, 1 vs 2 workers ──────────────────────────────────────────────────────────────────────────

interface RunResult {
  workers: number;
  concurrency: number;
  steady: number; // generations/s between the 10th and 90th percentile completions
  overall: number; // generations/s, first submit → last finish
  submitSeconds: number;
  succeeded: number;
  perWorker: number[];
  workerCpuPerImage: number; // CPU seconds of the worker processes per generation
  benchCpuPerImage: number; // this process (submitting + s3rver) per generation
  machineBusy: number; // cores busy on average over the run
  /** Peak PostgreSQL connections of each worker process and of this (web) process during the run. */
  connections: { workers: number[]; web: number } | null;
  load: string;
}

async function throughput(studio: ScaleStudio) {
  const { images, user, baseUrl, db, env } = studio;
  const { pidOfOwner } = await import("@/lib/jobs/lease");
  let serial = 0;
  const submit = async (label: string) => {
    const body = images.generationBody(env().MAX_PROMPT_LENGTH).parse({
      prompt: `${label} ${serial}: a lighthouse on a cliff at dusk, waves and gulls`,
      provider: "local",
      width: size,
      height: size,
      seed: 1000 + serial++,
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
    const deadline = Date.now() + 15 * 60_000;
    for (;;) {
      const open = await db().job.count({ where: { id: { in: ids }, status: { in: ["queued", "running"] } } });
      if (!open) return;
      if (Date.now() > deadline) throw new Error(`${open} of ${ids.length} jobs still open after 15 min:\n${workers.flatMap((w) => w.output.slice(-20)).join("\n")}`);
      await sleep(100);
    }
  };

  const measure = async (count: number, concurrency = workerConcurrency): Promise<RunResult> => {
    const extra: Record<string, string> = concurrency === workerConcurrency ? {} : { WORKER_CONCURRENCY: String(concurrency), PROVIDER_CONCURRENCY: String(concurrency) };
    const workers = await Promise.all(range(count).map(() => studio.startWorker(extra)));
    try {
      // Warm-up: every worker has compiled, connected and rendered before the clock starts.
      const warm = await submitMany(6 * count, "warm-up");
      await waitForJobs(warm, workers);

      const cpuBefore = workers.map((w) => w.cpuSeconds());
      const machineBefore = machineCpu();
      const benchBefore = process.cpuUsage();
      const peak = new Map<number, number>();
      const sampler = setInterval(() => {
        for (const [pid, n] of postgresConnectionsByPid() ?? []) peak.set(pid, Math.max(n, peak.get(pid) ?? 0));
      }, 250);
      const started = Date.now();
      const ids = await submitMany(jobsPerRun, `run ${count}`);
      const submitted = Date.now();
      await waitForJobs(ids, workers).finally(() => clearInterval(sampler));
      const cpuAfter = workers.map((w) => w.cpuSeconds());
      const machineAfter = machineCpu();
      const bench = process.cpuUsage(benchBefore);

      const rows = await db().job.findMany({ where: { id: { in: ids } }, select: { status: true, finishedAt: true, leaseOwner: true } });
      const done = rows.filter((r) => r.status === "succeeded");
      const stored = await db().image.count({ where: { jobId: { in: ids } } });
      if (stored !== done.length) console.log(`   ${count} worker(s): ${stored} images for ${done.length} succeeded jobs`);
      const finished = done.map((r) => r.finishedAt!.getTime()).sort((a, b) => a - b);
      const k = Math.floor(finished.length * 0.1);
      const steady = (finished.length - 1 - 2 * k) / ((finished[finished.length - 1 - k] - finished[k]) / 1000);
      const pids = workers.map((w) => w.pid);
      const perWorker = pids.map((pid) => rows.filter((r) => pidOfOwner(r.leaseOwner) === pid).length);
      const workerCpu = cpuAfter.reduce((a, b, i) => a + b - cpuBefore[i], 0);
      const cores = ((machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total)) * os.cpus().length;
      return {
        workers: count,
        concurrency,
        steady,
        overall: done.length / ((finished[finished.length - 1] - started) / 1000),
        submitSeconds: (submitted - started) / 1000,
        succeeded: done.length,
        perWorker,
        workerCpuPerImage: workerCpu / done.length,
        benchCpuPerImage: (bench.user + bench.system) / 1e6 / done.length,
        machineBusy: cores,
        connections: peak.size ? { workers: pids.map((pid) => peak.get(pid) ?? 0), web: peak.get(process.pid) ?? 0 } : null,
        load: loadAverage(),
      };
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
  };

  // ABBA order over the rounds (1, 2, 2, 1, …) so a drift in the machine's load affects both alike.
  const order = range(rounds).flatMap((r) => (r % 2 === 0 ? workerCounts : [...workerCounts].reverse()));
  const results: RunResult[] = [];
  for (const count of order) results.push(await measure(count));
  if (capacityConcurrency && capacityConcurrency !== workerConcurrency) results.push(await measure(1, capacityConcurrency));

  const slots = Math.max(4, Math.max(...workerCounts) * workerConcurrency);
  console.log(
    `\n1. generations/s, local renderer ${size}×${size}, n = 1, ${jobsPerRun} jobs per run after ${6}×workers warm-up jobs; ` +
      `WORKER_CONCURRENCY ${workerConcurrency} per worker, PROVIDER_CONCURRENCY ${slots} (cluster-wide); PostgreSQL queue, s3rver storage`,
  );
  console.log(
    table(
      ["workers", "concurrency", "succeeded", "gen/s steady", "gen/s overall", "jobs per worker", "submit", "worker CPU/gen", "bench CPU/gen", "cores busy", "PG connections", "load average"],
      results.map((r) => [
        r.workers,
        r.concurrency === workerConcurrency ? String(r.concurrency) : `${r.concurrency} (capacity)`,
        `${r.succeeded}/${jobsPerRun}`,
        fmt(r.steady),
        fmt(r.overall),
        r.perWorker.join(" + "),
        `${fmt(r.submitSeconds)} s`,
        `${fmt(r.workerCpuPerImage * 1000, 0)} ms`,
        `${fmt(r.benchCpuPerImage * 1000, 0)} ms`,
        fmt(r.machineBusy, 2),
        r.connections ? `${r.connections.workers.join(" + ")} (web ${r.connections.web})` : "–",
        r.load,
      ]),
    ),
  );
  console.log(
    "   steady: completions between the 10th and 90th percentile over that span; overall: first submit → last finish;\n" +
      "   worker CPU/gen: user+system CPU of the worker processes per generation; bench CPU/gen: this process (submitting, and s3rver\n" +
      "   storing 3 objects per image); cores busy: the machine's average over the run (PostgreSQL included); PG connections:\n" +
      "   peak open connections of each worker process (and of this submitting process) during the run",
  );
  const mean = (workers: number) => {
    const of = results.filter((r) => r.workers === workers && r.concurrency === workerConcurrency).map((r) => r.steady);
    return of.reduce((a, b) => a + b, 0) / of.length;
  };
  if (workerCounts.includes(1) && workerCounts.includes(2)) {
    const ratio = mean(2) / mean(1);
    console.log(`   target: 2 workers ≥ 1.7× one (steady): ${fmt(mean(2))} / ${fmt(mean(1))} gen/s = ${fmt(ratio, 2)}× ${verdict(ratio >= 1.7)}`);
  }
  for (const count of workerCounts.filter((c) => c > 2 && workerCounts.includes(1))) {
    console.log(`   (not a target) ${count} workers / one: ${fmt(mean(count) / mean(1), 2)}×`);
  }
  const capacity = results.find((r) => r.concurrency !== workerConcurrency);
  if (capacity) {
    console.log(
      `   (not a target) one worker with WORKER_CONCURRENCY ${capacity.concurrency}: ${fmt(capacity.steady)} gen/s, ${fmt(capacity.machineBusy, 2)} cores busy. ` +
        `When one worker\n   already keeps the machine's cores busy (cores busy ≈ the core count), a second worker on the same machine has nothing ` +
        `left to add:\n   the ratio measures the machine, not the queue; workers scale across machines`,
    );
  }
}

// ── 2. Gallery list, first page vs page 1,000 ─────────────────────────────────────────────────────────────────

async function galleryList(studio: ScaleStudio) {
  const { db, user, baseUrl, schema } = studio;
  const { GET: listRoute } = await import("@/app/api/v1/images/route");
  const { encodeCursor, afterCursor } = await import("@/lib/db-cursor");

  // A real stored image as the template of every seeded row (prompt, placeholder, params: a row of real width).
  let template = await db().image.findFirst({ where: { ownerId: user.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  if (!template) {
    const { default: sharp } = await import("sharp");
    const data = await sharp({ create: { width: 256, height: 256, channels: 3, background: { r: 40, g: 120, b: 200 } } }).png().toBuffer();
    template = await studio.images.storeImage({
      ownerId: user.id,
      kind: "generated",
      format: "png",
      hasAlpha: false,
      width: 256,
      height: 256,
      data,
      fields: { prompt: "a lighthouse on a cliff at dusk", provider: "local", model: "local-v1", seed: 1, searchText: "a lighthouse on a cliff at dusk" },
    });
  }
  const existing = await db().image.count({ where: { ownerId: user.id } });
  const toSeed = Math.max(0, totalImages - existing);

  // Seeding: one INSERT … SELECT per 5,000 rows, copied from the template in SQL (the rows share its storage
  // keys: a list reads no file). Distinct prompts; dates spread over 100 days, older than every real row, with
  // every 4 rows sharing a millisecond (as images of one batch can), so ties on createdAt are broken by id.
  const columns = (
    await db().$queryRawUnsafe<Array<{ column_name: string }>>(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'Image' ORDER BY ordinal_position`,
      schema,
    )
  ).map((c) => c.column_name);
  const oldest = await db().image.findFirst({ where: { ownerId: user.id }, orderBy: { createdAt: "asc" }, select: { createdAt: true } });
  const newest = (oldest?.createdAt.getTime() ?? Date.now()) - 1000;
  const spanMs = 100 * 24 * 3600 * 1000;
  const override: Record<string, string> = {
    id: `'img_bench' || lpad(g::text, 7, '0')`,
    prompt: `t."prompt" || ', take ' || g`,
    effectivePrompt: `t."effectivePrompt" || ', take ' || g`,
    searchText: `lower(coalesce(t."prompt", 'image') || ', take ' || g)`,
    seed: `g`,
    jobId: `NULL`,
    createdAt: `(to_timestamp(${newest / 1000}) AT TIME ZONE 'UTC') - ((g / 4) * 4)::bigint * ${Math.max(1, Math.floor(spanMs / Math.max(1, toSeed)))} * interval '1 millisecond'`,
  };
  const seedStarted = performance.now();
  for (let from = 1; from <= toSeed; from += 5000) {
    const to = Math.min(toSeed, from + 4999);
    await db().$executeRawUnsafe(
      `INSERT INTO "Image" (${columns.map((c) => `"${c}"`).join(", ")})
       SELECT ${columns.map((c) => override[c] ?? `t."${c}"`).join(", ")}
       FROM "Image" t, generate_series(${from}, ${to}) AS g WHERE t.id = $1`,
      template.id,
    );
  }
  await db().$executeRawUnsafe(`ANALYZE "Image"`);
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  const total = await db().image.count({ where: { ownerId: user.id } });

  /** The keyset cursor of the row just before page `page` (1-based), found by walking keys in SQL. */
  const cursorOf = async (page: number) => {
    if (page === 1) return undefined;
    const [row] = await db().$queryRawUnsafe<Array<{ createdAt: Date | string; id: string }>>(
      `SELECT "createdAt", id FROM "Image" WHERE "ownerId" = $1 ORDER BY "createdAt" DESC, id DESC OFFSET ${(page - 1) * pageSize - 1} LIMIT 1`,
      user.id,
    );
    const key = { createdAt: asDate(row.createdAt), id: row.id };
    return { key, cursor: encodeCursor(key) };
  };
  const deepPage = Math.floor(total / pageSize); // 1,000 with 100,000 images
  const midPage = Math.max(2, Math.round(deepPage / 2));
  const pages = [1, midPage, deepPage];
  const cursors = new Map(await Promise.all(pages.map(async (p) => [p, await cursorOf(p)] as const)));

  const request = async (page: number) => {
    const c = cursors.get(page);
    const res = await listRoute(new Request(`${baseUrl}/api/v1/images?limit=${pageSize}${c ? `&cursor=${c.cursor}` : ""}`));
    const text = await res.text();
    if (res.status !== 200) throw new Error(`GET /api/v1/images (page ${page}) answered ${res.status}: ${text.slice(0, 300)}`);
    return text;
  };

  // Correctness first: each page is the right 100 rows.
  const checks: string[] = [];
  for (const page of pages) {
    const body = JSON.parse(await request(page)) as { items: Array<{ id: string }>; nextCursor: string | null };
    const [expected] = await db().$queryRawUnsafe<Array<{ id: string }>>(
      `SELECT id FROM "Image" WHERE "ownerId" = $1 ORDER BY "createdAt" DESC, id DESC OFFSET ${(page - 1) * pageSize} LIMIT 1`,
      user.id,
    );
    const ok = body.items.length === Math.min(pageSize, total - (page - 1) * pageSize) && body.items[0]?.id === expected.id && (body.nextCursor === null) === (page * pageSize >= total);
    checks.push(`page ${page}: ${body.items.length} items, first ${body.items[0]?.id}${ok ? "" : ` — WRONG (expected ${expected.id})`}`);
  }

  const samples = new Map<number, number[]>(pages.map((p) => [p, []]));
  const queryCurrent = new Map<number, number[]>(pages.map((p) => [p, []]));
  const queryBounded = new Map<number, number[]>(pages.map((p) => [p, []]));
  const orderBy = [{ createdAt: "desc" as const }, { id: "desc" as const }];
  for (let round = -20; round < listRuns; round++) {
    // The order rotates every round; the first 20 rounds warm up and are not counted.
    const rotated = pages.map((_, i) => pages[(i + round + 20) % pages.length]);
    for (const page of rotated) {
      const t0 = performance.now();
      await request(page);
      const elapsed = performance.now() - t0;
      if (round >= 0) samples.get(page)!.push(elapsed);
    }
    // For reading the numbers: the query alone as listImageRows sends it, and with the redundant bound
    // `createdAt <= cursor.createdAt` that lets PostgreSQL start the index scan at the cursor (a proposal).
    if (round % 4 === 0) {
      for (const page of rotated) {
        const c = cursors.get(page);
        const keyset = c ? afterCursor(c.key) : {};
        let t0 = performance.now();
        await db().image.findMany({ where: { ownerId: user.id, ...keyset }, orderBy, take: pageSize + 1 });
        if (round >= 0) queryCurrent.get(page)!.push(performance.now() - t0);
        t0 = performance.now();
        await db().image.findMany({ where: { ownerId: user.id, ...(c ? { createdAt: { lte: c.key.createdAt } } : {}), ...keyset }, orderBy, take: pageSize + 1 });
        if (round >= 0) queryBounded.get(page)!.push(performance.now() - t0);
      }
    }
  }

  // How PostgreSQL runs the keyset query (the statement's shape as Prisma writes it) for each page.
  const plans: string[] = [];
  for (const page of pages) {
    const c = cursors.get(page);
    const keysetSql = c ? `AND ("createdAt" < $2 OR ("createdAt" = $2 AND id < $3))` : "";
    const params: unknown[] = c ? [user.id, c.key.createdAt, c.key.id] : [user.id];
    const [{ "QUERY PLAN": plan }] = await db().$queryRawUnsafe<Array<{ "QUERY PLAN": Array<{ Plan: PlanNode; "Execution Time": number }> }>>(
      `EXPLAIN (ANALYZE, FORMAT JSON) SELECT * FROM "Image" WHERE "ownerId" = $1 ${keysetSql} ORDER BY "createdAt" DESC, id DESC LIMIT ${pageSize + 1}`,
      ...params,
    );
    plans.push(`page ${page}: ${describePlan(plan[0].Plan)}; ${fmt(plan[0]["Execution Time"], 2)} ms in PostgreSQL`);
  }

  console.log(
    `\n2. gallery list: GET /api/v1/images?limit=${pageSize} (route handler: auth, query, keyset page, DTOs, JSON) with ${total.toLocaleString("en")} images of one owner ` +
      `(${toSeed.toLocaleString("en")} seeded in ${fmt(seedSeconds)} s, 5,000 rows per INSERT); ${listRuns} rounds after 20 warm-up, pages interleaved; load average ${loadAverage()}`,
  );
  for (const line of checks) console.log(`   ${line}`);
  const p = (v: number[] | undefined, q: number) => percentile(v ?? [], q);
  const rowsBefore = (page: number) => ((page - 1) * pageSize).toLocaleString("en");
  console.log(
    table(
      ["page", "rows before it", "route p50", "route p95", "min", "max", "query p50 (as sent)", "query p50 with createdAt ≤ bound"],
      pages.map((page) => [
        page.toLocaleString("en"),
        rowsBefore(page),
        ms(p(samples.get(page), 50)),
        ms(p(samples.get(page), 95)),
        ms(Math.min(...samples.get(page)!)),
        ms(Math.max(...samples.get(page)!)),
        ms(p(queryCurrent.get(page), 50)),
        ms(p(queryBounded.get(page), 50)),
      ]),
    ),
  );
  for (const line of plans) console.log(`   plan, ${line}`);
  const first = p(samples.get(1), 95);
  const deep = p(samples.get(deepPage), 95);
  const mid = p(samples.get(midPage), 95);
  console.log(`   target: p95 page ${deepPage.toLocaleString("en")} / p95 page 1 ≤ 1.5: ${ms(deep)} / ${ms(first)} = ${fmt(deep / first, 2)} ${verdict(deep / first <= 1.5)}`);
  console.log(`   (not a target) p95 page ${midPage.toLocaleString("en")} / p95 page 1: ${ms(mid)} / ${ms(first)} = ${fmt(mid / first, 2)} ${mid / first <= 1.5 ? "(within 1.5)" : "(above 1.5)"}`);
}

/** A timestamp column from a raw query (a Date, or a UTC text without zone, depending on the driver). */
const asDate = (v: Date | string) => (v instanceof Date ? v : new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v.replace(" ", "T")}Z`));

interface PlanNode {
  "Node Type": string;
  "Index Name"?: string;
  "Index Cond"?: string;
  "Scan Direction"?: string;
  "Rows Removed by Filter"?: number;
  "Actual Rows"?: number;
  Plans?: PlanNode[];
}

/** "Limit → Index Scan Backward on Image_ownerId_createdAt_id_idx (rows removed by filter: 49,900)" and the like. */
function describePlan(node: PlanNode): string {
  const parts: string[] = [];
  let removed = 0;
  const walk = (n: PlanNode, depth: number) => {
    if (depth < 4) parts.push(`${n["Node Type"]}${n["Scan Direction"] === "Backward" ? " Backward" : ""}${n["Index Name"] ? ` (${n["Index Name"]})` : ""}`);
    removed += n["Rows Removed by Filter"] ?? 0;
    for (const child of n.Plans ?? []) walk(child, depth + 1);
  };
  walk(node, 0);
  return `${parts.join(" → ")}, rows removed by filter: ${removed.toLocaleString("en")}`;
}
