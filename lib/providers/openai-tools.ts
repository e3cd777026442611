// The finishing tools on gpt-image-2.x, each one edit through POST /v1/images/edits (the protocol is openai.ts's):
//   expand            — a mask edit of the grown canvas: the mask's fully transparent pixels are where the model
//                       draws ("An additional image whose fully transparent areas … indicate where `image` should be
//                       edited … same dimensions as `image`", openai-node ImageEditParams.mask);
//   remove-background — an edit with `background: "transparent"` (png or webp output only) and an instruction to
//                       keep the subject as it is; an answer without transparent pixels is refused;
//   upscale           — "creative": the picture redrawn at a larger `size` (at most 3840 px a side and 8,294,400 px).
// Sizes are the family's free sizes (lib/providers/openai-canvas.ts): the picture is sent scaled and centred in the
// nearest valid size and cut back out of the answer, so the job's canvas geometry holds exactly.
// Follows https://developers.openai.com/api/reference/resources/images (edit) and the image generation guide's
// "Edit an image using a mask (inpainting)" and "Transparency" sections.
import sharp from "sharp";
import { fitFreeSize, maskOnCanvas, placeOnCanvas, restoreFromCanvas } from "./openai-canvas";
import { estimateImageCost } from "./openai-models";
import { ProviderError, type GenerateRequest, type GenerateResult, type ModelInfo, type Quality, type SizeSpec } from "./types";

/** Expand and background removal are drawn at most at 2560×1440 px: above it OpenAI calls sizes experimental. */
export const TOOL_MAX_PIXELS = 2560 * 1440;
/** The most a creative upscale answers (the family's pixel limit; also its catalog `upscale.maxOutputPixels`). */
export const UPSCALE_MAX_PIXELS = 8_294_400;
/**
 * Image-input tokens assumed per megapixel of an input picture, for the estimate before a call only (an assumption:
 * OpenAI documents no formula for gpt-image-2 inputs; the exact cost is taken from the answer's `usage`).
 */
const INPUT_TOKENS_PER_MEGAPIXEL = 1200;

export interface ToolPlan {
  /** The edit to make: the fitted picture as `source`, our-convention mask where there is one, the fitted size. */
  edit: GenerateRequest;
  prompt: string;
  /** The answer back in the request's geometry (and checked: alpha for a background removal). */
  finish(result: GenerateResult): Promise<GenerateResult>;
}

type FreeSpec = Extract<SizeSpec, { kind: "free" }>;

const bad = (message: string) => new ProviderError("openai", "bad_request", message);

function freeSpec(model: ModelInfo): FreeSpec {
  const sizes = model.capabilities.sizes;
  if (sizes.kind !== "free") throw bad(`${model.id} has no free sizes for the finishing tools`);
  return sizes;
}

/** What a tool request asks of the model, checked against its capabilities; the sizes sent and answered. */
function geometry(model: ModelInfo, request: GenerateRequest) {
  const tool = request.tool;
  const source = request.source;
  if (!tool) throw bad("Not a tool request");
  if (!source) throw bad(`${tool.operation} needs a source image`);
  const caps = model.capabilities;
  if (tool.operation === "upscale") {
    if (!caps.upscale || caps.upscale.kind !== tool.kind || !caps.upscale.factors.includes(tool.factor)) {
      throw bad(`${model.id} does not upscale ${tool.kind} ×${tool.factor}${caps.upscale ? ` (it upscales ${caps.upscale.kind} ×${caps.upscale.factors.join(", ×")})` : ""}`);
    }
  } else if (tool.operation === "remove-background" ? !caps.removeBackground : !caps.expand) {
    throw bad(`${model.id} does not ${tool.operation === "expand" ? "expand pictures" : "remove backgrounds"}`);
  }
  if (tool.operation === "expand" && !request.mask) throw bad("expand needs the mask of the new area");
  const spec = freeSpec(model);
  // The picture in: the canvas (expand) or the source, at about its own pixel count, at most TOOL_MAX_PIXELS.
  const input = fitFreeSize(spec, source.width, source.height, source.width * source.height, TOOL_MAX_PIXELS);
  const output = tool.operation === "upscale" ? fitFreeSize(spec, source.width, source.height, request.width * request.height, UPSCALE_MAX_PIXELS) : input;
  const offered = caps.qualities ?? [];
  const wanted: Quality | undefined = request.quality ?? (tool.operation === "upscale" ? "high" : undefined);
  const quality = wanted && offered.includes(wanted) ? wanted : request.quality;
  return { tool, source, input, output, quality };
}

