import { idempotencyKeyOf, readJson } from "@/lib/api/request";
import { route } from "@/lib/api/route";
import { env } from "@/lib/env";
import { createRefinement, jobAccepted, refineBody } from "@/lib/images";
import { refineJsonLimit } from "@/lib/images/derive-schema";

// POST /api/v1/images/{id}/refine — a job refining the image by prompt, optionally within a mask (202; `Prefer: wait` → 201).
// The body may be up to 3 MB: a painted mask (a PNG data URL of up to 2 MB) rides in it.
export const POST = route<{ id: string }>(async ({ req, user, params, baseUrl }) => {
  const body = refineBody(env().MAX_PROMPT_LENGTH).parse(await readJson(req, refineJsonLimit));
  const { job } = await createRefinement({ user, imageId: params.id, body, idempotencyKey: idempotencyKeyOf(req), baseUrl });
  return jobAccepted(req, job, baseUrl);
}, { scope: "generate" });
