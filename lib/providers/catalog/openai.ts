// OpenAI image models (Images API; Azure OpenAI deployments take the same body), as of December 2026. Verified against:
//   - developers.openai.com/api/reference/resources/images/methods/generate (model list: gpt-image-2, the
//     2.5 sunburst/flare snapshots of 2026-09-08, 2.6 sunburst/flare; "gpt-image-1 was shut down on October 23,
//     2026. Use gpt-image-2.5-sunburst or gpt-image-2.5-flare instead"; dall-e-2/3 "retired on May 12, 2026. Use a
//     GPT image model instead")
//   - openai/openai-node 7.5.0 src/resources/images.ts (size rules: multiples of 16, 1:3–3:1, at most 3840×2160,
//     "the model's current pixel and edge limits"; image[] up to 16 input images; transparent backgrounds "in
//     preview" for gpt-image-2, png or webp only — commit f14e885b, 2026-08-21)
//   - developers.openai.com/api/docs/guides/image-generation (2.5/2.6 Sunburst for precise edits, Flare for fast
//     everyday generation) and the gpt-image-2.5 model pages as quoted by wuyoscar/GPT-Image2-Skill
//     references/models.md ("checked against official OpenAI documentation on 2026-09-09": quality low … max and
//     auto on 2.5, "through high plus auto" on gpt-image-2; pixel limits 655,360–8,294,400)
//   - prices: $5 text input / $8 image input / $30 image output per 1M tokens for gpt-image-2 (OpenAI pricing page
//     as quoted at launch; fal.ai's pass-through adds $10 text output) and "unchanged" for 2.5 and 2.6 (resellers'
//     launch notes, docs.apiyi.com 2026-11-05, docs.laozhang.ai 2026-11-05); ../shared/PROVIDERS.md.
//   - animated GIF on the 2.6 models (`output_format: "gif"`, `frame_count`, `frame_duration_ms`): see
//     lib/providers/openai-gif.ts for the documents followed and what is unconfirmed.
// Unconfirmed (secondary sources only): xhigh/max on the 2.6 models (wavespeed.ai: "low / medium / high / xhigh /
// max"); the output tokens per quality (below); the 2026-12-01 shutdown of gpt-image-1-mini, gpt-image-1.5 and
// chatgpt-image-latest (PROVIDERS.md; the reference page still listed them in November). Whatever the API says at
// run time (GET /v1/models shutdown_date, a 404 model_not_found) overrides these lifecycles.
//
// `options` read by lib/providers/openai.ts:
//   outputTokens — image-output tokens of one 1024×1024 image per quality (estimates before a call; the exact cost
//                  comes from the answer's `usage`). gpt-image-2: OpenAI's launch prices $0.006 / $0.053 / $0.211
//                  at 1024×1024 (= 196 / 1756 / 7024 tokens at $30 / 1M, ai-primer.com and the OpenAI community
//                  forum); 2.5: 196 / 439 / 1756 / 3122 / 7024 (s-anand.net 2026-09-26, from cellcog.ai); 2.6: taken
//                  as 2.5's. Other sizes scale with the square root of the pixel count, which bounds every size
//                  OpenAI's calculator was seen to price (1536×1024 high 5488, 3584×2048 high 12329) from above.
//
// Finishing tools (lib/providers/openai-tools.ts), each an /images/edits call priced by the same tokens (the exact
// cost from `usage`): expand = a mask edit of the grown canvas (transparent mask pixels = where to draw); remove
// background = an edit with `background: "transparent"` (png/webp), the subject redrawn; upscale "creative" ×2/×4
// = the picture redrawn at the larger size, at most the family's 8,294,400 px (3840 px a side).
import type { CatalogEntryInput } from "./schema";

const free = { kind: "free", multipleOf: 16, maxSide: 3840, minPixels: 655_360, maxPixels: 8_294_400, maxRatio: 3 } as const;
/** Everything the gpt-image-2 family shares: generate, edit (mask), variations as an edit, up to 16 input images. */
const gptImage2 = {
  generate: true, edit: true, variations: true, mask: true, transparentBackground: true, negativePrompt: false, seed: false,
  maxImages: 10, sizes: free, resolutions: { "2K": 1, "4K": 1 }, maxReferenceImages: 16, outputFormats: ["png", "jpeg", "webp"],
  upscale: { factors: [2, 4], kind: "creative", maxOutputPixels: 8_294_400 }, removeBackground: true, expand: true,
} as const;
/**
 * The 2.6 models' animated GIF (`output_format: "gif"`, `frame_count` 2–16, default 9; `frame_duration_ms` 20–2000 in
 * steps of 10, default 200): every frame is drawn on one sheet under the family's picture limits — a 4×2, 3×3, 4×3 or
 * 4×4 grid for 2–8, 9, 10–12 and 13–16 frames (lib/providers/animation.ts says where each number comes from).
 */
