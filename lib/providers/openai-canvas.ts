// Fitting a picture (an expand canvas, a background-removal or upscale source) to the free sizes of the gpt-image-2
// family — both sides multiples of 16, ratio within 1:3 … 3:1, a pixel range, a longest side — and back again. The
// picture is scaled uniformly and centred in the nearest valid size; what is left around it (rounding to 16 px, or
// the extra room an over-wide canvas needs to reach 3:1) is transparent and, in the mask, part of the area to fill.
// After the answer, `restore` cuts the picture's rectangle back out and scales it to the size asked for, so the
// geometry maps exactly (no stretch) onto the job's canvas. Size rules: openai/openai-node src/resources/images.ts
// and https://developers.openai.com/api/reference/resources/images (see lib/providers/catalog/openai.ts).
import sharp from "sharp";
import { freeSizeError } from "./sizes";
import type { SizeSpec } from "./types";

type FreeSpec = Extract<SizeSpec, { kind: "free" }>;

export interface CanvasFit {
  /** The size sent (valid for the spec). */
  width: number;
  height: number;
  /** Where the picture lies in the sent size, and how big it is there. */
  region: { left: number; top: number; width: number; height: number };
}

/**
 * The valid size for a `width × height` picture whose pixel count should be about `wantPixels` (clamped to the
 * spec's range and to `capPixels`): the picture scaled by one factor and centred, padded to multiples of 16 and,
 * for a ratio beyond the spec's, padded on the short side until the ratio is allowed.
 */
export function fitFreeSize(spec: FreeSpec, width: number, height: number, wantPixels: number, capPixels = spec.maxPixels): CanvasFit {
  // The room the ratio needs (the picture centred in it).
  const roomW = Math.max(width, Math.ceil(height / spec.maxRatio));
  const roomH = Math.max(height, Math.ceil(width / spec.maxRatio));
  const cap = Math.min(capPixels, spec.maxPixels);
  const target = Math.min(Math.max(wantPixels, spec.minPixels), cap);
  let scale = Math.min(Math.sqrt(target / (roomW * roomH)), spec.maxSide / Math.max(roomW, roomH));
  const step = spec.multipleOf;
  for (let attempt = 0; attempt < 400; attempt++) {
    let w = Math.ceil((roomW * scale) / step) * step;
    let h = Math.ceil((roomH * scale) / step) * step;
    // Rounding up may tip a 3:1 room over the ratio: widen the short side by a step.
    while (Math.max(w, h) / Math.min(w, h) > spec.maxRatio + 1e-9) w < h ? (w += step) : (h += step);
    if (!freeSizeError(spec, w, h) && w * h <= Math.max(cap, spec.minPixels)) {
      const pw = Math.max(1, Math.min(w, Math.round(width * scale)));
      const ph = Math.max(1, Math.min(h, Math.round(height * scale)));
      return { width: w, height: h, region: { left: Math.floor((w - pw) / 2), top: Math.floor((h - ph) / 2), width: pw, height: ph } };
    }
    // Too big after rounding: shrink a little; too small: grow.
    scale *= w * h < spec.minPixels ? 1.01 : 0.99;
  }
  throw new Error(`No gpt-image size fits a ${width}×${height} picture`);
}

/** The picture scaled into the fit's region of a transparent canvas of the fit's size (PNG, RGBA). */
export async function placeOnCanvas(picture: Buffer, fit: CanvasFit): Promise<Buffer> {
  const { region } = fit;
  return sharp(picture)
    .ensureAlpha()
    .resize(region.width, region.height, { fit: "fill" })
    .extend({
      left: region.left, top: region.top,
      right: fit.width - region.left - region.width, bottom: fit.height - region.top - region.height,
      background: { r: 0, g: 0, b: 0, alpha: 0 },
    })
    .png()
    .toBuffer();
}

/**
 * Our mask (white = fill, black = keep) scaled into the fit's region, everything around it white (the padding is
 * filled too): a greyscale PNG of the fit's size, still in our convention (the edit call converts it to OpenAI's).
 */
export async function maskOnCanvas(mask: Buffer, fit: CanvasFit): Promise<Buffer> {
  const { region } = fit;
  const inner = await sharp(mask).flatten({ background: "#000000" }).greyscale().resize(region.width, region.height, { fit: "fill" }).png().toBuffer();
  return sharp(inner)
    .extend({
      left: region.left, top: region.top,
      right: fit.width - region.left - region.width, bottom: fit.height - region.top - region.height,
      background: "#ffffff",
    })
    .greyscale()
    .png()
    .toBuffer();
}

/**
 * The answer back in the caller's geometry: scaled to the fit's size if the service answered another, the picture's
 * region cut out and scaled to `width × height`. PNG, alpha kept.
 */
export async function restoreFromCanvas(answer: Buffer, fit: CanvasFit, width: number, height: number): Promise<Buffer> {
  const meta = await sharp(answer).metadata();
  let at = answer;
  if (meta.width !== fit.width || meta.height !== fit.height) at = await sharp(answer).resize(fit.width, fit.height, { fit: "fill" }).png().toBuffer();
  return sharp(at).extract(fit.region).resize(width, height, { fit: "fill", kernel: "lanczos3" }).png().toBuffer();
}
