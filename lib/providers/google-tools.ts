// Expand (zoom out, pan, a new aspect ratio) on the Gemini image models. Gemini edits by instruction — no mask
// parameter (ai.google.dev "Image generation": editing is text-and-image-to-image; ../shared/PROVIDERS.md) — and
// answers in fixed pixel tables per aspect ratio (imageConfig.aspectRatio / imageSize). So the grown canvas is padded
// to the exact shape of the nearest table entry, its empty area flattened to plain grey, and the model is told to
// fill the grey margins and leave the picture alone; the answer is cut back to the canvas (the job then pastes the
// original pixels back). What Gemini is not asked to do, and why (see the catalog comment):
//   - remove background: the image models answer opaque pictures only (no alpha channel; a "transparent
//     background" prompt draws a checkerboard), so it is not declared;
//   - upscale: the answer's size is one of the tables (1K/2K/4K per ratio), never source × factor, and the picture
//     is redrawn rather than enlarged — not declared either.
import sharp from "sharp";
import { placeOnCanvas, restoreFromCanvas, type CanvasFit } from "./openai-canvas";
import { resolutionsOf } from "./sizes";
import { ProviderError, type GenerateRequest, type ModelInfo, type Resolution } from "./types";

/** The grey the empty area is painted (mid-grey: no colour of its own for the model to continue). */
export const EMPTY_GREY = "#808080";

export interface GeminiExpandPlan {
  /** The edit: the padded, flattened canvas as `source`, the table's ratio and size class, no mask. */
  edit: GenerateRequest;
  instruction: string;
  fit: CanvasFit;
}

const bad = (message: string) => new ProviderError("google", "bad_request", message);

/** The model's table entry closest in shape to `width × height`, and its size class nearest the canvas's pixels (≤ 2K). */
export function expandTarget(model: ModelInfo, width: number, height: number): { ratio: string; size: Resolution; tableWidth: number; tableHeight: number; scale: number } {
  const sizes = model.capabilities.sizes;
  if (sizes.kind !== "aspect") throw bad(`${model.id} has no aspect-ratio table`);
  const shape = Math.log(width / height);
  const entries = sizes.ratios.map((ratio) => {
    const [w, h] = sizes.pixels[ratio].split("x").map(Number);
    return { ratio, w, h, distance: Math.abs(Math.log(w / h) - shape) };
  });
  const best = entries.reduce((a, b) => (b.distance < a.distance ? b : a));
  const classes = resolutionsOf(model.capabilities).filter((r) => r !== "4K");
  const scaleOf = (r: Resolution) => (r === "1K" ? 1 : (model.capabilities.resolutions?.[r] ?? 1));
  const size = classes.reduce((a, b) => (Math.abs(Math.log((best.w * best.h * scaleOf(b) ** 2) / (width * height))) < Math.abs(Math.log((best.w * best.h * scaleOf(a) ** 2) / (width * height))) ? b : a), "1K" as Resolution);
  const scale = scaleOf(size);
  return { ratio: best.ratio, size, tableWidth: Math.round(best.w * scale), tableHeight: Math.round(best.h * scale), scale };
}

/** Which sides of the picture the model must extend, in words. */
function sidesOf(request: GenerateRequest, fit: CanvasFit): string {
  const g = request.tool?.operation === "expand" ? request.tool.geometry : { left: 0, right: 0, top: 0, bottom: 0 };
  const { region } = fit;
  const original = request.tool?.operation === "expand" ? request.tool.original : { width: request.width, height: request.height };
  const s = region.width / request.width;
  const sides = [
    g.left > 0 || region.left > 0 ? "left" : "",
    g.right > 0 || fit.width - region.left - region.width > 0 ? "right" : "",
    g.top > 0 || region.top > 0 ? "top" : "",
    g.bottom > 0 || fit.height - region.top - region.height > 0 ? "bottom" : "",
  ].filter(Boolean);
  const kept = `about ${Math.round(original.width * s)}×${Math.round(original.height * s)} px`;
  return `${sides.length ? sides.join(", ").replace(/, ([^,]*)$/, " and $1") : "outer"} margins (the picture itself is ${kept})`;
}

/** The expand request as a Gemini edit: the canvas padded to the table's shape, its empty area grey. */
export async function planGeminiExpand(model: ModelInfo, request: GenerateRequest): Promise<GeminiExpandPlan> {
  const source = request.source;
  if (request.tool?.operation !== "expand") throw bad("Not an expand request");
  if (!model.capabilities.expand) throw bad(`${model.id} does not expand pictures`);
  if (!source) throw bad("expand needs the grown canvas as its source");
  const target = expandTarget(model, source.width, source.height);
  // The canvas scaled into the table's pixels, centred; the rest is padding (also to be filled).
  const k = Math.min(target.tableWidth / source.width, target.tableHeight / source.height);
  const w = Math.min(target.tableWidth, Math.round(source.width * k));
  const h = Math.min(target.tableHeight, Math.round(source.height * k));
  const fit: CanvasFit = {
    width: target.tableWidth,
    height: target.tableHeight,
    region: { left: Math.floor((target.tableWidth - w) / 2), top: Math.floor((target.tableHeight - h) / 2), width: w, height: h },
  };
  const canvas = await sharp(await placeOnCanvas(source.data, fit)).flatten({ background: EMPTY_GREY }).png().toBuffer();
  const scene = request.prompt.trim() ? ` The scene: ${request.prompt.trim()}` : "";
  const instruction =
    `Outpaint this picture. The plain grey ${sidesOf(request, fit)} are empty canvas: fill them by extending the scene ` +
    "seamlessly beyond the picture's borders, in the same style, lighting, perspective and colours, and keep the picture " +
    `in the middle exactly as it is. Answer with the whole extended picture, with no grey left.${scene}`;
  const { style: _s, palette: _p, negativePrompt: _n, references: _r, mask: _m, ...rest } = request;
  const edit: GenerateRequest = {
    ...rest,
    prompt: instruction,
    n: 1,
    aspectRatio: target.ratio,
    resolution: target.size,
    width: target.tableWidth,
    height: target.tableHeight,
    source: { data: canvas, mimeType: "image/png", width: fit.width, height: fit.height },
  };
  return { edit, instruction, fit };
}

/** An answer back in the canvas's geometry. */
export function restoreGeminiExpand(answer: Buffer, plan: GeminiExpandPlan, width: number, height: number): Promise<Buffer> {
  return restoreFromCanvas(answer, plan.fit, width, height);
}
