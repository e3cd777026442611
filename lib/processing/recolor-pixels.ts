/**
 * Recolouring toward a palette — the one implementation, without Node or sharp (it imports only the OKLab helpers
 * of ./oklab, which import nothing), so the server (`applyPaletteToPixels` in ./recolor, behind
 * `POST /api/v1/images/{id}/apply-palette`) and the browser's live preview (components/palette/palette-live-preview)
 * run the same code and the preview cannot drift from the saved result.
 *
 * Each pixel's OKLab colour moves toward its nearest palette colour (nearest by OKLab distance, the first one on a
 * tie) by `strength` (0–1), and is converted back to sRGB clamped to the gamut. Alpha is kept. Strength 1 writes the
 * palette colours themselves; strength 0 gives the same bytes.
 *
 * - `recolorInto` / `recolorPixels`: one pass, caching results by input colour (a photo repeats its colours).
 * - For a slider, the work is split in two: `prepareRecolor` converts every pixel to OKLab and finds its nearest
 *   palette colour once (independent of the strength), and `renderRecolor` only moves each pixel toward it by the
 *   strength and converts back to sRGB — a few milliseconds for a screen-sized preview.
 */
import { hexToRgb, linearToOklabInto, linearToSrgbByte, oklabToLinearInto, rgbToOklab, srgbToLinearLut, type Rgb } from "./oklab";

/** RGB or RGBA bytes: a Node Buffer, a Uint8Array, or a canvas's Uint8ClampedArray. */
export type PixelBytes = Uint8Array | Uint8ClampedArray;

/** A palette's colours, in sRGB and in OKLab (3 numbers per colour). */
interface Targets {
  paletteRgb: Rgb[];
  paletteLabs: Float64Array;
}

function targets(palette: readonly string[]): Targets {
  const paletteRgb = palette.map(hexToRgb);
  const paletteLabs = new Float64Array(paletteRgb.length * 3);
  paletteRgb.forEach((rgb, j) => paletteLabs.set(rgbToOklab(rgb), j * 3));
  return { paletteRgb, paletteLabs };
}

/** The palette colour nearest (by OKLab distance, first one on a tie) to the OKLab colour at `lab[o…o+2]`. */
function nearestColor(lab: Float64Array, o: number, paletteLabs: Float64Array): number {
  let best = 0, bestDistance = Infinity;
  for (let j = 0, c = 0; c < paletteLabs.length; j++, c += 3) {
    const d0 = lab[o] - paletteLabs[c], d1 = lab[o + 1] - paletteLabs[c + 1], d2 = lab[o + 2] - paletteLabs[c + 2];
    const d = d0 * d0 + d1 * d1 + d2 * d2;
    if (d < bestDistance) {
      bestDistance = d;
      best = j;
    }
  }
  return best;
}

/**
 * The OKLab colour at `lab[o…o+2]` moved toward palette colour `j` by `strength` (between 0 and 1, exclusive), in
 * sRGB packed as 0xrrggbb. `lin` is scratch space (3 numbers).
 */
function movedToward(lab: Float64Array, o: number, paletteLabs: Float64Array, j: number, strength: number, lin: Float64Array): number {
  const c = j * 3;
  oklabToLinearInto(
    lab[o] + (paletteLabs[c] - lab[o]) * strength,
    lab[o + 1] + (paletteLabs[c + 1] - lab[o + 1]) * strength,
    lab[o + 2] + (paletteLabs[c + 2] - lab[o + 2]) * strength,
    lin,
  );
  return (linearToSrgbByte(lin[0]) << 16) | (linearToSrgbByte(lin[1]) << 8) | linearToSrgbByte(lin[2]);
}

function checkStrength(strength: number) {
  if (!Number.isFinite(strength) || strength < 0 || strength > 1) throw new RangeError(`strength must be from 0 to 1 (got ${strength}).`);
}

function checkPixels(pixels: PixelBytes, channels: number, palette: readonly string[]) {
  if (channels !== 3 && channels !== 4) throw new RangeError(`channels must be 3 or 4 (got ${channels}).`);
  if (pixels.length % channels) throw new RangeError(`The buffer's length (${pixels.length}) is not a multiple of ${channels}.`);
  if (!palette.length) throw new RangeError("The palette is empty.");
}

/** The one-pass cache: 2^18 input colours, direct-mapped (2 MB). A 12 MP photo has ~1.2 million distinct colours
 *  but neighbouring pixels repeat them; at 0.5 strength this halves the time (≈ 0.6 s for 12 MP on the server). */
