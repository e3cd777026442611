import { z } from "zod";
import { qualities, resolutions, stylePresets } from "@/lib/providers/types";
import { referenceImageIdsField } from "./reference-schema";

const hex = z.string().regex(/^#?[0-9a-f]{6}$/i, "colours must be hex such as #ff8800").transform((v) => (v.startsWith("#") ? v : `#${v}`).toLowerCase());

/** POST /api/v1/generations (docs/api.md "Generation"); `maxPromptLength` from MAX_PROMPT_LENGTH. */
export const generationBody = (maxPromptLength: number) =>
  z
    .object({
      prompt: z
        .string({ error: "prompt is required" })
        .trim()
        .min(1, "prompt must not be empty")
        .max(maxPromptLength, `prompt must be at most ${maxPromptLength} characters`),
      negativePrompt: z.string().trim().max(maxPromptLength, `negativePrompt must be at most ${maxPromptLength} characters`).optional(),
      provider: z.string().max(50).optional(),
      model: z.string().max(200).optional(),
      width: z.number().int("width must be whole pixels").min(64, "width must be at least 64").max(8192, "width must be at most 8192").optional(),
      height: z.number().int("height must be whole pixels").min(64, "height must be at least 64").max(8192, "height must be at most 8192").optional(),
      /** A size class instead of pixels: "1K" (about 1 megapixel, the default), "2K", "4K" where the model has them. */
      resolution: z.enum(resolutions, { error: `resolution must be one of ${resolutions.join(", ")}` }).optional(),
      aspectRatio: z.string().regex(/^\d{1,2}:\d{1,2}$/, 'aspectRatio must look like "16:9"').optional(),
      style: z.enum(stylePresets, { error: `style must be one of ${stylePresets.join(", ")}` }).optional(),
      seed: z.number().int("seed must be a whole number").min(0).max(2_147_483_647).optional(),
      n: z.number().int("n must be a whole number").min(1, "n must be 1–10").max(10, "n must be 1–10").default(1),
      quality: z.enum(qualities, { error: `quality must be one of ${qualities.join(", ")}` }).optional(),
      /** Encoding asked of providers that offer one (gpt-image); the studio stores what comes back. */
      outputFormat: z.enum(["png", "jpeg", "webp"]).optional(),
      outputCompression: z.number().int().min(0).max(100).optional(),
      background: z.enum(["transparent", "opaque", "auto"]).optional(),
      /**
       * An animated GIF (models with an animation capability: gpt-image-2.6): `frames` 2–16, each shown
       * `frameDurationMs` 20–2000 ms in steps of 10 (default 200). width/height (or aspectRatio) are then a frame's;
       * the frames must fit the sheet the model draws them on (checked per model: 400 naming the limit).
       */
      animation: z
        .object({
          frames: z.number({ error: "animation.frames is required (2–16)" }).int("animation.frames must be a whole number").min(2, "animation.frames must be 2–16").max(16, "animation.frames must be 2–16"),
          frameDurationMs: z
            .number()
            .int("animation.frameDurationMs must be whole milliseconds")
            .min(20, "animation.frameDurationMs must be 20–2000")
            .max(2000, "animation.frameDurationMs must be 20–2000")
            .multipleOf(10, "animation.frameDurationMs must be a multiple of 10 (GIF delays are in hundredths of a second)")
            .default(200),
        })
        .strict()
        .optional(),
      /** "icon": a square icon, transparent where the provider can, plus the standard icon sizes. */
      imageType: z.enum(["image", "icon"]).default("image"),
      /** Colours to steer toward: passed natively where the provider takes them (Ideogram), else said in the prompt. */
      palette: z.array(hex).min(1).max(16).optional(),
      /** One of the user's palettes, instead of `palette`. */
      paletteId: z.string().min(1).max(100).optional(),
      collectionId: z.string().min(1).max(100).optional(),
      /** Pictures to make it from ("use this character", "in the style of these"): ids or {id, label}, in order. */
      referenceImageIds: referenceImageIdsField.optional(),
      instanceId: z.string().max(200).optional(),
      webhookUrl: z.url("webhookUrl must be an absolute URL").max(2000).optional(),
      /** Try other providers when the chosen one fails; default true unless a provider or model was named. */
      fallback: z.boolean().optional(),
      /**
       * The prompt was an accepted suggestion of POST /api/v1/prompts/enhance: what the person wrote and who rewrote
       * it, kept in the image's params beside the prompt that was sent (provenance keeps both).
       */
      enhancedFrom: z
        .object({
          prompt: z.string().trim().min(1, "enhancedFrom.prompt must not be empty").max(maxPromptLength, `enhancedFrom.prompt must be at most ${maxPromptLength} characters`),
          source: z.string().min(1).max(50),
          model: z.string().max(200).optional(),
        })
        .strict()
        .optional(),
    })
    .strict()
    .refine((b) => !(b.palette && b.paletteId), { message: "give either palette or paletteId, not both", path: ["paletteId"] })
    .refine((b) => !(b.animation && b.outputFormat), { message: "an animation is a GIF: leave outputFormat out", path: ["outputFormat"] })
    .refine((b) => !(b.animation && b.imageType === "icon"), { message: "an icon cannot be animated", path: ["animation"] })
    .refine((b) => !(b.animation && b.resolution), { message: "resolution does not apply to an animation: give a frame's width and height, or leave them out for the default frame size", path: ["resolution"] });

export type GenerationBody = z.output<ReturnType<typeof generationBody>>;
