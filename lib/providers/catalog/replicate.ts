// Black Forest Labs FLUX models on Replicate. DRAFT: verified and completed by the Replicate adapter work.
// Sources: ../shared/PROVIDERS.md; replicate.com/black-forest-labs/flux-2-pro (and flux-2-flex) API schemas.
import type { Env } from "@/lib/env";
import type { CatalogEntryInput } from "./schema";

const FLUX1_PIXELS: Record<string, string> = {
  "1:1": "1024x1024", "16:9": "1344x768", "21:9": "1536x640", "3:2": "1216x832", "2:3": "832x1216", "4:5": "896x1088",
  "5:4": "1088x896", "3:4": "896x1152", "4:3": "1152x896", "9:16": "768x1344", "9:21": "640x1536",
};
const pick = (ratios: string[]) => ({ kind: "aspect", ratios, pixels: Object.fromEntries(ratios.map((r) => [r, FLUX1_PIXELS[r]])) }) as const;
const flux2 = { generate: true, edit: true, variations: true, seed: true, maxImages: 1, sizes: pick(Object.keys(FLUX1_PIXELS)), resolutions: { "2K": 2 }, outputFormats: ["png", "jpeg", "webp"] } as const;

/** Model slugs come from FLUX_*_MODEL_NAME, so an operator can point an entry at another Replicate model. */
export function replicateCatalog(config: Pick<Env, "FLUX_2_PRO_MODEL_NAME" | "FLUX_2_FLEX_MODEL_NAME" | "FLUX_PRO_MODEL_NAME" | "FLUX_DEV_MODEL_NAME" | "FLUX_SCHNELL_MODEL_NAME">): CatalogEntryInput[] {
  return [
    { provider: "replicate", id: "flux-2-pro", label: "FLUX.2 [pro]", default: true, costPerImageUsd: 0.03, capabilities: { ...flux2, maxReferenceImages: 8 }, options: { slug: config.FLUX_2_PRO_MODEL_NAME, family: "flux-2" } },
    { provider: "replicate", id: "flux-2-flex", label: "FLUX.2 [flex]", costPerImageUsd: 0.05, capabilities: { ...flux2, maxReferenceImages: 10 }, options: { slug: config.FLUX_2_FLEX_MODEL_NAME, family: "flux-2" } },
    // FLUX.1: kept while Replicate serves them; a 404 for one is read as its retirement.
    { provider: "replicate", id: "flux-1.1-pro", label: "FLUX1.1 [pro]", costPerImageUsd: 0.04, capabilities: { generate: true, seed: true, maxImages: 1, sizes: pick(["1:1", "16:9", "3:2", "2:3", "4:5", "5:4", "9:16", "3:4", "4:3"]) }, lifecycle: { successor: "flux-2-pro" }, options: { slug: config.FLUX_PRO_MODEL_NAME, family: "flux-1", singleOutput: true } },
    { provider: "replicate", id: "flux-dev", label: "FLUX.1 [dev]", costPerImageUsd: 0.025, capabilities: { generate: true, edit: true, variations: true, seed: true, maxImages: 4, sizes: pick(Object.keys(FLUX1_PIXELS)) }, lifecycle: { successor: "flux-2-flex" }, options: { slug: config.FLUX_DEV_MODEL_NAME, family: "flux-1" } },
    { provider: "replicate", id: "flux-schnell", label: "FLUX.1 [schnell]", costPerImageUsd: 0.003, capabilities: { generate: true, seed: true, maxImages: 4, sizes: pick(Object.keys(FLUX1_PIXELS)) }, lifecycle: { successor: "flux-2-pro" }, options: { slug: config.FLUX_SCHNELL_MODEL_NAME, family: "flux-1" } },
  ];
}
