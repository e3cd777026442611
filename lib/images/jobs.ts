import "server-only";
import { z } from "zod";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { toJobDto } from "@/lib/jobs/dto";
import { findOwnedJob } from "@/lib/jobs/repository";

export async function getJob(options: { user: CurrentUser; jobId: string; baseUrl: string }) {
  return toJobDto(await findOwnedJob(options.user.id, options.jobId), options.baseUrl);
}

export const listJobsQuery = z.object({
  status: z.enum(["queued", "running", "succeeded", "failed", "canceled"]).optional(),
  limit: z.coerce.number().int().min(1, "limit must be 1–100").max(100, "limit must be 1–100").default(20),
  cursor: z.string().max(200).optional(),
});

/** The caller's jobs, newest first, keyset-paginated on (createdAt, id). */
export async function listJobs(options: z.output<typeof listJobsQuery> & { user: CurrentUser; baseUrl: string }) {
  const where: Prisma.JobWhereInput = { ownerId: options.user.id, ...(options.status ? { status: options.status } : {}) };
  if (options.cursor) {
    let at: string, id: string;
    try {
      [at, id] = JSON.parse(Buffer.from(options.cursor, "base64url").toString("utf8"));
    } catch {
      throw new AppError("invalid_request", "cursor is not one this API returned");
    }
    const createdAt = new Date(at);
    where.OR = [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }];
  }
  const rows = await db().job.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: options.limit + 1 });
  const page = rows.slice(0, options.limit);
  const last = page[page.length - 1];
  return {
    items: await Promise.all(page.map((j) => toJobDto(j, options.baseUrl))),
    nextCursor: rows.length > options.limit ? Buffer.from(JSON.stringify([last.createdAt.toISOString(), last.id])).toString("base64url") : null,
  };
}
