// Black Forest Labs FLUX models on Replicate (official models, run with POST /v1/models/{owner}/{name}/predictions).
// Sources, checked December 2026:
// - FLUX.2 input schemas: https://replicate.com/black-forest-labs/flux-2-pro/api/schema and
//   https://replicate.com/black-forest-labs/flux-2-flex/api/schema (aspect_ratio incl. custom, width/height 256–2048
//   in multiples of 16, resolution 0.5/1/2/4 MP, input_images ≤ 8 on pro and ≤ 10 on flex, output webp/jpg/png).
// - Prices: Black Forest Labs' list (https://docs.bfl.ai/quick_start/pricing): FLUX.2 [pro] $0.03 for the first
//   output megapixel and $0.015 for each further megapixel and each input megapixel (an edit at 1 MP: $0.045);
//   FLUX.2 [flex] $0.05 for every megapixel, output and input. Replicate's own per-megapixel rates could not be read.
// - FLUX.1 (flux-1.1-pro $0.04, flux-dev $0.025, flux-schnell $0.003 an image): their replicate.com model pages.
//   Whether Replicate still serves them is unconfirmed (../shared/PROVIDERS.md): they stay active until a 404 for
//   one is seen (the studio then records it as retired and migrates to the successor).
// - Finishing tools (lib/providers/replicate-tools.ts), entries with `generate: false` so they never appear in
//   generation menus: the upscaler REPLICATE_UPSCALE_MODEL (default google/upscaler, Google's Imagen upscaler as an
//   official Replicate model: `image`, `upscale_factor` x2|x4; at most 17 MP out per Vertex AI's Imagen upscale
//   page; about $0.005 an image as resellers pass it through — Replicate's own rate could not be read) and the
//   background remover REPLICATE_REMOVE_BACKGROUND_MODEL (default bria/remove-background: `image`, PNG with alpha;
//   Bria's $0.018 an image). FLUX.2 expands (the canvas as input image): `expand` on the FLUX.2 entries.
import type { Env } from "@/lib/env";
import type { CatalogEntryInput } from "./schema";

/**
 * FLUX.2 takes any width × height of 256–2048 px in multiples of 16 (aspect_ratio "custom") besides its named
 * ratios, so its sizes are "free": shapes from 1:4 to 4:1, 0.25–4 megapixels (the smallest side stays ≥ 256 px).
 * The adapter sends a named ratio with its `resolution` ("1K" → "1 MP", "2K" → "4 MP") when a request is exactly
 * that, and custom pixels otherwise. No "4K": 2048 px a side is the most FLUX.2 makes on Replicate.
 */
const flux2Sizes = { kind: "free", multipleOf: 16, maxSide: 2048, minPixels: 262_144, maxPixels: 4_194_304, maxRatio: 4 } as const;
const flux2 = { generate: true, edit: true, variations: true, seed: true, maxImages: 1, sizes: flux2Sizes, resolutions: { "2K": 1 }, outputFormats: ["png", "jpeg", "webp"], expand: true } as const;
/** The tools take any picture; the size range is only what the schema needs (selection sizes tools from the source). */
const toolSizes = { kind: "range", min: 16, max: 8192, multipleOf: 1 } as const;

/** FLUX.1's nominal 1 MP pixels per ratio (Replicate's cog-flux table; the service decides). */
const FLUX1_PIXELS: Record<string, string> = {
  "1:1": "1024x1024", "16:9": "1344x768", "21:9": "1536x640", "3:2": "1216x832", "2:3": "832x1216", "4:5": "896x1088",
  "5:4": "1088x896", "3:4": "896x1152", "4:3": "1152x896", "9:16": "768x1344", "9:21": "640x1536",
};
const pick = (ratios: string[]) => ({ kind: "aspect", ratios, pixels: Object.fromEntries(ratios.map((r) => [r, FLUX1_PIXELS[r]])) }) as const;
const flux1 = { generate: true, seed: true, outputFormats: ["png", "jpeg", "webp"] } as const;

