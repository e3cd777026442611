import "server-only";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { emitJobEvent } from "./events";
import { settleJobBudget } from "./job-budget";
import { dbNow, leaseContext, leaseOwnerId, leaseSettings, pidOfOwner } from "./lease";
import { PgBossQueue } from "./pg-queue";
import { closeProviderSemaphores } from "./provider-slots";
import { InProcessQueue, type JobQueue } from "./queue";
import {
  abandonedJobs,
  claimJob,
  expireLeases,
  failUndeliveredJob,
  findJob,
  finishJob,
  isCancelRequested,
  queuedCountOf,
  releaseJob,
  renewLeases,
  staleQueuedJobs,
  syncDbClock,
  takeOverJob,
  unfinishedJobs,
  type JobRow,
} from "./repository";

/** Runs one job; `signal` aborts when the job is canceled (here or from another process). */
export type JobHandler = (job: JobRow, signal: AbortSignal) => Promise<void>;
/**
 * The code that runs each type of job, by `Job.type`. The worker is given them where it starts (the images
 * layer's list: lib/images/job-handlers.ts); nothing registers itself.
 */
export type JobHandlers = Readonly<Record<string, JobHandler>>;

/** Runs of a job interrupted by its worker's end (crash, kill) before it is failed rather than taken over again. */
const maxAttempts = 3;
/** How often a running job's row is checked for a cancel asked by another process. */
const cancelPollMs = 500;
/** A queued job untouched this long, with no queue message, gets its message sent again (shared queue only). */
const staleQueuedMs = 60_000;
const globalForWorker = globalThis as unknown as {
  imageStudioQueue?: JobQueue;
  /** The queue jobQueue() made (not one a test set), stopped when replaced. */
  imageStudioOwnQueue?: JobQueue;
  imageStudioWorkerStarted?: Promise<void>;
  imageStudioRunningJobs?: Map<string, AbortController>;
  imageStudioWorkerTimers?: { heartbeat?: NodeJS.Timeout; sweep?: NodeJS.Timeout; beat?: Promise<void>; sweeping?: Promise<void>; stopping?: boolean };
};
const timers = (globalForWorker.imageStudioWorkerTimers ??= {});

/** Jobs running in this process, so a cancel can abort their provider calls at once. */
export const runningJobs = (globalForWorker.imageStudioRunningJobs ??= new Map<string, AbortController>());

/** Aborts a job running in this process; false when it does not run here. */
export function abortRunningJob(jobId: string, reason = "The job was canceled"): boolean {
  const controller = runningJobs.get(jobId);
  controller?.abort(new DOMException(reason, "AbortError"));
  return Boolean(controller);
}

/** QUEUE_DRIVER, or its default: the PostgreSQL queue when the database is PostgreSQL, else in-process. */
export function queueDriver(): "in-process" | "postgres" {
  const config = env();
  return config.QUEUE_DRIVER ?? (config.databaseTarget === "postgres" ? "postgres" : "in-process");
}

export function jobQueue(): JobQueue {
  if (!globalForWorker.imageStudioQueue) {
    const config = env();
    let queue: JobQueue;
    if (queueDriver() === "postgres") {
      if (config.databaseTarget !== "postgres") {
        throw new Error("QUEUE_DRIVER=postgres needs a PostgreSQL database: set DATABASE_URL=postgres://… (or QUEUE_DRIVER=in-process).");
      }
      queue = new PgBossQueue({ databaseUrl: config.databaseUrl, poolSize: config.WORKER_CONCURRENCY + 3, onDead: failDeadJob, backlogOf: queuedCountOf });
    } else queue = new InProcessQueue();
    globalForWorker.imageStudioQueue = globalForWorker.imageStudioOwnQueue = queue;
  }
  return globalForWorker.imageStudioQueue;
}

/** Tests swap the queue. */
export function setJobQueueForTests(queue: JobQueue | undefined): void {
  const own = globalForWorker.imageStudioOwnQueue;
  if (own && own !== queue && own instanceof PgBossQueue) void own.stop().catch(() => undefined); // its pollers and connections
  if (own !== queue) globalForWorker.imageStudioOwnQueue = undefined;
  globalForWorker.imageStudioQueue = queue;
  globalForWorker.imageStudioWorkerStarted = undefined;
}

