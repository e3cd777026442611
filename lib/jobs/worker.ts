import "server-only";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { emitJobEvent } from "./events";
import { InProcessQueue, type JobQueue } from "./queue";
import { claimJob, findJob, finishJob, isCancelRequested, requeueJob, unfinishedJobs, type JobRow } from "./repository";

/** Runs one job; `signal` aborts when the job is canceled (here or from another process). */
export type JobHandler = (job: JobRow, signal: AbortSignal) => Promise<void>;

const maxAttempts = 3;
/** How often a running job's row is checked for a cancel asked by another process. */
const cancelPollMs = 500;
const handlers = new Map<string, JobHandler>();
const globalForWorker = globalThis as unknown as {
  imageStudioQueue?: JobQueue;
  imageStudioWorkerStarted?: Promise<void>;
  imageStudioRunningJobs?: Map<string, AbortController>;
};

/** Jobs running in this process, so a cancel can abort their provider calls at once. */
export const runningJobs = (globalForWorker.imageStudioRunningJobs ??= new Map<string, AbortController>());

/** Aborts a job running in this process; false when it does not run here. */
export function abortRunningJob(jobId: string, reason = "The job was canceled"): boolean {
  const controller = runningJobs.get(jobId);
  controller?.abort(new DOMException(reason, "AbortError"));
  return Boolean(controller);
}

/** Registers the code that runs a type of job ("generate", "variations", "refine", …). */
export function registerJobHandler(type: string, handler: JobHandler): void {
  handlers.set(type, handler);
}

export function jobQueue(): JobQueue {
  globalForWorker.imageStudioQueue ??= new InProcessQueue();
  return globalForWorker.imageStudioQueue;
}

/** Tests swap the queue. */
export function setJobQueueForTests(queue: JobQueue | undefined): void {
  globalForWorker.imageStudioQueue = queue;
  globalForWorker.imageStudioWorkerStarted = undefined;
}

/**
 * Runs one job: claims it, dispatches on its type, and turns an escaped error into a failed job. While it runs,
 * its row is polled for a cancel asked elsewhere, which aborts the handler's signal.
 */
export async function runJob(jobId: string): Promise<void> {
  if (!(await claimJob(jobId))) return; // taken by another worker, canceled, or finished
  const job = (await findJob(jobId))!;
  const handler = handlers.get(job.type);
  const controller = new AbortController();
  runningJobs.set(jobId, controller);
  const requested = "The job was canceled (seen on its row)";
  if (job.cancelRequestedAt) abortRunningJob(jobId, requested); // asked before a restart picked it up again
  const watch = setInterval(() => {
    isCancelRequested(jobId).then((asked) => asked && abortRunningJob(jobId, requested), (error) => log.warn("cancel check failed", { jobId, error }));
  }, cancelPollMs);
  try {
    if (!handler) throw Object.assign(new Error(`Unknown job type "${job.type}"`), { code: "invalid_request" });
    await handler(job, controller.signal);
  } catch (error) {
    log.error("job failed", { jobId, type: job.type, error });
    const code = (error as { code?: string }).code ?? "internal";
    const message = code === "internal" ? "The job failed unexpectedly." : (error as Error).message;
    const status = controller.signal.aborted ? "canceled" : "failed";
    if (await finishJob(jobId, { status, error: status === "failed" ? { code, message } : null })) emitJobEvent({ type: "finished", jobId, status });
  } finally {
    clearInterval(watch);
    runningJobs.delete(jobId);
  }
}

/**
 * Starts this process's worker (WORKER=on) once, after picking up what a previous process left: queued jobs
 * are queued again; running ones are run again (bounded attempts), and their handler produces only what is missing.
 */
export function ensureWorker(): Promise<void> {
  if (env().WORKER === "off") return Promise.resolve();
  globalForWorker.imageStudioWorkerStarted ??= (async () => {
    const queue = jobQueue();
    queue.start(runJob, env().PROVIDER_CONCURRENCY * 2);
    for (const job of await unfinishedJobs()) {
      if (job.status === "running") {
        if (job.attempts >= maxAttempts) {
          const error = { code: "internal", message: `Interrupted ${job.attempts} times; given up.` };
          if (await finishJob(job.id, { status: "failed", error })) emitJobEvent({ type: "finished", jobId: job.id, status: "failed" });
          continue;
        }
        await requeueJob(job.id);
      }
      await queue.enqueue(job.id, { ownerId: job.ownerId });
    }
  })().catch((error) => {
    globalForWorker.imageStudioWorkerStarted = undefined;
    log.error("worker failed to start", { error });
  });
  return globalForWorker.imageStudioWorkerStarted;
}

/** Waits until a job ends or the time runs out; returns whether it ended. */
export async function waitForJob(jobId: string, timeoutMs: number): Promise<boolean> {
  const { jobEvents } = await import("./events");
  return new Promise<boolean>((resolve) => {
    let settled = false;
    const done = (ended: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(poll);
      jobEvents.off(jobId, onEvent);
      resolve(ended);
    };
    const onEvent = (e: { type: string }) => e.type === "finished" && done(true);
    jobEvents.on(jobId, onEvent);
    const timer = setTimeout(() => done(false), timeoutMs);
    // Another process may run the job: the row is the truth.
    const poll = setInterval(async () => {
      const job = await findJob(jobId);
      if (!job || ["succeeded", "failed", "canceled"].includes(job.status)) done(true);
    }, 1000);
  });
}
