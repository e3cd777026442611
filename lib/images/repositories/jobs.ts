import "server-only";
import { db, type Prisma } from "@/lib/db";
import { afterCursor, type Keyset } from "@/lib/db-cursor";
import type { JobRow } from "@/lib/jobs/repository";

/**
 * The job queries of the image services (accepting a generation, listing jobs); the rest of a job's life is
 * lib/jobs/repository.ts's.
 */

/** The owner's job made under an Idempotency-Key, or null. */
export const findJobByIdempotencyKey = (ownerId: string, idempotencyKey: string): Promise<JobRow | null> =>
  db().job.findUnique({ where: { ownerId_idempotencyKey: { ownerId, idempotencyKey } } });

/** Whether the owner already made a job under an Idempotency-Key. */
export const hasJobWithIdempotencyKey = async (ownerId: string, idempotencyKey: string): Promise<boolean> =>
  Boolean(await db().job.findUnique({ where: { ownerId_idempotencyKey: { ownerId, idempotencyKey } }, select: { id: true } }));

/** Records a new job (P2002 when its Idempotency-Key is taken). */
export const insertJob = (data: Prisma.JobUncheckedCreateInput): Promise<JobRow> => db().job.create({ data });

/** The owner's jobs, newest first, `take` after a cursor, optionally of one status. */
export async function listJobRows(ownerId: string, options: { status?: string; after?: Keyset; take: number }): Promise<JobRow[]> {
  const where: Prisma.JobWhereInput = { ownerId, ...(options.status ? { status: options.status } : {}) };
  if (options.after) Object.assign(where, afterCursor(options.after));
  return db().job.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: options.take });
}

/** How much of today's budget a job holds reserved now. */
export const reservedMicroUsdOf = async (jobId: string): Promise<number> =>
  (await db().job.findUniqueOrThrow({ where: { id: jobId }, select: { reservedMicroUsd: true } })).reservedMicroUsd;
