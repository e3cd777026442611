import "server-only";
import { isErrorCode } from "@/lib/error-codes";
import { AppError } from "@/lib/errors";
import { toJobDto, type JobDto } from "./job-dto";
import { findJob } from "@/lib/jobs/repository";
import { waitForJob } from "@/lib/jobs/worker";
import { env } from "@/lib/env";

/**
 * `Prefer: wait`: the finished job, or an error once the wait is over (504, the job keeps running) or when the
 * job failed (its own error code: 502 provider_error, 504 timeout, …, with the job id in details).
 */
export async function waitForGeneration(jobId: string, baseUrl: string): Promise<JobDto> {
  const waitMs = (env().PROVIDER_TIMEOUT_SECONDS + 5) * 1000;
  const ended = await waitForJob(jobId, waitMs);
  const job = (await findJob(jobId))!;
  if (!ended) {
    throw new AppError("timeout", `The generation did not finish within ${Math.round(waitMs / 1000)} s; it keeps running: GET /api/v1/jobs/${jobId}`, {
      details: { jobId },
    });
  }
  if (job.status === "succeeded") return toJobDto(job, baseUrl);
  // The job's own error as the API promises it (docs/api.md): its code and details (provider_error's reason,
  // budget_exceeded's limit, …) beside the job id. A canceled job is a conflict; an unknown code is internal.
  const error = (job.error as { code?: unknown; message?: string; details?: unknown } | null) ?? {};
  const code = job.status === "canceled" ? "conflict" : isErrorCode(error.code) ? error.code : "internal";
  const details = error.details && typeof error.details === "object" && !Array.isArray(error.details) ? (error.details as Record<string, unknown>) : {};
  throw new AppError(code, error.message ?? `The job was ${job.status}.`, { details: { jobId, ...details } });
}

/**
 * The answer to a POST that created a job: `202` with the job, or — with `Prefer: wait` or `?wait=true` — `201`
 * with the finished job (or its error, see waitForGeneration). `Location` names the job either way.
 */
export async function jobAccepted(req: Request, job: JobDto, baseUrl: string): Promise<Response> {
  const wait = /\bwait\b/i.test(req.headers.get("prefer") ?? "") || new URL(req.url).searchParams.get("wait") === "true";
  const headers = { Location: `/api/v1/jobs/${job.id}` };
  if (!wait) return Response.json(job, { status: 202, headers });
  return Response.json(await waitForGeneration(job.id, baseUrl), { status: 201, headers: { ...headers, "Preference-Applied": "wait" } });
}
