import "server-only";
import { EventEmitter } from "node:events";

/** Job changes inside this process, so a waiting request answers the moment its job ends. */
export type JobEvent =
  | { type: "progress"; jobId: string; progress: number }
  | { type: "image"; jobId: string; imageId: string }
  | { type: "finished"; jobId: string; status: string };

const globalForEvents = globalThis as unknown as { imageStudioJobEvents?: EventEmitter };
export const jobEvents = (globalForEvents.imageStudioJobEvents ??= new EventEmitter().setMaxListeners(0));

export function emitJobEvent(event: JobEvent): void {
  jobEvents.emit(event.jobId, event);
}
