import { readJobRequest } from "@/lib/api/job-request";
import { idempotencyKeyOf } from "@/lib/api/request";
import { route } from "@/lib/api/route";
import { env } from "@/lib/env";
import { createRefinement, jobAccepted, refineBody, withReferenceUploads } from "@/lib/images";
import { refineJsonLimit } from "@/lib/images/derive-schema";

// POST /api/v1/images/{id}/refine — a job refining the image by prompt, optionally within a mask (202; `Prefer: wait` → 201).
// The JSON may be up to 3 MB: a painted mask (a PNG data URL of up to 2 MB) rides in it. As a multipart form: the
// JSON in `body`, reference pictures as `references` files (uploaded first).
export const POST = route<{ id: string }>(async ({ req, user, params, baseUrl }) => {
  const { json, files } = await readJobRequest(req, refineJsonLimit);
  const body = refineBody(env().MAX_PROMPT_LENGTH).parse(json);
  const idempotencyKey = idempotencyKeyOf(req);
  const { job } = await withReferenceUploads({
    user, baseUrl, body, files, idempotencyKey,
    create: (withReferences, requestForHash) => createRefinement({ user, imageId: params.id, body: withReferences, idempotencyKey, baseUrl, requestForHash }),
  });
  return jobAccepted(req, job, baseUrl);
}, { scope: "generate" });
