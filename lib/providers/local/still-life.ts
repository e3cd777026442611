/** A studio still life: spheres, cubes and pedestals on a soft cyclorama, lit from one side. */
import { adjust, fromHsl, luminance, mix, toHsl, type Rgb } from "./color";
import type { Rng } from "./random";
import type { Layer, SceneContext, SceneLayers } from "./scene-context";
import { c, circle, ellipse, f, group, paint, path, poly, rect } from "./svg";

interface Thing {
  x: number;
  /** y of its contact with the floor. */
  y: number;
  r: number;
  colour: Rgb;
  kind: "sphere" | "cube" | "pedestal";
  finish: "matte" | "gloss" | "metal";
}

export function stillLife(ctx: SceneContext): SceneLayers {
  const { a, w, h, s, p, kit, defs } = ctx;
  const rng = ctx.rng.fork("still-life");
  const lightDir = rng.chance(0.5) ? -1 : 1;
  // Studio objects read best in clear mid-tones: lift dark accents, revive greyed ones.
  const accents = p.fixed ? p.accents : p.accents.map((x) => {
    const hsl = toHsl(x);
    return a.modifiers.has("mono") ? x : fromHsl({ h: hsl.h, s: Math.max(hsl.s, 0.45), l: Math.min(0.72, Math.max(0.45, hsl.l)) });
  });
  const lightest = accents.reduce((m, x) => (luminance(x) > luminance(m) ? x : m), accents[0]);
  const wall = p.fixed ? lightest : a.colors.length || a.bound.size ? mix(adjust(lightest, { sMul: 0.5 }), [240, 236, 230], 0.55) : mix(rng.pick(accents), [244, 240, 234], 0.72);
  const floorY = h * rng.range(0.58, 0.7);
  const back: Layer[] = [];
  if (!ctx.transparent) {
    back.push(kit.line ? rect(0, 0, w, h, `fill="${c(kit.paper)}"`) : rect(0, 0, w, h, `fill="${defs.linearAt([[0, adjust(wall, { l: -0.08 })], [0.55, wall], [0.7, adjust(wall, { l: 0.03 })], [1, adjust(wall, { l: -0.12 })]], 0, 0, 0, h)}"`));
    if (!kit.line && !kit.flat) back.push(circle(w * (0.5 - lightDir * 0.35), floorY * 0.4, s * 0.8, `fill="${defs.radialAt([[0, [255, 255, 255], 0.35], [1, [255, 255, 255], 0]], w * (0.5 - lightDir * 0.35), floorY * 0.4, s * 0.8)}"`));
    if (kit.line) back.push(path(`M0 ${f(floorY)}H${f(w)}`, `stroke="${c(kit.ink)}" stroke-width="${f(kit.u * 1.5)}"`));
  }
  const cubes = a.subjects.has("cubes");
  const count = rng.int(3, 6);
  const things: Thing[] = [];
  for (let i = 0; i < count; i++) {
    const tr = rng.fork("thing" + i);
    const depth = tr.range(0.05, 0.95);
    const y = floorY + (h - floorY) * (0.15 + depth * 0.7);
    const scale = 0.6 + depth * 0.6;
    const kind = cubes && tr.chance(0.7) ? "cube" : !cubes && tr.chance(0.15) ? "pedestal" : "sphere";
    const choices = p.fixed ? accents.filter((x) => x !== wall) : accents;
    const bound = a.bound.get("object");
    things.push({ x: w * (0.12 + (0.76 * (i + tr.range(0.15, 0.85))) / count), y, r: s * tr.range(0.06, 0.16) * scale, colour: bound && i === 0 ? bound : tr.pick(choices.length ? choices : accents), kind, finish: tr.weighted(["matte", "gloss", "metal"], [4, 4, 1]) });
  }
  things.sort((p1, p2) => p1.y - p2.y);
  for (const t of things) back.push(shadow(ctx, t, lightDir));
  for (const t of things) back.push(t.kind === "cube" ? cube(ctx, t, lightDir) : t.kind === "pedestal" ? pedestal(ctx, rng.fork("ped"), t, lightDir) : sphere(ctx, t, t.y - t.r, lightDir));
  return { back, front: [] };
}

function shadow(ctx: SceneContext, t: Thing, dir: number): string {
  const { kit, defs } = ctx;
  if (kit.line) return ellipse(t.x + dir * t.r * 0.5, t.y, t.r * 1.1, t.r * 0.18, `fill="none" stroke="${c(kit.ink)}" stroke-width="${f(kit.u)}" stroke-dasharray="${f(kit.u * 4)} ${f(kit.u * 4)}"`);
  const cast = ellipse(t.x + dir * t.r * 0.9, t.y - t.r * 0.05, t.r * 1.5, t.r * 0.28, `fill="${defs.radial([[0, [0, 0, 0], 0.35], [1, [0, 0, 0], 0]])}"`);
  const contact = ellipse(t.x, t.y - t.r * 0.02, t.r * 0.8, t.r * 0.14, `fill="${defs.radial([[0, [0, 0, 0], 0.55], [1, [0, 0, 0], 0]])}"`);
  return cast + contact;
}

