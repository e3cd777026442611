/**
 * The local renderer's finishing tools, offline and free, each labelled for what it is: a basic upscale (a
 * resample, no new detail), background removal for plain backdrops only, and an expand that continues the
 * picture's edges and colours. The job (lib/images/*) calls them through `LocalProvider.upscale|removeBackground|
 * expand` like any provider's.
 */
import { isAppError } from "@/lib/errors";
import { encodeCutout, removePlainBackground } from "@/lib/processing/background";
import { checkGeometry, compositeOriginal } from "@/lib/processing/expand";
import { sharp } from "@/lib/processing/sharp";
import { basicUpscale, defaultUpscaleMaxPixels } from "@/lib/processing/upscale";
import { ProviderError, type GenerateRequest, type GenerateResult, type ProviderContext, type SourceImage } from "../types";
import { fillExpansion } from "./expand-fill";
import { hash32 } from "./random";
import { recipeCutout } from "./recipe-cutout";

const canceled = (cause?: unknown) => new ProviderError("local", "canceled", "The local tool was canceled", { cause });

/** Runs one tool step: an abort becomes `canceled`, a refusal of the processing core a `bad_request` with its words. */
async function step<T>(context: ProviderContext, work: () => Promise<T>): Promise<T> {
  if (context.signal.aborted) throw canceled(context.signal.reason);
  try {
    const value = await work();
    if (context.signal.aborted) throw canceled(context.signal.reason);
    return value;
  } catch (error) {
    if (error instanceof ProviderError) throw error;
    if (context.signal.aborted) throw canceled(error);
    const message = isAppError(error) ? error.message : `The local tool failed: ${(error as Error).message}`;
    throw new ProviderError("local", "bad_request", message, { cause: error });
  }
}

function needSource(request: GenerateRequest, what: string): SourceImage {
  if (!request.source) throw new ProviderError("local", "bad_request", `${what} needs a source image`);
  return request.source;
}

export async function localUpscale(request: GenerateRequest, context: ProviderContext, model: string): Promise<GenerateResult> {
  const source = needSource(request, "An upscale");
  const tool = request.tool;
  const factor = tool?.operation === "upscale" ? tool.factor : Math.round(request.width / source.width);
  // The job checked the output against MAX_OUTPUT_MEGAPIXELS and asked for source × factor: that is the cap here.
  const asked = request.width * request.height;
  const maxPixels = Number.isFinite(asked) && asked > 0 ? asked : defaultUpscaleMaxPixels;
  context.onProgress?.({ progress: 0.1, message: `Resampling ×${factor}` });
  const out = await step(context, () => basicUpscale(source.data, factor, { maxPixels, format: request.outputFormat === "png" || request.outputFormat === "webp" || request.outputFormat === "jpeg" ? request.outputFormat : undefined }));
  context.onProgress?.({ progress: 1, message: `Upscaled ×${factor}` });
  return {
    model,
    // A resample: no prompt, no seed.
    sent: { prompt: null },
    costUsd: 0,
    images: [
      {
        data: out.data,
        mimeType: out.mimeType,
        notices: [`Basic upscale: resampled ×${factor} with Lanczos and sharpened gently — no new detail is invented; connect Ideogram or Replicate for an AI upscale.`],
        params: { localTool: { operation: "upscale", factor, kind: "basic", method: "lanczos3 + unsharp mask" } },
      },
    ],
  };
}

