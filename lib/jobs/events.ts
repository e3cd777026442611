import "server-only";
import { EventEmitter } from "node:events";
import { logJobEvent } from "./event-log";

/**
 * Job changes inside this process, so a waiting request answers the moment its job ends. Each one is also
 * written to the job's event log (lib/jobs/event-log.ts), which the SSE stream replays.
 */
export type JobEvent =
  | { type: "progress"; jobId: string; progress: number; partialImage?: Buffer }
  | { type: "image"; jobId: string; imageId: string }
  | { type: "finished"; jobId: string; status: string };

const globalForEvents = globalThis as unknown as { imageStudioJobEvents?: EventEmitter; imageStudioJobFinishedListeners?: Array<(jobId: string, status: string) => void> };
export const jobEvents = (globalForEvents.imageStudioJobEvents ??= new EventEmitter().setMaxListeners(0));
const finishedListeners = (globalForEvents.imageStudioJobFinishedListeners ??= []);

export function emitJobEvent(event: JobEvent): void {
  logJobEvent(event);
  jobEvents.emit(event.jobId, event);
  if (event.type === "finished") for (const listener of finishedListeners) listener(event.jobId, event.status);
}

/**
 * Runs `listener` whenever a job of this process ends (succeeded, failed or canceled): outgoing webhooks,
 * event logs. Listeners must not throw; they run after the job's row has its final state.
 */
export function onJobFinished(listener: (jobId: string, status: string) => void): void {
  if (!finishedListeners.includes(listener)) finishedListeners.push(listener);
}
