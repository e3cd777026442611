import { idempotencyKeyOf, readJson } from "@/lib/api/request";
import { route } from "@/lib/api/route";
import { createVariations, jobAccepted, variationsBody } from "@/lib/images";

// POST /api/v1/images/{id}/variations — a job making `n` variations of the image (202; `Prefer: wait` → 201)
export const POST = route<{ id: string }>(async ({ req, user, params, baseUrl }) => {
  const body = variationsBody.parse(await readJson(req));
  const { job } = await createVariations({ user, imageId: params.id, body, idempotencyKey: idempotencyKeyOf(req), baseUrl });
  return jobAccepted(req, job, baseUrl);
}, { scope: "generate" });