/**
 * Runs one job: claims it under this process's lease, dispatches on its type, and turns an escaped error into a
 * failed job. While it runs, its lease is renewed (heartbeat) and its row polled for a cancel asked elsewhere,
 * which aborts the handler's signal; so does losing the lease. The handler's writes to its row are fenced by the
 * lease. A delivery of a job that is not queued (running under a live lease elsewhere, canceled, finished) does
 * nothing. Throws only when the job could not be given an outcome (its row is then queued again), so a shared
 * queue retries the delivery.
 */
export async function runJob(jobId: string, handlers: JobHandlers): Promise<void> {
  if (!(await claimJob(jobId))) return; // taken by another worker, canceled, or finished
  const job = (await findJob(jobId))!;
  const handler = Object.hasOwn(handlers, job.type) ? handlers[job.type] : undefined;
  const controller = new AbortController();
  runningJobs.set(jobId, controller);
  startHeartbeat();
  const requested = "The job was canceled (seen on its row)";
  if (job.cancelRequestedAt) abortRunningJob(jobId, requested); // asked before a restart picked it up again
  const watch = setInterval(() => {
    isCancelRequested(jobId).then((asked) => asked && abortRunningJob(jobId, requested), (error) => log.warn("cancel check failed", { jobId, error }));
  }, cancelPollMs);
  try {
    await leaseContext.run({ jobId, owner: leaseOwnerId() }, async () => {
      try {
        if (!handler) throw Object.assign(new Error(`Unknown job type "${job.type}"`), { code: "invalid_request" });
        await handler(job, controller.signal);
      } catch (error) {
        log.error("job failed", { jobId, type: job.type, error });
        const code = (error as { code?: string }).code ?? "internal";
        const message = code === "internal" ? "The job failed unexpectedly." : (error as Error).message;
        const status = controller.signal.aborted ? "canceled" : "failed";
        if (await finishJob(jobId, { status, error: status === "failed" ? { code, message } : null })) emitJobEvent({ type: "finished", jobId, status });
        // Whatever the handler had not settled: what it was billed is counted, its reservation released.
        await settleJobBudget(jobId, { release: true }).catch((e) => log.error("could not settle the job's budget", { jobId, error: e }));
      }
    });
  } finally {
    clearInterval(watch);
    runningJobs.delete(jobId);
  }
  // Still running under this process's lease: its outcome could not be written. Back in line, and the queue retries.
  if (await releaseJob(jobId)) throw new Error(`Job ${jobId} ended without an outcome; it was put back in the queue.`);
}

/** Renews the leases of the jobs running here every heartbeatMs; a job whose lease was lost is aborted. */
function startHeartbeat(): void {
  if (timers.heartbeat) return;
  timers.stopping = false;
  const beat = async () => {
    const ids = [...runningJobs.keys()];
    if (!ids.length || timers.stopping) return;
    try {
      for (const jobId of await renewLeases(ids)) {
        if (runningJobs.has(jobId) && abortRunningJob(jobId, "This worker lost the job's lease: another worker runs it now")) {
          log.warn("job lease lost; its run here stops", { jobId });
        }
      }
    } catch (error) {
      log.warn("lease renewal failed", { error: (error as Error).message });
    }
  };
  let last = Date.now();
  const schedule = () => {
    // Ticks at least every second, so a change of lease settings (tests) takes effect at once.
    timers.heartbeat = setTimeout(() => {
      if (Date.now() - last < leaseSettings().heartbeatMs) return schedule();
      last = Date.now();
      timers.beat = beat().finally(() => {
        timers.beat = undefined;
        if (timers.heartbeat) schedule();
      });
    }, Math.min(leaseSettings().heartbeatMs, 1000));
    timers.heartbeat.unref();
  };
  schedule();
}

/**
 * Takes over jobs whose worker is gone (lease expired, or its process dead on this machine): back in the queue,
 * or failed after `maxAttempts` runs. At start also re-queues what a previous process left: running jobs without
 * any lease (older versions), and queued jobs — all of them for the in-process queue (it lived in that process's
 * memory), those without a waiting message for a shared queue. Later sweeps re-send stale queued jobs whose
 * message is gone.
 */
