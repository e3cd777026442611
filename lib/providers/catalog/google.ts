// Google Gemini image models (Gemini API, `models.generateContent`), as of December 2026. Verified against:
//   - ai.google.dev/gemini-api/docs/image-generation ("Nano Banana" guide: imageConfig aspectRatio/imageSize, the
//     per-ratio pixel tables of Gemini 3 Pro Image and Gemini 3.1 Flash Image, output tokens per size)
//   - ai.google.dev/gemini-api/docs/deprecations (gemini-3-pro-image-preview / gemini-3.1-flash-image-preview shut
//     down 2026-06-25 → the GA ids; gemini-2.5-flash-image shut down 2026-10-02)
//   - ai.google.dev/gemini-api/docs/pricing (gemini-3-pro-image $120 / 1M image-output tokens: $0.134 per 1K/2K
//     image, $0.24 per 4K; gemini-3.1-flash-image $60 / 1M: $0.045 / $0.067 / $0.101 / $0.151 for 512/1K/2K/4K)
//   - googleapis/js-genai (2026-08-21 "Disable GenerateImages for Gemini API": Imagen's :predict is gone)
//   - ../shared/PROVIDERS.md; for gemini-nano-banana-2.1 (GA 2026-10-06) also secondary sources: LiteLLM
//     discussion #44983 ($30 / 1M image-output tokens = $0.0336 per 1K image, $1.50 / 1M input, $7.50 / 1M text
//     output), TanStack AI 0.36.0 (all 14 ratios at 1K/2K/4K, no 512).
// Unconfirmed (secondary sources only): the 2K/4K output tokens of nano-banana-2.1 (taken as Nano Banana 2's 1680 /
// 2520; one reseller lists $0.1134 per 4K image), the price of gemini-3.1-flash-lite-image (~$0.034 per image, $30 /
// 1M) and gemini-3.1-flash-image's shutdown date (LiteLLM #44983 says 2026-10-29: if so, its 404 is noticed and
// recorded as a retirement at run time).
//
// Finishing tools (lib/providers/google-tools.ts): expand only — by instruction, the grown canvas padded to the nearest
// aspect-ratio table entry with its empty area grey (there is no mask parameter). Not declared: remove background
// (the image models answer opaque pictures, no alpha channel: transparentBackground false above) and upscale (the
// answer is one of the fixed 1K/2K/4K tables, never source × factor, and the picture is redrawn).
//
// `options` read by lib/providers/google.ts:
//   thinkingLevels — the thinkingConfig.thinkingLevel values the model takes (absent: no thinking control, so the
//                    model has no quality setting either);
//   outputTokens   — image-output tokens of one image per size class (estimates before a call; the exact cost
//                    comes from the response's usageMetadata).
import type { CatalogEntryInput } from "./schema";

/** Documented 1K pixels per aspect ratio (the 2K and 4K tables are these ×2 and ×4, 512 is ×0.5). */
const PIXELS_1K: Record<string, string> = {
  "1:1": "1024x1024", "2:3": "848x1264", "3:2": "1264x848", "3:4": "896x1200", "4:3": "1200x896",
  "4:5": "928x1152", "5:4": "1152x928", "9:16": "768x1376", "16:9": "1376x768", "21:9": "1584x672",
};
/** The extreme ratios of the Flash image models (Nano Banana 2 and 2.1). */
const EXTREME_1K: Record<string, string> = { "1:4": "512x2048", "4:1": "2048x512", "1:8": "384x3072", "8:1": "3072x384" };
const aspect = (extreme: boolean) => {
  const pixels = extreme ? { ...PIXELS_1K, ...EXTREME_1K } : PIXELS_1K;
  return { kind: "aspect", ratios: Object.keys(pixels), pixels } as const;
};
/**
 * One image per request (candidateCount > 1 is refused: n images are n parallel calls); editing and variations by
 * instruction with the source image inline, no mask; the negative prompt, style and palette are folded into the
 * prompt. `seed` is sent when given but is best effort, so it is not advertised. Input images (an edit's source and
 * the references, as inlineData parts): 14 in all — documented for gemini-3.1-flash-image (../shared/PROVIDERS.md)
 * and by every secondary source for gemini-3-pro-image; nothing says otherwise for nano-banana-2.1 or
 * 3.1-flash-lite-image, so they keep 14 (unconfirmed) and a lower real limit would show as the service's 400.
 */
const gemini = { generate: true, edit: true, variations: true, mask: false, transparentBackground: false, negativePrompt: false, seed: false, maxImages: 1, maxReferenceImages: 14, expand: true } as const;
const flashTokens = { "512": 747, "1K": 1120, "2K": 1680, "4K": 2520 };

