import { ApiError } from "@/components/api/client";
import { fetchJob, isFinished, type Job } from "@/components/api/generation";
import type { StudioImage } from "@/components/api/types";
import { streamJob } from "./job-stream";

export interface FollowJobHandlers {
  /** A `progress` event: 0..1, and a small data-URL preview where the provider streams them. */
  onProgress?: (progress: number, partialImage?: string) => void;
  /** One finished picture, as soon as the stream reports it. */
  onImage?: (image: StudioImage) => void;
  /** The job as read by a poll, when the event stream could not be kept open. */
  onPoll?: (job: Job) => void;
  /** "reconnecting" while the job's news cannot reach the page (offline, server away); "live" once they can again. */
  onConnection?: (state: "live" | "reconnecting") => void;
}

/** Polling, when the job's event stream cannot be had at all. */
const pollMs = 500;
/** A dropped stream is reopened after these waits (then the last one, again and again), reset by any event. */
const backoffMs = [250, 1000, 2000, 4000, 8000, 15000];
/** A lost stream shows "reconnecting" only when it is not back within this time (a routine reconnect is silent). */
const quietMs = 1000;
/** Streams refused in a row while the job itself can be read: the stream does not work here (a proxy): poll. */
const maxRefusals = 2;

export const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
  });

/** Waits `ms`, or less when the device comes back online; while it is offline, until it is back (checking every 30 s). */
function waitToRetry(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const offline = typeof navigator !== "undefined" && navigator.onLine === false;
    const done = () => {
      clearTimeout(timer);
      window.removeEventListener("online", done);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, offline ? Math.max(ms, 30_000) : ms);
    window.addEventListener("online", done);
    signal.addEventListener("abort", done, { once: true });
  });
}

/** A failure of reading the job that a later try can get past: the network, a 5xx, a 408/429. Not a 404 or a 401. */
const transient = (error: unknown) =>
  !(error instanceof ApiError) || error.status === 0 || error.status >= 500 || error.status === 408 || error.status === 429;

/**
 * Follows a job (as the POST that created it answered) until it has ended, through network drops: its event stream
 * first; when that is lost (offline, the server restarting, the browser giving up), it is reopened with backoff
 * from the last event id, so the server replays what was missed (progress, pictures, the end). When the stream
 * cannot be opened the job is read instead (GET /api/v1/jobs/{id}), and polled if the stream keeps being refused.
 * A network failure is waited out however long it lasts; an answer that cannot change (a 404, a 401) is thrown.
 * Answers the finished job, or null when `signal` aborted.
 */
export async function followJob(job: Job, signal: AbortSignal, handlers: FollowJobHandlers = {}): Promise<Job | null> {
  if (signal.aborted) return null;
  if (isFinished(job.status)) return job;
  const connection = connectionReporter(handlers, signal);
  try {
    if (typeof EventSource !== "undefined") {
      const streamed = await followStream(job.id, signal, handlers, connection);
      if (streamed !== "poll") return streamed;
    }
    return await poll(job, signal, handlers, connection);
  } finally {
    connection.stop();
  }
}

type Connection = ReturnType<typeof connectionReporter>;

function connectionReporter(handlers: FollowJobHandlers, signal: AbortSignal) {
  let state: "live" | "reconnecting" = "live";
  let timer: ReturnType<typeof setTimeout> | undefined;
  const set = (next: "live" | "reconnecting") => {
    clearTimeout(timer);
    timer = undefined;
    if (next !== state && !signal.aborted) handlers.onConnection?.((state = next));
  };
  return {
    live: () => set("live"),
    /** At once when offline, else after `quietMs` unless it is live again by then. */
    lost: () => {
      if (state === "reconnecting") return;
      if (typeof navigator !== "undefined" && navigator.onLine === false) return set("reconnecting");
      timer ??= setTimeout(() => set("reconnecting"), quietMs);
    },
    stop: () => clearTimeout(timer),
  };
}

async function followStream(id: string, signal: AbortSignal, handlers: FollowJobHandlers, connection: Connection): Promise<Job | null | "poll"> {
  let lastEventId = 0;
  let attempt = 0;
  let refusals = 0;
  for (;;) {
    const outcome = await streamJob(
      id,
      lastEventId,
      signal,
      {
        onProgress: (progress, partialImage) => (connection.live(), handlers.onProgress?.(progress, partialImage)),
        onImage: (image) => (connection.live(), handlers.onImage?.(image)),
        onLive: (live) => (live ? connection.live() : connection.lost()),
      },
      (seq) => (lastEventId = Math.max(lastEventId, seq)),
    );
    if (outcome.kind === "aborted" || signal.aborted) return null;
    if (outcome.kind === "end") return outcome.job;
    connection.lost();
    if (outcome.opened || outcome.events) attempt = 0;
    await waitToRetry(backoffMs[Math.min(attempt++, backoffMs.length - 1)], signal);
    if (signal.aborted) return null;
    if (outcome.opened) continue; // it worked before: reopen it, from the last event id
    // It could not be opened: is the job still there, and still running? (Also how a refused stream is told apart.)
    try {
      const polled = await fetchJob(id, signal);
      handlers.onPoll?.(polled);
      if (isFinished(polled.status)) return polled;
      if (++refusals >= maxRefusals) return "poll";
      connection.live();
    } catch (error) {
      if (signal.aborted) return null;
      if (!transient(error)) throw error;
    }
  }
}

async function poll(job: Job, signal: AbortSignal, handlers: FollowJobHandlers, connection: Connection): Promise<Job | null> {
  let failures = 0;
  while (!isFinished(job.status)) {
    await waitToRetry(failures ? backoffMs[Math.min(failures, backoffMs.length - 1)] : pollMs, signal);
    if (signal.aborted) return null;
    try {
      job = await fetchJob(job.id, signal);
      failures = 0;
      connection.live();
    } catch (error) {
      if (signal.aborted) return null;
      if (!transient(error)) throw error;
      failures++;
      connection.lost();
      continue;
    }
    handlers.onPoll?.(job);
  }
  return job;
}
