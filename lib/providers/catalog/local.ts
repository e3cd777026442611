import { MAX_SIZE, MIN_SIZE } from "../local/limits";
import type { CatalogEntryInput } from "./schema";

/** The offline renderer: always there, free, deterministic. */
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
    },
  },
];