/** The instruction for each tool (the user's prompt, where one is given, says what the picture shows). */
export function toolPrompt(request: GenerateRequest): string {
  const about = request.prompt.trim() ? ` The picture shows: ${request.prompt.trim()}` : "";
  switch (request.tool?.operation) {
    case "upscale":
      return `Upscale this picture: redraw exactly the same image at a higher resolution with finer, sharper detail. Keep the composition, subjects, faces, colours, lighting, any text and the framing unchanged; add nothing new.${about}`;
    case "remove-background":
      return "Remove the background of this picture. Keep the main subject exactly as it is — the same shape, position, size, colours and details — and make everything else fully transparent. No new elements, no backdrop, no added shadow.";
    case "expand":
      return `Extend this picture outward into the transparent border areas, continuing the scene seamlessly in the same style, lighting, perspective and colours. Leave the existing picture unchanged.${request.prompt.trim() ? ` The scene: ${request.prompt.trim()}` : ""}`;
    default:
      throw bad("Not a tool request");
  }
}

/** The estimate of a tool call: the output image at its sent size and quality, the instruction, the input picture. */
export function estimateToolCost(model: ModelInfo, request: GenerateRequest): number {
  // Before the job runs (its acceptance) the request has no pixels yet: the sizes say enough for a price.
  const tool = request.tool;
  const size = tool?.operation === "upscale" ? { width: Math.round(request.width / tool.factor), height: Math.round(request.height / tool.factor) } : { width: request.width, height: request.height };
  const standIn = { ...size, data: Buffer.alloc(0), mimeType: "image/png" };
  const { input, output, quality } = geometry(model, { ...request, source: request.source ?? standIn, mask: request.mask ?? (tool?.operation === "expand" ? standIn : undefined) });
  const image = estimateImageCost(model, { ...toolBase(request), prompt: toolPrompt(request), width: output.width, height: output.height, quality, n: 1 });
  const inputTokens = ((input.width * input.height) / 1_000_000) * INPUT_TOKENS_PER_MEGAPIXEL;
  const prices = model.price?.tokens;
  const inputCost = (inputTokens * (prices?.imageInput ?? prices?.textInput ?? 0)) / 1_000_000;
  return Math.round((image + inputCost) * 1e6) / 1e6;
}

/** A generation request without what a tool edit must not carry (style and palette folded into prompts, references). */
function toolBase(request: GenerateRequest): GenerateRequest {
  const { style: _style, palette: _palette, negativePrompt: _negative, references: _references, seed: _seed, ...rest } = request;
  return { ...rest, n: 1 };
}

/** The edit that performs a tool request on `model`, and how to read its answer back. */
export async function planTool(model: ModelInfo, request: GenerateRequest): Promise<ToolPlan> {
  const { tool, source, input, output, quality } = geometry(model, request);
  const canvas = await placeOnCanvas(source.data, input);
  const sourceHasAlpha = (await sharp(source.data).metadata()).hasAlpha ?? false;
  const transparent = tool.operation === "remove-background" || (tool.operation === "upscale" && sourceHasAlpha);
  const format = request.outputFormat === "webp" && transparent ? "webp" : transparent ? "png" : request.outputFormat;
  const edit: GenerateRequest = {
    ...toolBase(request),
    prompt: toolPrompt(request),
    source: { data: canvas, mimeType: "image/png", width: input.width, height: input.height },
    mask: undefined,
    width: output.width,
    height: output.height,
    quality,
    ...(transparent ? { background: "transparent" as const } : { background: undefined }),
    outputFormat: format,
    outputCompression: format === "png" ? undefined : request.outputCompression,
  };
  if (tool.operation === "expand") {
    edit.mask = { data: await maskOnCanvas(request.mask!.data, input), mimeType: "image/png", width: input.width, height: input.height };
  }
  const notice =
    tool.operation === "remove-background"
      ? "GPT Image redrew the picture with a transparent background: fine details of the subject may differ slightly from the original."
      : tool.operation === "upscale"
        ? "Creative upscale: GPT Image redrew the picture larger, so small details may differ from the original."
        : undefined;
  return {
    edit,
    prompt: edit.prompt,
    async finish(result) {
      const images = await Promise.all(
        result.images.slice(0, 1).map(async (image) => {
          const restored = await restoreFromCanvas(image.data, output, request.width, request.height);
          if (tool.operation === "remove-background") await requireTransparency(restored);
          const data = format === "webp" ? await sharp(restored).webp({ lossless: true }).toBuffer() : restored;
          return {
            ...image,
            data,
            mimeType: format === "webp" ? "image/webp" : "image/png",
            ...(notice ? { notices: [...(image.notices ?? []), notice] } : {}),
            params: { ...image.params, openai: { tool: tool.operation, sentSize: `${input.width}x${input.height}`, answerSize: `${output.width}x${output.height}` } },
          };
        }),
      );
      return { ...result, images };
    },
  };
}

/** A background removal must answer transparent pixels; an opaque answer is the service not doing it. */
async function requireTransparency(png: Buffer): Promise<void> {
  const { channels, hasAlpha } = await sharp(png).metadata();
  const alpha = hasAlpha && channels === 4 ? (await sharp(png).stats()).channels[3] : undefined;
  if (!alpha || alpha.min === 255) throw new ProviderError("openai", "server", "OpenAI answered without a transparent background");
}

