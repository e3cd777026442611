import "server-only";
// The finishing tools on Replicate: the `input` of an upscaler, a background remover and a FLUX.2 expand, and
// the check of what came back. The models are catalog data (lib/providers/catalog/replicate.ts); their schemas as
// replicate.com lists them (December 2026):
// - google/upscaler (https://replicate.com/google/upscaler/api/schema): `image` (uri), `upscale_factor` "x2" | "x4",
//   `compression_quality` 1–100 (JPEG); output one uri. Imagen's upscaler: at most 17 MP out (Vertex AI, Imagen
//   upscale). REPLICATE_UPSCALE_MODEL points elsewhere; a model with other field names needs `options.input`.
// - bria/remove-background (https://replicate.com/bria/remove-background/api/schema): `image` (uri) or `image_url`,
//   `preserve_alpha` (default true), `content_moderation` (default false); output one uri, a PNG with alpha.
// - FLUX.2 expand (…/flux-2-pro/api/schema): the canvas as `input_images[0]`, aspect_ratio "custom" with the canvas
//   size (256–2048 a side, multiples of 16: scaled to fit), and an instruction to fill the empty border.
import sharp from "sharp";
import { buildPrompt, sourceDataUri, type Operation, type ReplicateModelOptions } from "./replicate-models";
import { ProviderError, type GeneratedImage, type GenerateRequest, type ModelInfo } from "./types";

const bad = (message: string) => new ProviderError("replicate", "bad_request", message);

/** FLUX.2's custom sizes. */
const CUSTOM = { min: 256, max: 2048, multipleOf: 16 };
/** The colour the empty border is painted before FLUX.2 sees it (transparency would reach it as black). */
export const EXPAND_BORDER = "#808080";

export const isToolOperation = (operation: Operation): operation is "upscale" | "remove-background" | "expand" =>
  operation === "upscale" || operation === "remove-background" || operation === "expand";

/** The canvas size FLUX.2 takes for an expand: the canvas scaled to fit 256–2048 a side, multiples of 16. */
export function expandSize(width: number, height: number): { width: number; height: number } {
  const down = Math.min(1, CUSTOM.max / Math.max(width, height));
  const scale = Math.max(down, CUSTOM.min / Math.min(width, height));
  if (Math.max(width, height) * scale > CUSTOM.max + CUSTOM.multipleOf) {
    throw bad(`FLUX.2 cannot expand to ${width}×${height}: its sizes are ${CUSTOM.min}–${CUSTOM.max} px a side (at most 8:1)`);
  }
  const fit = (v: number) => Math.min(CUSTOM.max, Math.max(CUSTOM.min, Math.round((v * scale) / CUSTOM.multipleOf) * CUSTOM.multipleOf));
  return { width: fit(width), height: fit(height) };
}

/** The words that ask FLUX.2 to fill the border (and the person's prompt for what goes there). */
export function expandPrompt(request: GenerateRequest): string {
  const asked = request.prompt?.trim();
  const fill =
    "The input image is a picture on a larger canvas whose empty border is flat grey. Extend the picture into the grey border so the scene continues " +
    "naturally beyond its edges, with the same perspective, lighting, colours and style and no visible frame, seam or border; keep the picture itself unchanged.";
  return buildPrompt({ ...request, prompt: asked ? `${fill} In the new area: ${asked}` : fill, palette: undefined });
}

export interface ToolCall {
  input: Record<string, unknown>;
  /** What the price is reckoned from (an expand's output and input are the scaled canvas). */
  priced: Pick<GenerateRequest, "width" | "height" | "source" | "references">;
}

/** The prediction input of a tool call, after checking the model can serve it. */
export async function toolInput(model: ModelInfo, options: ReplicateModelOptions, request: GenerateRequest, operation: "upscale" | "remove-background" | "expand"): Promise<ToolCall> {
  const source = request.source;
  if (!source) throw bad(`${model.id}: this tool needs a source picture`);
  const c = model.capabilities;
  if (operation === "upscale") {
    const tool = request.tool;
    if (!c.upscale || options.family !== "upscale" || tool?.operation !== "upscale") throw bad(`${model.id} cannot upscale`);
    if (!c.upscale.factors.includes(tool.factor)) throw bad(`${model.id} upscales ×${c.upscale.factors.join(" or ×")}, not ×${tool.factor}`);
    const out = source.width * source.height * tool.factor * tool.factor;
    if (c.upscale.maxOutputPixels && out > c.upscale.maxOutputPixels) throw bad(`${model.id} makes at most ${(c.upscale.maxOutputPixels / 1e6).toFixed(0)} megapixels, not ${(out / 1e6).toFixed(1)}`);
    const input = options.input!;
    return {
      input: { [input.image]: await sourceDataUri(source), [input.factor!]: input.factorFormat === "number" ? tool.factor : `x${tool.factor}` },
      priced: { width: request.width, height: request.height },
    };
  }
  if (operation === "remove-background") {
    if (!c.removeBackground || options.family !== "remove-background") throw bad(`${model.id} cannot remove backgrounds`);
    return { input: { [options.input!.image]: await sourceDataUri(source) }, priced: { width: request.width, height: request.height } };
  }
  if (!c.expand || options.family !== "flux-2") throw bad(`${model.id} cannot expand pictures (the FLUX.2 models can)`);
  const size = expandSize(source.width, source.height);
  const canvas = await sharp(source.data).flatten({ background: EXPAND_BORDER }).resize(size.width, size.height, { fit: "fill" }).png().toBuffer();
  const input: Record<string, unknown> = {
    prompt: expandPrompt(request),
    input_images: [`data:image/png;base64,${canvas.toString("base64")}`],
    aspect_ratio: "custom",
    width: size.width,
    height: size.height,
    output_format: "png",
  };
  if (request.seed !== undefined) input.seed = request.seed;
  return { input, priced: { ...size, source: { data: canvas, mimeType: "image/png", ...size } } };
}

/** True when the picture has an alpha channel with at least one pixel not fully opaque. */
export async function transparent(data: Buffer): Promise<boolean> {
  const image = sharp(data);
  if (!(await image.metadata()).hasAlpha) return false;
  const { channels } = await image.stats();
  return (channels[3]?.min ?? 255) < 255;
}

/** A background removal must come back with an alpha channel (the contract of `removeBackground`). */
export async function checkToolAnswer(operation: Operation, model: ModelInfo, images: GeneratedImage[]): Promise<void> {
  if (operation !== "remove-background") return;
  for (const image of images) {
    if (!(await transparent(image.data))) throw new ProviderError("replicate", "server", `${model.id} answered a picture without transparency`);
  }
}
