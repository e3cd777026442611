import { route } from "@/lib/api/route";
import { cancelJob } from "@/lib/images";

// POST /api/v1/jobs/{id}/cancel — cancels a queued or running job; a finished one is returned unchanged
export const POST = route<{ id: string }>(async ({ user, params, baseUrl }) =>
  Response.json(await cancelJob({ user, jobId: params.id, baseUrl }), { headers: { "Cache-Control": "no-store" } }),
);
