import { route } from "@/lib/api/route";
import { getJob } from "@/lib/images";

// GET /api/v1/jobs/{id} — status, progress, images, error and cost of a job
export const GET = route<{ id: string }>(async ({ user, params, baseUrl }) =>
  Response.json(await getJob({ user, jobId: params.id, baseUrl }), { headers: { "Cache-Control": "no-store" } }),
);
