import { idempotencyKeyOf, readJson } from "@/lib/api/request";
import { route } from "@/lib/api/route";
import { env } from "@/lib/env";
import { createExpand, expandBody, jobAccepted } from "@/lib/images";

// POST /api/v1/images/{id}/expand — a job growing the canvas (pixels per side, zoom-out factor or aspect ratio) and
// filling the new area, the original's pixels kept (202; `Prefer: wait` → 201).
export const POST = route<{ id: string }>(async ({ req, user, params, baseUrl }) => {
  const body = expandBody(env().MAX_PROMPT_LENGTH).parse(await readJson(req));
  const { job } = await createExpand({ user, imageId: params.id, body, idempotencyKey: idempotencyKeyOf(req), baseUrl });
  return jobAccepted(req, job, baseUrl);
}, { scope: "generate" });
