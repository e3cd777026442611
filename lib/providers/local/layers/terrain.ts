/** Land: mountain ranges with lit and shadowed faces and snow, rolling hills, dunes, cliffs. */
import { mix, type Rgb } from "../color";
import { fbm1D, noise1D, ridged1D, type Rng } from "../random";
import type { SceneContext } from "../scene-context";
import { c, f, group, paint, path, type GradientStop } from "../svg";

/** The top edge of a land layer: y for any x. */
export type Profile = (x: number) => number;

export interface LandLayer {
  svg: string;
  top: Profile;
}

interface Samples {
  xs: number[];
  ys: number[];
}

function sample(ctx: SceneContext, top: Profile, steps?: number): Samples {
  const n = steps ?? Math.max(60, Math.min(320, Math.round(ctx.w / 5)));
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i <= n; i++) {
    const x = -ctx.w * 0.02 + (i / n) * ctx.w * 1.04;
    xs.push(x);
    ys.push(top(x));
  }
  return { xs, ys };
}

const outline = ({ xs, ys }: Samples, bottom: number) =>
  `M${f(xs[0])} ${f(bottom)}` + xs.map((x, i) => `L${f(x)} ${f(ys[i])}`).join("") + `L${f(xs[xs.length - 1])} ${f(bottom)}Z`;

/** Fill of a land body: a vertical gradient toward haze at its foot, or flat in flat styles. */
function bodyFill(ctx: SceneContext, colour: Rgb, foot: Rgb, topY: number, bottomY: number): string {
  if (ctx.kit.flat) return c(colour);
  const stops: GradientStop[] = [[0, colour], [1, foot]];
  return ctx.defs.linearAt(stops, 0, topY, 0, bottomY);
}

/** Peaks of a profile, at least `gap` pixels apart, highest first. */
function peaks({ xs, ys }: Samples, gap: number): number[] {
  const found: number[] = [];
  for (let i = 2; i < ys.length - 2; i++) if (ys[i] <= ys[i - 1] && ys[i] <= ys[i + 1] && ys[i] < ys[i - 2] && ys[i] < ys[i + 2]) found.push(i);
  found.sort((a, b) => ys[a] - ys[b]);
  const kept: number[] = [];
  for (const i of found) if (kept.every((k) => Math.abs(xs[k] - xs[i]) > gap)) kept.push(i);
  return kept;
}

/** The faces turned away from the light: from each peak down the far slope, back up along a jagged edge. */
function shadowFaces(ctx: SceneContext, rng: Rng, s: Samples, bottom: number, curve: number): string {
  const lightX = ctx.celestial.kind === "none" ? ctx.w * 0.3 : ctx.celestial.x;
  let d = "";
  for (const i of peaks(s, ctx.s * 0.09)) {
    const dir = lightX > s.xs[i] ? -1 : 1;
    let j = i;
    let low = i;
    // Walk down the far slope; small bumps do not stop it, a real rise does.
    while (j + dir > 0 && j + dir < s.xs.length - 1 && s.ys[j + dir] > s.ys[low] - ctx.s * 0.015) {
      j += dir;
      if (s.ys[j] >= s.ys[low]) low = j;
    }
    j = low;
    if (j === i || bottom <= s.ys[i]) continue;
    const pts: [number, number][] = [];
    for (let k = i; k !== j + dir; k += dir) pts.push([s.xs[k], s.ys[k]]);
    const span = Math.abs(s.xs[j] - s.xs[i]);
    // The face narrows toward its foot: the valley's edge leans back under the peak, the inner edge leans out.
    if (s.ys[j] < bottom) pts.push([s.xs[j] - dir * span * 0.25, bottom]);
    const steps = 8;
    const reach = Math.min(span * 0.85, (bottom - s.ys[i]) * curve);
    for (let t = steps; t >= 0; t--) {
      const u = t / steps;
      const y = s.ys[i] + (bottom - s.ys[i]) * u;
      const x = s.xs[i] + dir * reach * Math.pow(u, 1.2) + (t > 0 && t < steps ? rng.signed() * ctx.s * 0.006 : 0);
      pts.push([x, y]);
    }
    d += "M" + pts.map(([x, y]) => `${f(x)} ${f(y)}`).join("L") + "Z";
  }
  return d;
}

