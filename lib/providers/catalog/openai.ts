// OpenAI image models (also served by Azure OpenAI deployments). DRAFT: verified and completed by the OpenAI adapter work.
// Sources: ../shared/PROVIDERS.md; OpenAI's image generation guide and model pages.
import type { CatalogEntryInput } from "./schema";

const free = { kind: "free", multipleOf: 16, maxSide: 3840, minPixels: 655_360, maxPixels: 8_294_400, maxRatio: 3 } as const;
const gptImage2 = {
  generate: true, edit: true, variations: true, mask: true, transparentBackground: true, maxImages: 10,
  sizes: free, resolutions: { "2K": 1, "4K": 1 }, maxReferenceImages: 16, outputFormats: ["png", "jpeg", "webp"],
} as const;
const legacy = { generate: true, maxImages: 1, sizes: { kind: "exact", sizes: ["1024x1024"] } } as const;
const tokens = { textInput: 5, imageInput: 8, imageOutput: 30 };

export const openaiCatalog: CatalogEntryInput[] = [
  { provider: "openai", id: "gpt-image-2.6-flare", label: "GPT Image 2.6 Flare", default: true, costPerImageUsd: 0.04, price: { tokens }, capabilities: { ...gptImage2, qualities: ["low", "medium", "high", "xhigh", "max", "auto"] } },
  { provider: "openai", id: "gpt-image-2.6-sunburst", label: "GPT Image 2.6 Sunburst", costPerImageUsd: 0.05, price: { tokens }, capabilities: { ...gptImage2, qualities: ["low", "medium", "high", "xhigh", "max", "auto"] } },
  { provider: "openai", id: "gpt-image-2.5-flare", label: "GPT Image 2.5 Flare", costPerImageUsd: 0.04, price: { tokens }, capabilities: { ...gptImage2, qualities: ["low", "medium", "high", "xhigh", "max", "auto"] } },
  { provider: "openai", id: "gpt-image-2.5-sunburst", label: "GPT Image 2.5 Sunburst", costPerImageUsd: 0.05, price: { tokens }, capabilities: { ...gptImage2, qualities: ["low", "medium", "high", "xhigh", "max", "auto"] } },
  { provider: "openai", id: "gpt-image-2", label: "GPT Image 2", costPerImageUsd: 0.04, price: { tokens }, capabilities: { ...gptImage2, qualities: ["low", "medium", "high", "auto"] } },
  // Retired (PROVIDERS.md): kept so that a request naming them is migrated, never sent.
  { provider: "openai", id: "gpt-image-1", label: "GPT Image 1", costPerImageUsd: 0.042, capabilities: legacy, lifecycle: { status: "retired", shutdownDate: "2026-10-23", successor: "gpt-image-2" } },
  { provider: "openai", id: "gpt-image-1-mini", label: "GPT Image 1 Mini", costPerImageUsd: 0.011, capabilities: legacy, lifecycle: { status: "retired", shutdownDate: "2026-12-01", successor: "gpt-image-2.6-flare" } },
  { provider: "openai", id: "gpt-image-1.5", label: "GPT Image 1.5", costPerImageUsd: 0.04, capabilities: legacy, lifecycle: { status: "retired", shutdownDate: "2026-12-01", successor: "gpt-image-2.6-sunburst" } },
  { provider: "openai", id: "gpt-image-1.5-2025-12-16", label: "GPT Image 1.5 (2025-12-16)", costPerImageUsd: 0.04, capabilities: legacy, lifecycle: { status: "retired", shutdownDate: "2026-12-01", successor: "gpt-image-2.6-sunburst" } },
  { provider: "openai", id: "chatgpt-image-latest", label: "ChatGPT Image (latest)", costPerImageUsd: 0.04, capabilities: legacy, lifecycle: { status: "retired", shutdownDate: "2026-12-01", successor: "gpt-image-2.6-sunburst" } },
  { provider: "openai", id: "dall-e-3", label: "DALL·E 3", costPerImageUsd: 0.04, capabilities: legacy, lifecycle: { status: "retired", shutdownDate: "2026-05-12", successor: "gpt-image-2" } },
  { provider: "openai", id: "dall-e-2", label: "DALL·E 2", costPerImageUsd: 0.02, capabilities: legacy, lifecycle: { status: "retired", shutdownDate: "2026-05-12", successor: "gpt-image-2" } },
];
