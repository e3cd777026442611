import "server-only";
import sharp from "sharp";
import { composePrompt, referenceLegend } from "./prompt";
import { resolveSize } from "./sizes";
import { ProviderError, type GenerateRequest, type ModelInfo, type Resolution, type SourceImage } from "./types";

/**
 * The protocol side of Replicate's FLUX models: what the adapter reads from a catalog entry (`options`), the
 * `input` of a prediction for each model family, the price of a call, and the reading of a prediction's output.
 * The models themselves are data (lib/providers/catalog/replicate.ts).
 *
 * FLUX.2 (black-forest-labs/flux-2-pro, …/flux-2-flex), as their API schemas on replicate.com list them:
 * `prompt`, `input_images` (≤ 8 on pro, ≤ 10 on flex; jpeg, png, gif or webp), `aspect_ratio`
 * (match_input_image, custom, 1:1, 16:9, 3:2, 2:3, 4:5, 5:4, 9:16, 3:4, 4:3), `resolution` (match_input_image,
 * 0.5 MP, 1 MP, 2 MP, 4 MP; not used with custom), `width`/`height` (256–2048, multiples of 16, only with
 * custom), `safety_tolerance` 1–5, `seed`, `output_format` (webp, jpg, png), `output_quality` 0–100; flex adds
 * `prompt_upsampling`, `steps`, `guidance`. No `num_outputs`: one image per prediction.
 * FLUX.1 (flux-1.1-pro, flux-dev, flux-schnell): named aspect ratios, `num_outputs` on dev/schnell, image-to-image
 * on dev through `image` + `prompt_strength`.
 */

/** The input schema a catalog entry's model speaks: FLUX.2, FLUX.1, or a finishing tool (lib/providers/replicate-tools.ts). */
export type FluxFamily = "flux-2" | "flux-1" | "upscale" | "remove-background";
const FAMILIES: FluxFamily[] = ["flux-2", "flux-1", "upscale", "remove-background"];

/** Black Forest Labs' megapixel price rule (USD): the first output megapixel, each further one, each input one. */
export interface MegapixelPrice {
  first: number;
  extra: number;
  input: number;
}

/** What the adapter reads from a catalog entry's `options`. */
export interface ReplicateModelOptions {
  /** owner/name of the official model (FLUX_2_PRO_MODEL_NAME …). */
  slug: string;
  family: FluxFamily;
  megapixelPrice?: MegapixelPrice;
  /** A tool model's input field names (upscale: image, factor and how the factor is written). */
  input?: { image: string; factor?: string; factorFormat?: "x" | "number" };
}

const bad = (message: string) => new ProviderError("replicate", "bad_request", message);

/** The options of a catalog entry, checked (a broken operator entry is named in one sentence). */
export function modelOptions(model: ModelInfo): ReplicateModelOptions {
  const options = model.options ?? {};
  const slug = options.slug;
  if (typeof slug !== "string" || !/^[\w.-]+\/[\w.-]+$/.test(slug)) {
    throw bad(`The catalog entry replicate/${model.id} needs options.slug, a Replicate model as "owner/name"`);
  }
  const family = options.family ?? "flux-2";
  if (!FAMILIES.includes(family as FluxFamily)) throw bad(`The catalog entry replicate/${model.id} has options.family "${String(family)}"; use ${FAMILIES.map((f) => `"${f}"`).join(", ")}`);
  const price = options.megapixelPrice as Partial<MegapixelPrice> | undefined;
  const megapixelPrice =
    price && [price.first, price.extra, price.input].every((v) => typeof v === "number" && v >= 0) ? (price as MegapixelPrice) : undefined;
  const raw = options.input as { image?: unknown; factor?: unknown; factorFormat?: unknown } | undefined;
  const input =
    family === "upscale" || family === "remove-background"
      ? {
          image: typeof raw?.image === "string" ? raw.image : "image",
          ...(family === "upscale" ? { factor: typeof raw?.factor === "string" ? raw.factor : "upscale_factor", factorFormat: raw?.factorFormat === "number" ? ("number" as const) : ("x" as const) } : {}),
        }
      : undefined;
  return { slug, family: family as FluxFamily, megapixelPrice, ...(input ? { input } : {}) };
}