export interface MountainOptions {
  label: string;
  /** y of the layer's foot. */
  base: number;
  /** Tallest rise above the base, in pixels. */
  height: number;
  /** 0 near … 1 far: how much haze is mixed in. */
  depth: number;
  snow: boolean;
  /** y the body is filled down to. */
  bottom: number;
}

export function mountainLayer(ctx: SceneContext, o: MountainOptions): LandLayer {
  const { p, kit, a } = ctx;
  const rng = ctx.rng.fork(o.label);
  const ridgeNoise = noise1D(rng.fork("ridge"));
  const envNoise = noise1D(rng.fork("env"));
  const calm = a.grade.calm;
  const freq = rng.range(2.2, 3.6) * (1 - calm * 0.2);
  const shift = rng.range(0, 40);
  const rounded = kit.rounded;
  const top: Profile = (x) => {
    const u = x / ctx.s + shift;
    const r = rounded ? (fbm1D(ridgeNoise, u * freq * 0.6, 3) + 1) / 2 : ridged1D(ridgeNoise, u * freq, 5, 0.48);
    const env = (fbm1D(envNoise, u * 0.9, 2) + 1) / 2;
    const hgt = 0.15 + 0.85 * Math.pow(r * (0.45 + 0.75 * env), 1.25);
    return o.base - o.height * Math.min(1.15, hgt);
  };
  const s = sample(ctx, top);
  const haze = p.c.haze;
  // Night air hides nothing: far ridges stay dark silhouettes against the brighter sky low down.
  const aerial = Math.pow(o.depth, 1.15) * (p.exposure < 0.3 ? 0.3 : 0.5 + 0.38 * p.exposure);
  const near = mix(p.c.rock, mix(p.c.rockShadow, p.shade, 0.45), (0.45 + (1 - p.exposure) * 0.45) * (1 - o.depth));
  const rock = mix(near, haze, aerial);
  const rockShadow = mix(p.c.rockShadow, haze, aerial * 0.85);
  const peakY = Math.min(...s.ys);
  const foot = mix(rock, haze, 0.2 + ctx.fog * 0.4);
  const shape = outline(s, o.bottom);
  let out = path(shape, paint(ctx.kit, bodyFill(ctx, rock, foot, peakY, o.base), "terrain"));
  if (kit.line) {
    const hatch = shadowFaces(ctx, rng.fork("shade"), s, o.base, 0.6);
    return { svg: out + hatchFill(ctx, hatch, ctx.defs.clip(path(shape, ""))), top };
  }
  const clip = ctx.defs.clip(path(shape, ""));
  let inner = "";
  if (o.snow) inner += snowCaps(ctx, rng.fork("snow"), s, o, peakY, mix(p.c.snow, haze, o.depth * 0.55));
  const faces = shadowFaces(ctx, rng.fork("shade"), s, o.base, rounded ? 0.9 : 0.6);
  const shadowOpacity = kit.flat || kit.style === "anime" ? 0.75 : 0.55;
  inner += path(faces, `fill="${c(rockShadow)}" fill-opacity="${shadowOpacity}"`);
  if (!kit.flat && kit.style !== "anime") {
    const mist = ctx.defs.linearAt([[0, haze, 0], [1, haze, Math.min(0.9, 0.2 + ctx.fog * 0.5)]], 0, o.base - o.height * 0.35, 0, o.base);
    inner += path(shape, `fill="${mist}"`);
  }
  out += group(inner, `clip-path="${clip}"`);
  if (kit.terrainOutlines) out += path("M" + s.xs.map((x, i) => `${f(x)} ${f(s.ys[i])}`).join("L"), `${paint(kit, rock, "terrain").replace(/fill="[^"]*"/, 'fill="none"')}`);
  return { svg: out, top };
}

function snowCaps(ctx: SceneContext, rng: Rng, s: Samples, o: MountainOptions, peakY: number, colour: Rgb): string {
  const line = peakY + (o.base - peakY) * rng.range(0.22, 0.36);
  const jag = noise1D(rng);
  let d = "";
  let run: [number, number][] = [];
  let under: [number, number][] = [];
  const flush = () => {
    if (run.length > 1) d += "M" + [...run, ...under.reverse()].map(([x, y]) => `${f(x)} ${f(y)}`).join("L") + "Z";
    run = [];
    under = [];
  };
  s.xs.forEach((x, i) => {
    // Caps taper: deep under the summits, thin where the ridge barely rises above the snow line.
    const depth = (line - s.ys[i]) * (0.75 + 0.35 * jag(x / (ctx.s * 0.012))) + (i % 2 ? ctx.s * 0.006 : 0);
    const limit = s.ys[i] + Math.max(0, depth);
    if (s.ys[i] < line) {
      run.push([x, s.ys[i]]);
      under.push([x, limit]);
    } else flush();
  });
  flush();
  return path(d, `fill="${c(colour)}"`);
}

