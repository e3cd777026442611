import { idempotencyKeyOf, readJson } from "@/lib/api/request";
import { route } from "@/lib/api/route";
import { env } from "@/lib/env";
import { createGeneration, generationBody, jobAccepted } from "@/lib/images";

// POST /api/v1/generations — a generation job (202), or with `Prefer: wait` / `?wait=true` the finished job (201)
export const POST = route(async ({ req, user, baseUrl }) => {
  const body = generationBody(env().MAX_PROMPT_LENGTH).parse(await readJson(req));
  const { job } = await createGeneration({ user, body, idempotencyKey: idempotencyKeyOf(req), baseUrl });
  return jobAccepted(req, job, baseUrl);
}, { scope: "generate" });
