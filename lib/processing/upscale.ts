/**
 * The basic upscale: a Lanczos-3 resample by a whole factor plus a gentle unsharp mask. It invents no detail — the
 * picture is only larger and about as crisp as a resample can make it. The AI upscalers live with the providers.
 */
import { AppError } from "@/lib/errors";
import { openImage, sharp, type Sharp } from "./sharp";

export type UpscaleFormat = "png" | "jpeg" | "webp";

export interface UpscaleOptions {
  /** Largest accepted output width × height (and input decode limit); beyond it the call throws before resizing. */
  maxPixels?: number;
  /** Force an encoding; by default it follows the source (see `chooseFormat`). */
  format?: UpscaleFormat;
  /** Skip the sharpening (for comparisons); default false. */
  sharpen?: boolean;
}

export interface UpscaledImage {
  data: Buffer;
  width: number;
  height: number;
  format: UpscaleFormat;
  mimeType: string;
  hasAlpha: boolean;
}

/** MAX_OUTPUT_MEGAPIXELS' default (the job passes the configured value). */
export const defaultUpscaleMaxPixels = 50_000_000;
export const upscaleFactors = [2, 3, 4, 6, 8] as const;

const mimeTypes: Record<UpscaleFormat, string> = { png: "image/png", jpeg: "image/jpeg", webp: "image/webp" };

/**
 * The unsharp mask: mild on purpose, and applied to the source before it is enlarged — the same crispening for a
 * 1/factor² of the work (at ×4 a 16 MP sharpen pass cost as much as the resample and encode together). Its radius is
 * in source pixels (the resample then spreads it over about `factor` output pixels); flat areas are left alone
 * (m1 = 0, so noise and JPEG blocks are not amplified), edges get a modest boost (m2), and the overshoot is capped at
 * ±4 L* (y2/y3; libvips' defaults are 10/20), which is what keeps dark/light halos from forming along strong edges.
 */
export function sharpenFor(factor: number) {
  return { sigma: factor >= 4 ? 0.8 : 0.7, m1: 0, m2: 1.2, x1: 2, y2: 4, y3: 4 };
}

/**
 * The encoding of the result, from the source's. Transparency needs PNG (or WebP); a PNG or GIF source is usually
 * graphics or a lossless render (the local renderer's posters and icons) whose flat areas and hard edges JPEG would
 * smear, so it stays lossless PNG. A JPEG source is a photo that is lossy already: PNG would make the ×4 result
 * 5–10× larger for no visible gain, so it is a high-quality JPEG (q92, no chroma subsampling). A WebP source stays
 * WebP at the same quality; AVIF and anything else become JPEG q92 (widely readable, cheap to encode at 16+ MP).
 */
export function chooseFormat(sourceFormat: string | undefined, hasAlpha: boolean): UpscaleFormat {
  if (hasAlpha) return sourceFormat === "webp" ? "webp" : "png";
  if (sourceFormat === "png" || sourceFormat === "gif") return "png";
  if (sourceFormat === "webp") return "webp";
  return "jpeg";
}

export function encodeUpscaled(image: Sharp, format: UpscaleFormat): Sharp {
  switch (format) {
    case "png":
      return image.png({ compressionLevel: 6, adaptiveFiltering: true });
    case "jpeg":
      return image.jpeg({ quality: 92, mozjpeg: false, chromaSubsampling: "4:4:4" });
    case "webp":
      return image.webp({ quality: 92, alphaQuality: 100, effort: 4 });
  }
}

const mp = (pixels: number) => `${(pixels / 1_000_000).toFixed(1)} MP`;

/** Resamples `data` by `factor` (2–8) with Lanczos-3 and sharpens it gently; alpha is kept. */
export async function basicUpscale(data: Buffer, factor: number, options: UpscaleOptions = {}): Promise<UpscaledImage> {
  const maxPixels = options.maxPixels ?? defaultUpscaleMaxPixels;
  if (!Number.isInteger(factor) || factor < 2 || factor > 8) {
    throw new AppError("invalid_request", `The upscale factor must be a whole number from 2 to 8, not ${factor}.`);
  }
  const meta = await sharp(data, { limitInputPixels: false, pages: 1 }).metadata();
  const rotated = (meta.orientation ?? 1) >= 5;
  const w = rotated ? (meta.pageHeight ?? meta.height) : meta.width;
  const h = rotated ? meta.width : (meta.pageHeight ?? meta.height);
  if (!w || !h) throw new AppError("invalid_image", "The image has no dimensions.");
  const width = w * factor;
  const height = h * factor;
  if (width * height > maxPixels) {
    throw new AppError(
      "invalid_request",
      `Upscaling ${w}×${h} by ${factor} makes ${width}×${height} (${mp(width * height)}), over the ${mp(maxPixels)} limit.`,
      { details: { width, height, maxPixels } },
    );
  }
  const hasAlpha = !!meta.hasAlpha;
  const format = options.format ?? chooseFormat(meta.format, hasAlpha);
  // Input limit: the output's (an input over it could never be upscaled anyway).
  // sharp applies sharpen after resize within one pipeline: the sharpened source is handed on as raw pixels.
  let source = openImage(data, { maxPixels });
  if (options.sharpen !== false) {
    const pre = await source.sharpen(sharpenFor(factor)).raw().toBuffer({ resolveWithObject: true });
    source = sharp(pre.data, { raw: { width: pre.info.width, height: pre.info.height, channels: pre.info.channels } });
  }
  const image = source.resize(width, height, { kernel: "lanczos3", fit: "fill" });
  const out = await encodeUpscaled(image, format).toBuffer({ resolveWithObject: true });
  return { data: out.data, width: out.info.width, height: out.info.height, format, mimeType: mimeTypes[format], hasAlpha: out.info.channels === 4 };
}