/** FLUX.2's named aspect ratios (besides match_input_image and custom). */
export const FLUX2_ASPECT_RATIOS = ["1:1", "16:9", "3:2", "2:3", "4:5", "5:4", "9:16", "3:4", "4:3"];
/** Our size classes as FLUX.2 `resolution` values: "1K" about one megapixel, "2K" the 4 MP maximum (2048 px a side). */
export const FLUX2_MEGAPIXELS: Partial<Record<Resolution, string>> = { "1K": "1 MP", "2K": "4 MP" };
/** aspect_ratio "custom": width and height within 256–2048, multiples of 16. */
const CUSTOM = { min: 256, max: 2048, multipleOf: 16 };
/** Input images FLUX.2 reads. */
const INPUT_TYPES = new Set(["image/jpeg", "image/png", "image/gif", "image/webp"]);
/** Sources travel inline as data URIs; larger ones are scaled down first (FLUX.2 reads at most 4 MP anyway). */
const MAX_SOURCE_BYTES = 10_000_000;
/** One megapixel as Black Forest Labs bills it. */
const MEGAPIXEL = 1024 * 1024;

export type Operation = "generate" | "edit" | "variations" | "upscale" | "remove-background" | "expand";
export type OutputFormat = "png" | "jpeg" | "webp";

/** Flux has no negative prompt or style input: both, and the palette, are folded into the prompt text. */
export function buildPrompt(request: Pick<GenerateRequest, "prompt" | "negativePrompt" | "style" | "palette" | "preserveStructure">, fallback = ""): string {
  return composePrompt({ ...request, prompt: (request.prompt ?? "").trim() || fallback });
}

/** FLUX.2 edits by instruction and has no strength input: how far to move from the source, in words. */
function strengthWords(strength: number | undefined): string {
  if (strength === undefined) return "";
  if (strength <= 0.35) return " Stay very close to the input image; change only small details.";
  if (strength >= 0.75) return " The composition and details may change freely.";
  return "";
}

function checkCommon(model: ModelInfo, request: GenerateRequest) {
  const { maxImages } = model.capabilities;
  if (!Number.isInteger(request.n) || request.n < 1 || request.n > maxImages) {
    throw bad(`${model.id} makes ${maxImages === 1 ? "one image" : `1–${maxImages} images`} per call, not ${request.n}`);
  }
  if (request.seed !== undefined && !Number.isSafeInteger(request.seed)) throw bad("The seed must be an integer");
  if (request.mask) throw bad(`${model.id} cannot restrict an edit to a mask`);
  if (request.strength !== undefined && !(request.strength >= 0 && request.strength <= 1)) throw bad("The strength must be between 0 and 1");
}

/** Replicate's name of an output format ("jpg", not "jpeg"). */
const formatName = (format: OutputFormat) => (format === "jpeg" ? "jpg" : format);

/** `output_format` and, for lossy formats, `output_quality`. */
function outputFields(request: GenerateRequest, fallback: OutputFormat): Record<string, unknown> {
  const format = request.outputFormat ?? fallback;
  const fields: Record<string, unknown> = { output_format: formatName(format) };
  if (request.outputCompression !== undefined && format !== "png") {
    if (!Number.isInteger(request.outputCompression) || request.outputCompression < 0 || request.outputCompression > 100) throw bad("outputCompression must be 0–100");
    fields.output_quality = request.outputCompression;
  }
  return fields;
}

/**
 * The size fields of a FLUX.2 input: a named aspect ratio with its megapixel `resolution` when the request is
 * exactly that ratio at a size class (what the size resolver makes of "16:9" at "1K"), otherwise
 * aspect_ratio "custom" with the exact width and height.
 */
export function flux2Size(model: ModelInfo, request: Pick<GenerateRequest, "width" | "height" | "aspectRatio" | "resolution">): Record<string, unknown> {
  const megapixels = FLUX2_MEGAPIXELS[request.resolution ?? "1K"];
  if (megapixels && FLUX2_ASPECT_RATIOS.includes(request.aspectRatio)) {
    const canonical = resolveSize(model.capabilities, { aspectRatio: request.aspectRatio, resolution: request.resolution });
    if (!("error" in canonical) && canonical.width === request.width && canonical.height === request.height) {
      return { aspect_ratio: request.aspectRatio, resolution: megapixels };
    }
  }
  const { width, height } = request;
  for (const [name, value] of [["width", width], ["height", height]] as const) {
    if (!Number.isInteger(value) || value < CUSTOM.min || value > CUSTOM.max || value % CUSTOM.multipleOf) {
      throw bad(`${model.id} takes ${name} ${CUSTOM.min}–${CUSTOM.max} px in multiples of ${CUSTOM.multipleOf}, not ${value}`);
    }
  }
  return { aspect_ratio: "custom", width, height };
}

