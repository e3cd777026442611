/** Outer space: deep gradient, nebulae, a spiral galaxy, ringed planets and moons. */
import { adjust, fromHsl, mix, toHsl, type Rgb } from "./color";
import { stars } from "./layers/sky";
import { sittingAnimal } from "./layers/creatures";
import { rocket } from "./layers/structures";
import type { Rng } from "./random";
import type { Layer, SceneContext, SceneLayers } from "./scene-context";
import { c, circle, ellipse, f, group, paint, path, rect } from "./svg";
import { nebula } from "./texture";

export function space(ctx: SceneContext): SceneLayers {
  const { a, w, h, s, p, kit, defs } = ctx;
  const rng = ctx.rng.fork("space");
  const back: Layer[] = [];
  const deep = mix(p.c.skyTop, [4, 4, 14], 0.5);
  const glowCol = a.colors[0] ?? p.accents[1] ?? [90, 60, 160];
  if (!ctx.transparent) {
    back.push(kit.line ? rect(0, 0, w, h, `fill="${c(kit.paper)}"`) : rect(0, 0, w, h, `fill="${defs.radial([[0, mix(deep, glowCol, 0.35)], [1, deep]], rng.range(0.3, 0.7), rng.range(0.3, 0.7), 0.8)}"`));
    if (!kit.line) {
      const colours: Rgb[] = a.colors.length ? [...a.colors, adjust(a.colors[0], { h: 40 })] : [p.accents[0], p.accents[2] ?? [80, 160, 255], p.accents[3] ?? [255, 120, 180]];
      back.push(group(nebula(w, h, colours.map((x) => adjust(x, { sMul: 1.1 })), ctx.rng.streams[0].seed, 0.5 + a.grade.magic * 0.2), `opacity="0.85"`));
    }
    back.push(stars({ ...ctx, horizon: h }, 1.4, h));
  }
  const want = (x: string) => a.subjects.has(x as never);
  if (want("galaxy") || (!want("planet") && rng.chance(0.5))) back.push(galaxy(ctx, rng.fork("galaxy")));
  if (want("planet") || !want("galaxy")) {
    const big = rng.chance(0.5);
    if (big) back.push(planet(ctx, rng.fork("p0"), w * rng.range(0.3, 0.7), h * rng.range(0.95, 1.15), s * rng.range(0.5, 0.7), false));
    else back.push(planet(ctx, rng.fork("p0"), w * rng.range(0.3, 0.7), h * rng.range(0.45, 0.6), s * rng.range(0.18, 0.26), rng.chance(0.7)));
    for (let i = 1; i < rng.int(2, 4); i++) back.push(planet(ctx, rng.fork("p" + i), w * rng.range(0.08, 0.92), h * rng.range(0.1, 0.5), s * rng.range(0.02, 0.06), false));
  }
  if (want("rocket")) back.push(rocket(ctx, w * 0.5, h * 0.5, s * 0.2, rng.range(20, 50)));
  for (const k of ["cat", "dog", "fox"] as const) if (want(k)) back.push(sittingAnimal({ ...ctx, dark: true }, k, w * 0.5, h * 0.8, s * 0.3, 1));
  return { back, front: [] };
}

