import "server-only";
import { ensureWorker } from "@/lib/jobs/worker";
import "./generation-job";
import { startJobWebhooks } from "@/lib/webhooks/worker";
import { env } from "@/lib/env";
import { startOrphanSweeps } from "./orphans";
import { startTrashPurges } from "./trash";

/**
 * Starts this process's job worker with every image job handler registered, and its outgoing webhooks
 * (server start, the first generation, `npm run worker`), and the sweep of stored files a crash left without a
 * row (orphans.ts), and the purge of trash past TRASH_RETENTION_DAYS (trash.ts). Calling it again is harmless.
 */
export function startImageWorker(): Promise<void> {
  startJobWebhooks();
  if (env().WORKER === "on") {
    startOrphanSweeps();
    startTrashPurges();
  }
  return ensureWorker();
}
