import "server-only";
import { decodeCursor, pageOf } from "@/lib/db-cursor";
import { z } from "zod";
import type { CurrentUser } from "@/lib/auth/current-user";
import { cancelJob as cancelOwnedJob } from "@/lib/jobs/cancel";
import { toJobDto } from "./job-dto";
import { jobEventStream } from "@/lib/jobs/event-log";
export { sseHeaders } from "@/lib/jobs/event-log";
import { findOwnedJob } from "@/lib/jobs/repository";
import { listJobRows } from "./repositories/jobs";

export interface JobOptions {
  user: CurrentUser;
  jobId: string;
  baseUrl: string;
}

export async function getJob(options: JobOptions) {
  return toJobDto(await findOwnedJob(options.user.id, options.jobId), options.baseUrl);
}

/** POST /api/v1/jobs/{id}/cancel: the job afterwards (canceled, still stopping, or unchanged when it had ended). */
export async function cancelJob(options: JobOptions) {
  return toJobDto(await cancelOwnedJob({ ownerId: options.user.id, jobId: options.jobId }), options.baseUrl);
}

/** The SSE resume point: `Last-Event-ID` (header) or `?lastEventId=`; 0 replays everything. */
export const lastEventIdSchema = z.coerce.number({ error: "Last-Event-ID must be an event id (a whole number)" }).int("Last-Event-ID must be a whole number").min(0, "Last-Event-ID must be 0 or more");

export interface StreamJobEventsOptions extends JobOptions {
  lastEventId: number;
  /** The request's signal: the stream stops when the client goes. */
  signal: AbortSignal;
}

/** GET /api/v1/jobs/{id}/events: the job's events after `lastEventId`, then live ones, as Server-Sent Events. */
export async function streamJobEvents({ user, jobId, baseUrl, lastEventId, signal }: StreamJobEventsOptions) {
  await findOwnedJob(user.id, jobId);
  return jobEventStream({ jobId, lastEventId, baseUrl, signal });
}

export const listJobsQuery = z.object({
  status: z.enum(["queued", "running", "succeeded", "failed", "canceled"]).optional(),
  limit: z.coerce.number().int().min(1, "limit must be 1–100").max(100, "limit must be 1–100").default(20),
  cursor: z.string().max(200).optional(),
});

/** The caller's jobs, newest first, keyset-paginated on (createdAt, id). */
export async function listJobs(options: z.output<typeof listJobsQuery> & { user: CurrentUser; baseUrl: string }) {
  const rows = await listJobRows(options.user.id, { status: options.status, after: options.cursor ? decodeCursor(options.cursor) : undefined, take: options.limit + 1 });
  const { page, nextCursor } = pageOf(rows, options.limit);
  return { items: await Promise.all(page.map((j) => toJobDto(j, options.baseUrl))), nextCursor };
}
