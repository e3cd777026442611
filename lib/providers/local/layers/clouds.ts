/** Clouds: puffy cumulus, long sunset streaks, overcast banks. */
import { mix, type Rgb } from "../color";
import type { Rng } from "../random";
import { excluded, type Layer, type SceneContext } from "../scene-context";
import { c, circle, ellipse, f, group, rect } from "../svg";

interface Puff {
  x: number;
  y: number;
  r: number;
}

function puffs(rng: Rng, x: number, y: number, width: number): Puff[] {
  const n = rng.int(7, 12);
  const out: Puff[] = [];
  for (let i = 0; i < n; i++) {
    const t = n === 1 ? 0.5 : i / (n - 1);
    const bell = Math.sin(Math.PI * (0.1 + t * 0.8));
    const r = width * (0.08 + 0.15 * bell) * rng.range(0.7, 1.25);
    out.push({ x: x - width / 2 + t * width + rng.signed() * width * 0.05, y: y - r * rng.range(0.35, 0.75), r });
  }
  return out;
}

/** One cumulus: a shaded body, a lit top (or a lit underside when the sun is low). */
export function cumulus(ctx: SceneContext, rng: Rng, x: number, y: number, width: number, lit: Rgb, shadeColour: Rgb): string {
  let shade = shadeColour;
  const { kit, defs } = ctx;
  const ps = puffs(rng, x, y, width);
  const flatBase = defs.clip(rect(x - width, y - width, width * 2, width + width * 0.04, ""));
  const low = ["sunset", "sunrise", "dusk", "golden"].includes(ctx.p.time);
  if (kit.line) {
    const body = ps.map((q) => circle(q.x, q.y, q.r, `fill="${c(kit.paper)}" stroke="${c(kit.ink)}" stroke-width="${f(kit.u * 2)}"`)).join("");
    const inner = ps.map((q) => circle(q.x, q.y, Math.max(0, q.r - kit.u * 2), `fill="${c(kit.paper)}"`)).join("");
    return group(body + inner, `clip-path="${flatBase}"`);
  }
  const dy = low ? 0.12 : -0.2;
  if (low) shade = mix(shade, lit, 0.45);
  if (kit.soft) {
    // Feathered puffs: each circle fades at its rim, so the cloud has a soft edge without a blur filter.
    const body = ps.map((q) => circle(q.x, q.y, q.r * 1.15, "")).join("") + ellipse(x, y - width * 0.05, width * 0.55, width * 0.09, "");
    const tops = ps.map((q) => circle(q.x - q.r * 0.08, q.y + q.r * dy, q.r * 0.95, "")).join("");
    return group(body, `fill="${defs.feather(shade, 1, 0.6)}"`) + group(tops, `fill="${defs.feather(lit, 1, 0.55)}"`);
  }
  const base = ps.map((q) => circle(q.x, q.y, q.r, "")).join("");
  const tops = ps.map((q) => circle(q.x - q.r * 0.08, q.y + q.r * dy, q.r * 0.86, "")).join("");
  let out = group(base, `fill="${c(shade)}"`) + group(tops, `fill="${c(lit)}"`);
  if (kit.style === "anime" || kit.style === "illustration") {
    const rim = ps.map((q) => circle(q.x - q.r * 0.25, q.y - q.r * 0.3, q.r * 0.45, "")).join("");
    out += group(rim, `fill="${c(mix(lit, [255, 255, 255], 0.6))}"`);
  }
  return group(out, `clip-path="${flatBase}"`);
}

/** Long thin streaks lit by a low sun. */
export function streaks(ctx: SceneContext, rng: Rng, count: number, top: number, bottom: number, colour: Rgb): string {
  const { w, kit, s } = ctx;
  if (kit.line) {
    let d = "";
    for (let i = 0; i < count; i++) {
      const y = rng.range(top, bottom);
      const x = rng.range(-0.1, 0.9) * w;
      d += `M${f(x)} ${f(y)}h${f(rng.range(0.1, 0.35) * w)}`;
    }
    return `<path d="${d}" stroke="${c(kit.ink)}" stroke-width="${f(kit.u * 1.6)}" stroke-linecap="round"/>`;
  }
  let out = "";
  for (let i = 0; i < count; i++) {
    const y = rng.range(top, bottom);
    const rx = rng.range(0.12, 0.35) * w;
    const ry = s * rng.range(0.004, 0.014);
    const op = rng.range(0.35, 0.75);
    out += ellipse(rng.range(-0.05, 1.05) * w, y, rx, ry, kit.soft ? `fill="${ctx.defs.feather(colour, Math.round(op * 10) / 10, 0.3)}"` : `fill="${c(colour)}" fill-opacity="${f(op)}"`);
  }
  return out;
}

