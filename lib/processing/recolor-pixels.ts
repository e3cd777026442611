/**
 * Recolouring toward a palette, without Node or sharp: the same pure OKLab nearest-colour + lerp as the server's
 * `applyPaletteToPixels` (lib/processing/palette.ts), on the OKLab helpers of ./oklab (which import nothing), so
 * the browser can preview what `POST /api/v1/images/{id}/apply-palette` will make.
 *
 * For a slider, the work is split in two: `prepareRecolor` converts every pixel to OKLab and finds its nearest
 * palette colour once (independent of the strength), and `renderRecolor` only moves each pixel toward it by the
 * strength and converts back to sRGB — a few milliseconds for a screen-sized preview.
 */
import { hexToRgb, linearToOklabInto, linearToSrgbByte, oklabToLinearInto, rgbToOklab, srgbToLinearLut, type Rgb } from "./oklab";

/** RGB or RGBA bytes: a Node Buffer, a Uint8Array, or a canvas's Uint8ClampedArray. */
export type PixelBytes = Uint8Array | Uint8ClampedArray;

export interface PreparedRecolor {
  channels: 3 | 4;
  /** The source pixels (kept: strength 0 gives them back unchanged, and alpha is copied from them). */
  source: PixelBytes;
  /** OKLab of each pixel, 3 numbers per pixel. */
  labs: Float64Array;
  /** The nearest palette colour of each pixel. */
  nearest: Uint16Array;
  paletteRgb: Rgb[];
  paletteLabs: Float64Array;
}

function check(pixels: PixelBytes, channels: number, palette: readonly string[]) {
  if (channels !== 3 && channels !== 4) throw new RangeError(`channels must be 3 or 4 (got ${channels}).`);
  if (pixels.length % channels) throw new RangeError(`The buffer's length (${pixels.length}) is not a multiple of ${channels}.`);
  if (!palette.length) throw new RangeError("The palette is empty.");
}

/** Every pixel's OKLab colour and nearest palette colour (by OKLab distance, first one on a tie, as the server). */
export function prepareRecolor(pixels: PixelBytes, channels: 3 | 4, palette: readonly string[]): PreparedRecolor {
  check(pixels, channels, palette);
  const paletteRgb = palette.map(hexToRgb);
  const paletteLabs = new Float64Array(paletteRgb.length * 3);
  paletteRgb.forEach((rgb, j) => paletteLabs.set(rgbToOklab(rgb), j * 3));
  const count = pixels.length / channels;
  const labs = new Float64Array(count * 3);
  const nearest = new Uint16Array(count);
  const k = paletteRgb.length;
  // Neighbouring pixels repeat colours: remember the last one.
  let lastKey = -1, lastBest = 0;
  for (let p = 0, i = 0; p < count; p++, i += channels) {
    const r = pixels[i], g = pixels[i + 1], b = pixels[i + 2];
    const o = p * 3;
    linearToOklabInto(srgbToLinearLut[r], srgbToLinearLut[g], srgbToLinearLut[b], labs, o);
    const key = (r << 16) | (g << 8) | b;
    if (key !== lastKey) {
      let best = 0, bestDistance = Infinity;
      for (let j = 0, c = 0; j < k; j++, c += 3) {
        const d0 = labs[o] - paletteLabs[c], d1 = labs[o + 1] - paletteLabs[c + 1], d2 = labs[o + 2] - paletteLabs[c + 2];
        const d = d0 * d0 + d1 * d1 + d2 * d2;
        if (d < bestDistance) {
          bestDistance = d;
          best = j;
        }
      }
      lastKey = key;
      lastBest = best;
    }
    nearest[p] = lastBest;
  }
  return { channels, source: pixels, labs, nearest, paletteRgb, paletteLabs };
}

/**
 * Writes the recoloured pixels at `strength` (0–1) into `out` (same layout as the source, or RGBA with
 * `outChannels` 4 for a canvas's ImageData); alpha is copied from the source (255 for RGB sources).
 */
export function renderRecolor(prepared: PreparedRecolor, strength: number, out: PixelBytes, outChannels: 3 | 4 = prepared.channels): PixelBytes {
  if (!Number.isFinite(strength) || strength < 0 || strength > 1) throw new RangeError(`strength must be from 0 to 1 (got ${strength}).`);
  const { channels, source, labs, nearest, paletteRgb, paletteLabs } = prepared;
  const count = nearest.length;
  if (out.length !== count * outChannels) throw new RangeError(`out must hold ${count * outChannels} bytes (got ${out.length}).`);
  const lin = new Float64Array(3);
  for (let p = 0, i = 0, o = 0; p < count; p++, i += channels, o += outChannels) {
    if (strength === 0) {
      out[o] = source[i];
      out[o + 1] = source[i + 1];
      out[o + 2] = source[i + 2];
    } else if (strength === 1) {
      const rgb = paletteRgb[nearest[p]];
      out[o] = rgb[0];
      out[o + 1] = rgb[1];
      out[o + 2] = rgb[2];
    } else {
      const l = p * 3, c = nearest[p] * 3;
      oklabToLinearInto(
        labs[l] + (paletteLabs[c] - labs[l]) * strength,
        labs[l + 1] + (paletteLabs[c + 1] - labs[l + 1]) * strength,
        labs[l + 2] + (paletteLabs[c + 2] - labs[l + 2]) * strength,
        lin,
      );
      out[o] = linearToSrgbByte(lin[0]);
      out[o + 1] = linearToSrgbByte(lin[1]);
      out[o + 2] = linearToSrgbByte(lin[2]);
    }
    if (outChannels === 4) out[o + 3] = channels === 4 ? source[i + 3] : 255;
  }
  return out;
}

/** One-shot recolouring into a new array of the same layout: the browser's `applyPaletteToPixels`. */
export function recolorPixels(pixels: PixelBytes, channels: 3 | 4, palette: readonly string[], strength: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(pixels.length);
  return renderRecolor(prepareRecolor(pixels, channels, palette), strength, out) as Uint8ClampedArray;
}
