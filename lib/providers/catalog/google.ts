// Google Gemini image models (Gemini API, generateContent). DRAFT: verified and completed by the Google adapter work.
// Sources: ../shared/PROVIDERS.md; ai.google.dev image generation guide and model pages.
import type { CatalogEntryInput } from "./schema";

const PIXELS_1K: Record<string, string> = {
  "1:1": "1024x1024", "2:3": "848x1264", "3:2": "1264x848", "3:4": "896x1200", "4:3": "1200x896",
  "4:5": "928x1152", "5:4": "1152x928", "9:16": "768x1376", "16:9": "1376x768", "21:9": "1584x672",
};
const EXTREME_1K: Record<string, string> = { "1:4": "512x2048", "4:1": "2048x512", "1:8": "384x3072", "8:1": "3072x384" };
const aspect = (extreme: boolean) => {
  const pixels = extreme ? { ...PIXELS_1K, ...EXTREME_1K } : PIXELS_1K;
  return { kind: "aspect", ratios: Object.keys(pixels), pixels } as const;
};
const gemini = { generate: true, edit: true, variations: true, seed: false, maxImages: 1, maxReferenceImages: 14, qualities: ["low", "medium", "high", "auto"] } as const;
const tokens = { imageOutput: 30 };

export const googleCatalog: CatalogEntryInput[] = [
  { provider: "google", id: "gemini-nano-banana-2.1", label: "Nano Banana 2.1", default: true, costPerImageUsd: 0.034, price: { tokens }, capabilities: { ...gemini, sizes: aspect(true), resolutions: { "2K": 2, "4K": 4 } } },
  { provider: "google", id: "gemini-3-pro-image", label: "Gemini 3 Pro Image", costPerImageUsd: 0.134, price: { tokens: { imageOutput: 120 } }, capabilities: { ...gemini, sizes: aspect(false), resolutions: { "2K": 2, "4K": 4 } } },
  { provider: "google", id: "gemini-3.1-flash-lite-image", label: "Gemini 3.1 Flash Lite Image", costPerImageUsd: 0.02, price: { tokens }, capabilities: { ...gemini, sizes: aspect(false) } },
  { provider: "google", id: "gemini-3.1-flash-image", label: "Gemini 3.1 Flash Image", costPerImageUsd: 0.039, price: { tokens }, capabilities: { ...gemini, sizes: aspect(true), resolutions: { "512": 0.5, "2K": 2, "4K": 4 } }, lifecycle: { status: "deprecated", successor: "gemini-nano-banana-2.1" } },
  // Retired (PROVIDERS.md): kept so that a request naming them is migrated, never sent.
  ...["imagen-4.0-generate-001", "imagen-4.0-ultra-generate-001", "imagen-4.0-fast-generate-001"].map((id) => ({
    provider: "google" as const, id, label: id, costPerImageUsd: 0.04, capabilities: { generate: true, sizes: aspect(false) },
    lifecycle: { status: "retired" as const, shutdownDate: "2026-08-17", successor: "gemini-nano-banana-2.1" },
  })),
  { provider: "google", id: "gemini-3-pro-image-preview", label: "Gemini 3 Pro Image (preview)", costPerImageUsd: 0.134, capabilities: { generate: true, sizes: aspect(false) }, lifecycle: { status: "retired", shutdownDate: "2026-06-25", successor: "gemini-3-pro-image" } },
  { provider: "google", id: "gemini-3.1-flash-image-preview", label: "Gemini 3.1 Flash Image (preview)", costPerImageUsd: 0.039, capabilities: { generate: true, sizes: aspect(false) }, lifecycle: { status: "retired", shutdownDate: "2026-06-25", successor: "gemini-nano-banana-2.1" } },
  { provider: "google", id: "gemini-2.5-flash-image", label: "Gemini 2.5 Flash Image", costPerImageUsd: 0.039, capabilities: { generate: true, sizes: aspect(false) }, lifecycle: { status: "retired", shutdownDate: "2026-10-02", successor: "gemini-nano-banana-2.1" } },
];
