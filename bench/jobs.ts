// Jobs benchmark: (1) how long a generation waits between being submitted and starting, through the in-process
// queue, with small (256×256) local-renderer jobs submitted one at a time and in a burst of 100; (2) SSE fan-out:
// 200 event streams opened concurrently through the events route handler on one running job, each read to its
// end. Prints numbers and checks (all streams end with the terminal event, all see the same sequence), and how
// many shared readers the streams started and how often they read the log; never fails on a timing.
import type { GenerateRequest, ProviderContext } from "@/lib/providers/types";
import { readSse, type SseRead } from "./support/sse";
import { loadAverage, ms, percentile, table } from "./support/stats";
import { openStudio } from "./support/studio";

export const description =
  "enqueue-to-start latency of the in-process queue (256×256 local jobs, one at a time and a burst of 100) and SSE fan-out (200 event streams on one 1024×1024 n=4 job)";

const samples = Math.max(5, Number(process.env.BENCH_JOB_SAMPLES ?? 30));
const burstSize = 100;
const streamCount = Math.max(1, Number(process.env.BENCH_SSE_STREAMS ?? 200));
const rounds = Math.max(1, Number(process.env.BENCH_SSE_ROUNDS ?? 3));
const streamTimeoutMs = 120_000;
const terminal = new Set(["completed", "failed", "canceled"]);

/** performance.now() marks of one job. */
interface Marks {
  called?: number; // createGeneration called
  returned?: number; // createGeneration returned
  enqueued?: number; // jobQueue().enqueue(id)
  dispatched?: number; // the queue handed the id to the worker (runJob)
  providerCalled?: number; // claimed, row read, provider semaphore passed: the job runs
  firstProgress?: number; // the first progress event (the local renderer reports one per image drawn)
  finished?: number; // the in-process `finished` event (after the row has its final state)
  terminalWritten?: number; // the terminal event's row is written (streams in this process are woken)
}

const p = (v: number[], q: number) => ms(percentile(v.filter(Number.isFinite), q));
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

