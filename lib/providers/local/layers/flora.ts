/** Trees and flowers. */
import { adjust, mix, type Rgb } from "../color";
import type { Rng } from "../random";
import { excluded, type SceneContext } from "../scene-context";
import { c, circle, f, group, paint, path, poly } from "../svg";
import type { Profile } from "./terrain";

/** A spruce silhouette with jagged tiers, as path data. */
export function pinePath(x: number, y: number, h: number, rng: Rng): string {
  const w = h * rng.range(0.28, 0.38);
  const tiers = Math.max(3, Math.round(h / Math.max(4, h * 0.14)));
  const right: [number, number][] = [];
  for (let i = 1; i <= tiers; i++) {
    const t = i / tiers;
    const ty = y - h + h * 0.92 * t;
    const tw = w * (0.18 + 0.82 * t) * rng.range(0.9, 1.1);
    right.push([x + tw, ty], [x + tw * 0.42, ty - h * 0.02]);
  }
  right.pop();
  const left = right.map(([px, py]) => [2 * x - px, py] as [number, number]).reverse();
  const trunkW = Math.max(0.6, w * 0.1);
  return poly([[x, y - h], ...right, [x + trunkW, y - h * 0.08], [x + trunkW, y], [x - trunkW, y], [x - trunkW, y - h * 0.08], ...left]);
}

/** A row of pines along a profile: a far forest as one silhouette path. */
export function forestBand(ctx: SceneContext, label: string, ground: Profile, size: number, depth: number, density = 1): string {
  if (excluded(ctx, "tree", "forest", "pine")) return "";
  const { w, p, kit } = ctx;
  const rng = ctx.rng.fork(label);
  let d = "";
  let snow = "";
  const snowy = ctx.a.weather.has("snow");
  const spacing = (size * 0.36) / density;
  for (let k = 0; k * spacing < w + size * 2; k++) {
    const x = -size + k * spacing + rng.signed() * spacing * 0.35;
    const h = size * rng.range(0.6, 1.2);
    const y = ground(x) + size * 0.1;
    d += pinePath(x, y, h, rng);
    if (snowy && kit.style !== "line") snow += poly([[x, y - h], [x + h * 0.12, y - h * 0.72], [x, y - h * 0.78], [x - h * 0.12, y - h * 0.72]]);
  }
  const colour = mix(p.c.foliageShadow, p.c.haze, depth * 0.75);
  return group(path(d, paint(kit, colour, "object")) + (snow ? path(snow, `fill="${c(mix(p.c.snow, p.c.haze, depth * 0.5))}"`) : ""), `class="trees"`);
}

/** One tree standing on the ground at (x, y). */
export function tree(ctx: SceneContext, rng: Rng, x: number, y: number, h: number, kind: "pine" | "round" | "palm" | "bare"): string {
  return group(treeShape(ctx, rng, x, y, h, kind), `class="tree"`);
}

