import "server-only";
import { EventEmitter } from "node:events";
import { db, type Prisma } from "@/lib/db";
import { newId } from "@/lib/ids";
import { log } from "@/lib/log";
import { createJobEventFeeds, type FeedEvent, type JobEventFeeds } from "./event-feed";
import type { JobEvent } from "./events";
import { jobPresenter } from "./presenter";
import { findJob, finishedStatuses, type JobStatus } from "./repository";

/**
 * The job event log: every event of a job is a JobEvent row numbered 1, 2, 3… per job (the SSE event id), so a
 * client can replay what it missed from any process. Writes for one job go through one promise chain here,
 * which keeps `seq` unique; a second writer elsewhere (rare: a cancel racing a remote worker) loses on the
 * unique index and retries with the next number. What an image, a finished job or a preview looks like in an
 * event is the images layer's: the job presenter (./presenter.ts) shapes them.
 */

export type JobEventType = "progress" | "image" | "completed" | "failed" | "canceled";
export interface LoggedJobEvent {
  seq: number;
  type: JobEventType;
  data: unknown;
}
type Entry = { type: JobEventType; data: object } | null;

const terminalTypes: JobEventType[] = ["completed", "failed", "canceled"];
const terminalOf: Record<string, JobEventType> = { succeeded: "completed", failed: "failed", canceled: "canceled" };
export const isTerminalEvent = (type: string) => terminalTypes.includes(type as JobEventType);
/** At most one progress row per job in this interval (a progress of 1 is always written). */
const progressIntervalMs = 250;

interface JobLogState {
  chain: Promise<void>;
  lastProgressAt: number;
  pending?: { progress: number; partialImage?: Buffer };
  timer?: NodeJS.Timeout;
}
const globalForLog = globalThis as unknown as { imageStudioJobLogs?: Map<string, JobLogState>; imageStudioJobLogged?: EventEmitter; imageStudioJobFeeds?: JobEventFeeds };
const states = (globalForLog.imageStudioJobLogs ??= new Map());
/** Emits a job's id after each row written for it, so the job's reader in this process wakes without waiting for a poll. */
const logged = (globalForLog.imageStudioJobLogged ??= new EventEmitter().setMaxListeners(0));

function stateOf(jobId: string): JobLogState {
  let state = states.get(jobId);
  if (!state) states.set(jobId, (state = { chain: Promise.resolve(), lastProgressAt: 0 }));
  return state;
}

/** Persists an in-process job event (emitJobEvent calls this); never throws, failures are logged. */
export function logJobEvent(event: JobEvent): void {
  const state = stateOf(event.jobId);
  if (event.type === "progress") {
    const now = Date.now();
    const pending = { progress: event.progress, partialImage: event.partialImage ?? state.pending?.partialImage };
    if (event.progress >= 1 || now - state.lastProgressAt >= progressIntervalMs) {
      writeProgress(event.jobId, state, pending);
    } else {
      // Trailing edge: the newest progress (and preview) is written when the interval is over.
      state.pending = pending;
      state.timer ??= setTimeout(() => state.pending && writeProgress(event.jobId, state, state.pending), state.lastProgressAt + progressIntervalMs - now);
      state.timer.unref?.();
    }
    return;
  }
  // A result or the end supersedes a progress still waiting for its slot.
  clearPending(state);
  if (event.type === "image") {
    enqueue(event.jobId, async () => {
      const image = await jobPresenter().image(event.imageId);
      return image && { type: "image", data: { image } };
    });
    return;
  }
  void recordTerminalEvent(event.jobId);
}

/**
 * Writes a finished job's terminal event (`completed`, `failed` or `canceled`) unless the log already ends with
 * one; resolves when it is written. Streams call it for jobs that ended without one (finished before the log
 * existed, or by a process that died before writing it).
 */
export function recordTerminalEvent(jobId: string): Promise<void> {
  const state = stateOf(jobId);
  clearPending(state);
  const done = enqueue(jobId, async () => {
    const job = await findJob(jobId);
    const type = job && terminalOf[job.status];
    if (!job || !type) return null;
    const dto = await jobPresenter().job(job, "");
    return { type, data: type === "failed" ? { job: dto, error: dto.error } : { job: dto } };
  });
  // Nothing is logged after the end: the job's state can go once its writes are done.
  void done.then(() => state.chain === done && states.get(jobId) === state && states.delete(jobId));
  return done;
}

