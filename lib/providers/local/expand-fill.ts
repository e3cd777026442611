/**
 * The local renderer's expand: the new area around a picture filled offline by continuing its edges. Only a
 * narrow band next to the original is mirrored (it carries lines and texture across the seam); beyond it the
 * edge's own colours are stretched outward (each new pixel takes the nearest edge pixel's colour) and blurred
 * more the farther out, with texture put back (a fine grain at the original's own detail level plus a soft
 * mottle) so the continuation is not a smear. Nothing of the picture's inside is copied out: no upside-down
 * lighthouse, no sea mirrored into the sky. It invents no new content.
 */
import { sharp } from "@/lib/processing/sharp";
import type { ExpandGeometry } from "../types";
import { mulberry32 } from "./random";

export interface Rgba {
  pixels: Buffer;
  width: number;
  height: number;
}

/** Width of the mirrored band next to the original: 2 % of its short side, 2–16 px. */
export const mirrorBand = (width: number, height: number) => Math.max(2, Math.min(16, Math.round(Math.min(width, height) * 0.02)));

/** Fills the canvas around `original` (RGBA) and returns the canvas's RGBA pixels, the original copied in exactly. */
export async function fillExpansion(original: Rgba, geometry: ExpandGeometry, seed: number, signal: AbortSignal): Promise<Rgba> {
  const { width: ow, height: oh } = original;
  const width = ow + geometry.left + geometry.right;
  const height = oh + geometry.top + geometry.bottom;
  const raw = { raw: { width, height, channels: 4 as const } };
  const src = () => sharp(original.pixels, { raw: { width: ow, height: oh, channels: 4 } });
  const mirrored = await src().extend({ ...geometry, extendWith: "mirror" }).raw().toBuffer();
  // The stretched edge: read from a lightly smoothed original, so one noisy edge pixel does not become a streak.
  const smoothed = await src().blur(Math.max(0.8, Math.min(ow, oh) / 400)).raw().toBuffer();
  const stretched = await sharp(smoothed, { raw: { width: ow, height: oh, channels: 4 } }).extend({ ...geometry, extendWith: "copy" }).raw().toBuffer();
  signal.throwIfAborted();
  // Blur levels by distance: the scale follows the picture's size (a 1024 px picture: 8, 24, 64 px of blur).
  const s = Math.max(1, Math.min(ow, oh) / 256);
  const sigmas = [2 * s, 6 * s, 16 * s];
  const levels = [stretched];
  for (const sigma of sigmas) levels.push(await sharp(stretched, raw).blur(sigma).raw().toBuffer());
  signal.throwIfAborted();
  const band = mirrorBand(ow, oh);
  const grain = detailLevel(original);
  const mottle = await mottleField(width, height, s, seed);
  signal.throwIfAborted();
  const random = mulberry32(seed ^ 0x5eed);
  // Distances at which each level of the stretched edge is reached fully.
  const at = [0, 4 * s, 16 * s, 48 * s];
  const out = Buffer.alloc(width * height * 4);
  const right = geometry.left + ow, bottom = geometry.top + oh;
  for (let y = 0; y < height; y++) {
    const dy = y < geometry.top ? geometry.top - y : y >= bottom ? y - bottom + 1 : 0;
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const dx = x < geometry.left ? geometry.left - x : x >= right ? x - right + 1 : 0;
      if (!dx && !dy) continue;
      const d = Math.hypot(dx, dy);
      let k = 0;
      while (k < 2 && d > at[k + 1]) k++;
      const t = Math.min(1, (d - at[k]) / (at[k + 1] - at[k]));
      const a = levels[k], b = levels[k + 1];
      // The mirror's share: full at the seam, none past the band (a smooth fall).
      const m = d < band ? 0.5 + 0.5 * Math.cos((Math.PI * d) / band) : 0;
      // How much texture the stretch and blur lack (0 at the seam, 1 far out), put back as grain and mottle.
      const lost = Math.min(1, d / (band + 8 * s)) * (1 - m);
      const noise = lost * (grain * 1.7 * (random() + random() - 1) + grain * 1.2 * (mottle[y * width + x] - 0.5) * 2);
      for (let c = 0; c < 3; c++) {
        const v = (a[i + c] * (1 - t) + b[i + c] * t) * (1 - m) + mirrored[i + c] * m + noise;
        out[i + c] = v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
      }
      out[i + 3] = Math.round((a[i + 3] * (1 - t) + b[i + 3] * t) * (1 - m) + mirrored[i + 3] * m);
    }
    if ((y & 127) === 0) signal.throwIfAborted();
  }
  const rowBytes = ow * 4;
  for (let y = 0; y < oh; y++) original.pixels.copy(out, ((y + geometry.top) * width + geometry.left) * 4, y * rowBytes, (y + 1) * rowBytes);
  return { pixels: out, width, height };
}

/** The original's fine detail: mean absolute difference between neighbouring pixels' luminance (0–255 scale). */
function detailLevel(image: Rgba): number {
  const { pixels, width, height } = image;
  const lum = (i: number) => 0.299 * pixels[i] + 0.587 * pixels[i + 1] + 0.114 * pixels[i + 2];
  let sum = 0, count = 0;
  const step = Math.max(1, Math.floor((width * height) / 200_000));
  for (let p = 0; p < width * height - 1; p += step) {
    if (p % width === width - 1) continue;
    const d = Math.abs(lum(p * 4) - lum(p * 4 + 4));
    // Edges are not texture: only small steps count.
    if (d < 24) {
      sum += d;
      count++;
    }
  }
  return Math.min(12, count ? sum / count : 0);
}

/** Low-frequency noise 0–1 (a coarse random grid, smoothly enlarged). */
async function mottleField(width: number, height: number, scale: number, seed: number): Promise<Float32Array> {
  const cell = Math.max(4, Math.round(6 * scale));
  const gw = Math.max(2, Math.ceil(width / cell)), gh = Math.max(2, Math.ceil(height / cell));
  const random = mulberry32(seed);
  const grid = Buffer.alloc(gw * gh);
  for (let i = 0; i < grid.length; i++) grid[i] = Math.floor(random() * 256);
  const big = await sharp(grid, { raw: { width: gw, height: gh, channels: 1 } })
    .resize(width, height, { kernel: "cubic", fit: "fill" })
    .extractChannel(0)
    .raw()
    .toBuffer();
  const field = new Float32Array(width * height);
  for (let i = 0; i < field.length; i++) field[i] = big[i] / 255;
  return field;
}