export async function localRemoveBackground(request: GenerateRequest, context: ProviderContext, model: string): Promise<GenerateResult> {
  const source = needSource(request, "Removing the background");
  const format = request.outputFormat === "webp" ? "webp" : "png";
  const progress = (value: number, message: string) => context.onProgress?.({ progress: value, message });
  progress(0.05, "Reading the picture");
  // One of the renderer's own pictures: its recipe drawn again without the backdrop is the exact mask.
  const recipe = await step(context, () => recipeCutout(source, context.signal));
  if (recipe && "cutout" in recipe) {
    progress(0.6, "Mask from the picture's own recipe");
    const { pixels, width, height, keptShare } = recipe.cutout;
    const data = await step(context, () => encodeCutout(pixels, width, height, format));
    progress(1, "Background removed");
    return {
      model,
      sent: { prompt: null },
      costUsd: 0,
      images: [
        {
          data,
          mimeType: format === "webp" ? "image/webp" : "image/png",
          notices: [
            "Local background removal: this picture was made by the local renderer, so its own recipe (prompt, seed, size) was drawn again without the backdrop and that exact outline cut it out; the pixels are the picture's own.",
          ],
          params: { localTool: { operation: "remove-background", method: "re-render without backdrop", keptShare: Math.round(keptShare * 1000) / 1000 } },
        },
      ],
    };
  }
  if (recipe && recipe.scene) {
    throw new ProviderError("local", "bad_request", `The background is not plain enough to remove offline — ${recipe.scene}; connect Ideogram, Replicate or OpenAI to remove the background of photos.`);
  }
  progress(0.15, "Finding the backdrop by colour");
  const out = await step(context, () => removePlainBackground(source.data, { format, signal: context.signal, onProgress: progress }));
  progress(1, "Background removed");
  const notices = recipe ? [...out.notices, `The picture's own recipe was not used: ${recipe.skipped}.`] : out.notices;
  return {
    model,
    sent: { prompt: null },
    costUsd: 0,
    images: [
      {
        data: out.data,
        mimeType: out.mimeType,
        notices,
        params: {
          localTool: { operation: "remove-background", method: "plain backdrop flood", background: out.background, backgroundKind: out.backgroundKind, keptShare: Math.round(out.keptShare * 1000) / 1000 },
        },
      },
    ],
  };
}

export async function localExpand(request: GenerateRequest, context: ProviderContext, model: string): Promise<GenerateResult> {
  const canvas = needSource(request, "An expand");
  const tool = request.tool;
  if (tool?.operation !== "expand") throw new ProviderError("local", "bad_request", "An expand needs its geometry (request.tool)");
  const { geometry, original } = tool;
  const progress = (value: number, message: string) => context.onProgress?.({ progress: value, message });
  progress(0.05, "Reading the canvas");
  const data = await step(context, async () => {
    checkGeometry(geometry);
    // The canvas holds the original at (left, top): cut it out, and grow it again with filled sides.
    const { data: rgba, info } = await sharp(canvas.data, { limitInputPixels: false, pages: 1 }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    if (info.width !== original.width + geometry.left + geometry.right || info.height !== original.height + geometry.top + geometry.bottom) {
      throw new ProviderError("local", "bad_request", `The canvas is ${info.width}×${info.height}, not the original ${original.width}×${original.height} grown by the geometry`);
    }
    const cut = await sharp(rgba, { raw: { width: info.width, height: info.height, channels: 4 } })
      .extract({ left: geometry.left, top: geometry.top, width: original.width, height: original.height })
      .raw()
      .toBuffer();
    progress(0.2, "Picture decoded");
    const seed = request.seed ?? hash32(`${original.width}x${original.height}:${JSON.stringify(geometry)}`);
    const filled = await fillExpansion({ pixels: cut, width: original.width, height: original.height }, geometry, seed, context.signal);
    progress(0.8, "New area filled; encoding");
    const png = await sharp(filled.pixels, { raw: { width: filled.width, height: filled.height, channels: 4 } }).png().toBuffer();
    const originalPng = await sharp(cut, { raw: { width: original.width, height: original.height, channels: 4 } }).png().toBuffer();
    // Exactly the original inside (the job does it again; here so that this answer is right on its own).
    const done = await compositeOriginal(png, { data: originalPng, mimeType: "image/png", width: original.width, height: original.height }, geometry);
    return done.data;
  });
  context.onProgress?.({ progress: 1, message: "Canvas expanded" });
  return {
    model,
    // The fill takes no prompt; the request's seed where one was given.
    sent: { prompt: null, ...(request.seed !== undefined ? { seed: request.seed } : {}) },
    costUsd: 0,
    images: [
      {
        data,
        mimeType: "image/png",
        notices: [
          "Local expand: the new area continues the picture's edge colours (a narrow mirrored band at the seam, then the edge stretched outward, increasingly blurred, with texture) — it does not invent new content or repeat the subject; connect OpenAI, Google, Ideogram or Replicate to have it painted.",
        ],
        params: { localTool: { operation: "expand", geometry, method: "narrow mirror band + stretched edge + distance blur + grain" } },
      },
    ],
  };
}
