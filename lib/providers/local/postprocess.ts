/** Finishing passes on pixels: film grain, vignette, brush strokes, paper. */
import { paintStrokes } from "./brush";
import { hash2 } from "./random";
import type { Pixels } from "./rasterize";
import type { RenderStyle } from "./svg";

export interface Finish {
  grain: number;
  vignette: number;
  brush: boolean;
}

export const finishes: Record<RenderStyle, Finish> = {
  poster: { grain: 3, vignette: 0.14, brush: false },
  photo: { grain: 7, vignette: 0.28, brush: false },
  illustration: { grain: 2, vignette: 0, brush: false },
  "3d": { grain: 1.5, vignette: 0.12, brush: false },
  anime: { grain: 0, vignette: 0.06, brush: false },
  painting: { grain: 0, vignette: 0.12, brush: true },
  pixel: { grain: 0, vignette: 0, brush: false },
  line: { grain: 5, vignette: 0, brush: false },
  icon: { grain: 0, vignette: 0, brush: false },
};

export function finish(px: Pixels, style: RenderStyle, seed: number, transparent: boolean): void {
  const f = finishes[style];
  if (f.brush) paintStrokes(px, seed);
  if (f.grain > 0 || (f.vignette > 0 && !transparent)) grainAndVignette(px, f.grain, transparent ? 0 : f.vignette, seed);
}

/** A clamping view: writes outside 0–255 saturate instead of wrapping. */
const clamped = (b: Buffer) => new Uint8ClampedArray(b.buffer, b.byteOffset, b.length);

function grainAndVignette(px: Pixels, grain: number, vignette: number, seed: number): void {
  const { width: w, height: h } = px;
  const data = clamped(px.data);
  const cx = w / 2;
  const cy = h / 2;
  const norm = 1 / (cx * cx + cy * cy);
  for (let y = 0; y < h; y++) {
    const dy = (y - cy) * (y - cy);
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 4;
      if (data[i + 3] === 0) continue;
      const r2 = ((x - cx) * (x - cx) + dy) * norm;
      const v = 1 - vignette * r2 * r2 * 1.6;
      const g = grain ? (hash2(x, y, seed) - 0.5) * 2 * grain : 0;
      data[i] = data[i] * v + g;
      data[i + 1] = data[i + 1] * v + g;
      data[i + 2] = data[i + 2] * v + g;
    }
  }
}
