// SSE fan-out: one shared reader per job and process (lib/jobs/event-feed.ts). Many streams of one job get every
// event once and in order while the log is read by one reader; a stream joining mid-job replays what it missed
// and joins the live feed without gap or duplicate; the reader stops when its last stream goes; a client that
// does not read holds up no one. Database reads are counted with spies on the Prisma client the app uses.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as generate } from "@/app/api/v1/generations/route";
import { GET as events } from "@/app/api/v1/jobs/[id]/events/route";
import { db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { newId } from "@/lib/ids";
import { jobEventFeedStats, jobEventStream, jobEventsWritten, openJobEventStreams } from "@/lib/jobs/event-log";
import { emitJobEvent } from "@/lib/jobs/events";
import type { JobQueue } from "@/lib/jobs/queue";
import { jobHandlers } from "@/lib/images/job-handlers";
import { runJob, setJobQueueForTests } from "@/lib/jobs/worker";
import { LocalProvider } from "@/lib/providers/local";
import { setProvidersForTests } from "@/lib/providers/registry";
import type { GenerateRequest, ProviderContext } from "@/lib/providers/types";
import { origin, send } from "../support/http";
import { ensureLocalUser } from "../support/studio";

type Sse = { id: number; event: string; data: unknown };

/** Reads Server-Sent Events from a body: `next` gives one event, "closed" or "timeout"; `all` reads to the end. */
function sseReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const queue: Sse[] = [];
  let buffer = "";
  let done = false;
  let pending: Promise<ReadableStreamReadResult<Uint8Array>> | undefined;
  async function next(timeoutMs = 5000): Promise<Sse | "closed" | "timeout"> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (queue.length) return queue.shift()!;
      if (done) return "closed";
      const left = deadline - Date.now();
      if (left <= 0) return "timeout";
      pending ??= reader.read();
      const read = await Promise.race([pending, new Promise<"timeout">((r) => setTimeout(() => r("timeout"), left))]);
      if (read === "timeout") return "timeout";
      pending = undefined;
      if (read.done) done = true;
      else buffer += decoder.decode(read.value, { stream: true });
      for (let i = buffer.indexOf("\n\n"); i >= 0; i = buffer.indexOf("\n\n")) {
        const fields: Record<string, string> = {};
        for (const line of buffer.slice(0, i).split("\n")) if (line && !line.startsWith(":")) fields[line.slice(0, line.indexOf(":"))] = line.slice(line.indexOf(":") + 1).trim();
        if (fields.event) queue.push({ id: Number(fields.id), event: fields.event, data: JSON.parse(fields.data) });
        buffer = buffer.slice(i + 2);
      }
    }
  }
  async function all(timeoutMs: number) {
    const got: Sse[] = [];
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const e = await next(Math.max(1, deadline - Date.now()));
      if (e === "closed" || e === "timeout") return { events: got, closed: e === "closed" };
      got.push(e);
    }
  }
  return { next, all };
}

class HeldQueue implements JobQueue {
  async enqueue() {}
  start() {}
  async stop() {}
}

/** The local renderer, held after its first progress report until the test opens the gate. */
class GatedProvider extends LocalProvider {
  open!: () => void;
  private readonly gate = new Promise<void>((resolve) => (this.open = resolve));
  async generate(request: GenerateRequest, context: ProviderContext) {
    context.onProgress?.({ progress: 0.5 });
    await this.gate;
    return super.generate(request, context);
  }
}

/** Every query the app makes for this job's events and row, by kind, from spies on the shared Prisma client. */
function countQueries() {
  const spies = {
    eventsRead: vi.spyOn(db().jobEvent, "findMany"),
    eventsLast: vi.spyOn(db().jobEvent, "findFirst"),
    jobRead: vi.spyOn(db().job, "findUnique"),
  };
  const of = (spy: { mock: { calls: unknown[][] } }, jobId: string) =>
    spy.mock.calls.filter(([args]) => {
      const where = (args as { where?: { jobId?: string; id?: string } } | undefined)?.where;
      return where?.jobId === jobId || where?.id === jobId;
    }).length;
  return {
    for: (jobId: string) => ({ eventsRead: of(spies.eventsRead, jobId), eventsLast: of(spies.eventsLast, jobId), jobRead: of(spies.jobRead, jobId) }),
    reset: () => Object.values(spies).forEach((s) => s.mockClear()),
  };
}

beforeAll(() => ensureLocalUser());
beforeEach(() => {
  Object.assign(process.env, { PROVIDER_MAX_RETRIES: "0", DAILY_BUDGET_USD: "5", RATE_LIMIT_PER_MINUTE: "1000", PROVIDER_FALLBACK_ORDER: "" });
  resetEnvForTests();
  setProvidersForTests([new LocalProvider()]);
  setJobQueueForTests(new HeldQueue());
});
afterEach(() => {
  vi.restoreAllMocks();
  setJobQueueForTests(undefined);
});
afterAll(() => setProvidersForTests(undefined));