/** A ball: base colour, a terminator on the far side, bounce light from the floor, a specular highlight. */
export function sphere(ctx: SceneContext, t: Pick<Thing, "x" | "r" | "colour" | "finish">, cy: number, dir: number): string {
  const { kit, defs } = ctx;
  const { x, r, colour } = t;
  if (kit.line) return circle(x, cy, r, paint(kit, colour)) + path(`M${f(x - dir * r * 0.55)} ${f(cy - r * 0.3)}a${f(r * 0.6)} ${f(r * 0.6)} 0 0 ${dir < 0 ? 1 : 0} ${f(-dir * r * 0.1)} ${f(r * 0.45)}`, `fill="none" stroke="${c(kit.ink)}" stroke-width="${f(kit.u * 1.4)}"`);
  if (kit.flat) return circle(x, cy, r, paint(kit, colour)) + path(`M${f(x)} ${f(cy - r)}A${f(r)} ${f(r)} 0 0 ${dir < 0 ? 1 : 0} ${f(x)} ${f(cy + r)}A${f(r * 0.6)} ${f(r)} 0 0 ${dir < 0 ? 0 : 1} ${f(x)} ${f(cy - r)}Z`, `fill="${c(adjust(colour, { l: -0.12 }))}"`) + circle(x - dir * r * 0.4, cy - r * 0.4, r * 0.14, `fill="#fff" fill-opacity="0.8"`);
  const fx = 0.5 - dir * 0.18;
  const metal = t.finish === "metal";
  const stops = metal
    ? ([[0, [255, 255, 255]], [0.25, adjust(colour, { l: 0.2, sMul: 0.4 })], [0.6, adjust(colour, { l: -0.25, sMul: 0.5 })], [0.85, adjust(colour, { l: 0.05, sMul: 0.5 })], [1, adjust(colour, { l: -0.35 })]] as const)
    : ([[0, adjust(colour, { l: 0.22 })], [0.45, colour], [0.85, adjust(colour, { l: -0.22 })], [1, adjust(colour, { l: -0.3 })]] as const);
  let out = circle(x, cy, r, `fill="${defs.radial(stops, 0.5, 0.5, 0.62, fx, 0.3)}"`);
  out += circle(x, cy, r, `fill="${defs.radial([[0.6, colour, 0], [1, mix(colour, [255, 255, 255], 0.4), 0.35]], 0.5, 0.5, 0.5, 0.5 + dir * 0.25, 0.95)}"`);
  if (t.finish !== "matte") out += ellipse(x - dir * r * 0.38, cy - r * 0.45, r * 0.2, r * 0.12, `fill="${defs.radial([[0, [255, 255, 255], 0.95], [1, [255, 255, 255], 0]])}" transform="rotate(${f(-dir * 35)} ${f(x - dir * r * 0.38)} ${f(cy - r * 0.45)})"`);
  return out;
}

function cube(ctx: SceneContext, t: Thing, dir: number): string {
  const { kit } = ctx;
  const { x, y, r, colour } = t;
  const e = r * 1.5;
  const dx = e * 0.5;
  const dy = e * 0.28;
  const top: [number, number][] = [[x - dx, y - e - dy * 0.2], [x, y - e - dy], [x + dx, y - e - dy * 0.2], [x, y - e + dy * 0.6]];
  const left: [number, number][] = [[x - dx, y - e - dy * 0.2], [x, y - e + dy * 0.6], [x, y + dy * 0.6 - dy * 0.6], [x - dx, y - dy * 0.2]];
  const right: [number, number][] = [[x, y - e + dy * 0.6], [x + dx, y - e - dy * 0.2], [x + dx, y - dy * 0.2], [x, y]];
  const lit = adjust(colour, { l: 0.12 });
  const mid = colour;
  const dark = adjust(colour, { l: -0.18 });
  return path(poly(top), paint(kit, adjust(colour, { l: 0.2 }))) + path(poly(left), paint(kit, dir < 0 ? lit : dark)) + path(poly(right), paint(kit, dir < 0 ? dark : mid));
}

function pedestal(ctx: SceneContext, rng: Rng, t: Thing, dir: number): string {
  const { kit, defs } = ctx;
  const { x, y, r, colour } = t;
  const pw = r * 1.3;
  const ph = r * rng.range(0.8, 1.6);
  const ry = pw * 0.25;
  const body = kit.flat || kit.line ? c(adjust(colour, { l: -0.05 })) : defs.linear([[0, dir < 0 ? adjust(colour, { l: 0.1 }) : adjust(colour, { l: -0.15 })], [0.5, colour], [1, dir < 0 ? adjust(colour, { l: -0.18 }) : adjust(colour, { l: 0.1 })]], 0, 0, 1, 0);
  let out = path(`M${f(x - pw)} ${f(y - ph)}V${f(y)}A${f(pw)} ${f(ry)} 0 0 0 ${f(x + pw)} ${f(y)}V${f(y - ph)}Z`, paint(kit, body));
  out += ellipse(x, y - ph, pw, ry, paint(kit, adjust(colour, { l: 0.12 })));
  const ball = rng.pick(ctx.p.accents.filter((a) => a !== colour).concat([colour]));
  return out + group(sphere(ctx, { x, r: r * 0.8, colour: ball, finish: "gloss" }, y - ph - r * 0.72, dir));
}
