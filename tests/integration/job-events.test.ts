// The job event log and its SSE stream: rows numbered per job, replay after Last-Event-ID, live delivery (this
// process's writes and another process's rows), partial previews, throttling, one terminal event, 404s.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import sharp from "sharp";
import { POST as generate } from "@/app/api/v1/generations/route";
import { GET as events } from "@/app/api/v1/jobs/[id]/events/route";
import { db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { newId } from "@/lib/ids";
import { jobEventStream, jobEventsWritten, openJobEventStreams } from "@/lib/jobs/event-log";
import { emitJobEvent } from "@/lib/jobs/events";
import type { JobQueue } from "@/lib/jobs/queue";
import { jobHandlers } from "@/lib/images/job-handlers";
import { runJob, setJobQueueForTests } from "@/lib/jobs/worker";
import { LocalProvider } from "@/lib/providers/local";
import { OpenAIProvider } from "@/lib/providers/openai";
import { setProvidersForTests } from "@/lib/providers/registry";
import type { GenerateRequest, ProviderContext } from "@/lib/providers/types";
import { startFakeOpenAI, type FakeOpenAI } from "../fakes/openai";
import { expectError, origin, send } from "../support/http";
import { ensureLocalUser, ensureUser } from "../support/studio";

let openai: FakeOpenAI;

type Sse = { id: number; event: string; data: unknown };

/** Reads Server-Sent Events from a Response body: `next` gives one event, "closed" or "timeout". */
function sseReader(res: Response) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const queue: Sse[] = [];
  const comments: string[] = [];
  let buffer = "";
  let done = false;
  let pending: Promise<ReadableStreamReadResult<Uint8Array>> | undefined;
  const parse = (frame: string) => {
    const fields: Record<string, string> = {};
    for (const line of frame.split("\n")) {
      if (line.startsWith(":")) comments.push(line.slice(1).trim());
      else if (line) fields[line.slice(0, line.indexOf(":"))] = line.slice(line.indexOf(":") + 1).trim();
    }
    if (fields.event) queue.push({ id: Number(fields.id), event: fields.event, data: JSON.parse(fields.data) });
  };
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
        parse(buffer.slice(0, i));
        buffer = buffer.slice(i + 2);
      }
    }
  }
  /** Every event until the stream closes (or the time is up: closed false). */
  async function all(timeoutMs: number) {
    const events: Sse[] = [];
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const e = await next(Math.max(1, deadline - Date.now()));
      if (e === "closed" || e === "timeout") return { events, closed: e === "closed", comments };
      events.push(e);
    }
  }
  return { next, all, comments };
}

/** A queue that never runs anything: the test runs the job itself, once a stream is open. */
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

beforeAll(async () => {
  openai = await startFakeOpenAI();
  await ensureLocalUser();
  await ensureUser("other");
});
afterAll(() => openai.close());
beforeEach(() => {
  Object.assign(process.env, { ALLOW_PRIVATE_PROVIDER_URLS: "true", PROVIDER_TIMEOUT_SECONDS: "10", PROVIDER_MAX_RETRIES: "0", DAILY_BUDGET_USD: "5", RATE_LIMIT_PER_MINUTE: "1000", PROVIDER_FALLBACK_ORDER: "" });
  resetEnvForTests();
  setProvidersForTests([new LocalProvider(), new OpenAIProvider({ apiKey: "sk-test", baseUrl: openai.baseUrl })]);
});
afterEach(() => setJobQueueForTests(undefined));

const createJob = async (json: object, wait = false) => {
  const res = await send(generate, `/api/v1/generations${wait ? "?wait=true" : ""}`, { json });
  expect(res.status, await res.clone().text()).toBe(wait ? 201 : 202);
  return ((await res.json()) as { id: string }).id;
};
const open = (id: string, options: { lastEventId?: string; query?: string; signal?: AbortSignal } = {}) => {
  const headers = new Headers(options.lastEventId === undefined ? {} : { "Last-Event-ID": options.lastEventId });
  const req = new Request(`${origin}/api/v1/jobs/${id}/events${options.query ?? ""}`, { headers, signal: options.signal });
  return events(req, { params: Promise.resolve({ id }) });
};
const rowsOf = (jobId: string) => db().jobEvent.findMany({ where: { jobId }, orderBy: { seq: "asc" } });
const jobRow = (status: string, extra: object = {}) =>
  db().job.create({ data: { id: newId("job"), ownerId: "local", type: "generate", status, input: {}, ...extra } });
const ids = (list: Sse[]) => list.map((e) => e.id);

