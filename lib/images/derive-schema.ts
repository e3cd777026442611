import { z } from "zod";
import { referenceImageIdsField } from "./reference-schema";

const strength = (fallback: number) =>
  z
    .number({ error: "strength must be a number from 0 to 1" })
    .min(0, "strength must be from 0 to 1")
    .max(1, "strength must be from 0 to 1")
    .default(fallback);

/** What derived jobs share with generations: who serves them, their seed and where to report. */
const common = {
  provider: z.string().max(50).optional(),
  model: z.string().max(200).optional(),
  seed: z.number().int("seed must be a whole number").min(0).max(2_147_483_647).optional(),
  webhookUrl: z.url("webhookUrl must be an absolute URL").max(2000).optional(),
  /** Try other capable providers when the chosen one fails; default true unless a provider or model was named. */
  fallback: z.boolean().optional(),
  /** Further pictures sent with the source (the caller's images, in order): ids or {id, label}. */
  referenceImageIds: referenceImageIdsField.optional(),
};

/** POST /api/v1/images/{id}/variations (docs/api.md "Generation"). */
export const variationsBody = z
  .object({
    n: z.number().int("n must be a whole number").min(1, "n must be 1–10").max(10, "n must be 1–10").default(3),
    /** 0: stay very close to the source; 1: free reinterpretation. */
    strength: strength(0.75),
    ...common,
  })
  .strict();

/** The largest painted mask: its PNG bytes (the data URL's base64 is a third longer). */
export const maxMaskBytes = 2 * 1024 * 1024;
const maskDataUrlPrefix = "data:image/png;base64,";
/** The refine route's body limit: room for a painted mask of `maxMaskBytes` in base64, and the other fields. */
export const refineJsonLimit = 3 * 1024 * 1024;

/**
 * A painted mask: a PNG as a data URL, at most `maxMaskBytes`. Only its shape is checked here; whether the bytes
 * are an image of the source's size is checked against the source (lib/images/derive.ts `paintedMask`).
 */
const paintedMask = z
  .string({ error: "mask must be a PNG data URL (data:image/png;base64,…)" })
  .trim()
  .refine((v) => v.toLowerCase().startsWith(maskDataUrlPrefix), { message: "mask must be a PNG data URL (data:image/png;base64,…)", abort: true })
  .refine((v) => v.length - maskDataUrlPrefix.length <= Math.ceil(maxMaskBytes / 3) * 4, { message: `mask must be at most ${maxMaskBytes / 1024 / 1024} MB`, abort: true })
  .refine((v) => /^[A-Za-z0-9+/]*={0,2}$/.test(v.slice(maskDataUrlPrefix.length)), "mask is not valid base64 after data:image/png;base64,");

/** The PNG bytes of a painted mask that passed `refineBody`. */
export const maskBytesOf = (dataUrl: string) => Buffer.from(dataUrl.slice(maskDataUrlPrefix.length), "base64");

/** POST /api/v1/images/{id}/refine (docs/api.md "Generation"); `maxPromptLength` from MAX_PROMPT_LENGTH. */
export const refineBody = (maxPromptLength: number) =>
  z
    .object({
      prompt: z
        .string({ error: "prompt is required: say how to change the image" })
        .trim()
        .min(1, "prompt must not be empty: say how to change the image")
        .max(maxPromptLength, `prompt must be at most ${maxPromptLength} characters`),
      negativePrompt: z.string().trim().max(maxPromptLength, `negativePrompt must be at most ${maxPromptLength} characters`).optional(),
      preserveStructure: z.boolean().default(true),
      strength: strength(0.5),
      /** An image of the source's size: white = change, black = keep. */
      maskImageId: z.string().min(1).max(100).optional(),
      /** Or a mask painted in the studio (or drawn by the caller): a PNG data URL of the source's size. */
      mask: paintedMask.optional(),
      n: z.number().int("n must be a whole number").min(1, "n must be 1–4").max(4, "n must be 1–4").default(1),
      ...common,
    })
    .strict()
    .refine((body) => !(body.mask && body.maskImageId), {
      message: "Send either mask (a painted PNG) or maskImageId (one of your images), not both",
      path: ["mask"],
    });

export type VariationsBody = z.output<typeof variationsBody>;
export type RefineBody = z.output<ReturnType<typeof refineBody>>;