/** Resolves once every event of the job logged so far in this process is written. */
export const jobEventsWritten = (jobId: string): Promise<void> => states.get(jobId)?.chain ?? Promise.resolve();

function clearPending(state: JobLogState) {
  clearTimeout(state.timer);
  state.timer = undefined;
  state.pending = undefined;
}

function writeProgress(jobId: string, state: JobLogState, pending: NonNullable<JobLogState["pending"]>) {
  clearPending(state);
  state.lastProgressAt = Date.now();
  enqueue(jobId, async () => {
    const data: { progress: number; partialImage?: string } = { progress: Math.max(0, Math.min(1, pending.progress)) };
    if (pending.partialImage) data.partialImage = await jobPresenter().preview(pending.partialImage).catch(() => undefined);
    return { type: "progress", data };
  });
}

function enqueue(jobId: string, build: () => Promise<Entry>): Promise<void> {
  const state = stateOf(jobId);
  state.chain = state.chain
    .then(async () => {
      const entry = await build();
      if (entry) await append(jobId, entry.type, entry.data);
    })
    .catch((error) => log.warn("job event not logged", { jobId, error }));
  return state.chain;
}

async function append(jobId: string, type: JobEventType, data: object): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const last = await db().jobEvent.findFirst({ where: { jobId }, orderBy: { seq: "desc" }, select: { seq: true, type: true } });
    if (last && isTerminalEvent(last.type)) return; // the terminal event is the last one, and there is one
    try {
      await db().jobEvent.create({ data: { id: newId("evt"), jobId, seq: (last?.seq ?? 0) + 1, type, data: data as Prisma.InputJsonValue } });
      break;
    } catch (error) {
      if ((error as { code?: string }).code !== "P2002" || attempt >= 3) throw error;
    }
  }
  logged.emit(jobId);
}

const pageSize = 100;

/** A job's events after `afterSeq`, oldest first. */
export async function readJobEvents(jobId: string, afterSeq: number, take = pageSize): Promise<LoggedJobEvent[]> {
  const rows = await db().jobEvent.findMany({ where: { jobId, seq: { gt: afterSeq } }, orderBy: { seq: "asc" }, take, select: { seq: true, type: true, data: true } });
  return rows.map((r) => ({ seq: r.seq, type: r.type as JobEventType, data: r.data }));
}

const lastTerminalEvent = (jobId: string) =>
  db().jobEvent.findFirst({ where: { jobId, type: { in: terminalTypes } }, orderBy: { seq: "desc" }, select: { seq: true } });

/**
 * One shared reader per job in this process (lib/jobs/event-feed.ts) over this log, for every stream of the job:
 * woken by this process's writes, and polling for another process's (a job run by another worker, a cancel
 * written there). A job that ended without a terminal event gets it written here.
 */
const feeds = (globalForLog.imageStudioJobFeeds ??= createJobEventFeeds({
  read: (jobId, afterSeq) => readJobEvents(jobId, afterSeq),
  pageSize,
  last: (jobId) => db().jobEvent.findFirst({ where: { jobId }, orderBy: { seq: "desc" }, select: { seq: true, type: true } }),
  isFinal: isTerminalEvent,
  watch(jobId, wake) {
    logged.on(jobId, wake);
    return () => void logged.off(jobId, wake);
  },
  async check(jobId) {
    const job = await findJob(jobId);
    if (!job) return "gone";
    if (!finishedStatuses.includes(job.status as JobStatus)) return "open";
    if (await lastTerminalEvent(jobId)) return "again"; // written since the feed's read
    await recordTerminalEvent(jobId);
    return (await lastTerminalEvent(jobId)) ? "again" : "open"; // not written (logged): the next poll tries again
  },
}));

/** Streams of this process listening to a job right now (0 once every client is gone). */
export const openJobEventStreams = (jobId: string) => feeds.subscribers(jobId);

/** The shared readers running now and their reads so far (tests, benchmarks). */
export const jobEventFeedStats = () => feeds.stats();