export async function run() {
  process.env.RATE_LIMIT_PER_MINUTE = "1000000";
  process.env.DAILY_BUDGET_USD = "1000";
  const studio = await openStudio();
  const { images, user, baseUrl, db } = studio;
  const { setProvidersForTests } = await import("@/lib/providers/registry");
  const { LocalProvider } = await import("@/lib/providers/local");
  const { InProcessQueue } = await import("@/lib/jobs/queue");
  const { jobQueue, setJobQueueForTests, waitForJob } = await import("@/lib/jobs/worker");
  const { jobEvents } = await import("@/lib/jobs/events");
  const { jobEventFeedStats, jobEventsWritten, openJobEventStreams } = await import("@/lib/jobs/event-log");
  const { GET: eventsRoute } = await import("@/app/api/v1/jobs/[id]/events/route");
  const { env } = await import("@/lib/env");

  // Marks per job id; the provider sees no job id, so its marks go by prompt (unique per job) and are joined later.
  const byJob = new Map<string, Marks>();
  const byPrompt = new Map<string, Marks>();
  const promptOf = new Map<string, string>();
  const markOf = (map: Map<string, Marks>, key: string) => map.get(key) ?? (map.set(key, {}), map.get(key)!);
  const marks = (id: string): Marks => ({ ...markOf(byPrompt, promptOf.get(id) ?? ""), ...markOf(byJob, id) });

  /** The app's in-process queue, noting when a job is enqueued and when a worker takes it. */
  class TimedQueue extends InProcessQueue {
    async enqueue(jobId: string, options?: { ownerId?: string }) {
      markOf(byJob, jobId).enqueued = performance.now();
      return super.enqueue(jobId, options);
    }
    start(handler: (jobId: string) => Promise<void>, concurrency: number) {
      super.start((jobId) => ((markOf(byJob, jobId).dispatched = performance.now()), handler(jobId)), concurrency);
    }
  }
  /** The local renderer, noting when it is called and when it first reports progress. */
  class TimedLocal extends LocalProvider {
    async generate(request: GenerateRequest, context: ProviderContext) {
      const m = markOf(byPrompt, request.prompt);
      m.providerCalled ??= performance.now();
      const onProgress = context.onProgress;
      return super.generate(request, { ...context, onProgress: (e) => ((m.firstProgress ??= performance.now()), onProgress?.(e)) });
    }
  }
  setProvidersForTests([new TimedLocal()]);
  // A fresh queue and worker start: an earlier benchmark module in this process may have stopped the last one.
  setJobQueueForTests(new TimedQueue());

  const submit = async (prompt: string, size: number, n = 1) => {
    const body = images.generationBody(env().MAX_PROMPT_LENGTH).parse({ prompt, provider: "local", width: size, height: size, n });
    const called = performance.now();
    const { job } = await images.createGeneration({ user, body, baseUrl });
    Object.assign(markOf(byJob, job.id), { called, returned: performance.now() });
    promptOf.set(job.id, prompt);
    jobEvents.on(job.id, function onEvent(e: { type: string }) {
      if (e.type !== "finished") return;
      const m = markOf(byJob, job.id);
      m.finished = performance.now();
      jobEvents.off(job.id, onEvent);
      // The event log queued the terminal event before this listener ran: its write is on the job's chain.
      void jobEventsWritten(job.id).then(() => (m.terminalWritten = performance.now()));
    });
    return job.id;
  };
  const settle = async (id: string) => {
    await waitForJob(id, 300_000);
    await jobEventsWritten(id);
  };
  const rowsOf = (ids: string[]) => db().job.findMany({ where: { id: { in: ids } } });

  /** Latencies of a set of jobs, by measure. */
  const latencies = async (ids: string[]) => {
    const rows = await rowsOf(ids);
    const m = ids.map(marks);
    const d = (from: keyof Marks, to: keyof Marks) => m.map((x) => (x[to] ?? NaN) - (x[from] ?? NaN));
    return {
      rows,
      measures: [
        ["row: startedAt − createdAt", rows.map((r) => (r.startedAt ? r.startedAt.getTime() - r.createdAt.getTime() : NaN))],
        ["createGeneration returned → provider called (job running)", d("returned", "providerCalled")],
        ["createGeneration called → provider called", d("called", "providerCalled")],
        ["  createGeneration call (validate, limits, budget, insert, enqueue)", d("called", "returned")],
        ["  enqueued → worker takes it (queue wait)", d("enqueued", "dispatched")],
        ["  worker takes it → provider called (claim, read, semaphore)", d("dispatched", "providerCalled")],
        ["createGeneration returned → first progress event (image drawn)", d("returned", "firstProgress")],
        ["createGeneration returned → finished", d("returned", "finished")],
      ] as [string, number[]][],
    };
  };

  try {
    // ── 1. Enqueue-to-start latency ────────────────────────────────────────────────────────────────────────
    for (let i = 0; i < 3; i++) await settle(await submit(`warm-up ${i}: a lighthouse on a cliff at sunset`, 256));
    const single: string[] = [];
    for (let i = 0; i < samples; i++) {
      const id = await submit(`single ${i}: a lighthouse on a cliff at sunset`, 256);
      await settle(id);
      single.push(id);
    }
    const one = await latencies(single);
    const loadSingle = loadAverage();

    const burstStartedAt = Date.now();
    const t0 = performance.now();
    const burst = await Promise.all(range(burstSize).map((i) => submit(`burst ${i}: a lighthouse on a cliff at sunset`, 256)));
    const submittedMs = performance.now() - t0;
    await Promise.all(burst.map(settle));
    const waitedMs = performance.now() - t0;
    const many = await latencies(burst);
    const succeeded = many.rows.filter((r) => r.status === "succeeded").length;
    const lastFinish = Math.max(...many.rows.map((r) => r.finishedAt?.getTime() ?? NaN));
    const burstSeconds = (lastFinish - burstStartedAt) / 1000;

    const concurrency = `worker concurrency ${env().PROVIDER_CONCURRENCY * 2}, local renderer semaphore ${env().PROVIDER_CONCURRENCY}`;
    console.log(`\n1. enqueue-to-start latency, 256×256 local jobs (${concurrency})`);
    console.log(`   one at a time: n = ${samples} after 3 warm-ups, load average ${loadSingle}; burst: ${burstSize} submitted at once, load average ${loadAverage()}`);
    console.log(
      table(
        ["measure", "one at a time p50", "p95", `burst of ${burstSize} p50`, "p95"],
        one.measures.map(([name, v], i) => [name, p(v, 50), p(v, 95), p(many.measures[i][1], 50), p(many.measures[i][1], 95)]),
      ),
    );
    console.log(
      "\n" +
        table(
          [`burst of ${burstSize}`, "value"],
          [
            ["jobs succeeded", `${succeeded}/${burstSize}`],
            ["all createGeneration calls returned after", ms(submittedMs)],
            ["first submit → last job finishedAt (row)", ms(burstSeconds * 1000)],
            ["first submit → every job seen finished (in process)", ms(waitedMs)],
            ["throughput", `${(succeeded / burstSeconds).toFixed(1)} jobs/s`],
          ],
        ),
    );
    if (succeeded < burstSize) console.log(`   not succeeded: ${many.rows.filter((r) => r.status !== "succeeded").map((r) => `${r.id} ${r.status} ${JSON.stringify(r.error)}`).join("; ")}`);

    // ── 2. SSE fan-out ─────────────────────────────────────────────────────────────────────────────────────
    const correctness: (string | number)[][] = [];
    const timing: (string | number)[][] = [];
    let sequence = "";
    for (let r = 0; r < rounds; r++) {
      // The same job without any stream, for its run time.
      const baseline = await submit(`baseline ${r}: a lighthouse on a cliff at sunset`, 1024, 4);
      await settle(baseline);
      const baseRun = marks(baseline);

      const id = await submit(`fan-out ${r}: a lighthouse on a cliff at sunset`, 1024, 4);
      const feedsBefore = jobEventFeedStats();
      const openedAt = performance.now();
      let opened = 0;
      let lastOpened = NaN;
      const reads: SseRead[] = await Promise.all(
        range(streamCount).map(async () => {
          try {
            const res = await eventsRoute(new Request(`${baseUrl}/api/v1/jobs/${id}/events`), { params: Promise.resolve({ id }) });
            if (res.status !== 200 || !res.headers.get("content-type")?.startsWith("text/event-stream")) {
              return { events: [], comments: 0, closed: false, error: `HTTP ${res.status}: ${(await res.text()).slice(0, 200)}` };
            }
            opened++;
            lastOpened = performance.now();
            return await readSse(res, streamTimeoutMs);
          } catch (error) {
            return { events: [], comments: 0, closed: false, error: `open failed: ${(error as Error).message}` };
          }
        }),
      );
      await settle(id);
      const feedsAfter = jobEventFeedStats();
      const job = marks(id);
      const [row] = await rowsOf([id]);
      const log = await db().jobEvent.findMany({ where: { jobId: id }, orderBy: { seq: "asc" }, select: { seq: true, type: true } });

      const ended = reads.filter((s) => s.closed && terminal.has(s.events.at(-1)?.event ?? ""));
      const failed = reads.filter((s) => s.error || !s.closed || !terminal.has(s.events.at(-1)?.event ?? ""));
      const key = (s: SseRead) => s.events.map((e) => `${e.id}\u0000${e.event}\u0000${e.data}`).join("\u0001");
      const counts = new Map<string, number>();
      for (const s of reads) counts.set(key(s), (counts.get(key(s)) ?? 0) + 1);
      const [common, same] = [...counts].sort((a, b) => b[1] - a[1])[0];
      const reference = reads.find((s) => key(s) === common)!;
      const matchesLog = JSON.stringify(reference.events.map((e) => [e.id, e.event])) === JSON.stringify(log.map((e) => [e.seq, e.type]));
      const sizes = reads.map((s) => s.events.length);
      const heartbeats = reads.reduce((n, s) => n + s.comments, 0);
      sequence = reference.events.map((e) => e.event).join(", ");
      for (const s of failed.slice(0, 3)) console.log(`   round ${r + 1}: stream error: ${s.error ?? (s.closed ? `ended after "${s.events.at(-1)?.event}"` : "not closed")}`);

      correctness.push([
        r + 1,
        `${opened}/${streamCount}`,
        `${ended.length}/${streamCount}`,
        failed.length,
        Math.min(...sizes) === Math.max(...sizes) ? String(sizes[0]) : `${Math.min(...sizes)}–${Math.max(...sizes)}`,
        `${same}/${streamCount}${counts.size > 1 ? ` (${counts.size} variants)` : ""}`,
        matchesLog ? "yes" : "NO",
        `${row.status}, ${openJobEventStreams(id)} left open${heartbeats ? `, ${heartbeats} heartbeats` : ""}`,
        `${feedsAfter.feedsStarted - feedsBefore.feedsStarted}: ${feedsAfter.feedReads - feedsBefore.feedReads} + ${feedsAfter.replayReads - feedsBefore.replayReads}`,
        opened === streamCount && ended.length === streamCount && !failed.length && same === streamCount && matchesLog ? "PASS" : "MISS",
      ]);
      if (!(lastOpened < (job.finished ?? NaN))) console.log(`   round ${r + 1}: the job ended before every stream was open (some only replayed it)`);
      const end = job.finished ?? NaN;
      const closing = reads.filter((s) => s.closedAt !== undefined).map((s) => s.closedAt! - end);
      const firstTerminal = Math.min(...reads.map((s) => s.events.find((e) => terminal.has(e.event))?.at ?? Infinity));
      const since = (from: number | undefined, to: number | undefined) => ms((to ?? NaN) - (from ?? NaN));
      timing.push([
        ms(lastOpened - openedAt),
        since(baseRun.dispatched, baseRun.finished),
        since(job.dispatched, end),
        since(baseRun.finished, baseRun.terminalWritten),
        since(end, job.terminalWritten),
        ms(firstTerminal - end),
        p(closing, 50),
        p(closing, 95),
        ms(Math.max(...closing)),
      ]);
    }
    console.log(`\n2. SSE fan-out: ${streamCount} event streams (events route GET, real Requests) on one 1024×1024 n=4 local job, ${rounds} round(s); load average ${loadAverage()}`);
    console.log(`   round ${rounds}'s sequence (the number of progress events varies with the 250 ms throttle): ${sequence}`);
    console.log(table(["round", "streams opened", "ended with terminal event", "errors", "events/stream", "identical sequences", "= event log", "job, after", "readers: log reads + replays", "target"], correctness));
    console.log(`   target: ${streamCount}/${streamCount} opened and ended with the terminal event, 0 errors, every sequence identical and equal to the log`);
    const measures = [
      `all ${streamCount} streams opened (route GET → 200)`,
      "job run, no streams (worker takes it → finished)",
      `job run, ${streamCount} streams`,
      "job end → terminal event written, no streams",
      `job end → terminal event written, ${streamCount} streams`,
      "job end → first stream has the terminal event",
      "job end → stream closed, p50",
      "job end → stream closed, p95",
      "job end → last stream closed",
    ];
    console.log("\n" + table(["measure", ...range(rounds).map((r) => `round ${r + 1}`)], measures.map((name, i) => [name, ...timing.map((t) => t[i])])));
    console.log("   job end: the in-process `finished` event (the job's row is final; its terminal event is queued for writing)");
  } finally {
    setProvidersForTests(undefined);
    await jobQueue().stop();
    setJobQueueForTests(undefined);
    await studio.close();
  }
}
