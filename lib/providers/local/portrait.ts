/** A portrait as a poster: a stylised head-and-shoulders silhouette before a big sun or moon. */
import { adjust, mix, type Rgb } from "./color";
import type { Rng } from "./random";
import { skyClouds } from "./layers/clouds";
import { mountainLayer } from "./layers/terrain";
import { skyGradient, stars } from "./layers/sky";
import type { Layer, SceneContext, SceneLayers } from "./scene-context";
import { c, circle, f, group, paint, path, smoothCurve } from "./svg";

type Pt = [number, number];

const profile: Pt[] = [
  [-0.2, 0.45], [-0.26, 0.15], [-0.4, -0.2], [-0.42, -0.55], [-0.26, -0.86], [0, -0.99], [0.22, -0.93], [0.34, -0.74],
  [0.36, -0.53], [0.4, -0.44], [0.5, -0.29], [0.4, -0.23], [0.43, -0.16], [0.38, -0.11], [0.41, -0.06], [0.34, 0.04],
  [0.21, 0.1], [0.15, 0.22], [0.17, 0.45], [0.6, 0.62], [0.95, 0.9], [1.05, 1.5], [-1.0, 1.5], [-0.85, 0.85], [-0.45, 0.6],
];
const front: Pt[] = [
  [0, -0.02], [0.12, 0.02], [0.13, 0.38], [0.6, 0.55], [0.95, 0.85], [1.05, 1.5], [-1.05, 1.5], [-0.95, 0.85], [-0.6, 0.55], [-0.13, 0.38], [-0.12, 0.02],
];
const face: Pt[] = [[0, -0.98], [0.29, -0.86], [0.34, -0.5], [0.27, -0.2], [0.12, 0.02], [0, 0.06], [-0.12, 0.02], [-0.27, -0.2], [-0.34, -0.5], [-0.29, -0.86]];
const fringe: Pt[] = [[0, -1.06], [0.34, -0.96], [0.42, -0.62], [0.33, -0.5], [0.28, -0.74], [0.05, -0.82], [-0.2, -0.72], [-0.33, -0.5], [-0.42, -0.62], [-0.34, -0.96]];
const longHairProfile: Pt[] = [[0.05, -1.04], [-0.32, -0.96], [-0.55, -0.6], [-0.58, -0.1], [-0.52, 0.42], [-0.34, 0.78], [-0.08, 0.66], [-0.14, 0.25], [0.08, -0.6], [0.32, -0.86], [0.2, -1.0]];
const longHairFront: Pt[] = [[0, -1.08], [0.44, -0.95], [0.52, -0.45], [0.5, 0.2], [0.6, 0.66], [0.3, 0.72], [0, 0.5], [-0.3, 0.72], [-0.6, 0.66], [-0.5, 0.2], [-0.52, -0.45], [-0.44, -0.95]];

