import { z } from "zod";
import { ratioOf } from "@/lib/providers/sizes";
import type { ExpandGeometry } from "@/lib/providers/types";
import { expandSides, expandedSize } from "./expand-sides";

// The bodies of the finishing tools (docs/api.md "Tools"): upscale, remove background, expand. Each is a job whose
// result is a child of the image; who serves it is chosen like a generation's (provider/model, fallback).

/** Who serves a tool job, and where to report it. */
const common = {
  provider: z.string().max(50).optional(),
  model: z.string().max(200).optional(),
  webhookUrl: z.url("webhookUrl must be an absolute URL").max(2000).optional(),
  /** Try other capable providers when the chosen one fails; default true unless a provider or model was named. */
  fallback: z.boolean().optional(),
};

export const upscaleFactors = [2, 4] as const;

/** POST /api/v1/images/{id}/upscale. `mode` "basic" (default unless a provider or model is named): the local resample. */
export const upscaleBody = z
  .object({
    factor: z.union([z.literal(2), z.literal(4)], { error: "factor must be 2 or 4" }),
    mode: z.enum(["basic", "provider"], { error: 'mode must be "basic" (the local resample) or "provider"' }).optional(),
    ...common,
  })
  .strict();

/** POST /api/v1/images/{id}/remove-background: the result is a transparent PNG (default) or WebP. */
export const removeBackgroundBody = z
  .object({
    format: z.enum(["png", "webp"], { error: 'format must be "png" or "webp" (formats with transparency)' }).default("png"),
    ...common,
  })
  .strict();

/**
 * The most pixels one side may be given in a request: MAX_IMAGE_SIDE's ceiling (lib/env.ts). The configured
 * MAX_IMAGE_SIDE (default 16383) is checked on the expanded canvas before any job (lib/images/tools.ts).
 */
export const maxExpandedSide = 65_535;
const side = (name: string) => z.number({ error: `${name} must be a number of pixels` }).int(`${name} must be a whole number of pixels`).min(0, `${name} must be 0 or more`).max(maxExpandedSide, `${name} must be at most ${maxExpandedSide}`).optional();
const ratio = z.string().regex(/^\d{1,3}:\d{1,3}$/, 'aspectRatio must look like "16:9"').refine((r) => !r.split(":").some((n) => Number(n) === 0), "aspectRatio must not have a 0 side");

/**
 * POST /api/v1/images/{id}/expand: exactly one way to grow the canvas — pixels per side (`left`, `right`, `top`,
 * `bottom`; a pan is one side), a zoom-out `factor` (the picture stays centred), or an `aspectRatio` to reach by
 * growing the shorter dimension (centred) — and optionally a `prompt` for what the new area should show (default:
 * the image's own prompt).
 */
export const expandBody = (maxPromptLength: number) =>
  z
    .object({
      left: side("left"),
      right: side("right"),
      top: side("top"),
      bottom: side("bottom"),
      factor: z.number({ error: "factor must be a number" }).min(1.05, "factor must be from 1.05 to 4 (1.5 zooms out by half)").max(4, "factor must be from 1.05 to 4").optional(),
      aspectRatio: ratio.optional(),
      prompt: z.string().trim().max(maxPromptLength, `prompt must be at most ${maxPromptLength} characters`).optional(),
      ...common,
    })
    .strict()
    .superRefine((body, ctx) => {
      const sides = [body.left, body.right, body.top, body.bottom].some((v) => v !== undefined);
      const ways = [sides, body.factor !== undefined, body.aspectRatio !== undefined].filter(Boolean).length;
      if (ways !== 1) {
        ctx.addIssue({ code: "custom", message: "Say how to expand with exactly one of: left/right/top/bottom (pixels), factor (zoom out), aspectRatio", path: ways ? ["factor"] : [] });
      } else if (sides && !(body.left || body.right || body.top || body.bottom)) {
        ctx.addIssue({ code: "custom", message: "Expand by at least one pixel on one side: left, right, top and bottom are all 0", path: ["left"] });
      }
    });

export type UpscaleBody = z.output<typeof upscaleBody>;
export type RemoveBackgroundBody = z.output<typeof removeBackgroundBody>;
export type ExpandBody = z.output<ReturnType<typeof expandBody>>;

/** The pixels an expand adds on each side (lib/images/expand-sides.ts: the rule the Expand panel draws with too). */
export const expandGeometry = (body: ExpandBody, size: { width: number; height: number }): ExpandGeometry | null =>
  expandSides(body.factor !== undefined ? { factor: body.factor } : body.aspectRatio ? { aspectRatio: body.aspectRatio } : body, size);

export { expandedSize };

/** "16:9" of a size (for messages). */
export const shapeOf = (size: { width: number; height: number }) => ratioOf(size.width, size.height);