/** The clouds of a sky: how many and which kind follow the weather and the mood. */
export function skyClouds(ctx: SceneContext, top = 0, bottom = ctx.horizon * 0.75): Layer {
  const { a, p, w, s } = ctx;
  if (excluded(ctx, "clouds", "cloud")) return "";
  const rng = ctx.rng.fork("clouds");
  const grey = a.weather.has("overcast") || a.weather.has("rain") || a.weather.has("storm");
  const clear = a.weather.has("clear") || a.grade.clouds < -0.3;
  const amount = Math.max(0, Math.min(1.6, rng.range(0.15, 0.65) + a.grade.clouds + (grey ? 0.8 : 0) - (clear ? 0.6 : 0) + (a.subjects.has("clouds") ? 0.5 : 0)));
  if (amount < 0.08) return "";
  let lit = p.c.cloud;
  let shade = p.c.cloudShade;
  if (grey) {
    const storm = a.weather.has("storm");
    lit = mix(lit, storm ? [104, 110, 124] : [150, 156, 168], storm ? 0.75 : 0.5);
    shade = mix(shade, storm ? [40, 44, 56] : [70, 76, 90], storm ? 0.8 : 0.6);
  }
  let out = "";
  if (p.time === "night") {
    lit = mix(lit, p.c.skyMid, 0.35);
    shade = mix(shade, p.c.skyTop, 0.3);
  }
  const low = ["sunset", "sunrise", "dusk", "golden"].includes(p.time);
  if (low || rng.chance(0.35)) out += streaks(ctx, rng.fork("streaks"), Math.round(3 + amount * 6), top + (bottom - top) * 0.2, bottom, mix(lit, p.c.glow, 0.3));
  if (a.weather.has("storm") || a.weather.has("overcast")) out += cloudBank(ctx, rng.fork("bank"), top, bottom, lit, shade);
  const count = Math.round((1 + amount * 4) * Math.max(1, w / s));
  for (let i = 0; i < count; i++) {
    const cr = rng.fork("cloud" + i);
    const width = s * cr.range(0.18, 0.38) * (grey ? 1.6 : 1);
    const x = ((i + cr.range(0.1, 0.9)) / count) * w;
    const y = cr.range(top + width * 0.4, bottom);
    const far = (y - top) / Math.max(1, bottom - top);
    out += cumulus(ctx, cr, x, y, width * (1 - far * 0.4), mix(lit, p.c.haze, far * 0.35), mix(shade, p.c.haze, far * 0.3));
  }
  const markup = group(out, `class="clouds"${p.time === "night" ? ` opacity="0.6"` : ""}`);
  return ctx.kit.soft ? { soft: markup } : markup;
}

/** A heavy ceiling of cloud across the top of the sky (overcast, storms), darker where it is thickest. */
function cloudBank(ctx: SceneContext, rng: Rng, top: number, bottom: number, lit: Rgb, shade: Rgb): string {
  const { w, s, kit, defs } = ctx;
  if (kit.line) return "";
  const rows = 3;
  let out = "";
  for (let r = 0; r < rows; r++) {
    const y = top + (bottom - top) * (0.05 + r * 0.28);
    const size = s * (0.16 - r * 0.03);
    let puffs = "";
    for (let x = -size; x < w + size; x += size * rng.range(0.6, 1)) puffs += circle(x, y + rng.signed() * size * 0.3, size * rng.range(0.7, 1.2), "");
    const colour = mix(shade, lit, r / rows * 0.6);
    out += group(puffs, kit.soft ? `fill="${defs.feather(colour, 1, 0.55)}"` : `fill="${c(colour)}"`);
  }
  const veil = defs.linear([[0, shade, 0.95], [1, shade, 0]]);
  return rect(0, 0, w, top + (bottom - top) * 0.5, `fill="${veil}"`) + out;
}
