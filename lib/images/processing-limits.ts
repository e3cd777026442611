import "server-only";
import { env } from "@/lib/env";
import type { ProcessingBudget } from "@/lib/processing/budget";
import { ProcessingGate } from "@/lib/processing/gate";

/** The configured processing budget (MAX_PROCESS_OPERATIONS, MAX_OUTPUT_MEGAPIXELS, MAX_PROCESS_WORK, MAX_IMAGE_SIDE). */
export function processingBudget(): ProcessingBudget {
  const config = env();
  return {
    maxOperations: config.MAX_PROCESS_OPERATIONS,
    maxOutputPixels: Math.round(config.MAX_OUTPUT_MEGAPIXELS * 1_000_000),
    maxWork: config.MAX_PROCESS_WORK * 1_000_000,
    maxSide: config.MAX_IMAGE_SIDE,
  };
}

/** Seconds a processing pipeline may run (PROCESSING_TIMEOUT_SECONDS). */
export const processingTimeoutSeconds = () => env().PROCESSING_TIMEOUT_SECONDS;

/**
 * Requests estimated at most this much work (pixel·taps; about 20 ms of CPU) take the light lane: its own
 * slots and queue, so a thumbnail-sized resize never waits behind a stack of blurs.
 */
export const lightWork = 200_000_000;

export type Lane = "light" | "heavy";
type Gates = Record<Lane, ProcessingGate>;

// One pair of gates per process, shared by every route bundle that imports this module.
const key = Symbol.for("image-studio.processing-gates");
const holder = globalThis as { [key]?: Gates };

/** The process's processing gates (each PROCESSING_CONCURRENCY slots and PROCESSING_QUEUE waiting places). */
export function processingGates(): Gates {
  const { PROCESSING_CONCURRENCY: slots, PROCESSING_QUEUE: queue } = env();
  const gates = holder[key];
  const idle = !gates || (gates.light.state.active === 0 && gates.heavy.state.active === 0);
  // A changed configuration (tests) gets new gates once the old ones are idle.
  if (!gates || (idle && (gates.heavy.slots !== slots || gates.heavy.queue !== queue))) {
    holder[key] = { light: new ProcessingGate(slots, queue), heavy: new ProcessingGate(slots, queue) };
  }
  return holder[key]!;
}

/**
 * Runs sharp work for a request through the gate of its lane (by its estimated work in pixel·taps): a slot, a
 * place in the queue, or 503 busy.
 */
export const withProcessingSlot = <T>(estimatedWork: number, work: () => Promise<T>): Promise<T> =>
  processingGates()[estimatedWork <= lightWork ? "light" : "heavy"].run(work);
