import { ApiError } from "@/components/api/client";
import { fetchJob, isFinished, watchJobEvents, type Job } from "@/components/api/generation";
import type { StudioImage } from "@/components/api/types";

export interface FollowJobHandlers {
  /** A `progress` event: 0..1, and a small data-URL preview where the provider streams them. */
  onProgress?: (progress: number, partialImage?: string) => void;
  /** One finished picture, as soon as the stream reports it. */
  onImage?: (image: StudioImage) => void;
  /** The job as read by a poll, when the event stream could not be kept open. */
  onPoll?: (job: Job) => void;
}

/** Polling, when the job's event stream cannot be kept open. */
const pollMs = 500;
const maxPollFailures = 8;

export const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
  });

/**
 * Follows a job's events until it ends: answers the finished job, or null when the stream gave up (then the
 * caller polls) or `signal` aborted.
 */
function followEvents(id: string, signal: AbortSignal, handlers: FollowJobHandlers): Promise<Job | null> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(null);
    const close = watchJobEvents(id, {
      onProgress: (progress, partialImage) => handlers.onProgress?.(progress, partialImage),
      onImage: (image) => handlers.onImage?.(image),
      onEnd: (job) => (signal.removeEventListener("abort", stop), resolve(job)),
      onGiveUp: () => (signal.removeEventListener("abort", stop), resolve(null)),
    });
    const stop = () => (close(), resolve(null));
    signal.addEventListener("abort", stop, { once: true });
  });
}

/**
 * Follows a job (as the POST that created it answered) until it has ended: through its event stream, and, when
 * the stream cannot be kept open, by polling it (at once, then every 500 ms; a dropped connection is waited out,
 * a 4xx is not). Answers the finished job, or null when `signal` aborted; throws when polling failed for good.
 */
export async function followJob(job: Job, signal: AbortSignal, handlers: FollowJobHandlers = {}): Promise<Job | null> {
  if (signal.aborted) return null;
  const streamed = isFinished(job.status) ? null : await followEvents(job.id, signal, handlers);
  if (signal.aborted) return null;
  if (streamed) job = streamed;
  let failures = 0;
  let wait = 0;
  while (!isFinished(job.status)) {
    await sleep(wait * (failures ? Math.min(8, 2 ** failures) : 1), signal);
    wait = pollMs;
    if (signal.aborted) return null;
    try {
      job = await fetchJob(job.id, signal);
      failures = 0;
    } catch (error) {
      // A dropped connection is worth waiting out; a 404 or a 4xx is not.
      if (signal.aborted) return null;
      if ((error instanceof ApiError && error.status >= 400 && error.status < 500) || ++failures > maxPollFailures) throw error;
      continue;
    }
    handlers.onPoll?.(job);
  }
  return job;
}
