import "server-only";
import { z } from "zod";
import type { CurrentUser } from "@/lib/auth/current-user";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { prepareReference } from "@/lib/processing/references";
import { cleanPromptText, MAX_TEXT_LENGTH } from "@/lib/prompts/text-instructions";
import { stylePresets } from "@/lib/providers/types";
import { storage } from "@/lib/storage";
import { inputLimits } from "./limits";
import { findLiveOwnedImage } from "./repositories/images";
import { runTextCall, textCandidates } from "./text-call";

// Describe (image → prompt) and enhance (short prompt → detailed prompt): text answers of a provider, shown to the
// person as suggestions; nothing is generated or rewritten until they accept one (the generation then records the
// original in `enhancedFrom`).

export const describeBody = z.object({ provider: z.string().max(50).optional() }).strict();

export const enhanceBody = (maxPromptLength: number) =>
  z
    .object({
      prompt: z.string({ error: "prompt is required: the words to enhance" }).trim().min(1, "prompt must not be empty").max(maxPromptLength, `prompt must be at most ${maxPromptLength} characters`),
      style: z.enum(stylePresets, { error: `style must be one of ${stylePresets.join(", ")}` }).optional(),
      provider: z.string().max(50).optional(),
    })
    .strict();

/**
 * A model's answer as a prompt the instance takes: the adapters' cleaning (lib/prompts/text-instructions.ts) again,
 * cut to MAX_PROMPT_LENGTH when that is shorter than the adapters' own limit (and for the local enrichment).
 */
const asPrompt = (text: string) => cleanPromptText(text, Math.min(MAX_TEXT_LENGTH, env().MAX_PROMPT_LENGTH));

/** POST /api/v1/images/{id}/describe: a prompt that would make a picture like this one. */
export async function describeImage(options: { user: CurrentUser; imageId: string; body: z.output<typeof describeBody> }) {
  const image = await findLiveOwnedImage(options.user.id, options.imageId);
  const candidates = await textCandidates("describe", options.body.provider);
  const bytes = await storage().get(image.storageKey).catch(() => null);
  if (!bytes) throw new AppError("not_found", `The file of image ${image.id} is missing`);
  const prepared = await prepareReference(bytes, inputLimits());
  const source = { ...prepared };
  const result = await runTextCall(options.user, "describe", candidates, (provider, context) => provider.describeImage!(source, context));
  const prompt = asPrompt(result.text);
  if (!prompt) throw new AppError("provider_error", `${result.provider.name} answered with no description`);
  const animated = image.frames > 1 ? { notice: `Animated image (${image.frames} frames): described from its first frame.` } : {};
  return { prompt, source: result.provider.id, model: result.model || result.services.model, costUsd: result.costUsd, ...animated };
}

/** POST /api/v1/prompts/enhance: the prompt rewritten into a detailed one, as a suggestion (with the original). */
export async function enhancePrompt(options: { user: CurrentUser; body: z.output<ReturnType<typeof enhanceBody>> }) {
  const { prompt: original, style, provider } = options.body;
  const candidates = await textCandidates("enhance", provider);
  const result = await runTextCall(options.user, "enhance", candidates, (p, context) => p.enhancePrompt!({ prompt: original, style }, context));
  const prompt = asPrompt(result.text);
  if (!prompt) throw new AppError("provider_error", `${result.provider.name} answered with no prompt`);
  const local = Boolean(result.services.local);
  return {
    prompt,
    original,
    source: result.provider.id,
    model: result.model || result.services.model,
    local,
    costUsd: result.costUsd,
    ...(local
      ? { notice: `Offline enrichment: phrases from the ${style && style !== "none" ? `"${style}" style's` : "studio's"} vocabulary were added to your words — no language model rewrote them. Connect Gemini or OpenAI for a real rewrite.` }
      : {}),
  };
}
