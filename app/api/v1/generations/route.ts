import { readJson } from "@/lib/api/request";
import { route } from "@/lib/api/route";
import { env } from "@/lib/env";
import { createGeneration, generationBody, waitForGeneration } from "@/lib/images";

// POST /api/v1/generations — a generation job (202), or with `Prefer: wait` / `?wait=true` the finished job (201)
export const POST = route(async ({ req, user, baseUrl }) => {
  const body = generationBody(env().MAX_PROMPT_LENGTH).parse(await readJson(req));
  const idempotencyKey = req.headers.get("idempotency-key")?.trim() || undefined;
  const { job } = await createGeneration({ user, body, idempotencyKey, baseUrl });
  const wait = /\bwait\b/i.test(req.headers.get("prefer") ?? "") || new URL(req.url).searchParams.get("wait") === "true";
  const headers = { Location: `/api/v1/jobs/${job.id}` };
  if (!wait) return Response.json(job, { status: 202, headers });
  return Response.json(await waitForGeneration(job.id, baseUrl), { status: 201, headers: { ...headers, "Preference-Applied": "wait" } });
});