export const googleCatalog: CatalogEntryInput[] = [
  {
    provider: "google", id: "gemini-nano-banana-2.1", label: "Nano Banana 2.1", default: true,
    costPerImageUsd: 0.0336, // 1120 tokens at $30 / 1M
    price: { tokens: { textInput: 1.5, imageInput: 1.5, imageOutput: 30, textOutput: 7.5 } },
    capabilities: { ...gemini, sizes: aspect(true), resolutions: { "2K": 2, "4K": 4 }, qualities: ["low", "medium", "high", "auto"] },
    options: { thinkingLevels: ["MINIMAL", "MEDIUM", "HIGH"], outputTokens: { "1K": flashTokens["1K"], "2K": flashTokens["2K"], "4K": flashTokens["4K"] } },
  },
  {
    provider: "google", id: "gemini-3-pro-image", label: "Nano Banana Pro (Gemini 3 Pro Image)",
    costPerImageUsd: 0.134, // 1120 tokens at $120 / 1M (1K and 2K; 4K is 2000 tokens, $0.24)
    price: { tokens: { textInput: 2, imageInput: 2, imageOutput: 120, textOutput: 12 } },
    capabilities: { ...gemini, sizes: aspect(false), resolutions: { "2K": 2, "4K": 4 } },
    options: { outputTokens: { "1K": 1120, "2K": 1120, "4K": 2000 } },
  },
  {
    provider: "google", id: "gemini-3.1-flash-lite-image", label: "Nano Banana 2 Lite (Gemini 3.1 Flash Lite Image)",
    costPerImageUsd: 0.0336,
    price: { tokens: { imageOutput: 30 } },
    capabilities: { ...gemini, sizes: aspect(false) },
    options: { outputTokens: { "1K": 1120 } },
  },
  {
    provider: "google", id: "gemini-3.1-flash-image", label: "Nano Banana 2 (Gemini 3.1 Flash Image)",
    costPerImageUsd: 0.067, // 1120 tokens at $60 / 1M
    price: { tokens: { textInput: 0.5, imageInput: 0.5, imageOutput: 60, textOutput: 3 } },
    capabilities: { ...gemini, sizes: aspect(true), resolutions: { "512": 0.5, "2K": 2, "4K": 4 }, qualities: ["low", "high", "auto"] },
    options: { thinkingLevels: ["MINIMAL", "HIGH"], outputTokens: flashTokens },
    lifecycle: { status: "deprecated", successor: "gemini-nano-banana-2.1" },
  },
  // Retired: kept so that a request naming them (old images' "reuse settings", API clients) is migrated; never sent.
  ...([
    ["imagen-4.0-generate-001", "Imagen 4", 0.04],
    ["imagen-4.0-ultra-generate-001", "Imagen 4 Ultra", 0.06],
    ["imagen-4.0-fast-generate-001", "Imagen 4 Fast", 0.02],
  ] as Array<[string, string, number]>).map(([id, label, cost]) => retired(id, label, cost, "2026-08-17", "gemini-nano-banana-2.1")),
  ...([
    ["imagen-3.0-generate-002", "Imagen 3", 0.03],
    ["imagen-3.0-generate-001", "Imagen 3 (001)", 0.03],
    ["imagen-3.0-fast-generate-001", "Imagen 3 Fast", 0.02],
  ] as Array<[string, string, number]>).map(([id, label, cost]) => retired(id, label, cost, undefined, "gemini-nano-banana-2.1")),
  retired("gemini-3-pro-image-preview", "Gemini 3 Pro Image (preview)", 0.134, "2026-06-25", "gemini-3-pro-image"),
  retired("gemini-3.1-flash-image-preview", "Gemini 3.1 Flash Image (preview)", 0.067, "2026-06-25", "gemini-nano-banana-2.1"),
  retired("gemini-2.5-flash-image", "Gemini 2.5 Flash Image", 0.039, "2026-10-02", "gemini-nano-banana-2.1"),
];

/** A shut-down model: its last list price per image, the day it went (where known) and what replaces it. */
function retired(id: string, label: string, costPerImageUsd: number, shutdownDate: string | undefined, successor: string): CatalogEntryInput {
  return {
    provider: "google", id, label, costPerImageUsd,
    capabilities: { generate: true, maxImages: 1, sizes: aspect(false) },
    lifecycle: { status: "retired", ...(shutdownDate ? { shutdownDate } : {}), successor },
  };
}
