/** Water: the mirror image of everything behind it (computed on pixels) and the glints drawn on top. */
import { mix, type Rgb } from "../color";
import { hash2 } from "../random";
import type { SceneContext, WaterSpec } from "../scene-context";
import { c, f, path } from "../svg";

/** Glitter under the sun or moon, and ripple lines across the surface. */
export function waterDetails(ctx: SceneContext, water: WaterSpec): string {
  const { w, h, s, p, kit, celestial: cel } = ctx;
  const rng = ctx.rng.detail("water-details");
  const depth = h - water.top;
  let out = "";
  const lines = kit.line ? 26 : Math.round(30 + water.ripple * 2);
  let d = "";
  for (let i = 0; i < lines; i++) {
    const t = Math.pow(rng.next(), 1.6);
    const y = water.top + depth * t + 1;
    const len = w * rng.range(0.02, 0.12) * (0.3 + t);
    const x = rng.range(-0.05, 1) * w;
    d += `M${f(x)} ${f(y)}h${f(len)}`;
  }
  const rippleColour = kit.line ? kit.ink : mix(p.c.skyHorizon, [255, 255, 255], 0.3);
  out += path(d, `stroke="${c(rippleColour)}" stroke-opacity="${kit.line ? 0.8 : water.kind === "street" ? 0.12 : 0.25}" stroke-width="${f(Math.max(0.7, s * 0.0022))}" stroke-linecap="round"`);
  if (cel.kind !== "none" && cel.y < water.top && !kit.line && water.kind !== "street") {
    const colour: Rgb = cel.kind === "sun" ? mix(p.c.sun, [255, 255, 255], 0.3) : p.c.moon;
    let g = "";
    const n = Math.round(40 + (depth / s) * 60);
    for (let i = 0; i < n; i++) {
      const t = Math.pow(rng.next(), 1.3);
      const y = water.top + 1 + depth * t;
      const spread = cel.r * (0.8 + t * 3);
      const x = cel.x + (rng.next() + rng.next() - 1) * spread;
      const len = s * (0.008 + 0.05 * t) * rng.range(0.4, 1);
      g += `M${f(x - len / 2)} ${f(y)}h${f(len)}`;
    }
    const sunLow = cel.y > water.top - (water.top * 0.35);
    out += path(g, `stroke="${c(colour)}" stroke-opacity="${sunLow ? 0.85 : 0.55}" stroke-width="${f(Math.max(1, s * 0.0035))}" stroke-linecap="round"`);
  }
  return out;
}

/** Colours the water rows of an RGBA buffer with the rippled mirror image of the rows above. */
export function reflectWater(px: Buffer, w: number, h: number, water: WaterSpec, colour: Rgb, deep: Rgb, seed: number): void {
  const top = Math.max(1, Math.round(water.top));
  const depth = Math.max(1, h - top);
  const scale = Math.min(w, h) / 1000;
  const row = new Float32Array(w * 4);
  for (let y = top; y < h; y++) {
    const t = (y - top) / depth;
    const d = y - top;
    const phase = Math.pow(d + 1, 0.75) * (0.9 / Math.max(0.5, scale));
    const amp = water.ripple * scale * (0.15 + t * 1.2);
    const dx = Math.round(Math.sin(phase) * amp + (hash2(y, 7, seed) - 0.5) * amp * 0.6);
    let sy = top - 1 - Math.round(d * (water.kind === "sea" ? 0.9 : 1) + Math.sin(phase * 1.7) * amp * 0.25);
    sy = Math.max(0, Math.min(top - 1, sy));
    const reach = water.smear * scale * (0.3 + t);
    const smear = Math.max(1, Math.min(6, Math.round(reach)));
    const step = reach / smear;
    row.fill(0);
    for (let k = 0; k < smear; k++) {
      const ry = Math.max(0, sy - Math.round(k * step));
      const base = ry * w * 4;
      for (let x = 0; x < w; x++) {
        const sx = Math.min(w - 1, Math.max(0, x + dx));
        const i = base + sx * 4;
        row[x * 4] += px[i];
        row[x * 4 + 1] += px[i + 1];
        row[x * 4 + 2] += px[i + 2];
      }
    }
    const fresnel = water.reflectivity * (1 - t * 0.55);
    const wr = colour[0] + (deep[0] - colour[0]) * t;
    const wg = colour[1] + (deep[1] - colour[1]) * t;
    const wb = colour[2] + (deep[2] - colour[2]) * t;
    const out = y * w * 4;
    for (let x = 0; x < w; x++) {
      const o = out + x * 4;
      px[o] = (row[x * 4] / smear) * fresnel + wr * (1 - fresnel);
      px[o + 1] = (row[x * 4 + 1] / smear) * fresnel + wg * (1 - fresnel);
      px[o + 2] = (row[x * 4 + 2] / smear) * fresnel + wb * (1 - fresnel);
      px[o + 3] = 255;
    }
  }
}