function treeShape(ctx: SceneContext, rng: Rng, x: number, y: number, h: number, kind: "pine" | "round" | "palm" | "bare"): string {
  const { p, kit, defs } = ctx;
  const light = ctx.celestial.kind === "sun" && ctx.celestial.x < x ? -1 : 1;
  if (kind === "pine") {
    let out = path(pinePath(x, y, h, rng), paint(kit, p.c.foliageShadow));
    if (!kit.line) out += path(poly([[x, y - h], [x + light * h * 0.3, y - h * 0.1], [x, y - h * 0.12]]), `fill="${c(p.c.foliage)}" fill-opacity="0.45"`);
    if (ctx.a.weather.has("snow") && !kit.line) out += path(poly([[x, y - h], [x + h * 0.13, y - h * 0.7], [x, y - h * 0.76], [x - h * 0.13, y - h * 0.7]]), `fill="${c(p.c.snow)}"`);
    return out;
  }
  const trunk = p.c.trunk;
  if (kind === "palm") {
    const lean = rng.signed() * h * 0.25;
    const topX = x + lean;
    const topY = y - h;
    let out = path(`M${f(x)} ${f(y)}Q${f(x + lean * 0.2)} ${f(y - h * 0.5)} ${f(topX)} ${f(topY)}`, `fill="none" stroke="${c(kit.line ? kit.ink : trunk)}" stroke-width="${f(h * 0.045)}" stroke-linecap="round"`);
    for (let i = 0; i < 7; i++) {
      const a = -Math.PI / 2 + (i - 3) * 0.5 + rng.signed() * 0.15;
      const len = h * rng.range(0.35, 0.5);
      const ex = topX + Math.cos(a) * len;
      const ey = topY + Math.sin(a) * len * 0.6 + len * 0.35;
      const mx = topX + Math.cos(a) * len * 0.5;
      const my = topY + Math.sin(a) * len * 0.5 - len * 0.08;
      out += path(`M${f(topX)} ${f(topY)}Q${f(mx)} ${f(my - len * 0.12)} ${f(ex)} ${f(ey)}Q${f(mx)} ${f(my + len * 0.1)} ${f(topX)} ${f(topY)}Z`, paint(kit, i % 2 ? p.c.foliage : p.c.foliageShadow));
    }
    return out;
  }
  let out = path(poly([[x - h * 0.035, y], [x - h * 0.02, y - h * 0.55], [x + h * 0.02, y - h * 0.55], [x + h * 0.035, y]]), paint(kit, trunk));
  if (kind === "bare") {
    let d = "";
    for (let i = 0; i < 6; i++) {
      const by = y - h * rng.range(0.45, 0.8);
      const dir = i % 2 ? 1 : -1;
      d += `M${f(x)} ${f(by)}Q${f(x + dir * h * 0.12)} ${f(by - h * 0.1)} ${f(x + dir * h * rng.range(0.15, 0.3))} ${f(by - h * rng.range(0.15, 0.35))}`;
    }
    return out + path(d, `fill="none" stroke="${c(kit.line ? kit.ink : trunk)}" stroke-width="${f(h * 0.018)}" stroke-linecap="round"`);
  }
  const cr = h * 0.3;
  const cy = y - h * 0.62;
  const blobs: [number, number, number][] = [];
  for (let i = 0; i < 5; i++) blobs.push([x + rng.signed() * cr * 0.7, cy + rng.signed() * cr * 0.45 - (i === 0 ? cr * 0.3 : 0), cr * rng.range(0.55, 0.85)]);
  const leaf = p.c.foliage;
  if (kit.rounded) {
    const fill = defs.radial([[0, adjust(leaf, { l: 0.15 })], [0.7, leaf], [1, p.c.foliageShadow]], 0.5, 0.5, 0.5, light < 0 ? 0.3 : 0.7, 0.3);
    return out + blobs.map(([bx, by, r]) => circle(bx, by, r, `fill="${fill}"`)).join("");
  }
  out += group(blobs.map(([bx, by, r]) => circle(bx, by, r, "")).join(""), paint(kit, p.c.foliageShadow));
  if (!kit.line) {
    const lit = blobs.map(([bx, by, r]) => circle(bx - light * r * 0.2, by - r * 0.2, r * 0.75, "")).join("");
    out += group(lit, `fill="${c(leaf)}"`);
  }
  return out;
}

const flowerKinds = ["daisy", "tulip", "round", "star"] as const;

