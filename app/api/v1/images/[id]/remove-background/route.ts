import { idempotencyKeyOf, readJson } from "@/lib/api/request";
import { route } from "@/lib/api/route";
import { createBackgroundRemoval, jobAccepted, removeBackgroundBody } from "@/lib/images";

// POST /api/v1/images/{id}/remove-background — a job cutting the subject out onto transparency (202; `Prefer: wait` → 201).
export const POST = route<{ id: string }>(async ({ req, user, params, baseUrl }) => {
  const body = removeBackgroundBody.parse(await readJson(req));
  const { job } = await createBackgroundRemoval({ user, imageId: params.id, body, idempotencyKey: idempotencyKeyOf(req), baseUrl });
  return jobAccepted(req, job, baseUrl);
}, { scope: "generate" });