/** Diagonal hatching inside a region (line-art shading). */
export function hatchFill(ctx: SceneContext, region: string, clip: string): string {
  const { w, h, kit } = ctx;
  const gap = Math.max(3, kit.u * 9);
  let d = "";
  for (let x = -h; x < w; x += gap) d += `M${f(x)} ${f(h)}L${f(x + h)} 0`;
  const id = ctx.defs.clip(path(region, ""));
  return group(group(path(d, `stroke="${c(kit.ink)}" stroke-width="${f(kit.u * 1.2)}" stroke-opacity="0.8"`), `clip-path="${id}"`), `clip-path="${clip}"`);
}

export interface HillOptions {
  label: string;
  base: number;
  height: number;
  depth: number;
  colour: Rgb;
  shadow: Rgb;
  bottom: number;
  /** Frequency of the swells (per short side). */
  waves?: number;
}

/** Smooth rolling land. */
export function hillLayer(ctx: SceneContext, o: HillOptions): LandLayer {
  const rng = ctx.rng.fork(o.label);
  const n = noise1D(rng);
  const freq = (o.waves ?? 1.4) * rng.range(0.8, 1.25);
  const shift = rng.range(0, 30);
  const top: Profile = (x) => o.base - o.height * (0.5 + 0.5 * fbm1D(n, (x / ctx.s) * freq + shift, 3, 0.35));
  const s = sample(ctx, top, 90);
  const colour = mix(o.colour, ctx.p.c.haze, o.depth * 0.7);
  const foot = mix(o.shadow, ctx.p.c.haze, o.depth * 0.6);
  const peakY = Math.min(...s.ys);
  let out = path(outline(s, o.bottom), paint(ctx.kit, bodyFill(ctx, colour, foot, peakY, Math.min(o.bottom, o.base + o.height)), "terrain"));
  if (ctx.kit.style === "anime" || ctx.kit.style === "illustration" || ctx.kit.rounded) {
    const faces = shadowFaces(ctx, rng.fork("shade"), s, o.base + o.height * 0.3, 0.8);
    out += group(path(faces, `fill="${c(foot)}" fill-opacity="0.45"`), `clip-path="${ctx.defs.clip(path(outline(s, o.bottom), ""))}"`);
  }
  return { svg: out, top };
}

/** Sand dunes: knife-edge crests, lit faces fading into the shade of the hollow before the next dune. */
export function duneLayer(ctx: SceneContext, o: HillOptions): LandLayer {
  const rng = ctx.rng.fork(o.label);
  const n = noise1D(rng);
  const freq = (o.waves ?? 2) * rng.range(0.8, 1.3);
  const shift = rng.range(0, 30);
  const top: Profile = (x) => {
    const u = (x / ctx.s) * freq + shift;
    // Ridged noise: sharp crests between smooth hollows, the profile of wind-blown sand.
    const crest = ridged1D(n, u, 2, 0.35);
    const swell = (n(u * 0.31 + 9) + 1) / 2;
    return o.base - o.height * (0.15 + 0.85 * Math.pow(crest, 1.5) * (0.6 + 0.4 * swell));
  };
  const s = sample(ctx, top, 200);
  const colour = mix(o.colour, ctx.p.c.haze, o.depth * 0.5);
  const shade = mix(o.shadow, ctx.p.c.haze, o.depth * 0.45);
  const peakY = Math.min(...s.ys);
  const shape = outline(s, o.bottom);
  const fill = ctx.kit.flat ? c(colour) : ctx.defs.linearAt([[0, mix(colour, [255, 255, 255], 0.1)], [0.45, colour], [1, shade]], 0, peakY, 0, o.base + o.height * 0.6);
  let out = path(shape, paint(ctx.kit, fill, "terrain"));
  if (ctx.kit.flat && !ctx.kit.line) {
    const band = "M" + s.xs.map((x, i) => `${f(x)} ${f(s.ys[i] + o.height * 0.45)}`).join("L") + `L${f(s.xs[s.xs.length - 1])} ${f(o.bottom)}L${f(s.xs[0])} ${f(o.bottom)}Z`;
    out += group(path(band, `fill="${c(shade)}"`), `clip-path="${ctx.defs.clip(path(shape, ""))}"`);
  }
  if (!ctx.kit.line) out += path("M" + s.xs.map((x, i) => `${f(x)} ${f(s.ys[i] + 0.5)}`).join("L"), `fill="none" stroke="${c(mix(colour, [255, 250, 235], 0.5))}" stroke-opacity="0.7" stroke-width="${f(Math.max(0.6, ctx.s * 0.002))}"`);
  return { svg: out, top };
}

