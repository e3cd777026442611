import "server-only";
import { presentJobsWith } from "@/lib/jobs/presenter";
import { ensureWorker } from "@/lib/jobs/worker";
import { startJobWebhooks } from "@/lib/webhooks/worker";
import { env } from "@/lib/env";
import { jobHandlers } from "./job-handlers";
import { jobPresenter } from "./job-dto";
import { startOrphanSweeps } from "./orphans";
import { startTrashPurges } from "./trash";

/**
 * Wires the job machinery (lib/jobs) to this layer: the job event log and webhook deliveries show jobs and their
 * images through this layer's presenter (lib/jobs/presenter.ts). Server start and `npm run worker` do it through
 * startImageWorker; the tests' setup calls it for processes that start no worker.
 */
export function wireImageJobs(): void {
  presentJobsWith(jobPresenter);
}

/**
 * Starts this process's job worker with every image job handler (./job-handlers.ts), and its outgoing webhooks
 * (server start, the first generation, `npm run worker`), and the sweep of stored files a crash left without a
 * row (orphans.ts), and the purge of trash past TRASH_RETENTION_DAYS (trash.ts). Calling it again is harmless.
 */
export function startImageWorker(): Promise<void> {
  wireImageJobs();
  startJobWebhooks();
  if (env().WORKER === "on") {
    startOrphanSweeps();
    startTrashPurges();
  }
  return ensureWorker(jobHandlers);
}
