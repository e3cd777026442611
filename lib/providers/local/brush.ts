/**
 * Brush strokes over a rendered picture: thousands of elongated dabs, each in the colour found under its
 * centre, laid along the picture's edges (or a slowly turning flow where there are none), with bristle streaks
 * and a canvas weave. The classic painterly-rendering recipe, done on raw pixels.
 */
import { hash2, mulberry32, noise2D } from "./random";
import type { Pixels } from "./rasterize";

const SINE = Float32Array.from({ length: 256 }, (_, i) => Math.sin((i / 256) * Math.PI * 2));
const clamp = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : v);

export function paintStrokes(px: Pixels, seed: number): void {
  const { width: w, height: h } = px;
  const src = Buffer.from(px.data);
  const out = px.data;
  const unit = Math.min(w, h) / 1000;
  const rand = mulberry32(seed);
  const lum = (x: number, y: number) => {
    const i = (Math.min(h - 1, Math.max(0, y)) * w + Math.min(w - 1, Math.max(0, x))) * 4;
    return src[i] * 0.3 + src[i + 1] * 0.59 + src[i + 2] * 0.11;
  };
  for (const [size, coverage] of [[16, 1], [8, 0.6]] as const) {
    const len = Math.max(2, size * unit);
    const wid = Math.max(1, len * 0.38);
    const step = wid * 1.3;
    const count = Math.round(Math.ceil(w / step) * Math.ceil(h / step) * coverage);
    for (let n = 0; n < count; n++) {
      const cx = Math.floor(rand() * w);
      const cy = Math.floor(rand() * h);
      const ci = (cy * w + cx) * 4;
      const jitter = (rand() - 0.5) * 16;
      const bristle = rand() * 100;
      if (src[ci + 3] === 0) continue;
      const r = Math.max(1, Math.round(len * 0.5));
      const gx = lum(cx + r, cy) - lum(cx - r, cy);
      const gy = lum(cx, cy + r) - lum(cx, cy - r);
      const edge = Math.hypot(gx, gy);
      if (size < 16 && edge < 12) continue;
      const theta = edge > 6 ? Math.atan2(gy, gx) + Math.PI / 2 : (noise2D(cx / (unit * 160), cy / (unit * 160), seed) - 0.5) * 3 + 0.4;
      const dx = Math.cos(theta);
      const dy = Math.sin(theta);
      // Stroke-local coordinates, scaled so the dab is the unit disc: u along, v across.
      const ux = dx / len;
      const uy = dy / len;
      const vx = -dy / wid;
      const vy = dx / wid;
      const cr = clamp(src[ci] + jitter);
      const cg = clamp(src[ci + 1] + jitter);
      const cb = clamp(src[ci + 2] + jitter * 0.8);
      const ex = Math.ceil(Math.hypot(len * dx, wid * dy));
      const ey = Math.ceil(Math.hypot(len * dy, wid * dx));
      const x0 = Math.max(0, cx - ex);
      const x1 = Math.min(w - 1, cx + ex);
      for (let y = Math.max(0, cy - ey), yEnd = Math.min(h - 1, cy + ey); y <= yEnd; y++) {
        const ry = y - cy;
        let u = (x0 - cx) * ux + ry * uy;
        let v = (x0 - cx) * vx + ry * vy;
        let i = (y * w + x0) * 4;
        for (let x = x0; x <= x1; x++, u += ux, v += vx, i += 4) {
          const d = u * u + v * v;
          if (d >= 1) continue;
          const a = (1 - d * d) * (0.64 + 0.21 * SINE[((v * 9 + bristle) * 40.74) & 255]);
          out[i] += (cr - out[i]) * a;
          out[i + 1] += (cg - out[i + 1]) * a;
          out[i + 2] += (cb - out[i + 2]) * a;
        }
      }
    }
  }
  const view = new Uint8ClampedArray(out.buffer, out.byteOffset, out.length);
  for (let y = 0, i = 0; y < h; y++) {
    const sy = Math.sin(y * 1.7) * 2.5;
    for (let x = 0; x < w; x++, i += 4) {
      const weave = Math.sin(x * 1.7) * sy + (hash2(x, y, seed) - 0.5) * 4;
      view[i] += weave;
      view[i + 1] += weave;
      view[i + 2] += weave;
    }
  }
}
