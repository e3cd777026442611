import "server-only";
import { db, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";

/** Data access for jobs; every read by id is scoped by owner. */

export type JobRow = Prisma.JobGetPayload<object>;
export type JobStatus = "queued" | "running" | "succeeded" | "failed" | "canceled";
export const finishedStatuses: JobStatus[] = ["succeeded", "failed", "canceled"];

export async function findOwnedJob(ownerId: string, id: string): Promise<JobRow> {
  const job = await db().job.findFirst({ where: { id, ownerId } });
  if (!job) throw new AppError("not_found", `Job ${id} not found`);
  return job;
}

export const findJob = (id: string) => db().job.findUnique({ where: { id } });

/** Moves a queued job to running; false when another worker got it first (or it was canceled). */
export async function claimJob(id: string): Promise<boolean> {
  const { count } = await db().job.updateMany({
    where: { id, status: "queued" },
    data: { status: "running", startedAt: new Date(), attempts: { increment: 1 } },
  });
  return count === 1;
}

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
  await db().job.updateMany({ where: { id, status: "running" }, data: { progress: Math.max(0, Math.min(1, progress)) } });
}

/** Ends a running job; returns false when it had already ended (e.g. canceled meanwhile). */
export async function finishJob(
  id: string,
  outcome: { status: "succeeded" | "failed" | "canceled"; error?: { code: string; message: string } | null; costMicroUsd?: number; provider?: string | null; model?: string | null },
): Promise<boolean> {
  const { count } = await db().job.updateMany({
    where: { id, status: { in: ["queued", "running"] } },
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

export async function requeueJob(id: string): Promise<void> {
  await db().job.updateMany({ where: { id, status: "running" }, data: { status: "queued" } });
}

export const jobImages = (jobId: string) => db().image.findMany({ where: { jobId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
