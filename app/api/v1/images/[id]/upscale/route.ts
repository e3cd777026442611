import { idempotencyKeyOf, readJson } from "@/lib/api/request";
import { route } from "@/lib/api/route";
import { createUpscale, jobAccepted, upscaleBody } from "@/lib/images";

// POST /api/v1/images/{id}/upscale — a job making the image ×2 or ×4: the local basic resample, or a provider's
// upscaler (202; `Prefer: wait` → 201).
export const POST = route<{ id: string }>(async ({ req, user, params, baseUrl }) => {
  const body = upscaleBody.parse(await readJson(req));
  const { job } = await createUpscale({ user, imageId: params.id, body, idempotencyKey: idempotencyKeyOf(req), baseUrl });
  return jobAccepted(req, job, baseUrl);
}, { scope: "generate" });
