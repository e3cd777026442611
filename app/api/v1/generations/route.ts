import { readJobRequest } from "@/lib/api/job-request";
import { idempotencyKeyOf } from "@/lib/api/request";
import { route } from "@/lib/api/route";
import { env } from "@/lib/env";
import { createGeneration, generationBody, jobAccepted, withReferenceUploads } from "@/lib/images";

// POST /api/v1/generations — a generation job (202), or with `Prefer: wait` / `?wait=true` the finished job (201).
// JSON, or a multipart form: the JSON in `body`, reference pictures as `references` files (uploaded first).
export const POST = route(async ({ req, user, baseUrl }) => {
  const { json, files } = await readJobRequest(req);
  const body = generationBody(env().MAX_PROMPT_LENGTH).parse(json);
  const idempotencyKey = idempotencyKeyOf(req);
  const { job } = await withReferenceUploads({
    user, baseUrl, body, files, idempotencyKey,
    create: (withReferences, requestForHash) => createGeneration({ user, body: withReferences, idempotencyKey, baseUrl, requestForHash }),
  });
  return jobAccepted(req, job, baseUrl);
}, { scope: "generate" });
