// Ideogram models: 4.0 (the default) and 3.0, three rendering speeds each. The adapter (lib/providers/ideogram.ts)
// reads `options.version` (which API family: /v1/ideogram-v4/… or /v1/ideogram-v3/…) and `options.renderingSpeed`.
// Sources, checked December 2026:
// - Ideogram's OpenAPI document (https://api.ideogram.ai/openapi.json, as mirrored by tryAGI/Ideogram on 2026-07-02)
//   and developer.ideogram.ai/v1/api-reference: "Generate with Ideogram 4.0", "Remix with Ideogram 4.0" (ResolutionV4:
//   the 1K and 2K sizes; no num_images, negative_prompt, color_palette, style_type or mask endpoint), and the 3.0
//   endpoints (generate, generate-transparent, remix, inpaint; aspect_ratio; num_images 1–8).
// - https://ideogram.ai/features/api-pricing: per output image, 4.0 Turbo $0.03 / Default $0.06 / Quality $0.10;
//   3.0 Turbo $0.03 / Default $0.06 / Quality $0.09; 3.0 transparent background $0.04 / $0.07 / $0.10.
// - Input images (maxReferenceImages, in all): 4.0's remix takes one `image` and nothing else (remix-v4: image,
//   text_prompt, image_weight, resolution, rendering_speed; generate-v4 takes none) → 1: a generation from one
//   reference is a remix of it; a refinement cannot add references. 3.0's generate, remix and edit/inpaint take
//   `style_reference_images` ("maximum total size 10MB across all style references", generate-v3 / remix-v3 /
//   edit-v3), at most 10 (developer.ideogram.ai/api-reference/images/remix: "up to 10 style_reference_images" on
//   Ideogram 3.0; docs.ideogram.ai/create/style-reference: "add up to 10") → 11: the remix image (the source, or a
//   generation's first reference) plus 10 style references. The one-image `character_reference_images` (priced
//   apart) is not used.
// - developer.ideogram.ai/ideogram-api/deprecations: every v1 endpoint keeps working (no removal dates); only
//   /v1/ideogram-v3/edit is deprecated (we use /v1/ideogram-v3/inpaint).
// - The finishing tools (lib/providers/ideogram-tools.ts): POST /upscale (×2 only: "enhances the resolution … by up
//   to 2X") and POST /v1/remove-background are endpoints without a model choice, so they are entries of their own
//   with `generate: false` (never in generation menus), priced per input: upscale $0.06, remove background $0.01
//   (ideogram.ai/features/api-pricing "Upscale, Describe & Remove Background: a flat fee for each input";
//   ideogram.ai/blog/ideogram-api-pricing, 2026-11-16, for the $0.01). Reframe (POST /v1/ideogram-v3/reframe) is
//   `expand` on the 3.0 entries, billed like a 3.0 generation at the entry's rendering speed (the pricing page
//   lists Reframe among "Generate & Remix & Edit & Reframe & Replace Background").
import type { CatalogEntryInput } from "./schema";

/** Ideogram 3.0's aspect ratios (ours "16:9" ↔ theirs "16x9") and the resolution it renders for each. */
const V3_PIXELS: Record<string, string> = {
  "1:1": "1024x1024", "16:9": "1312x736", "9:16": "736x1312", "4:3": "1152x864", "3:4": "864x1152",
  "3:2": "1248x832", "2:3": "832x1248", "16:10": "1280x800", "10:16": "800x1280", "5:4": "1120x896",
  "4:5": "896x1120", "2:1": "1408x704", "1:2": "704x1408", "3:1": "1536x512", "1:3": "512x1536",
};
/**
 * Ideogram 4.0's 1K resolutions by aspect ratio (its `resolution` field takes WxH from a fixed list); every one of
 * them doubled is in its 2K list, hence `resolutions: {"2K": 2}`. The 2K list also has 1:3, 3:1, 3:8, 8:3, 5:12,
 * 12:5, 9:22, 22:9, 9:23 and 23:9 with no 1K counterpart, which an aspect table scaled per size class cannot say:
 * they are left out.
 */
