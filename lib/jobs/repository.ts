import "server-only";
import { db, isPostgres, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { settleJobBudget } from "./job-budget";
import type { JobStatus } from "./job-status";
import { currentLease, dbNow, leaseOwnerId, leaseSettings, ownerIsGone, recordDbClock } from "./lease";

/** Data access for jobs; every read by id is scoped by owner. */

export type JobRow = Prisma.JobGetPayload<object>;
export type { JobStatus } from "./job-status";
export const finishedStatuses: JobStatus[] = ["succeeded", "failed", "canceled"];

export async function findOwnedJob(ownerId: string, id: string): Promise<JobRow> {
  const job = await db().job.findFirst({ where: { id, ownerId } });
  if (!job) throw new AppError("not_found", `Job ${id} not found`);
  return job;
}

export const findJob = (id: string) => db().job.findUnique({ where: { id } });

/**
 * Moves a queued job to running under this process's lease; false when another worker got it first (or it was
 * canceled, or it is running elsewhere).
 */
export async function claimJob(id: string): Promise<boolean> {
  const now = dbNow();
  const { count } = await db().job.updateMany({
    where: { id, status: "queued" },
    data: { status: "running", startedAt: now, attempts: { increment: 1 }, leaseOwner: leaseOwnerId(), leaseExpiresAt: new Date(now.getTime() + leaseSettings().leaseMs) },
  });
  return count === 1;
}

/** Inside a job's handler, writes to its row only land while this process still holds the job's lease. */
const fenced = (id: string) => {
  const owner = currentLease(id);
  return owner ? { leaseOwner: owner } : {};
};

/** Cancels a job still waiting in the queue; false when a worker claimed it (or it ended) meanwhile. */
export async function cancelQueuedJob(id: string): Promise<boolean> {
  const now = new Date();
  const { count } = await db().job.updateMany({ where: { id, status: "queued" }, data: { status: "canceled", cancelRequestedAt: now, finishedAt: now } });
  return count === 1;
}

/** Asks whoever runs the job to stop; false when it is not running. */
export async function requestJobCancel(id: string): Promise<boolean> {
  const { count } = await db().job.updateMany({ where: { id, status: "running" }, data: { cancelRequestedAt: new Date() } });
  return count === 1;
}

export async function isCancelRequested(id: string): Promise<boolean> {
  const job = await db().job.findUnique({ where: { id }, select: { cancelRequestedAt: true } });
  return Boolean(job?.cancelRequestedAt);
}

export async function setProgress(id: string, progress: number): Promise<void> {
  await db().job.updateMany({ where: { id, status: "running", ...fenced(id) }, data: { progress: Math.max(0, Math.min(1, progress)) } });
}

/**
 * Ends a running job; returns false when it had already ended (e.g. canceled meanwhile) — or, from inside its
 * handler, when this process no longer holds its lease (another worker took it over).
 */
export async function finishJob(
  id: string,
  outcome: { status: "succeeded" | "failed" | "canceled"; error?: { code: string; message: string } | null; costMicroUsd?: number; provider?: string | null; model?: string | null },
): Promise<boolean> {
  const { count } = await db().job.updateMany({
    where: { id, status: { in: ["queued", "running"] }, ...fenced(id) },
    data: {
      status: outcome.status,
      progress: outcome.status === "succeeded" ? 1 : undefined,
      error: outcome.error ?? undefined,
      costMicroUsd: outcome.costMicroUsd,
      provider: outcome.provider ?? undefined,
      model: outcome.model ?? undefined,
      finishedAt: new Date(),
    },
  });
  return count === 1;
}

/** Jobs a previous process left unfinished: queued ones, and running ones it was in the middle of. */
export async function unfinishedJobs(): Promise<JobRow[]> {
  return db().job.findMany({ where: { status: { in: ["queued", "running"] } }, orderBy: { createdAt: "asc" } });
}

/** Puts a running job back in line (any owner): for tests and operators. Workers use `releaseJob`/`takeOverJob`. */
export async function requeueJob(id: string): Promise<void> {
  await db().job.updateMany({ where: { id, status: "running" }, data: { status: "queued", leaseExpiresAt: null } });
}

// ---- Leases (lib/jobs/lease.ts) ----

/** The database server's clock (PostgreSQL), so processes on several machines agree on lease deadlines. */
export async function syncDbClock(): Promise<void> {
  if (!isPostgres()) return; // SQLite: one machine, one clock
  const sentAt = Date.now();
  const [row] = await db().$queryRaw<Array<{ now: Date }>>`SELECT now() AS now`;
  recordDbClock(new Date(row.now), sentAt, Date.now());
}

/**
 * Renews this process's leases on `ids`; returns the ids it no longer holds (taken over by another worker, or
 * ended elsewhere), whose handlers should stop.
 */
export async function renewLeases(ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  const owner = leaseOwnerId();
  const { count } = await db().job.updateMany({
    where: { id: { in: ids }, status: "running", leaseOwner: owner },
    data: { leaseExpiresAt: new Date(dbNow().getTime() + leaseSettings().leaseMs) },
  });
  if (count === ids.length) return [];
  const rows = await db().job.findMany({ where: { id: { in: ids } }, select: { id: true, status: true, leaseOwner: true } });
  return ids.filter((id) => {
    const row = rows.find((r) => r.id === id);
    return !row || row.leaseOwner !== owner || row.status !== "running";
  });
}

/** Hands a job this process still holds back to the queue (its handler ended without an outcome). */
export async function releaseJob(id: string): Promise<boolean> {
  const { count } = await db().job.updateMany({ where: { id, status: "running", leaseOwner: leaseOwnerId() }, data: { status: "queued", leaseExpiresAt: null } });
  return count === 1;
}

/** Ends this process's leases on `ids` at once (shutdown): the next sweep of any worker takes those jobs over. */
export async function expireLeases(ids: string[]): Promise<number> {
  if (!ids.length) return 0;
  const { count } = await db().job.updateMany({ where: { id: { in: ids }, status: "running", leaseOwner: leaseOwnerId() }, data: { leaseExpiresAt: new Date(dbNow().getTime() - 1) } });
  return count;
}

export type LeasedJob = Pick<JobRow, "id" | "ownerId" | "leaseOwner" | "leaseExpiresAt" | "attempts">;

/**
 * Running jobs whose owner is gone: lease expired, or owner process dead on this machine. With `unleased`, also
 * running jobs without any lease (left by a version without leases) — only at worker start, as before leases.
 */
export async function abandonedJobs(options: { unleased?: boolean } = {}): Promise<LeasedJob[]> {
  const now = dbNow();
  const rows = await db().job.findMany({
    where: { status: "running" },
    select: { id: true, ownerId: true, leaseOwner: true, leaseExpiresAt: true, attempts: true },
    orderBy: { createdAt: "asc" },
    take: 1000,
  });
  return rows.filter((row) =>
    row.leaseOwner ? (row.leaseExpiresAt !== null && row.leaseExpiresAt <= now) || ownerIsGone(row.leaseOwner) : Boolean(options.unleased),
  );
}

/**
 * Takes an abandoned job from its gone owner: back to `queued` (for any worker to claim) — or, after `maxAttempts`
 * runs, failed, its budget settled. One conditional UPDATE on the lease that was seen, so a lease renewed meanwhile, or another
 * worker's take-over, wins. Returns what was done, or null when the job was not taken.
 */
export async function takeOverJob(job: LeasedJob, maxAttempts: number): Promise<"requeued" | "failed" | null> {
  const seen = { id: job.id, status: "running", leaseOwner: job.leaseOwner, leaseExpiresAt: job.leaseExpiresAt };
  if (job.attempts >= maxAttempts) {
    const error = { code: "internal", message: `The job was interrupted ${job.attempts} times (its worker stopped mid-job each time); given up.` };
    const { count } = await db().job.updateMany({ where: seen, data: { status: "failed", error, finishedAt: new Date(), leaseExpiresAt: null } });
    if (count !== 1) return null;
    // What its runs billed is counted as spent, and the rest of its reservation released.
    await settleJobBudget(job.id, { release: true });
    return "failed";
  }
  const { count } = await db().job.updateMany({ where: seen, data: { status: "queued", leaseExpiresAt: null } });
  return count === 1 ? "requeued" : null;
}

/** Queued jobs not touched since `before` (their queue message may be lost). */
export async function staleQueuedJobs(before: Date): Promise<Array<Pick<JobRow, "id" | "ownerId">>> {
  return db().job.findMany({ where: { status: "queued", updatedAt: { lt: before } }, select: { id: true, ownerId: true }, orderBy: { createdAt: "asc" }, take: 500 });
}

/**
 * A job the queue gave up delivering (its deliveries failed every retry): failed, with a clear error, when it is
 * still waiting. Returns the row when it was failed here.
 */
export async function failUndeliveredJob(id: string, reason: string): Promise<JobRow | null> {
  const error = { code: "internal", message: `The job could not be run: the queue gave up after repeated failures (${reason}).` };
  const { count } = await db().job.updateMany({ where: { id, status: "queued" }, data: { status: "failed", error, finishedAt: new Date() } });
  return count === 1 ? findJob(id) : null;
}

/** How many jobs an owner has waiting (the queue's fairness between owners). */
export const queuedCountOf = (ownerId: string) => db().job.count({ where: { ownerId, status: "queued" } });
