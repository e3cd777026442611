import "server-only";
import { ProviderError, type GenerateRequest, type ModelInfo } from "./types";
import { composePrompt } from "./prompt";

/**
 * The Flux models Replicate runs as official models, as our ModelInfo, and the translation of a GenerateRequest
 * into their documented inputs (https://replicate.com/black-forest-labs/flux-1.1-pro/api/schema and the
 * flux-dev / flux-schnell pages).
 */

/** Nominal output pixels per aspect ratio at one megapixel (Replicate's cog-flux table; the service decides). */
const FLUX_PIXELS: Record<string, string> = {
  "1:1": "1024x1024",
  "16:9": "1344x768",
  "21:9": "1536x640",
  "3:2": "1216x832",
  "2:3": "832x1216",
  "4:5": "896x1088",
  "5:4": "1088x896",
  "3:4": "896x1152",
  "4:3": "1152x896",
  "9:16": "768x1344",
  "9:21": "640x1536",
};

const PRO_RATIOS = ["1:1", "16:9", "3:2", "2:3", "4:5", "5:4", "9:16", "3:4", "4:3"];
const OPEN_WEIGHT_RATIOS = ["1:1", "16:9", "21:9", "3:2", "2:3", "4:5", "5:4", "3:4", "4:3", "9:16", "9:21"];

const aspectSizes = (ratios: string[]) =>
  ({ kind: "aspect", ratios, pixels: Object.fromEntries(ratios.map((r) => [r, FLUX_PIXELS[r]])) }) as const;

export type FluxModelKey = "pro" | "dev" | "schnell";

export interface FluxModel extends ModelInfo {
  key: FluxModelKey;
  /** Output is one URL (flux-1.1-pro) rather than a list of URLs. */
  singleOutput: boolean;
}

const base = { mask: false, transparentBackground: false, negativePrompt: false, seed: true };

export const FLUX_MODELS: FluxModel[] = [
  {
    key: "pro",
    id: "flux-1.1-pro",
    label: "FLUX1.1 [pro]",
    singleOutput: true,
    capabilities: { ...base, generate: true, edit: false, variations: false, maxImages: 1, sizes: aspectSizes(PRO_RATIOS) },
    costPerImageUsd: 0.04,
  },
  {
    key: "dev",
    id: "flux-dev",
    label: "FLUX.1 [dev]",
    singleOutput: false,
    // image-to-image through `image` + `prompt_strength`; no mask input.
    capabilities: { ...base, generate: true, edit: true, variations: true, maxImages: 4, sizes: aspectSizes(OPEN_WEIGHT_RATIOS) },
    costPerImageUsd: 0.025,
  },
  {
    key: "schnell",
    id: "flux-schnell",
    label: "FLUX.1 [schnell]",
    singleOutput: false,
    capabilities: { ...base, generate: true, edit: false, variations: false, maxImages: 4, sizes: aspectSizes(OPEN_WEIGHT_RATIOS) },
    costPerImageUsd: 0.003,
  },
];

/** Flux has no negative prompt or style input: both, and the palette, are folded into the prompt text. */
export function buildPrompt(request: Pick<GenerateRequest, "prompt" | "negativePrompt" | "style" | "palette">, fallback = ""): string {
  return composePrompt({ ...request, prompt: (request.prompt ?? "").trim() || fallback });
}

export type OutputFormat = "png" | "webp";

/** The `input` object of a prediction for one of the Flux models. */
export function buildInput(model: FluxModel, request: GenerateRequest, outputFormat: OutputFormat, imageToImage: boolean): Record<string, unknown> {
  const bad = (message: string) => new ProviderError("replicate", "bad_request", message);
  const { capabilities } = model;
  if (capabilities.sizes.kind === "aspect" && !capabilities.sizes.ratios.includes(request.aspectRatio)) {
    throw bad(`${model.id} takes aspect ratios ${capabilities.sizes.ratios.join(", ")}, not ${request.aspectRatio}`);
  }
  if (!Number.isInteger(request.n) || request.n < 1 || request.n > capabilities.maxImages) {
    throw bad(`${model.id} makes 1–${capabilities.maxImages} images per call, not ${request.n}`);
  }
  if (request.seed !== undefined && !Number.isSafeInteger(request.seed)) throw bad("The seed must be an integer");

  const input: Record<string, unknown> = {
    prompt: buildPrompt(request, imageToImage ? "A variation of this image" : ""),
    aspect_ratio: request.aspectRatio,
    output_format: outputFormat,
  };
  if (!input.prompt) throw bad("Flux needs a prompt");
  if (request.seed !== undefined) input.seed = request.seed;
  if (!model.singleOutput) input.num_outputs = request.n;
  if (imageToImage) {
    const source = request.source;
    if (!source) throw bad("Image-to-image needs a source image");
    if (request.mask) throw bad(`${model.id} cannot restrict an edit to a mask`);
    if (source.data.length > MAX_SOURCE_BYTES) throw bad(`The source image is over ${MAX_SOURCE_BYTES / 1_000_000} MB; send a smaller one`);
    const strength = request.strength ?? 0.8;
    if (!(strength >= 0 && strength <= 1)) throw bad("The strength must be between 0 and 1");
    input.image = `data:${source.mimeType};base64,${source.data.toString("base64")}`;
    input.prompt_strength = strength;
  }
  return input;
}

/** Sources travel inline as a data URI; the SDK caps inline files at 10 MB. */
const MAX_SOURCE_BYTES = 10_000_000;

/** The last tqdm-style "NN%|" in a prediction's logs, as 0–1. */
export function progressFromLogs(logs: string | null | undefined): number | undefined {
  const matches = [...(logs ?? "").matchAll(/(\d{1,3})%\s*\|/g)];
  const last = matches.at(-1);
  return last ? Math.min(100, Number(last[1])) / 100 : undefined;
}

/** cog-flux logs "Using seed: N" when it picked the seed itself. */
export function seedFromLogs(logs: string | null | undefined): number | undefined {
  const match = /Using seed:\s*(\d+)/.exec(logs ?? "");
  return match ? Number(match[1]) : undefined;
}
