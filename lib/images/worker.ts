import "server-only";
import { ensureWorker } from "@/lib/jobs/worker";
import "./generation-job";
import { startJobWebhooks } from "@/lib/webhooks/worker";

/**
 * Starts this process's job worker with every image job handler registered, and its outgoing webhooks
 * (server start, the first generation, `npm run worker`). Calling it again is harmless.
 */
export function startImageWorker(): Promise<void> {
  startJobWebhooks();
  return ensureWorker();
}