describe("GET /api/v1/jobs/{id}/events", () => {
  it("streams a local-renderer job live: progress, image, completed, with ids 1, 2, 3, then closes", async () => {
    setJobQueueForTests(new HeldQueue());
    const id = await createJob({ prompt: "a lighthouse", provider: "local" });
    const res = await open(id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(res.headers.get("cache-control")).toBe("no-cache");
    expect(res.headers.get("x-accel-buffering")).toBe("no");
    const reader = sseReader(res);
    expect(await reader.next(300)).toBe("timeout"); // queued: nothing yet, and the stream stays open
    const run = runJob(id, jobHandlers);
    const { events: got, closed } = await reader.all(10_000);
    await run;
    expect(closed).toBe(true);
    expect(got.map((e) => e.event)).toEqual(["progress", "image", "completed"]);
    expect(ids(got)).toEqual([1, 2, 3]);
    expect(got[0].data).toEqual({ progress: 0.9 });
    const image = (got[1].data as { image: { id: string; url: string; kind: string } }).image;
    expect(image).toMatchObject({ kind: "generated", url: `${origin}/api/v1/images/${image.id}/file` });
    const job = (got[2].data as { job: { id: string; status: string; images: Array<{ id: string; url: string }> } }).job;
    expect(job).toMatchObject({ id, status: "succeeded", images: [{ id: image.id, url: image.url }] });
    expect((await rowsOf(id)).map((r) => [r.seq, r.type])).toEqual([[1, "progress"], [2, "image"], [3, "completed"]]);
    expect(openJobEventStreams(id)).toBe(0);
  });

  it("replays a finished job to a late client and closes; after its last id, closes at once", async () => {
    const id = await createJob({ prompt: "late client", provider: "local", n: 2 }, true);
    await jobEventsWritten(id);
    const replay = await sseReader(await open(id)).all(5000);
    expect(replay.closed).toBe(true);
    expect(replay.events.at(-1)).toMatchObject({ event: "completed", data: { job: { id, status: "succeeded" } } });
    expect(replay.events.filter((e) => e.event === "image")).toHaveLength(2);
    const last = replay.events.at(-1)!.id;
    const started = Date.now();
    const after = await sseReader(await open(id, { lastEventId: String(last) })).all(5000);
    expect(after).toEqual({ events: [], closed: true, comments: [] });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("resumes after Last-Event-ID (header or ?lastEventId=) with no gap and no duplicate", async () => {
    const id = await createJob({ prompt: "resume me", provider: "local", n: 3 }, true);
    await jobEventsWritten(id);
    const all = (await sseReader(await open(id)).all(5000)).events;
    expect(ids(all)).toEqual(all.map((_, i) => i + 1));
    expect(all.length).toBeGreaterThanOrEqual(5); // progress, 3 images, completed
    for (let k = 0; k <= all.length; k++) {
      const viaHeader = await sseReader(await open(id, { lastEventId: String(k) })).all(5000);
      expect(viaHeader.events).toEqual(all.slice(k));
      expect(viaHeader.closed).toBe(true);
    }
    const viaQuery = await sseReader(await open(id, { query: "?lastEventId=2" })).all(5000);
    expect(viaQuery.events).toEqual(all.slice(2));
    await expectError(await open(id, { lastEventId: "abc" }), 400, "invalid_request");
  });

  it("stops on disconnect and resumes mid-job from the last id seen", async () => {
    const gated = new GatedProvider();
    setProvidersForTests([gated]);
    setJobQueueForTests(new HeldQueue());
    const id = await createJob({ prompt: "a slow one" });
    const client = new AbortController();
    const first = sseReader(await open(id, { signal: client.signal }));
    const run = runJob(id, jobHandlers);
    const seen = await first.next(5000);
    expect(seen).toMatchObject({ id: 1, event: "progress", data: { progress: 0.45 } });
    expect(openJobEventStreams(id)).toBe(1);
    client.abort();
    expect(await first.next(1000)).toBe("closed");
    expect(openJobEventStreams(id)).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    gated.open();
    await run;
    const rest = await sseReader(await open(id, { lastEventId: "1" })).all(5000);
    expect(rest.closed).toBe(true);
    expect(rest.events.map((e) => [e.id, e.event])).toEqual([[2, "progress"], [3, "image"], [4, "completed"]]);
  });

  it("streams rows another process writes (polling the table) and closes on its terminal event", async () => {
    const job = await jobRow("running");
    const reader = sseReader(await open(job.id));
    await db().jobEvent.create({ data: { id: newId("evt"), jobId: job.id, seq: 1, type: "progress", data: { progress: 0.25 } } });
    expect(await reader.next(1500)).toMatchObject({ id: 1, event: "progress", data: { progress: 0.25 } });
    await db().job.update({ where: { id: job.id }, data: { status: "failed", error: { code: "provider_error", message: "boom" }, finishedAt: new Date() } });
    await db().jobEvent.create({ data: { id: newId("evt"), jobId: job.id, seq: 2, type: "failed", data: { job: { id: job.id }, error: { code: "provider_error", message: "boom" } } } });
    expect(await reader.next(1500)).toMatchObject({ id: 2, event: "failed", data: { error: { message: "boom" } } });
    expect(await reader.next(1000)).toBe("closed");
  });

  it("gives a finished job without a log its terminal event", async () => {
    const job = await jobRow("failed", { error: { code: "timeout", message: "too slow" }, finishedAt: new Date() });
    const { events: got, closed } = await sseReader(await open(job.id)).all(5000);
    expect(closed).toBe(true);
    expect(got).toEqual([{ id: 1, event: "failed", data: { job: expect.objectContaining({ id: job.id, status: "failed" }), error: { code: "timeout", message: "too slow" } } }]);
    expect(await rowsOf(job.id)).toHaveLength(1);
  });

  it("sends heartbeat comments while nothing happens", async () => {
    const job = await jobRow("running");
    const client = new AbortController();
    const reader = sseReader(new Response(jobEventStream({ jobId: job.id, lastEventId: 0, baseUrl: origin, signal: client.signal, heartbeatMs: 50 })));
    expect(await reader.next(300)).toBe("timeout");
    expect(reader.comments.filter((c) => c === "heartbeat").length).toBeGreaterThanOrEqual(2);
    client.abort();
    expect(await reader.next(500)).toBe("closed");
  });

  it("is 404 for another user's job", async () => {
    const theirs = await db().job.create({ data: { id: newId("job"), ownerId: "other", type: "generate", status: "running", input: {} } });
    await expectError(await open(theirs.id), 404, "not_found");
    await expectError(await open("job_missing"), 404, "not_found");
    expect(openJobEventStreams(theirs.id)).toBe(0);
  });
});

describe("the event log", () => {
  it("keeps OpenAI's streamed partial image as a small WebP preview", async () => {
    const id = await createJob({ prompt: "a red fox", provider: "openai", model: "gpt-image-2.6-flare", quality: "low" }, true);
    await jobEventsWritten(id);
    expect(openai.requests.at(-1)?.json).toMatchObject({ stream: true, partial_images: 2 });
    const rows = await rowsOf(id);
    const preview = rows.find((r) => r.type === "progress" && (r.data as { partialImage?: string }).partialImage);
    const url = (preview!.data as { partialImage: string }).partialImage;
    expect(url).toMatch(/^data:image\/webp;base64,/);
    const meta = await sharp(Buffer.from(url.split(",")[1], "base64")).metadata();
    expect(meta.format).toBe("webp");
    expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(256);
    expect(rows.map((r) => r.type).slice(-2)).toEqual(["image", "completed"]);
  });

  it("throttles progress to one row per 250 ms (keeping the newest), writes progress 1 at once, ends once", async () => {
    const job = await jobRow("running");
    for (let i = 1; i <= 10; i++) emitJobEvent({ type: "progress", jobId: job.id, progress: i / 20 });
    await jobEventsWritten(job.id);
    expect((await rowsOf(job.id)).map((r) => r.data)).toEqual([{ progress: 0.05 }]);
    await new Promise((r) => setTimeout(r, 400));
    await jobEventsWritten(job.id);
    expect((await rowsOf(job.id)).map((r) => r.data)).toEqual([{ progress: 0.05 }, { progress: 0.5 }]);
    emitJobEvent({ type: "progress", jobId: job.id, progress: 1 });
    await db().job.update({ where: { id: job.id }, data: { status: "succeeded", finishedAt: new Date() } });
    emitJobEvent({ type: "finished", jobId: job.id, status: "succeeded" });
    emitJobEvent({ type: "finished", jobId: job.id, status: "succeeded" });
    emitJobEvent({ type: "progress", jobId: job.id, progress: 1 });
    await jobEventsWritten(job.id);
    const rows = await rowsOf(job.id);
    expect(rows.map((r) => [r.seq, r.type])).toEqual([[1, "progress"], [2, "progress"], [3, "progress"], [4, "completed"]]);
    expect(rows[2].data).toEqual({ progress: 1 });
  });

  it("numbers a burst of events 1…n without collisions", async () => {
    const job = await jobRow("running");
    for (let i = 0; i < 25; i++) emitJobEvent({ type: "progress", jobId: job.id, progress: 1 });
    await jobEventsWritten(job.id);
    expect((await rowsOf(job.id)).map((r) => r.seq)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });
});