const V4_PIXELS: Record<string, string> = {
  "1:1": "1024x1024", "4:5": "896x1120", "5:4": "1120x896", "3:4": "864x1152", "4:3": "1152x864",
  "2:3": "832x1248", "3:2": "1248x832", "5:8": "800x1280", "8:5": "1280x800", "9:16": "720x1280",
  "16:9": "1280x720", "1:2": "720x1440", "2:1": "1440x720",
};

/**
 * 3.0: text to image (also with a transparent background), remix, and inpainting with a mask; negative prompt,
 * seed and colour palette as parameters; 1–8 images per call.
 */
const v3 = {
  generate: true, edit: true, variations: true, mask: true, transparentBackground: true, negativePrompt: true, seed: true,
  maxImages: 8, sizes: { kind: "aspect", ratios: Object.keys(V3_PIXELS), pixels: V3_PIXELS }, maxReferenceImages: 11, expand: true,
} as const;
/** The tool endpoints take any picture up to 10 MB; the size range is only what the schema needs (selection ignores it). */
const toolSizes = { kind: "range", min: 16, max: 8192, multipleOf: 1 } as const;
/**
 * 4.0: generate and remix only (a mask edit, a transparent background or a native negative prompt is served by a
 * 3.0 model: selection picks one when the request needs it). One image per call (no num_images); a seed on
 * generate (remix takes none); 1K and 2K sizes.
 */
const v4 = {
  generate: true, edit: true, variations: true, mask: false, transparentBackground: false, negativePrompt: false, seed: true,
  maxImages: 1, sizes: { kind: "aspect", ratios: Object.keys(V4_PIXELS), pixels: V4_PIXELS }, resolutions: { "2K": 2 }, maxReferenceImages: 1,
} as const;

export const ideogramCatalog: CatalogEntryInput[] = [
  { provider: "ideogram", id: "ideogram-v4", label: "Ideogram 4.0", default: true, costPerImageUsd: 0.06, capabilities: v4, options: { version: 4, renderingSpeed: "DEFAULT" } },
  { provider: "ideogram", id: "ideogram-v4-turbo", label: "Ideogram 4.0 Turbo", costPerImageUsd: 0.03, capabilities: v4, options: { version: 4, renderingSpeed: "TURBO" } },
  { provider: "ideogram", id: "ideogram-v4-quality", label: "Ideogram 4.0 Quality", costPerImageUsd: 0.1, capabilities: v4, options: { version: 4, renderingSpeed: "QUALITY" } },
  { provider: "ideogram", id: "ideogram-v3", label: "Ideogram 3.0", costPerImageUsd: 0.06, capabilities: v3, options: { version: 3, renderingSpeed: "DEFAULT", transparentCostPerImageUsd: 0.07 } },
  { provider: "ideogram", id: "ideogram-v3-turbo", label: "Ideogram 3.0 Turbo", costPerImageUsd: 0.03, capabilities: v3, options: { version: 3, renderingSpeed: "TURBO", transparentCostPerImageUsd: 0.04 } },
  { provider: "ideogram", id: "ideogram-v3-quality", label: "Ideogram 3.0 Quality", costPerImageUsd: 0.09, capabilities: v3, options: { version: 3, renderingSpeed: "QUALITY", transparentCostPerImageUsd: 0.1 } },
  {
    provider: "ideogram", id: "ideogram-upscale", label: "Ideogram Upscale", costPerImageUsd: 0.06,
    capabilities: { generate: false, sizes: toolSizes, upscale: { factors: [2], kind: "ai" } }, options: { tool: "upscale" },
  },
  {
    provider: "ideogram", id: "ideogram-remove-background", label: "Ideogram Remove Background", costPerImageUsd: 0.01,
    capabilities: { generate: false, sizes: toolSizes, removeBackground: true, outputFormats: ["png"] }, options: { tool: "remove-background" },
  },
];