export function portrait(ctx: SceneContext): SceneLayers {
  const { a, w, h, s, p, kit, defs } = ctx;
  const rng = ctx.rng.fork("portrait");
  const back: Layer[] = [];
  back.push(skyGradient(ctx));
  const discX = w * rng.range(0.42, 0.58);
  const discY = h * rng.range(0.36, 0.46);
  const discR = s * rng.range(0.28, 0.36);
  if (!ctx.transparent) {
    if (ctx.dark) back.push(stars(ctx, 0.8, h));
    const discCol = ctx.celestial.kind === "moon" || ctx.dark ? p.c.moon : mix(p.c.sun, p.c.glow, 0.5);
    if (!kit.line) back.push(circle(discX, discY, discR * 1.6, `fill="${defs.radialAt([[0, discCol, 0.4], [1, discCol, 0]], discX, discY, discR * 1.6)}"`));
    back.push(circle(discX, discY, discR, paint(kit, discCol)));
    back.push(skyClouds({ ...ctx, horizon: h }, h * 0.45, h * 0.8));
    if (a.subjects.has("mountain") || a.subjects.has("hill") || rng.chance(0.6)) back.push(mountainLayer({ ...ctx, horizon: h }, { label: "portrait-hills", base: h * 0.86, height: s * 0.18, depth: 0.5, snow: false, bottom: h }).svg);
  }
  const facing = rng.chance(0.7) ? "profile" : "front";
  const dir = rng.chance(0.5) ? 1 : -1;
  const long = a.gender === "f" || (a.gender !== "m" && rng.chance(0.5));
  const k = s * rng.range(0.26, 0.32);
  const cx = discX - (facing === "profile" ? dir * k * 0.05 : 0);
  const cy = discY + k * 0.35;
  // The torso runs off the bottom edge, however tall the picture.
  const floor = Math.max(1.5, (h - cy) / k + 0.05);
  const P = (pts: Pt[]) => pts.map(([x, y]) => [cx + x * k * dir, cy + (y >= 1.5 ? floor : y) * k] as Pt);
  const body = smoothCurve(P(facing === "profile" ? profile : front), true);
  const hair = long ? smoothCurve(P(facing === "profile" ? longHairProfile : longHairFront), true) : "";
  const bound = a.bound.get("creature");
  const ink = kit.line ? kit.paper : mix(mix(p.c.skyTop, [12, 12, 20], 0.75), bound ?? [0, 0, 0], bound ? 0.35 : 0);
  const rim = mix(p.c.glow, [255, 255, 255], 0.3);
  let figure = "";
  if (!kit.line && !kit.flat) figure += group(path(body, `fill="${c(rim)}"`) + (hair ? path(hair, `fill="${c(rim)}"`) : ""), `transform="translate(${f(-dir * s * 0.004)} ${f(-s * 0.003)})" opacity="0.8"`);
  if (hair) figure += path(hair, paint(kit, adjust(ink, { l: -0.02 })));
  figure += path(body, paint(kit, kit.rounded ? defs.linear([[0, adjust(ink, { l: 0.12 })], [1, ink]], dir > 0 ? 1 : 0, 0, dir > 0 ? 0 : 1, 0) : ink));
  if (facing === "front") {
    // Faceless but a face: a slightly lit oval, framed by the hair.
    figure += path(smoothCurve(P(face), true), paint(kit, kit.line ? ink : mix(ink, rim, 0.22)));
    figure += path(smoothCurve(P(fringe), true), paint(kit, adjust(ink, { l: -0.02 })));
    figure += faceFeatures(P, k, mix(ink, rim, 0.22), kit.line ? kit.ink : mix(ink, [0, 0, 0], 0.45), rng, kit.u);
  } else {
    // In profile: one eye and a brow above it, toward the face's side.
    const [[ex, ey]] = P([[0.24, -0.52]]);
    const feature = kit.line ? kit.ink : mix(ink, rim, 0.45);
    figure += `<ellipse cx="${f(ex)}" cy="${f(ey)}" rx="${f(k * 0.045)}" ry="${f(k * 0.022)}" fill="${c(feature)}"/>`;
    figure += path(`M${f(ex - dir * k * 0.06)} ${f(ey - k * 0.07)}Q${f(ex)} ${f(ey - k * 0.1)} ${f(ex + dir * k * 0.07)} ${f(ey - k * 0.06)}`, `fill="none" stroke="${c(feature)}" stroke-width="${f(k * 0.02)}" stroke-linecap="round"`);
  }
  back.push(group(figure, `class="person"`));
  return { back, front: [] };
}

/** A simple face on the lit oval: eyes, brows, a nose and a mouth, their shapes drawn from the seed. */
function faceFeatures(P: (pts: Pt[]) => Pt[], k: number, skin: Rgb, ink: Rgb, rng: Rng, u: number): string {
  const r = rng.fork("face");
  const eyeY = r.range(-0.5, -0.44);
  const apart = r.range(0.12, 0.16);
  const [[lx, ly], [rx, ry], [nx, ny], [mx, my]] = P([[-apart, eyeY], [apart, eyeY], [0, -0.3], [0, r.range(-0.17, -0.13)]]);
  const eyeR = k * r.range(0.028, 0.04);
  const smile = k * r.range(-0.01, 0.04);
  const mouthW = k * r.range(0.07, 0.11);
  const width = f(Math.max(u * 2, k * 0.018));
  const col = c(ink);
  let out = "";
  for (const [x, y] of [[lx, ly], [rx, ry]]) {
    out += `<ellipse cx="${f(x)}" cy="${f(y)}" rx="${f(eyeR * 1.4)}" ry="${f(eyeR)}" fill="${c(mix(skin, [255, 255, 255], 0.5))}"/>`;
    out += `<circle cx="${f(x)}" cy="${f(y)}" r="${f(eyeR * 0.75)}" fill="${col}"/>`;
    out += path(`M${f(x - eyeR * 1.6)} ${f(y - eyeR * 2)}Q${f(x)} ${f(y - eyeR * r.range(2.4, 3.2))} ${f(x + eyeR * 1.6)} ${f(y - eyeR * 2)}`, `fill="none" stroke="${col}" stroke-width="${width}" stroke-linecap="round"`);
  }
  out += path(`M${f(nx)} ${f(ny - k * 0.08)}Q${f(nx - k * 0.03)} ${f(ny)} ${f(nx + k * 0.01)} ${f(ny + k * 0.01)}`, `fill="none" stroke="${col}" stroke-width="${width}" stroke-linecap="round" opacity="0.7"`);
  out += path(`M${f(mx - mouthW)} ${f(my)}Q${f(mx)} ${f(my + smile)} ${f(mx + mouthW)} ${f(my)}`, `fill="none" stroke="${c(mix(ink, [190, 70, 80], 0.4))}" stroke-width="${width}" stroke-linecap="round"`);
  return out;
}
