import { decodeError } from "./decode";
import { encodeAs, type EncodeOptions } from "./encode";
import { timeLimit, timeoutError, type ProcessedImage } from "./pipeline";
import { recolorInto } from "./recolor-pixels";
import { renditionsFromPixels, type RawPixels } from "./renditions";
import { openImage, openRaw, type DecodeLimits } from "./sharp";

/**
 * Recolours raw RGB(A) pixels toward a palette (see ./recolor-pixels, the implementation the browser's live preview
 * runs too): each pixel's OKLab colour moves toward its nearest palette colour by `strength` (0–1). Alpha is kept.
 * Strength 1 writes the palette colours themselves; strength 0 gives the same bytes. Returns a new buffer (the input
 * is not modified).
 */
export function applyPaletteToPixels(pixels: Buffer, channels: 3 | 4, palette: readonly string[], strength: number): Buffer {
  return recolorInto(pixels, channels, palette, strength, Buffer.allocUnsafe(pixels.length));
}

/**
 * Recolours an image toward a palette (each pixel's OKLab colour moved toward its nearest palette colour by
 * `strength`, 0–1; alpha kept) and encodes it; its renditions are made from the same pixels meanwhile.
 */
export async function recolorImage(input: Uint8Array, palette: readonly string[], strength: number, options: DecodeLimits & { hasAlpha: boolean; output: EncodeOptions; timeoutSeconds?: number }): Promise<ProcessedImage> {
  const limited = timeLimit(options.timeoutSeconds);
  try {
    let image = openImage(input, options).toColourspace("srgb");
    image = options.hasAlpha ? image.ensureAlpha() : image.removeAlpha();
    const { data, info } = await limited(image).raw().toBuffer({ resolveWithObject: true });
    const channels = info.channels as 3 | 4;
    const pixels = applyPaletteToPixels(data, channels, palette, strength);
    const raw: RawPixels = { width: info.width, height: info.height, channels } as RawPixels;
    const renditions = renditionsFromPixels(pixels, raw, options.output.format);
    const { data: encoded, info: out } = await limited(encodeAs(openRaw(pixels, raw), options.output, options.hasAlpha)).toBuffer({ resolveWithObject: true });
    return { data: encoded, width: out.width, height: out.height, hasAlpha: options.hasAlpha && options.output.format !== "jpeg", renditions };
  } catch (error) {
    throw timeoutError(error, options.timeoutSeconds) ?? decodeError(error);
  }
}