/** A rocky headland from one side of the picture, with a grassy top. Returns where its top is flat. */
export function cliff(ctx: SceneContext, side: "left" | "right", topY: number, reach: number, foot: number): LandLayer & { edgeX: number } {
  const { w, p, kit } = ctx;
  const rng = ctx.rng.fork("cliff");
  const n = noise1D(rng);
  const sign = side === "left" ? 1 : -1;
  const x0 = side === "left" ? -w * 0.02 : w * 1.02;
  const edgeX = side === "left" ? reach : w - reach;
  const pts: [number, number][] = [[x0, foot + 2]];
  const topPts: [number, number][] = [];
  for (let i = 0; i <= 24; i++) {
    const x = x0 + (edgeX - x0) * (i / 24);
    const y = topY + n(i * 0.4) * ctx.s * 0.012 + (i / 24) * ctx.s * 0.02;
    topPts.push([x, y]);
  }
  pts.push(...topPts);
  for (let i = 1; i <= 10; i++) {
    const t = i / 10;
    pts.push([edgeX + sign * (Math.pow(t, 1.5) * ctx.s * 0.08 + n(10 + i) * ctx.s * 0.015), topY + (foot - topY) * t]);
  }
  const body = "M" + pts.map(([x, y]) => `${f(x)} ${f(y)}`).join("L") + "Z";
  const rock = p.c.rockShadow;
  let out = path(body, paint(kit, kit.flat ? c(rock) : ctx.defs.linearAt([[0, mix(rock, p.c.rock, 0.3)], [1, mix(rock, [10, 10, 20], 0.3)]], 0, topY, 0, foot), "terrain"));
  if (!kit.line && !kit.flat) {
    // Strata: a few pale and dark bands across the rock face.
    let light = "";
    let dark = "";
    for (let i = 0; i < 9; i++) {
      const y0 = topY + (foot - topY) * rng.range(0.08, 0.9);
      const x0 = side === "left" ? rng.range(-0.05, 0.6) * reach : w - rng.range(-0.05, 0.6) * reach;
      const len = reach * rng.range(0.3, 0.8) * sign;
      const band = `M${f(x0)} ${f(y0)}q${f(len / 2)} ${f(rng.signed() * ctx.s * 0.02)} ${f(len)} ${f(rng.signed() * ctx.s * 0.03)}`;
      if (i % 2) light += band;
      else dark += band;
    }
    const clip = ctx.defs.clip(path(body, ""));
    out += group(path(light, `fill="none" stroke="${c(mix(rock, p.c.rock, 0.6))}" stroke-opacity="0.5" stroke-width="${f(ctx.s * 0.006)}" stroke-linecap="round"`) + path(dark, `fill="none" stroke="${c(mix(rock, [0, 0, 0], 0.4))}" stroke-opacity="0.5" stroke-width="${f(ctx.s * 0.01)}" stroke-linecap="round"`), `clip-path="${clip}"`);
  }
  const grassTop = [...topPts, ...topPts.slice().reverse().map(([x, y], i) => [x, y + ctx.s * (0.015 + (i % 3) * 0.006)] as [number, number])];
  out += path("M" + grassTop.map(([x, y]) => `${f(x)} ${f(y)}`).join("L") + "Z", paint(kit, p.c.land, "terrain"));
  const y = topPts[topPts.length - 1][1];
  return { svg: out, top: (x) => (sign * (edgeX - x) >= 0 ? y : ctx.h * 2), edgeX };
}