export const sseHeaders = { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache", "X-Accel-Buffering": "no" };

/** Unread bytes past which a client counts as slow: it is sent no `progress` events (nor heartbeats) until it catches up. */
const slowClientBytes = 64 * 1024;
/** Unread bytes past which a slow client's stream is ended: an EventSource reconnects with Last-Event-ID and replays from the log. */
const dropClientBytes = 1024 * 1024;

export interface JobEventStreamOptions {
  jobId: string;
  /** The last event the client has: only later ones are sent. */
  lastEventId: number;
  /** Image URLs in the log are relative; they go out absolute against this origin. */
  baseUrl: string;
  /** Ends the stream (client gone). */
  signal: AbortSignal;
  pollMs?: number;
  heartbeatMs?: number;
  /** Backpressure thresholds in unread bytes (defaults 64 KiB and 1 MiB): skip `progress` events past `slowBytes`, end the stream past `dropBytes`. */
  slowBytes?: number;
  dropBytes?: number;
}

const encoder = new TextEncoder();
const heartbeatFrame = encoder.encode(": heartbeat\n\n");
/** An event's frame, made once per event and origin and then shared by every stream (chunks are never modified). */
const frames = new WeakMap<object, { baseUrl: string; bytes: Uint8Array }>();
function frameOf(event: FeedEvent, baseUrl: string): Uint8Array {
  const made = frames.get(event);
  if (made?.baseUrl === baseUrl) return made.bytes;
  const bytes = encoder.encode(`id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(withBaseUrl(event.data, baseUrl))}\n\n`);
  frames.set(event, { baseUrl, bytes });
  return bytes;
}

/**
 * The job's events as Server-Sent Events: a replay of the rows after `lastEventId`, then new ones from the job's
 * shared reader, closing after the terminal event. Backpressure: the stream's queue is bounded per client, so a
 * slow client never holds up the others. Past `slowBytes` unread it skips `progress` events (each is superseded by
 * the next one, the image or the end; previews are most of the bytes) and heartbeats; `image` and terminal events
 * are always queued. Past `dropBytes` unread the stream is closed after what is queued, without its end: the
 * browser's EventSource reconnects with the last id it got, and the replay fills in the rest from the log.
 */
export function jobEventStream(options: JobEventStreamOptions): ReadableStream<Uint8Array> {
  const { jobId, baseUrl, signal } = options;
  const slowBytes = options.slowBytes ?? slowClientBytes;
  const dropBytes = options.dropBytes ?? dropClientBytes;
  let closed = false;
  let heartbeat: NodeJS.Timeout | undefined;
  let unsubscribe = () => {};
  let output: ReadableStreamDefaultController<Uint8Array>;

  const stop = () => {
    if (closed) return false;
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
    signal.removeEventListener("abort", end);
    return true;
  };
  function end() {
    if (stop()) output.close();
  }
  /** Bytes queued that the client has not read (the queue's high-water mark is `slowBytes`). */
  const unread = () => slowBytes - (output.desiredSize ?? 0);
  const send = (event: FeedEvent) => {
    if (closed) return;
    const queued = unread();
    if (queued > slowBytes && event.type === "progress") return;
    if (queued > dropBytes) {
      log.warn("job event stream ended: client too slow", { jobId, unreadBytes: queued, nextEventId: event.seq });
      return end();
    }
    output.enqueue(frameOf(event, baseUrl));
  };

  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        output = controller;
        if (signal.aborted) return end();
        signal.addEventListener("abort", end, { once: true });
        heartbeat = setInterval(() => !closed && unread() <= slowBytes && output.enqueue(heartbeatFrame), options.heartbeatMs ?? 15_000);
        unsubscribe = feeds.subscribe(jobId, options.lastEventId, { event: send, end }, { pollMs: options.pollMs ?? 500 });
      },
      cancel: () => void stop(),
    },
    new ByteLengthQueuingStrategy({ highWaterMark: slowBytes }),
  );
}

const urlKeys = new Set(["url", "previewUrl", "thumbnailUrl"]);

/** Image DTOs are logged with relative file URLs ("/api/v1/images/…"); the client gets them absolute. */
function withBaseUrl(value: unknown, baseUrl: string): unknown {
  if (Array.isArray(value)) return value.map((v) => withBaseUrl(v, baseUrl));
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [key, urlKeys.has(key) && typeof v === "string" && v.startsWith("/api/") ? baseUrl + v : withBaseUrl(v, baseUrl)]),
  );
}

/** Waits until every event of this process is written (shutdown, tests). */
export async function flushJobEventLog(): Promise<void> {
  await Promise.all([...states.values()].map((state) => state.chain));
}