/** A source picture as a data URI FLUX.2 reads: jpeg, png, gif or webp under the inline limit (else re-encoded). */
export async function sourceDataUri(source: SourceImage): Promise<string> {
  let { data, mimeType } = source;
  if (!INPUT_TYPES.has(mimeType) || data.length > MAX_SOURCE_BYTES) {
    try {
      const fitted = sharp(data, { limitInputPixels: 100_000_000 }).rotate().resize({ width: 2048, height: 2048, fit: "inside", withoutEnlargement: true });
      data = await fitted.clone().png().toBuffer();
      mimeType = "image/png";
      if (data.length > MAX_SOURCE_BYTES) {
        data = await fitted.jpeg({ quality: 92 }).toBuffer();
        mimeType = "image/jpeg";
      }
    } catch (error) {
      throw new ProviderError("replicate", "bad_request", `The source image (${source.mimeType}) could not be prepared for FLUX: ${(error as Error).message}`, { cause: error });
    }
  }
  return `data:${mimeType};base64,${data.toString("base64")}`;
}

/** The `input` of a FLUX.2 prediction (`source` already a data URI for edits and variations). */
export function flux2Input(
  model: ModelInfo, request: GenerateRequest, operation: Operation, source: string | undefined, fallbackFormat: OutputFormat, references: string[] = [],
): Record<string, unknown> {
  checkCommon(model, request);
  let prompt: string;
  if (operation === "generate") {
    prompt = buildPrompt(request);
  } else {
    if (!source) throw bad(`${operation === "edit" ? "An edit" : "Variations"} need a source image`);
    const asked = request.prompt?.trim();
    prompt =
      operation === "variations"
        ? buildPrompt({ ...request, prompt: asked ? `A variation of the input image: ${asked}` : "A variation of the input image, with the same subject and style." })
        : buildPrompt(request);
    prompt += strengthWords(request.strength);
  }
  if (!prompt.trim()) throw bad("FLUX needs a prompt");
  // input_images has no labels: they are said in the prompt, numbered as sent (the source, when there is one, is 1).
  const legend = referenceLegend(request.references, source ? 1 : 0);
  if (legend) prompt += ` ${legend}`;
  const input: Record<string, unknown> = { prompt, ...flux2Size(model, request), ...outputFields(request, fallbackFormat) };
  if (request.seed !== undefined) input.seed = request.seed;
  const images = [...(source ? [source] : []), ...references];
  if (images.length) input.input_images = images;
  return input;
}

/** The `input` of a FLUX.1 prediction (flux-1.1-pro, flux-dev, flux-schnell): named ratios, `image` on dev. */
export function flux1Input(model: ModelInfo, request: GenerateRequest, operation: Operation, source: string | undefined, fallbackFormat: OutputFormat): Record<string, unknown> {
  checkCommon(model, request);
  if (request.references?.length) throw bad(`${model.id} does not take reference images`);
  const { sizes, maxImages } = model.capabilities;
  if (sizes.kind === "aspect" && !sizes.ratios.includes(request.aspectRatio)) {
    throw bad(`${model.id} takes aspect ratios ${sizes.ratios.join(", ")}, not ${request.aspectRatio}`);
  }
  const input: Record<string, unknown> = {
    prompt: buildPrompt(request, operation === "generate" ? "" : "A variation of this image"),
    aspect_ratio: request.aspectRatio,
    ...outputFields(request, fallbackFormat),
  };
  if (!input.prompt) throw bad("FLUX needs a prompt");
  if (request.seed !== undefined) input.seed = request.seed;
  if (maxImages > 1) input.num_outputs = request.n;
  if (operation !== "generate") {
    if (!source) throw bad("Image-to-image needs a source image");
    input.image = source;
    input.prompt_strength = request.strength ?? 0.8;
  }
  return input;
}

/** Megapixels as billed: rounded up, at least one. */
const billedMegapixels = (width: number, height: number) => Math.max(1, Math.ceil((width * height) / MEGAPIXEL - 1e-9));

/**
 * The list price of one call's image: by megapixels where the catalog gives the rule (FLUX.2: the first output
 * megapixel, each further one, and each megapixel of an input image, rounded up, at most 4 an image), else the
 * catalog's price per image.
 */
export function imagePrice(model: ModelInfo, request: Pick<GenerateRequest, "width" | "height" | "source" | "references">, options = modelOptions(model)): number {
  const rule = options.megapixelPrice;
  if (!rule) return model.costPerImageUsd;
  let cost = rule.first + rule.extra * (billedMegapixels(request.width, request.height) - 1);
  // Every input image is billed by its megapixels: the source and each reference (already downscaled, ≤ 1536 px).
  for (const input of [...(request.source ? [request.source] : []), ...(request.references ?? [])]) {
    cost += rule.input * Math.min(4, billedMegapixels(input.width, input.height));
  }
  return Math.round(cost * 1e6) / 1e6;
}

/** The URLs of a prediction's output: one URL or a list of URLs, depending on the model. */
export function outputUrls(output: unknown): string[] {
  const list = Array.isArray(output) ? output : [output];
  return list.filter((u): u is string => typeof u === "string" && u.length > 0);
}

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
