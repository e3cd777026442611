// The models of a server speaking the OpenAI Images API: the ids in OPENAI_COMPATIBLE_MODELS with conservative
// capabilities, free. Anything more specific — a fixed size table, images per call, a price, the adapter's options
// (responseFormat, style, extraBody) — is catalog data an operator adds in MODEL_CATALOG_FILE / MODEL_CATALOG with
// provider "openai-compatible", per model (docs/models.md "Adding a model without code", with Recraft V4 as the
// example). The adapter (lib/providers/openai-compatible.ts) uses each model's own entry.
import type { Env } from "@/lib/env";
import type { CatalogEntryInput } from "./schema";

/** Conservative: such servers usually take any WxH, but few support more than a handful of images per call. */
export const COMPATIBLE_CAPABILITIES = {
  generate: true, edit: true, variations: false, mask: false, transparentBackground: false, negativePrompt: false, seed: false,
  maxImages: 4, sizes: { kind: "range", min: 256, max: 2048, multipleOf: 64 },
} as const;

export function compatibleCatalog(config: Pick<Env, "OPENAI_COMPATIBLE_MODELS">): CatalogEntryInput[] {
  const ids = config.OPENAI_COMPATIBLE_MODELS.split(",").map((m) => m.trim()).filter(Boolean);
  return ids.map((id, i) => ({ provider: "openai-compatible", id, label: id, costPerImageUsd: 0, capabilities: { ...COMPATIBLE_CAPABILITIES }, ...(i === 0 ? { default: true } : {}) }));
}
