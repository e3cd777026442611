import "server-only";
import { emitJobEvent } from "./events";
import { settleJobBudget } from "./job-budget";
import { cancelQueuedJob, findOwnedJob, finishedStatuses, requestJobCancel, type JobRow, type JobStatus } from "./repository";
import { abortRunningJob, waitForJob } from "./worker";

export interface CancelJobOptions {
  ownerId: string;
  jobId: string;
  /** How long to wait for a running job to stop before answering with its state then (default 2 s). */
  waitMs?: number;
}

/**
 * Cancels a job of `ownerId` (404 for anyone else's) and returns its row afterwards.
 * - queued: canceled at once, its budget reservation released, its terminal event logged; the worker's claim
 *   only takes queued jobs, so it never runs;
 * - running: `cancelRequestedAt` is set and, when it runs in this process, its provider call aborted at once;
 *   a worker in another process notices on its next check (≤ 0.5 s). The handler ends it `canceled` and
 *   releases what was not spent. We wait briefly so the answer usually shows the end;
 * - finished: returned unchanged.
 */
export async function cancelJob({ ownerId, jobId, waitMs = 2000 }: CancelJobOptions): Promise<JobRow> {
  const job = await findOwnedJob(ownerId, jobId);
  if (finishedStatuses.includes(job.status as JobStatus)) return job;
  if (job.status === "queued" && (await cancelQueuedJob(jobId))) {
    await settleJobBudget(jobId, { release: true });
    emitJobEvent({ type: "finished", jobId, status: "canceled" });
    return findOwnedJob(ownerId, jobId);
  }
  // Running, or claimed by a worker a moment ago: stop it here at once if it runs here, and ask on its row for
  // a worker elsewhere.
  const here = abortRunningJob(jobId);
  if ((await requestJobCancel(jobId)) || here) await waitForJob(jobId, waitMs);
  return findOwnedJob(ownerId, jobId);
}
