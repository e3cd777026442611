import { readJobRequest } from "@/lib/api/job-request";
import { idempotencyKeyOf } from "@/lib/api/request";
import { route } from "@/lib/api/route";
import { createVariations, jobAccepted, variationsBody, withReferenceUploads } from "@/lib/images";

// POST /api/v1/images/{id}/variations — a job making `n` variations of the image (202; `Prefer: wait` → 201).
// JSON, or a multipart form: the JSON in `body`, reference pictures as `references` files (uploaded first).
export const POST = route<{ id: string }>(async ({ req, user, params, baseUrl }) => {
  const { json, files } = await readJobRequest(req);
  const body = variationsBody.parse(json);
  const idempotencyKey = idempotencyKeyOf(req);
  const { job } = await withReferenceUploads({
    user, baseUrl, body, files, idempotencyKey,
    create: (withReferences, requestForHash) => createVariations({ user, imageId: params.id, body: withReferences, idempotencyKey, baseUrl, requestForHash }),
  });
  return jobAccepted(req, job, baseUrl);
}, { scope: "generate" });