/** A bloom: petals around a heart, or a tulip cup. */
export function bloom(ctx: SceneContext, rng: Rng, x: number, y: number, r: number, colour: Rgb, kind = rng.pick(flowerKinds)): string {
  const { kit, defs } = ctx;
  const sunflower = ctx.a.words.has("sunflower");
  const centre = kit.line ? kit.paper : sunflower ? ([92, 56, 24] as Rgb) : mix(colour, [255, 214, 80], 0.7);
  if (kind === "tulip") {
    const d = `M${f(x - r * 0.7)} ${f(y - r * 0.6)}Q${f(x - r * 0.8)} ${f(y + r * 0.7)} ${f(x)} ${f(y + r * 0.75)}Q${f(x + r * 0.8)} ${f(y + r * 0.7)} ${f(x + r * 0.7)} ${f(y - r * 0.6)}L${f(x + r * 0.35)} ${f(y - r * 0.15)}L${f(x)} ${f(y - r * 0.75)}L${f(x - r * 0.35)} ${f(y - r * 0.15)}Z`;
    return path(d, paint(kit, kit.rounded ? defs.radial([[0, adjust(colour, { l: 0.15 })], [1, adjust(colour, { l: -0.12 })]]) : colour));
  }
  const petals = kind === "daisy" ? rng.int(9, 14) : kind === "star" ? 5 : rng.int(5, 7);
  const pr = kind === "daisy" ? r * 0.2 : r * 0.42;
  const rot = rng.range(0, Math.PI);
  let out = "";
  for (let i = 0; i < petals; i++) {
    const a = rot + (i / petals) * Math.PI * 2;
    const d = r * (kind === "daisy" ? 0.62 : 0.5);
    const deg = (a * 180) / Math.PI;
    out += `<ellipse cx="${f(x + Math.cos(a) * d)}" cy="${f(y + Math.sin(a) * d)}" rx="${f(kind === "star" ? r * 0.55 : r * 0.45)}" ry="${f(pr)}" transform="rotate(${f(deg)} ${f(x + Math.cos(a) * d)} ${f(y + Math.sin(a) * d)})" ${paint(kit, i % 2 && !kit.line ? adjust(colour, { l: -0.05 }) : colour)}/>`;
  }
  return out + circle(x, y, r * (kind === "daisy" ? 0.28 : 0.22), paint(kit, centre));
}

/** A leafy stem from (x, y) up to the bloom at (tx, ty). */
export function stem(ctx: SceneContext, rng: Rng, x: number, y: number, tx: number, ty: number, width: number): string {
  const { kit, p } = ctx;
  const green = kit.line ? kit.ink : mix(p.c.foliage, [60, 140, 60], 0.4);
  const mx = (x + tx) / 2 + rng.signed() * width * 6;
  let out = path(`M${f(x)} ${f(y)}Q${f(mx)} ${f((y + ty) / 2)} ${f(tx)} ${f(ty)}`, `fill="none" stroke="${c(green)}" stroke-width="${f(width)}" stroke-linecap="round"`);
  const leaves = rng.int(1, 2);
  for (let i = 0; i < leaves; i++) {
    const t = rng.range(0.35, 0.75);
    const lx = x + (tx - x) * t + (mx - (x + tx) / 2) * 0.5;
    const ly = y + (ty - y) * t;
    const dir = i % 2 ? 1 : -1;
    const len = Math.abs(y - ty) * rng.range(0.18, 0.28);
    out += path(`M${f(lx)} ${f(ly)}Q${f(lx + dir * len * 0.5)} ${f(ly - len * 0.6)} ${f(lx + dir * len)} ${f(ly - len * 0.5)}Q${f(lx + dir * len * 0.4)} ${f(ly)} ${f(lx)} ${f(ly)}Z`, kit.line ? paint(kit, green) : `fill="${c(green)}"`);
  }
  return out;
}

/** A sprinkle of small flowers over a meadow between two profiles. */
export function meadowFlowers(ctx: SceneContext, ground: Profile, bottom: number, count: number): string {
  if (excluded(ctx, "flower")) return "";
  const rng = ctx.rng.detail("meadow-flowers");
  const sunflower = ctx.a.words.has("sunflower");
  const named = ctx.a.bound.get("flower") ?? ctx.a.colors[0];
  const colours: Rgb[] = sunflower ? [[250, 196, 36], [244, 176, 30]] : named ? [named, adjust(named, { l: 0.1 })] : ctx.p.accents;
  // A field of flowers: more and bigger blooms toward the viewer, drawn far to near.
  const field = ctx.a.subjects.has("flower");
  const spots = Array.from({ length: count }, () => ({ x: rng.range(0, ctx.w), t: Math.pow(rng.next(), field ? 0.9 : 0.7), k: rng.next() })).sort((a, b) => a.t - b.t);
  let out = "";
  spots.forEach(({ x, t, k }, i) => {
    const top = ground(x);
    const y = top + (bottom - top) * t;
    const r = ctx.s * (0.004 + (field ? 0.045 : 0.02) * t * t);
    const kind = ctx.kit.line || sunflower ? "daisy" : (["daisy", "round", "star"] as const)[Math.floor(k * 3)];
    out += bloom(ctx, rng, x, y, r, colours[i % colours.length], kind);
  });
  return group(out, `class="flowers"`);
}

