import { idempotencyKeyOf, readJson, readQuery } from "@/lib/api/request";
import { route } from "@/lib/api/route";
import { listJobs, listJobsQuery, submitWorkPackage } from "@/lib/images";

// GET /api/v1/jobs?status=&limit=&cursor= — the caller's jobs, newest first
export const GET = route(async ({ req, user, baseUrl }) => Response.json(await listJobs({ ...readQuery(req, listJobsQuery), user, baseUrl })));

// POST /api/v1/jobs — a work package {type: "generate" | "collection-image" | "variations" | "refine" | "upscale" | "remove-background" | "expand", ...} → 202 Job
export const POST = route(async ({ req, user, baseUrl }) => {
  const { job } = await submitWorkPackage({ user, body: await readJson(req), idempotencyKey: idempotencyKeyOf(req), baseUrl });
  return Response.json(job, { status: 202, headers: { Location: `/api/v1/jobs/${job.id}` } });
}, { scope: "generate" });
