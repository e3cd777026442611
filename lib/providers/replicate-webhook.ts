import "server-only";
import { EventEmitter } from "node:events";
import { verifyWebhookSignature, type WebhookSignatureCheck } from "@/lib/net/standard-webhooks";

/**
 * Replicate signs webhooks in the Standard Webhooks scheme (https://replicate.com/docs/topics/webhooks/verify-webhook);
 * the check is the one our own outgoing webhooks use.
 */
export type ReplicateWebhookCheck = WebhookSignatureCheck;
export const verifyReplicateWebhook = verifyWebhookSignature;

/**
 * Predictions a verified webhook said are finished, as in-process events keyed by prediction id: the adapter's
 * poll for that id stops waiting for its next tick. Polling stays the source of truth (a webhook that reaches
 * another instance changes nothing), so this only shortens a wait. Kept on globalThis because Next.js may load
 * the route and the worker as separate module instances of one process.
 */
const globalForPredictions = globalThis as unknown as { imageStudioPredictionEvents?: EventEmitter; imageStudioSettledPredictions?: Map<string, number> };
export const replicatePredictionEvents = (globalForPredictions.imageStudioPredictionEvents ??= new EventEmitter().setMaxListeners(0));
/** Settled ids whose poll was not waiting at that moment (e.g. mid-request), so its next wait is skipped once. */
const settled = (globalForPredictions.imageStudioSettledPredictions ??= new Map<string, number>());
const SETTLED_TTL_MS = 10 * 60_000;
const MAX_SETTLED = 10_000;

/** A webhook reported prediction `id` terminal: wakes its poll now. */
export function notifyPredictionSettled(id: string): void {
  const now = Date.now();
  for (const [key, expires] of settled) if (expires < now || settled.size >= MAX_SETTLED) settled.delete(key);
  if (replicatePredictionEvents.listenerCount(id) === 0) settled.set(id, now + SETTLED_TTL_MS);
  replicatePredictionEvents.emit(id);
}

/** Waits `ms` before the next poll of prediction `id`, or less when a webhook says it has finished. */
export function waitForNextPoll(id: string, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    if (settled.delete(id)) return resolve();
    const cleanUp = () => {
      clearTimeout(timer);
      replicatePredictionEvents.off(id, wake);
      signal.removeEventListener("abort", onAbort);
    };
    const wake = () => {
      cleanUp();
      resolve();
    };
    const onAbort = () => {
      cleanUp();
      reject(signal.reason);
    };
    const timer = setTimeout(wake, ms);
    replicatePredictionEvents.on(id, wake);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
