import { MAX_SIZE, MIN_SIZE } from "../local/limits";
import type { CatalogEntryInput } from "./schema";

/**
 * The offline renderer: always there, free, deterministic. Its tools are honest local work: a basic upscale
 * (Lanczos resample + gentle sharpening, no new detail), background removal for plain, even backgrounds, and an
 * expand that continues the picture's edges and colours procedurally.
 */
export const localCatalog: CatalogEntryInput[] = [
  {
    provider: "local",
    id: "local-v1",
    label: "Local renderer",
    default: true,
    costPerImageUsd: 0,
    capabilities: {
      generate: true, edit: true, variations: true, mask: true, transparentBackground: true, negativePrompt: true, seed: true,
      maxImages: 8, maxReferenceImages: 16, sizes: { kind: "range", min: MIN_SIZE, max: MAX_SIZE, multipleOf: 8 },
      upscale: { factors: [2, 4], kind: "basic" }, removeBackground: true, expand: true,
    },
  },
];
