/**
 * Expand (zoom out, pan, a new aspect ratio): the grown canvas and its mask handed to a provider, and the
 * composite that puts the original's pixels back exactly where they were, whatever the provider answered.
 */
import { AppError } from "@/lib/errors";
import { sharp } from "./sharp";
import type { SourceImage } from "./source-image";

/** How many pixels an expand adds on each side of the source (whole pixels, ≥ 0, at least one side > 0). */
export interface ExpandGeometry {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** The canvas size of an expand. */
export function canvasSize(original: { width: number; height: number }, geometry: ExpandGeometry) {
  return { width: original.width + geometry.left + geometry.right, height: original.height + geometry.top + geometry.bottom };
}

/** Whole pixels ≥ 0 on each side, at least one side > 0. */
export function checkGeometry(geometry: ExpandGeometry): void {
  const sides = [geometry.left, geometry.right, geometry.top, geometry.bottom];
  if (!sides.every((v) => Number.isInteger(v) && v >= 0)) {
    throw new AppError("invalid_request", "Expand takes whole pixels, zero or more, on each side.", { details: geometry });
  }
  if (sides.every((v) => v === 0)) throw new AppError("invalid_request", "Nothing to expand: every side adds 0 pixels.");
}

/** RGBA pixels of a picture at its displayed orientation (first frame). */
async function rgba(data: Buffer) {
  const { data: pixels, info } = await sharp(data, { limitInputPixels: false, autoOrient: true, pages: 1 })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { pixels, width: info.width, height: info.height };
}

/**
 * The canvas (PNG, RGBA): the original at (left, top), the new area fully transparent; and the mask (single-channel
 * PNG of the canvas's size): 255 over the new area, 0 over the original.
 */
export async function expandCanvas(source: SourceImage, geometry: ExpandGeometry): Promise<{ canvas: SourceImage; mask: SourceImage }> {
  checkGeometry(geometry);
  const original = await rgba(source.data);
  const { width, height } = canvasSize(original, geometry);
  const canvas = await sharp(original.pixels, { raw: { width: original.width, height: original.height, channels: 4 } })
    .extend({ ...geometry, background: { r: 0, g: 0, b: 0, alpha: 0 } })
    .png({ compressionLevel: 6 })
    .toBuffer();
  const maskPixels = Buffer.alloc(width * height, 255);
  for (let y = 0; y < original.height; y++) {
    const start = (y + geometry.top) * width + geometry.left;
    maskPixels.fill(0, start, start + original.width);
  }
  const mask = await sharp(maskPixels, { raw: { width, height, channels: 1 } }).toColourspace("b-w").png({ compressionLevel: 6 }).toBuffer();
  return {
    canvas: { data: canvas, mimeType: "image/png", width, height, origin: source.origin },
    mask: { data: mask, mimeType: "image/png", width, height },
  };
}

/**
 * The provider's answer with the original put back: the answer resized to the canvas size when it differs (a
 * service that answered at its own preferred size), then the original's pixels copied over it at (left, top)
 * unchanged (a copy, not a blend: the original's own transparency stays as it was). PNG; alpha only when any
 * pixel is not opaque.
 */
export async function compositeOriginal(result: Buffer, original: SourceImage, geometry: ExpandGeometry): Promise<{ data: Buffer; width: number; height: number; hasAlpha: boolean }> {
  checkGeometry(geometry);
  const source = await rgba(original.data);
  const { width, height } = canvasSize(source, geometry);
  let answer = await rgba(result);
  if (answer.width !== width || answer.height !== height) {
    const resized = await sharp(answer.pixels, { raw: { width: answer.width, height: answer.height, channels: 4 } })
      .resize(width, height, { fit: "fill", kernel: "lanczos3" })
      .raw()
      .toBuffer({ resolveWithObject: true });
    answer = { pixels: resized.data, width, height };
  }
  const out = answer.pixels;
  const rowBytes = source.width * 4;
  for (let y = 0; y < source.height; y++) {
    source.pixels.copy(out, ((y + geometry.top) * width + geometry.left) * 4, y * rowBytes, (y + 1) * rowBytes);
  }
  let hasAlpha = false;
  for (let i = 3; i < out.length; i += 4) {
    if (out[i] !== 255) {
      hasAlpha = true;
      break;
    }
  }
  let image = sharp(out, { raw: { width, height, channels: 4 } });
  if (!hasAlpha) image = image.removeAlpha();
  const data = await image.png({ compressionLevel: 6, adaptiveFiltering: true }).toBuffer();
  return { data, width, height, hasAlpha };
}