const gif = {
  minFrames: 2, maxFrames: 16, defaultFrames: 9, frameDurationMs: { min: 20, max: 2000, step: 10, default: 200 }, multipleOf: 16, maxRatio: 3,
  sheet: {
    grids: [{ upTo: 8, columns: 4, rows: 2 }, { upTo: 9, columns: 3, rows: 3 }, { upTo: 12, columns: 4, rows: 3 }, { upTo: 16, columns: 4, rows: 4 }],
    maxSide: 3840, minPixels: 655_360, maxPixels: 8_294_400,
  },
} as const;
const legacy = { generate: true, maxImages: 1, sizes: { kind: "exact", sizes: ["1024x1024"] } } as const;
/** US dollars per 1M tokens. */
const tokens = { textInput: 5, imageInput: 8, imageOutput: 30 };

const five = ["low", "medium", "high", "xhigh", "max", "auto"] as const;
const tokens25 = { low: 196, medium: 439, high: 1756, xhigh: 3122, max: 7024 };
/** Price of one 1024×1024 image at the default quality (medium): output tokens × $30 / 1M, rounded. */
const medium25 = 0.013;

export const openaiCatalog: CatalogEntryInput[] = [
  {
    provider: "openai", id: "gpt-image-2.6-flare", label: "GPT Image 2.6 Flare", default: true, costPerImageUsd: medium25,
    price: { tokens }, capabilities: { ...gptImage2, qualities: [...five], animation: gif }, options: { outputTokens: tokens25 },
  },
  {
    provider: "openai", id: "gpt-image-2.6-sunburst", label: "GPT Image 2.6 Sunburst", costPerImageUsd: medium25,
    price: { tokens }, capabilities: { ...gptImage2, qualities: [...five], animation: gif }, options: { outputTokens: tokens25 },
  },
  {
    provider: "openai", id: "gpt-image-2.5-flare", label: "GPT Image 2.5 Flare", costPerImageUsd: medium25,
    price: { tokens }, capabilities: { ...gptImage2, qualities: [...five] }, options: { outputTokens: tokens25 },
  },
  {
    provider: "openai", id: "gpt-image-2.5-sunburst", label: "GPT Image 2.5 Sunburst", costPerImageUsd: medium25,
    price: { tokens }, capabilities: { ...gptImage2, qualities: [...five] }, options: { outputTokens: tokens25 },
  },
  {
    provider: "openai", id: "gpt-image-2", label: "GPT Image 2", costPerImageUsd: 0.053,
    price: { tokens: { ...tokens, textOutput: 10 } }, capabilities: { ...gptImage2, qualities: ["low", "medium", "high", "auto"] },
    options: { outputTokens: { low: 196, medium: 1756, high: 7024 } },
  },
  // Retired: kept so that a request naming them is migrated to the successor; never sent.
  { provider: "openai", id: "gpt-image-1", label: "GPT Image 1", costPerImageUsd: 0.042, capabilities: legacy, lifecycle: { status: "retired", shutdownDate: "2026-10-23", successor: "gpt-image-2.5-flare" } },
  { provider: "openai", id: "gpt-image-1-mini", label: "GPT Image 1 Mini", costPerImageUsd: 0.011, capabilities: legacy, lifecycle: { status: "retired", shutdownDate: "2026-12-01", successor: "gpt-image-2.6-flare" } },
  { provider: "openai", id: "gpt-image-1.5", label: "GPT Image 1.5", costPerImageUsd: 0.04, capabilities: legacy, lifecycle: { status: "retired", shutdownDate: "2026-12-01", successor: "gpt-image-2.6-sunburst" } },
  { provider: "openai", id: "gpt-image-1.5-2025-12-16", label: "GPT Image 1.5 (2025-12-16)", costPerImageUsd: 0.04, capabilities: legacy, lifecycle: { status: "retired", shutdownDate: "2026-12-01", successor: "gpt-image-2.6-sunburst" } },
  { provider: "openai", id: "chatgpt-image-latest", label: "ChatGPT Image (latest)", costPerImageUsd: 0.04, capabilities: legacy, lifecycle: { status: "retired", shutdownDate: "2026-12-01", successor: "gpt-image-2.6-sunburst" } },
  // "Use a GPT image model instead": the provider's default.
  { provider: "openai", id: "dall-e-3", label: "DALL·E 3", costPerImageUsd: 0.04, capabilities: legacy, lifecycle: { status: "retired", shutdownDate: "2026-05-12", successor: "gpt-image-2.6-flare" } },
  { provider: "openai", id: "dall-e-2", label: "DALL·E 2", costPerImageUsd: 0.02, capabilities: legacy, lifecycle: { status: "retired", shutdownDate: "2026-05-12", successor: "gpt-image-2.6-flare" } },
];