/** Rows of waves, small at the horizon and big in front; `intensity` 0 (swell) … 1 (storm). */
export function seaWaves(ctx: SceneContext, water: WaterSpec, intensity: number): string {
  const { w, h, s, p, kit } = ctx;
  const rng = ctx.rng.fork("waves");
  const depth = h - water.top;
  const rows = Math.round(4 + intensity * 5);
  const body = mix(p.c.waterDeep, p.c.water, 0.35);
  const foam = kit.line ? kit.ink : mix(p.c.cloud, [255, 255, 255], 0.55);
  let out = "";
  for (let r = 0; r < rows; r++) {
    const t = Math.pow((r + 1) / rows, 1.5);
    const y = water.top + depth * t;
    const amp = s * (0.008 + 0.09 * t * t) * (0.4 + intensity);
    const wave = (w / (2.5 + (1 - t) * 9)) * rng.range(0.8, 1.2);
    const phase = rng.range(0, wave);
    let d = `M${f(-wave * 2)} ${f(h + 2)}`;
    let crest = "";
    for (let x = -wave - phase; x <= w + wave; x += wave * rng.range(0.7, 1.3)) {
      const height = amp * rng.range(0.3, 1.4);
      const peak = y - height;
      const lean = wave * 0.2 * intensity * rng.range(0.3, 1);
      d += `L${f(x)} ${f(y)}Q${f(x + wave * 0.3)} ${f(y - height * 0.1)} ${f(x + wave * 0.5 + lean)} ${f(peak)}Q${f(x + wave * 0.6 + lean)} ${f(y - height * 0.3)} ${f(x + wave)} ${f(y)}`;
      if (height > amp * 0.8 && rng.chance(0.7)) {
        const span = wave * rng.range(0.12, 0.3);
        crest += `M${f(x + wave * 0.5 + lean - span)} ${f(peak + height * 0.25)}Q${f(x + wave * 0.5 + lean - span * 0.3)} ${f(peak - height * 0.04)} ${f(x + wave * 0.5 + lean + span * 0.2)} ${f(peak + height * 0.08)}`;
      }
    }
    d += `L${f(w + wave * 2)} ${f(h + 2)}Z`;
    const col = mix(mix(body, p.c.haze, (1 - t) * 0.55), p.c.waterDeep, t * 0.4);
    const fill = kit.flat || kit.line ? c(col) : ctx.defs.linearAt([[0, mix(col, mix(p.c.haze, p.c.cloud, 0.5), 0.45)], [0.5, col], [1, mix(col, [0, 0, 0], 0.25)]], 0, y - amp, 0, y + depth * 0.12);
    out += path(d, kit.line ? `fill="${c(kit.paper)}" stroke="${c(kit.ink)}" stroke-width="${f(kit.u * 1.4)}"` : `fill="${fill}"`);
    if (crest && (intensity > 0.3 || kit.line)) out += path(crest, `fill="none" stroke="${c(foam)}" stroke-opacity="${kit.line ? 1 : 0.5 + intensity * 0.35}" stroke-width="${f(Math.max(0.8, s * (0.003 + 0.008 * t)))}" stroke-linecap="round"`);
  }
  return out;
}
