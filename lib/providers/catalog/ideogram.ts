// Ideogram models. DRAFT: verified and completed by the Ideogram adapter work.
// Sources: ../shared/PROVIDERS.md; developer.ideogram.ai API reference (4.0 generate/remix, 3.0 endpoints).
import type { CatalogEntryInput } from "./schema";

/** Ideogram 3.0's aspect ratios (ours "16:9" ↔ theirs "16x9") and the resolution it renders for each. */
const PIXELS: Record<string, string> = {
  "1:1": "1024x1024", "16:9": "1312x736", "9:16": "736x1312", "4:3": "1152x864", "3:4": "864x1152",
  "3:2": "1248x832", "2:3": "832x1248", "16:10": "1280x800", "10:16": "800x1280", "5:4": "1120x896",
  "4:5": "896x1120", "2:1": "1408x704", "1:2": "704x1408", "3:1": "1536x512", "1:3": "512x1536",
};
const v3 = {
  generate: true, edit: true, variations: true, mask: true, transparentBackground: true, negativePrompt: true, seed: true,
  maxImages: 8, sizes: { kind: "aspect", ratios: Object.keys(PIXELS), pixels: PIXELS },
} as const;
const v4 = { generate: true, edit: false, variations: true, seed: true, maxImages: 8, sizes: { kind: "aspect", ratios: Object.keys(PIXELS), pixels: PIXELS } } as const;

export const ideogramCatalog: CatalogEntryInput[] = [
  { provider: "ideogram", id: "ideogram-v4", label: "Ideogram 4.0", default: true, costPerImageUsd: 0.06, capabilities: v4, options: { version: 4, renderingSpeed: "DEFAULT" } },
  { provider: "ideogram", id: "ideogram-v4-turbo", label: "Ideogram 4.0 Turbo", costPerImageUsd: 0.03, capabilities: v4, options: { version: 4, renderingSpeed: "TURBO" } },
  { provider: "ideogram", id: "ideogram-v4-quality", label: "Ideogram 4.0 Quality", costPerImageUsd: 0.09, capabilities: v4, options: { version: 4, renderingSpeed: "QUALITY" } },
  { provider: "ideogram", id: "ideogram-v3", label: "Ideogram 3.0", costPerImageUsd: 0.06, capabilities: v3, options: { version: 3, renderingSpeed: "DEFAULT" } },
  { provider: "ideogram", id: "ideogram-v3-turbo", label: "Ideogram 3.0 Turbo", costPerImageUsd: 0.03, capabilities: v3, options: { version: 3, renderingSpeed: "TURBO" } },
  { provider: "ideogram", id: "ideogram-v3-quality", label: "Ideogram 3.0 Quality", costPerImageUsd: 0.09, capabilities: v3, options: { version: 3, renderingSpeed: "QUALITY" } },
];
