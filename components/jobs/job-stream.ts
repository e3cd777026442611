import { isFinished, type Job } from "@/components/api/generation";
import type { StudioImage } from "@/components/api/types";

export interface JobStreamHandlers {
  /** A `progress` event: 0..1, and a small data-URL preview where the provider streams them. */
  onProgress?: (progress: number, partialImage?: string) => void;
  /** An `image` event: one finished picture of the job, as soon as it is stored. */
  onImage?: (image: StudioImage) => void;
  /** The stream is open (again); `false` when it dropped and the browser is reconnecting by itself. */
  onLive?: (live: boolean) => void;
}

/** How one stream ended: the job's terminal event, or the stream was lost (`opened`: it had been open). */
export type StreamOutcome = { kind: "end"; job: Job } | { kind: "lost"; opened: boolean; events: number } | { kind: "aborted" };

/** Errors in a row, without an event between, after which the browser's own reconnecting is not waited for. */
const maxErrors = 3;

/**
 * One EventSource on `GET /api/v1/jobs/{id}/events`, resuming after `lastEventId` (`?lastEventId=`; the browser
 * itself sends `Last-Event-ID` when it reconnects on its own). Resolves when the job's terminal event arrives, or
 * when the stream is lost for good: the browser closed it (a refused request), it failed `maxErrors` times in a row,
 * or the device went offline (an open stream may hang unnoticed then; the caller reconnects when it is back).
 * `onEvent` gets each event's id, for the next resume.
 */
export function streamJob(id: string, lastEventId: number, signal: AbortSignal, handlers: JobStreamHandlers, onEvent: (seq: number) => void): Promise<StreamOutcome> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve({ kind: "aborted" });
    const query = lastEventId > 0 ? `?lastEventId=${lastEventId}` : "";
    const source = new EventSource(`/api/v1/jobs/${encodeURIComponent(id)}/events${query}`);
    let errors = 0;
    let events = 0;
    let opened = false;
    let done = false;
    const finish = (outcome: StreamOutcome) => {
      if (done) return;
      done = true;
      source.close();
      signal.removeEventListener("abort", abort);
      window.removeEventListener("offline", offline);
      resolve(outcome);
    };
    const abort = () => finish({ kind: "aborted" });
    const offline = () => finish({ kind: "lost", opened, events });
    signal.addEventListener("abort", abort, { once: true });
    window.addEventListener("offline", offline);

    /** The event's data, after noting its id (events without a numeric id, e.g. from an old server, keep the last one). */
    const read = (event: Event): Record<string, unknown> | null => {
      const message = event as MessageEvent<string>;
      const seq = Number(message.lastEventId);
      if (Number.isInteger(seq) && seq > 0) onEvent(seq);
      errors = 0;
      events++;
      try {
        return JSON.parse(message.data) as Record<string, unknown>;
      } catch {
        return null;
      }
    };
    source.addEventListener("open", () => {
      opened = true;
      handlers.onLive?.(true);
    });
    source.addEventListener("progress", (event) => {
      const data = read(event);
      if (!done && typeof data?.progress === "number") handlers.onProgress?.(data.progress, typeof data.partialImage === "string" ? data.partialImage : undefined);
    });
    source.addEventListener("image", (event) => {
      const data = read(event) as { image?: StudioImage } | null;
      if (!done && data?.image?.id) handlers.onImage?.(data.image);
    });
    const end = (event: Event) => {
      const data = read(event) as { job?: Job } | null;
      if (data?.job?.id && isFinished(data.job.status)) finish({ kind: "end", job: data.job });
      else finish({ kind: "lost", opened, events });
    };
    for (const type of ["completed", "failed", "canceled"]) source.addEventListener(type, end);
    source.addEventListener("error", () => {
      if (done) return;
      // CLOSED: the server refused the stream (a 404, a 5xx, a wrong content type); the browser will not retry it.
      if (source.readyState === EventSource.CLOSED || ++errors >= maxErrors) return finish({ kind: "lost", opened, events });
      handlers.onLive?.(false); // CONNECTING: the browser reconnects with Last-Event-ID by itself
    });
  });
}
