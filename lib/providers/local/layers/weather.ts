/** Weather drawn over the scene: fog banks, rain, snowfall, lightning; and the low mist between layers. */
import { mix } from "../color";
import type { SceneContext } from "../scene-context";
import { c, circle, f, group, path, rect } from "../svg";

/** A band of mist lying at `y`, `height` tall, fading upward. */
export function mistBand(ctx: SceneContext, y: number, height: number, strength: number): string {
  if (ctx.kit.line || strength <= 0.01 || ctx.transparent) return "";
  const fill = ctx.defs.linear([[0, ctx.p.c.haze, 0], [0.7, ctx.p.c.haze, Math.min(0.95, strength)], [1, ctx.p.c.haze, Math.min(0.95, strength)]]);
  return rect(0, y - height, ctx.w, height * 1.3, `fill="${fill}"`);
}

/** A veil over everything (thick fog). */
export function fogVeil(ctx: SceneContext): string {
  if (ctx.kit.line || ctx.fog < 0.25) return "";
  const fill = ctx.defs.linear([[0, ctx.p.c.haze, ctx.fog * 0.15], [0.6, ctx.p.c.haze, ctx.fog * 0.45], [1, ctx.p.c.haze, ctx.fog * 0.2]]);
  return rect(0, 0, ctx.w, ctx.h, `fill="${fill}"`);
}

export function rain(ctx: SceneContext): string {
  const { w, h, s, kit, p } = ctx;
  const rng = ctx.rng.detail("rain");
  const n = Math.round(Math.min(900, ((w * h) / (s * s)) * 420));
  const slant = rng.range(-0.25, 0.05);
  const colour = kit.line ? kit.ink : mix(p.c.cloud, [220, 230, 255], 0.5);
  let d = "";
  for (let i = 0; i < n; i++) {
    const x = rng.range(-0.1, 1.1) * w;
    const y = rng.range(-0.05, 1) * h;
    const len = s * rng.range(0.02, 0.06);
    d += `M${f(x)} ${f(y)}l${f(len * slant)} ${f(len)}`;
  }
  const sheet = kit.soft ? mistBand(ctx, h, h, 0.25) : "";
  return sheet + path(d, `stroke="${c(colour)}" stroke-opacity="${kit.line ? 0.7 : 0.45}" stroke-width="${f(Math.max(0.6, s * 0.0018))}" stroke-linecap="round"`);
}

export function snowfall(ctx: SceneContext): string {
  const { w, h, s, kit } = ctx;
  const rng = ctx.rng.detail("snowfall");
  const n = Math.round(Math.min(700, ((w * h) / (s * s)) * 300));
  let near = "";
  let far = "";
  for (let i = 0; i < n; i++) {
    const x = rng.range(0, w);
    const y = rng.range(0, h);
    const z = rng.next();
    const r = s * (0.0015 + z * z * 0.006);
    const flake = `M${f(x)} ${f(y - r)}a${f(r)} ${f(r)} 0 1 0 0.01 0`;
    if (z > 0.6) near += flake;
    else far += flake;
  }
  const colour = kit.line ? "none" : "#ffffff";
  const stroke = kit.line ? ` stroke="${c(kit.ink)}" stroke-width="${f(kit.u)}"` : "";
  return path(far, `fill="${colour}" fill-opacity="0.6"${stroke}`) + path(near, `fill="${colour}" fill-opacity="0.9"${stroke}`);
}

export function lightning(ctx: SceneContext): string {
  const { w, horizon, s, kit, defs } = ctx;
  const rng = ctx.rng.fork("lightning");
  let x = w * rng.range(0.2, 0.8);
  let y = 0;
  let d = `M${f(x)} ${f(y)}`;
  while (y < horizon * 0.9) {
    x += rng.signed() * s * 0.05;
    y += s * rng.range(0.03, 0.07);
    d += `L${f(x)} ${f(y)}`;
  }
  const glow = kit.line ? "" : circle(x, y * 0.5, s * 0.4, `fill="${defs.radialAt([[0, [220, 225, 255], 0.25], [1, [220, 225, 255], 0]], x, y * 0.5, s * 0.4)}"`);
  return glow + group(path(d, `fill="none" stroke="${kit.line ? c(kit.ink) : "#f4f6ff"}" stroke-width="${f(s * 0.004)}" stroke-linejoin="round"`));
}

/** Little glowing motes (magic, fireflies). */
export function sparkles(ctx: SceneContext, count: number, top: number, bottom: number): string {
  if (ctx.kit.line) return "";
  const rng = ctx.rng.detail("sparkles");
  const col = mix(ctx.p.accents[0] ?? [255, 230, 150], [255, 240, 180], 0.6);
  let out = "";
  for (let i = 0; i < count; i++) {
    const x = rng.range(0, ctx.w);
    const y = rng.range(top, bottom);
    const r = ctx.s * rng.range(0.002, 0.006);
    out += circle(x, y, r * 3, `fill="${c(col)}" fill-opacity="0.18"`) + circle(x, y, r, `fill="${c(col)}"`);
  }
  return out;
}
