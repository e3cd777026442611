import { readJson } from "@/lib/api/request";
import { route } from "@/lib/api/route";
import { env } from "@/lib/env";
import { enhanceBody, enhancePrompt } from "@/lib/images/describe";

// POST /api/v1/prompts/enhance — {prompt, original, source, model, local, notice?, costUsd}: a suggestion, never
// applied by itself. `local: true` is the offline enrichment (no language model), labelled so.
export const POST = route(async ({ req, user }) => {
  const body = enhanceBody(env().MAX_PROMPT_LENGTH).parse(await readJson(req));
  return Response.json(await enhancePrompt({ user, body }));
}, { scope: "generate" });