const createJob = async (json: object) => {
  const res = await send(generate, "/api/v1/generations", { json });
  expect(res.status, await res.clone().text()).toBe(202);
  return ((await res.json()) as { id: string }).id;
};
const open = async (id: string, lastEventId?: number, signal?: AbortSignal) => {
  const headers = new Headers(lastEventId === undefined ? {} : { "Last-Event-ID": String(lastEventId) });
  const res = await events(new Request(`${origin}/api/v1/jobs/${id}/events`, { headers, signal }), { params: Promise.resolve({ id }) });
  expect(res.status).toBe(200);
  return sseReader(res.body!);
};
const logOf = async (jobId: string): Promise<Sse[]> =>
  (await db().jobEvent.findMany({ where: { jobId }, orderBy: { seq: "asc" } })).map((r) => ({ id: r.seq, event: r.type, data: r.data }));
const jobRow = () => db().job.create({ data: { id: newId("job"), ownerId: "local", type: "generate", status: "running", input: {} } });
const finish = async (jobId: string) => {
  await db().job.update({ where: { id: jobId }, data: { status: "succeeded", finishedAt: new Date() } });
  emitJobEvent({ type: "finished", jobId, status: "succeeded" });
};
/** Resolves when `check` holds (polled every 10 ms), or fails after `timeoutMs`. */
async function until(check: () => boolean, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("SSE fan-out: one shared reader per job", () => {
  it("50 concurrent streams of one job each get every event exactly once, in order, from one reader", async () => {
    const id = await createJob({ prompt: "fifty viewers", provider: "local", n: 3, width: 256, height: 256 });
    const before = jobEventFeedStats();
    const queries = countQueries();
    const readers = await Promise.all(Array.from({ length: 50 }, () => open(id)));
    await until(() => openJobEventStreams(id) === 50);
    const run = runJob(id, jobHandlers);
    const results = await Promise.all(readers.map((r) => r.all(15_000)));
    await run;
    await jobEventsWritten(id);
    const counted = queries.for(id);
    const after = jobEventFeedStats();

    const log = await logOf(id);
    expect(log.filter((e) => e.event === "image")).toHaveLength(3);
    expect(log.at(-1)?.event).toBe("completed");
    for (const { events: got, closed } of results) {
      expect(closed).toBe(true);
      expect(got.map((e) => [e.id, e.event])).toEqual(log.map((e) => [e.id, e.event])); // 1…n: each once, in order
      expect(got).toEqual(results[0].events); // the same data, byte for byte as parsed
    }
    expect(JSON.stringify(results[0].events.find((e) => e.event === "image")?.data)).toContain(`"url":"${origin}/api/v1/images/`);
    expect(openJobEventStreams(id)).toBe(0);

    // One reader: every read of the job's events was the shared reader's (no replay was needed: the streams
    // were open before the first event), and it read once per wake-up or poll, not once per stream.
    expect(after.feedsStarted - before.feedsStarted).toBe(1);
    expect(after.replayReads - before.replayReads).toBe(0);
    expect(counted.eventsRead).toBe(after.feedReads - before.feedReads);
    expect(counted.eventsRead).toBeLessThan(20);
    expect(counted.eventsRead).toBeGreaterThanOrEqual(1);
    expect(after.feeds).toBe(before.feeds); // stopped after the final event
  });

  it("a stream joining mid-job with Last-Event-ID gets what it missed, then the live events, with no gap and no duplicate", async () => {
    const gated = new GatedProvider();
    setProvidersForTests([gated]);
    const id = await createJob({ prompt: "a late viewer", n: 2, width: 256, height: 256 });
    const first = await open(id);
    const run = runJob(id, jobHandlers);
    expect(await first.next()).toMatchObject({ id: 1, event: "progress" });
    // The job is held after event 1: one stream replays it (from 0), one already has it (from 1).
    const fromStart = await open(id, 0);
    const fromOne = await open(id, 1);
    expect(await fromStart.next()).toMatchObject({ id: 1, event: "progress" });
    expect(await fromOne.next(300)).toBe("timeout");
    gated.open();
    const [a, b, c] = await Promise.all([first.all(10_000), fromStart.all(10_000), fromOne.all(10_000)]);
    await run;
    const log = await logOf(id);
    expect(log.at(-1)?.event).toBe("completed");
    expect(a.closed && b.closed && c.closed).toBe(true);
    expect(ids(a.events)).toEqual(ids(log.slice(1)));
    expect(ids(b.events)).toEqual(ids(log.slice(1)));
    expect(ids(c.events)).toEqual(ids(log.slice(1)));
  });

  it("streams that join while events are being written, each from its own Last-Event-ID, get exactly the events after it", async () => {
    const job = await jobRow();
    const joined: Array<{ from: number; reader: ReturnType<typeof sseReader> }> = [];
    for (let i = 0; i < 30; i++) {
      emitJobEvent({ type: "progress", jobId: job.id, progress: 1 }); // progress 1 is written at once, unthrottled
      const from = [0, i, Math.max(0, i - 2), i + 3][i % 4]; // from the start, about now, a little behind, ahead of the log
      joined.push({ from, reader: await open(job.id, from) });
      if (i % 3 === 0) await sleep(2);
    }
    await jobEventsWritten(job.id);
    expect(openJobEventStreams(job.id)).toBe(30);
    await finish(job.id);
    const results = await Promise.all(joined.map(({ reader }) => reader.all(10_000)));
    const log = await logOf(job.id);
    expect(log).toHaveLength(31);
    expect(log.at(-1)?.event).toBe("completed");
    results.forEach((result, i) => {
      expect(result.closed).toBe(true);
      expect(ids(result.events), `stream ${i} from ${joined[i].from}`).toEqual(ids(log.filter((e) => e.id > joined[i].from)));
    });
    expect(openJobEventStreams(job.id)).toBe(0);
  });

  it("stops reading when the last stream disconnects: no further queries for the job", async () => {
    const job = await jobRow(); // runs "elsewhere": the reader polls
    const queries = countQueries();
    const clients = Array.from({ length: 5 }, () => new AbortController());
    const readers = await Promise.all(clients.map((c) => open(job.id, undefined, c.signal)));
    await sleep(1200);
    const polling = queries.for(job.id);
    expect(polling.eventsRead).toBeGreaterThanOrEqual(2); // it polls while someone listens…
    expect(polling.eventsRead).toBeLessThanOrEqual(4); // …as one reader, every 500 ms
    expect(polling.jobRead).toBe(polling.eventsRead);
    expect(jobEventFeedStats().feeds).toBeGreaterThanOrEqual(1);

    clients.slice(0, 4).forEach((c) => c.abort());
    for (const r of readers.slice(0, 4)) expect(await r.next(1000)).toBe("closed");
    expect(openJobEventStreams(job.id)).toBe(1);
    queries.reset();
    await sleep(600);
    expect(queries.for(job.id).eventsRead).toBeGreaterThanOrEqual(1); // one stream left: still read

    clients[4].abort();
    expect(await readers[4].next(1000)).toBe("closed");
    expect(openJobEventStreams(job.id)).toBe(0);
    await sleep(50); // a read in flight at the disconnect may still finish
    queries.reset();
    await sleep(1300);
    expect(queries.for(job.id)).toEqual({ eventsRead: 0, eventsLast: 0, jobRead: 0 });

    // A new stream starts a new reader, which sees a row written meanwhile.
    await db().jobEvent.create({ data: { id: newId("evt"), jobId: job.id, seq: 1, type: "progress", data: { progress: 0.5 } } });
    const again = await open(job.id);
    expect(await again.next(1500)).toMatchObject({ id: 1, event: "progress" });
    await finish(job.id);
    expect(await again.next(1500)).toMatchObject({ id: 2, event: "completed" });
    expect(await again.next(1000)).toBe("closed");
  });

  it("a client that does not read holds up no one: past its limit it gets no progress events, then its stream ends, and it resumes from the log", async () => {
    const job = await jobRow();
    const stream = (signal: AbortSignal, lastEventId = 0) =>
      jobEventStream({ jobId: job.id, lastEventId, baseUrl: origin, signal, pollMs: 50, slowBytes: 1000, dropBytes: 5000 });
    const fastClient = new AbortController();
    const fast = sseReader(stream(fastClient.signal));
    const slowBody = stream(new AbortController().signal); // opened, never read (yet)
    const big = "A".repeat(2000);
    const rows: Array<[string, object]> = [
      ["progress", { progress: 0.2, partialImage: `data:image/webp;base64,${big}` }], // queued (the slow client had nothing unread)
      ["progress", { progress: 0.4, partialImage: `data:image/webp;base64,${big}` }], // skipped: > 1000 bytes unread
      ["image", { image: { id: "img_1", note: big } }], // images are always queued
      ["image", { image: { id: "img_2", note: big } }],
      ["image", { image: { id: "img_3", note: big } }], // > 5000 bytes unread: the slow stream ends instead
      ["completed", { job: { id: job.id } }],
    ];
    for (const [i, [type, data]] of rows.entries()) {
      // Written as another process would (no wake-up): the reader polls.
      await db().jobEvent.create({ data: { id: newId("evt"), jobId: job.id, seq: i + 1, type, data } });
      expect(await fast.next(2000)).toMatchObject({ id: i + 1, event: type }); // the reading client keeps up
    }
    expect(await fast.next(1000)).toBe("closed");
    expect(openJobEventStreams(job.id)).toBe(0);

    const slow = await sseReader(slowBody).all(2000);
    expect(slow.closed).toBe(true);
    expect(slow.events.map((e) => [e.id, e.event])).toEqual([[1, "progress"], [3, "image"], [4, "image"]]);
    const resumed = await sseReader(stream(new AbortController().signal, 4)).all(2000);
    expect(resumed.events.map((e) => [e.id, e.event])).toEqual([[5, "image"], [6, "completed"]]);
    expect(resumed.closed).toBe(true);
  });
});

const ids = (list: Sse[]) => list.map((e) => e.id);