const cacheBits = 18;
const cacheMask = (1 << cacheBits) - 1;

/**
 * Recolours `pixels` (RGB or RGBA) toward `palette` by `strength` into `out` (same length and layout; alpha is
 * copied), in one pass, and returns `out`. The input is not modified (unless it is `out`).
 */
export function recolorInto<T extends PixelBytes>(pixels: PixelBytes, channels: 3 | 4, palette: readonly string[], strength: number, out: T): T {
  if (channels !== 3 && channels !== 4) throw new RangeError(`channels must be 3 or 4 (got ${channels}).`);
  checkStrength(strength);
  checkPixels(pixels, channels, palette);
  if (out.length !== pixels.length) throw new RangeError(`out must hold ${pixels.length} bytes (got ${out.length}).`);
  if (out !== pixels) out.set(pixels);
  if (strength === 0) return out;

  const { paletteRgb, paletteLabs } = targets(palette);
  // Results by input colour (see cacheBits).
  const cacheKeys = new Int32Array(1 << cacheBits).fill(-1);
  const cacheValues = new Int32Array(1 << cacheBits);
  const lab = new Float64Array(3);
  const lin = new Float64Array(3);

  for (let i = 0; i < out.length; i += channels) {
    const r = out[i], g = out[i + 1], b = out[i + 2];
    const key = (r << 16) | (g << 8) | b;
    const slot = (key ^ (key >>> 12) ^ (key >>> 5)) & cacheMask;
    let value: number;
    if (cacheKeys[slot] === key) {
      value = cacheValues[slot];
    } else {
      linearToOklabInto(srgbToLinearLut[r], srgbToLinearLut[g], srgbToLinearLut[b], lab);
      const best = nearestColor(lab, 0, paletteLabs);
      if (strength === 1) {
        const p = paletteRgb[best];
        value = (p[0] << 16) | (p[1] << 8) | p[2];
      } else {
        value = movedToward(lab, 0, paletteLabs, best, strength, lin);
      }
      cacheKeys[slot] = key;
      cacheValues[slot] = value;
    }
    out[i] = value >>> 16;
    out[i + 1] = (value >>> 8) & 255;
    out[i + 2] = value & 255;
  }
  return out;
}

/** One-shot recolouring into a new array of the same layout (what the server's `applyPaletteToPixels` does into a Buffer). */
export function recolorPixels(pixels: PixelBytes, channels: 3 | 4, palette: readonly string[], strength: number): Uint8ClampedArray {
  return recolorInto(pixels, channels, palette, strength, new Uint8ClampedArray(pixels.length));
}

export interface PreparedRecolor extends Targets {
  channels: 3 | 4;
  /** The source pixels (kept: strength 0 gives them back unchanged, and alpha is copied from them). */
  source: PixelBytes;
  /** OKLab of each pixel, 3 numbers per pixel. */
  labs: Float64Array;
  /** The nearest palette colour of each pixel. */
  nearest: Uint16Array;
}

/** Every pixel's OKLab colour and nearest palette colour (by OKLab distance, first one on a tie). */
export function prepareRecolor(pixels: PixelBytes, channels: 3 | 4, palette: readonly string[]): PreparedRecolor {
  checkPixels(pixels, channels, palette);
  const { paletteRgb, paletteLabs } = targets(palette);
  const count = pixels.length / channels;
  const labs = new Float64Array(count * 3);
  const nearest = new Uint16Array(count);
  // Neighbouring pixels repeat colours: remember the last one.
  let lastKey = -1, lastBest = 0;
  for (let p = 0, i = 0; p < count; p++, i += channels) {
    const r = pixels[i], g = pixels[i + 1], b = pixels[i + 2];
    const o = p * 3;
    linearToOklabInto(srgbToLinearLut[r], srgbToLinearLut[g], srgbToLinearLut[b], labs, o);
    const key = (r << 16) | (g << 8) | b;
    if (key !== lastKey) {
      lastKey = key;
      lastBest = nearestColor(labs, o, paletteLabs);
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
  checkStrength(strength);
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
      const value = movedToward(labs, p * 3, paletteLabs, nearest[p], strength, lin);
      out[o] = value >>> 16;
      out[o + 1] = (value >>> 8) & 255;
      out[o + 2] = value & 255;
    }
    if (outChannels === 4) out[o + 3] = channels === 4 ? source[i + 3] : 255;
  }
  return out;
}