function galaxy(ctx: SceneContext, rng: Rng): string {
  const { w, h, s, p, kit, defs } = ctx;
  const cx = w * rng.range(0.35, 0.65);
  const cy = h * rng.range(0.3, 0.55);
  const r = s * rng.range(0.3, 0.45);
  const tilt = rng.range(0.35, 0.6);
  const arms = rng.int(2, 4);
  const tint = mix(p.accents[0], [200, 180, 255], 0.5);
  let out = kit.line ? "" : circle(0, 0, r * 1.1, `fill="${defs.radial([[0, mix(tint, [255, 255, 255], 0.6), 0.55], [0.4, tint, 0.2], [1, tint, 0]])}"`);
  let dots = "";
  const n = Math.round(1400 * Math.min(1.5, s / 700));
  for (let i = 0; i < n; i++) {
    const arm = i % arms;
    const t = Math.pow(rng.next(), 0.8);
    const ang = (arm / arms) * Math.PI * 2 + t * 4.2 + rng.signed() * 0.35 * (1 - t * 0.5);
    const d = t * r + rng.signed() * r * 0.05;
    const size = s * (0.0008 + Math.pow(rng.next(), 5) * 0.004);
    const x = Math.cos(ang) * d;
    const y = Math.sin(ang) * d;
    dots += `M${f(x)} ${f(y - size)}a${f(size)} ${f(size)} 0 1 0 0.01 0`;
  }
  out += path(dots, `fill="${kit.line ? c(kit.ink) : "#fff"}" fill-opacity="0.85"`);
  if (!kit.line) out += circle(0, 0, r * 0.16, `fill="${defs.radial([[0, [255, 250, 235], 1], [0.5, [255, 230, 200], 0.6], [1, [255, 210, 170], 0]])}"`);
  return group(out, `transform="translate(${f(cx)} ${f(cy)}) scale(1 ${f(tilt)}) rotate(${f(rng.range(0, 180))})"`);
}

/** A shaded planet, lit from the upper left, with an optional ring. */
export function planet(ctx: SceneContext, rng: Rng, x: number, y: number, r: number, ring: boolean): string {
  const { kit, defs, p } = ctx;
  const drawn = toHsl(ctx.a.bound.get("object") ?? rng.pick(p.accents));
  const base = fromHsl({ h: drawn.h, s: Math.max(0.35, drawn.s), l: Math.min(0.7, Math.max(0.5, drawn.l)) });
  const fill = kit.flat ? c(base) : defs.radial([[0, adjust(base, { l: 0.22 })], [0.5, base], [0.8, adjust(base, { l: -0.28 })], [1, mix(base, [0, 0, 0], 0.8)]], 0.38, 0.35, 0.75, 0.3, 0.28);
  const tilt = rng.range(-25, 25);
  let out = "";
  const ringPath = (half: "back" | "front") =>
    `<ellipse cx="0" cy="0" rx="${f(r * 1.9)}" ry="${f(r * 0.42)}" fill="none" stroke="${c(kit.line ? kit.ink : mix(base, [255, 240, 220], 0.5))}" stroke-width="${f(r * (kit.line ? 0.02 : 0.16))}" stroke-opacity="0.85" ${half === "back" ? `clip-path="${defs.clip(`<rect x="${f(-r * 2)}" y="${f(-r * 0.6)}" width="${f(r * 4)}" height="${f(r * 0.6)}"/>`)}"` : `clip-path="${defs.clip(`<rect x="${f(-r * 2)}" y="0" width="${f(r * 4)}" height="${f(r * 0.6)}"/>`)}"`}/>`;
  if (ring) out += ringPath("back");
  out += circle(0, 0, r, paint(kit, fill));
  if (!kit.line && !kit.flat) {
    let bands = "";
    for (let i = 0; i < rng.int(2, 5); i++) bands += ellipse(0, rng.signed() * r * 0.7, r, r * rng.range(0.03, 0.1), "");
    out += group(bands, `fill="${c(adjust(base, { l: -0.1 }))}" fill-opacity="0.35" clip-path="${defs.clip(circle(0, 0, r, ""))}"`);
    out += circle(0, 0, r * 1.08, `fill="${defs.radial([[0.85, base, 0], [0.93, mix(base, [200, 220, 255], 0.6), 0.25], [1, base, 0]])}"`);
  } else if (kit.flat && !kit.line) {
    out += path(`M0 ${f(-r)}A${f(r)} ${f(r)} 0 0 1 0 ${f(r)}A${f(r * 0.55)} ${f(r)} 0 0 0 0 ${f(-r)}Z`, `fill="${c(adjust(base, { l: -0.15 }))}"`);
  }
  if (ring) out += ringPath("front");
  return group(out, `transform="translate(${f(x)} ${f(y)}) rotate(${f(tilt)})"`);
}