/** Model slugs come from FLUX_*_MODEL_NAME, so an operator can point an entry at another Replicate model. */
export function replicateCatalog(
  config: Pick<Env, "FLUX_2_PRO_MODEL_NAME" | "FLUX_2_FLEX_MODEL_NAME" | "FLUX_PRO_MODEL_NAME" | "FLUX_DEV_MODEL_NAME" | "FLUX_SCHNELL_MODEL_NAME" | "REPLICATE_UPSCALE_MODEL" | "REPLICATE_REMOVE_BACKGROUND_MODEL">,
): CatalogEntryInput[] {
  return [
    // One image per prediction (no num_outputs): n images are n parallel predictions. Input images (references,
    // or a source and references): input_images holds 8 on pro, 10 on flex.
    {
      provider: "replicate", id: "flux-2-pro", label: "FLUX.2 [pro]", default: true, costPerImageUsd: 0.03,
      capabilities: { ...flux2, maxReferenceImages: 8 },
      options: { slug: config.FLUX_2_PRO_MODEL_NAME, family: "flux-2", megapixelPrice: { first: 0.03, extra: 0.015, input: 0.015 } },
    },
    {
      provider: "replicate", id: "flux-2-flex", label: "FLUX.2 [flex]", costPerImageUsd: 0.05,
      capabilities: { ...flux2, maxReferenceImages: 10 },
      options: { slug: config.FLUX_2_FLEX_MODEL_NAME, family: "flux-2", megapixelPrice: { first: 0.05, extra: 0.05, input: 0.05 } },
    },
    // FLUX.1: kept while Replicate serves them; a 404 for one is read as its retirement (successor: FLUX.2 [pro],
    // the nearest in price; its requests then become one prediction per image).
    {
      provider: "replicate", id: "flux-1.1-pro", label: "FLUX1.1 [pro]", costPerImageUsd: 0.04,
      capabilities: { ...flux1, maxImages: 1, sizes: pick(["1:1", "16:9", "3:2", "2:3", "4:5", "5:4", "9:16", "3:4", "4:3"]) },
      lifecycle: { successor: "flux-2-pro" }, options: { slug: config.FLUX_PRO_MODEL_NAME, family: "flux-1" },
    },
    {
      provider: "replicate", id: "flux-dev", label: "FLUX.1 [dev]", costPerImageUsd: 0.025,
      // image-to-image through `image` + `prompt_strength`; no mask input.
      capabilities: { ...flux1, edit: true, variations: true, maxImages: 4, sizes: pick(Object.keys(FLUX1_PIXELS)) },
      lifecycle: { successor: "flux-2-pro" }, options: { slug: config.FLUX_DEV_MODEL_NAME, family: "flux-1" },
    },
    {
      provider: "replicate", id: "flux-schnell", label: "FLUX.1 [schnell]", costPerImageUsd: 0.003,
      capabilities: { ...flux1, maxImages: 4, sizes: pick(Object.keys(FLUX1_PIXELS)) },
      lifecycle: { successor: "flux-2-pro" }, options: { slug: config.FLUX_SCHNELL_MODEL_NAME, family: "flux-1" },
    },
    {
      provider: "replicate", id: "replicate-upscale", label: "Replicate upscaler", costPerImageUsd: 0.005,
      capabilities: { generate: false, sizes: toolSizes, upscale: { factors: [2, 4], kind: "ai", maxOutputPixels: 17_000_000 } },
      options: { slug: config.REPLICATE_UPSCALE_MODEL, family: "upscale", input: { image: "image", factor: "upscale_factor", factorFormat: "x" } },
    },
    {
      provider: "replicate", id: "replicate-remove-background", label: "Replicate background removal", costPerImageUsd: 0.018,
      capabilities: { generate: false, sizes: toolSizes, removeBackground: true, outputFormats: ["png"] },
      options: { slug: config.REPLICATE_REMOVE_BACKGROUND_MODEL, family: "remove-background", input: { image: "image" } },
    },
  ];
}