async function sweep(startup: boolean): Promise<void> {
  const queue = jobQueue();
  await syncDbClock().catch((error) => log.warn("could not read the database clock", { error: (error as Error).message }));
  for (const job of await abandonedJobs({ unleased: startup })) {
    const outcome = await takeOverJob(job, maxAttempts);
    if (!outcome) continue;
    const previous = { jobId: job.id, previousOwnerPid: pidOfOwner(job.leaseOwner), leaseExpiresAt: job.leaseExpiresAt, attempts: job.attempts };
    if (outcome === "failed") {
      log.error("job given up: its workers kept stopping mid-job", previous);
      emitJobEvent({ type: "finished", jobId: job.id, status: "failed" });
    } else {
      log.warn(job.leaseOwner ? "taking over a job whose worker is gone" : "re-queuing a running job left without a lease by an earlier process", previous);
      await queue.enqueue(job.id, { ownerId: job.ownerId });
    }
  }
  if (queue.waiting) {
    const stale = await staleQueuedJobs(startup ? new Date(dbNow().getTime() + 1000) : new Date(dbNow().getTime() - staleQueuedMs));
    const waiting = await queue.waiting(stale.map((j) => j.id));
    for (const job of stale) {
      if (waiting.has(job.id)) continue;
      log.warn("re-sending a queued job whose queue message is missing", { jobId: job.id });
      await queue.enqueue(job.id, { ownerId: job.ownerId });
    }
  } else if (startup) {
    for (const job of await unfinishedJobs()) if (job.status === "queued") await queue.enqueue(job.id, { ownerId: job.ownerId });
  }
}

function scheduleSweep(): void {
  if (timers.sweep) return;
  const tick = () => {
    timers.sweep = setTimeout(() => {
      timers.sweeping = sweep(false)
        .catch((error) => log.warn("job sweep failed", { error: (error as Error).message }))
        .finally(() => {
          timers.sweeping = undefined;
          if (timers.sweep) tick();
        });
    }, leaseSettings().sweepMs);
    timers.sweep.unref();
  };
  tick();
}

let warnedWorkerOff = false;

/**
 * Starts this process's worker (WORKER=on) once: takes jobs from the queue, WORKER_CONCURRENCY at a time, and runs
 * each with its type's handler, after picking up what a previous process left (sweep); then sweeps every few
 * seconds for jobs whose worker is gone.
 */
export function ensureWorker(handlers: JobHandlers): Promise<void> {
  if (env().WORKER === "off") {
    if (queueDriver() === "in-process" && !warnedWorkerOff) {
      warnedWorkerOff = true;
      log.warn("WORKER=off with the in-process queue: jobs accepted here wait until a process with WORKER=on starts on this database");
    }
    return Promise.resolve();
  }
  globalForWorker.imageStudioWorkerStarted ??= (async () => {
    const queue = jobQueue();
    queue.start((jobId) => runJob(jobId, handlers), env().WORKER_CONCURRENCY);
    await sweep(true);
    scheduleSweep();
  })().catch((error) => {
    globalForWorker.imageStudioWorkerStarted = undefined;
    log.error("worker failed to start", { error });
  });
  return globalForWorker.imageStudioWorkerStarted;
}

/**
 * Stops this process's worker: no new jobs; running ones get `timeoutMs` (default: all the time they need) to
 * finish; the leases of any still running are then given up at once, so other workers take them over on their
 * next sweep (their handlers produce only what is missing). Closes the queue and the provider slots.
 */
export async function stopWorker(options: { timeoutMs?: number } = {}): Promise<void> {
  clearTimeout(timers.sweep);
  timers.sweep = undefined;
  await timers.sweeping;
  await globalForWorker.imageStudioQueue?.stop(options);
  timers.stopping = true;
  clearTimeout(timers.heartbeat);
  timers.heartbeat = undefined;
  await timers.beat;
  const left = [...runningJobs.keys()];
  if (left.length) {
    const released = await expireLeases(left).catch(() => 0);
    log.warn("worker stopped with jobs still running: their leases are given up for other workers", { jobIds: left, released });
  }
  globalForWorker.imageStudioWorkerStarted = undefined;
  await closeProviderSemaphores();
}

/** A job whose queue deliveries all failed: failed with a clear error if it still waits (a running one has its lease). */
export async function failDeadJob(jobId: string, reason: string): Promise<void> {
  const row = await failUndeliveredJob(jobId, reason);
  if (!row) return;
  // What earlier runs billed is counted, the rest of the reservation released.
  await settleJobBudget(jobId, { release: true });
  emitJobEvent({ type: "finished", jobId, status: "failed" });
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
