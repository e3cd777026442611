/** The sky: gradient, sun or moon, stars, the Milky Way, aurora and rainbow. */
import { adjust, mix, type Rgb } from "../color";
import { excluded, type SceneContext } from "../scene-context";
import { circle, c, f, group, path, rect } from "../svg";
import { milkyWayTexture } from "../texture";

export function skyGradient(ctx: SceneContext, bottom = ctx.h): string {
  const { w, p, kit, defs, horizon } = ctx;
  if (ctx.transparent) return "";
  if (kit.line) return rect(0, 0, w, ctx.h, `fill="${c(kit.paper)}"`);
  const top = kit.style === "anime" ? adjust(p.c.skyTop, { sMul: 1.25 }) : p.c.skyTop;
  const stops: [number, Rgb][] = [[0, top], [0.55, p.c.skyMid], [1, p.c.skyHorizon]];
  if (kit.flat && kit.style !== "pixel") {
    const bands = 7;
    let out = rect(0, 0, w, bottom, `fill="${c(p.c.skyHorizon)}"`);
    for (let i = 0; i < bands; i++) {
      const t = i / (bands - 1);
      const col = t < 0.55 ? mix(top, p.c.skyMid, t / 0.55) : mix(p.c.skyMid, p.c.skyHorizon, (t - 0.55) / 0.45);
      const y = (horizon * i) / bands;
      out += rect(0, y, w, horizon - y + 1, `fill="${c(col)}"`);
    }
    return out;
  }
  const fill = defs.linearAt(stops.map(([o, col]) => [o, col] as const), 0, 0, 0, horizon);
  return rect(0, 0, w, bottom, `fill="${fill}"`);
}

/** A warm band of light along the horizon (sunsets, dusk, dawn). */
export function horizonGlow(ctx: SceneContext): string {
  const { w, p, defs, horizon, kit } = ctx;
  if (ctx.transparent || kit.line) return "";
  const strong = ["sunset", "sunrise", "dusk", "golden"].includes(p.time);
  if (!strong) return "";
  const fill = defs.linear([[0, p.c.glow, 0], [1, p.c.glow, 0.55]]);
  return rect(0, horizon * 0.55, w, horizon * 0.45 + 1, `fill="${fill}"`);
}

export function sunOrMoon(ctx: SceneContext): string {
  return group(celestialBody(ctx), `class="${ctx.celestial.kind}"`);
}

function celestialBody(ctx: SceneContext): string {
  const { p, kit, defs, celestial: cel, s } = ctx;
  if (cel.kind === "none") return "";
  let out = "";
  if (cel.kind === "sun") {
    if (!kit.line && !ctx.transparent) {
      const glowR = s * (p.time === "noon" ? 0.35 : 0.55);
      const glow = defs.radialAt([[0, p.c.glow, 0.75], [0.25, p.c.glow, 0.35], [1, p.c.glow, 0]], cel.x, cel.y, glowR);
      out += circle(cel.x, cel.y, glowR, `fill="${glow}"`);
    }
    if (kit.line) {
      out += circle(cel.x, cel.y, cel.r, `fill="none" stroke="${c(kit.ink)}" stroke-width="${f(kit.u * 2.4)}"`);
      let rays = "";
      for (let i = 0; i < 12; i++) {
        const a = (i / 12) * Math.PI * 2;
        rays += `M${f(cel.x + Math.cos(a) * cel.r * 1.35)} ${f(cel.y + Math.sin(a) * cel.r * 1.35)}L${f(cel.x + Math.cos(a) * cel.r * 1.75)} ${f(cel.y + Math.sin(a) * cel.r * 1.75)}`;
      }
      return out + path(rays, `stroke="${c(kit.ink)}" stroke-width="${f(kit.u * 2.2)}" stroke-linecap="round"`);
    }
    const disc = kit.flat ? c(p.c.sun) : defs.radial([[0, mix(p.c.sun, [255, 255, 255], 0.6)], [0.75, p.c.sun], [1, mix(p.c.sun, p.c.glow, 0.4)]]);
    return out + circle(cel.x, cel.y, cel.r, `fill="${disc}"`);
  }
  const moon = p.c.moon;
  if (!kit.line && !ctx.transparent) {
    const glow = defs.radialAt([[0, moon, 0.35], [0.4, moon, 0.08], [1, moon, 0]], cel.x, cel.y, cel.r * 6);
    out += circle(cel.x, cel.y, cel.r * 6, `fill="${glow}"`);
  }
  const rng = ctx.rng.fork("moon");
  const crescent = rng.chance(0.35) && !ctx.a.words.has("full");
  const attrs = kit.line ? `fill="${c(kit.paper)}" stroke="${c(kit.ink)}" stroke-width="${f(kit.u * 2.2)}"` : `fill="${c(moon)}"`;
  if (crescent) {
    const k = rng.range(0.25, 0.6) * cel.r;
    const side = rng.chance(0.5) ? 1 : 0;
    out += path(`M${f(cel.x)} ${f(cel.y - cel.r)}A${f(cel.r)} ${f(cel.r)} 0 1 ${side} ${f(cel.x)} ${f(cel.y + cel.r)}A${f(k)} ${f(cel.r)} 0 1 ${1 - side} ${f(cel.x)} ${f(cel.y - cel.r)}Z`, attrs);
  } else {
    out += circle(cel.x, cel.y, cel.r, attrs);
    if (!kit.line) {
      const crater = c(mix(moon, p.c.skyMid, 0.22));
      for (let i = 0; i < 5; i++) {
        const a = rng.range(0, Math.PI * 2);
        const d = rng.range(0.1, 0.6) * cel.r;
        out += circle(cel.x + Math.cos(a) * d, cel.y + Math.sin(a) * d, cel.r * rng.range(0.08, 0.2), `fill="${crater}" fill-opacity="0.55"`);
      }
    }
  }
  return out;
}

export function stars(ctx: SceneContext, density: number, bottom = ctx.horizon): string {
  const { w, kit, p, s } = ctx;
  if (excluded(ctx, "stars", "star") || density <= 0) return "";
  const rng = ctx.rng.detail("stars");
  const count = Math.round(Math.min(900, (w * bottom) / (s * s) * 260 * density));
  const colour = kit.line ? kit.ink : mix(p.c.moon, [255, 255, 255], 0.5);
  let small = "";
  let out = "";
  for (let i = 0; i < count; i++) {
    const x = rng.range(0, w);
    const y = bottom * Math.pow(rng.next(), 1.35);
    const size = Math.pow(rng.next(), 6);
    const r = s * (0.0012 + size * 0.004);
    if (y > bottom * 0.85 && rng.chance(0.6)) continue;
    if (size > 0.45 && !kit.line) {
      out += circle(x, y, r * 1.1, `fill="${c(colour)}"`);
      const g = r * 5;
      out += path(`M${f(x - g)} ${f(y)}L${f(x + g)} ${f(y)}M${f(x)} ${f(y - g)}L${f(x)} ${f(y + g)}`, `stroke="${c(colour)}" stroke-opacity="0.5" stroke-width="${f(r * 0.35)}"`);
    } else {
      small += `M${f(x)} ${f(y - r)}a${f(r)} ${f(r)} 0 1 0 0.01 0`;
    }
  }
  return group(path(small, `fill="${c(colour)}"`) + out, `class="stars" opacity="${kit.line ? 0.8 : Math.min(1, 0.55 + density * 0.4)}"`);
}

/** A diagonal band of glowing dust and crowded stars. */
export function milkyWay(ctx: SceneContext): string {
  const { w, h, p, kit, s, horizon } = ctx;
  if (kit.line || excluded(ctx, "galaxy")) return "";
  const rng = ctx.rng.fork("milkyway");
  const cx = w * rng.range(0.35, 0.65);
  const cy = horizon * rng.range(0.35, 0.6);
  const angle = rng.range(-65, -30) * (rng.chance(0.5) ? 1 : -1);
  const len = Math.hypot(w, h);
  const tint = mix(p.accents[0] ?? [180, 150, 255], [190, 200, 255], 0.45);
  let dust = "";
  const specks = ctx.rng.detail("milkyway-dust");
  const n = Math.round(Math.min(1600, 700 * (w / s)));
  for (let i = 0; i < n; i++) {
    const x = (specks.next() - 0.5) * len;
    const y = (specks.next() + specks.next() + specks.next() - 1.5) * s * 0.1;
    const r = s * (0.0007 + Math.pow(specks.next(), 4) * 0.0022);
    dust += `M${f(x)} ${f(y - r)}a${f(r)} ${f(r)} 0 1 0 0.01 0`;
  }
  return milkyWayTexture(w, h, cx, cy, angle, tint, ctx.rng.streams[0].seed) + group(path(dust, `fill="#fff" fill-opacity="0.75"`), `transform="translate(${f(cx)} ${f(cy)}) rotate(${f(angle)})"`);
}

/** Curtains of light: stacked wavy ribbons fading upward. */
export function aurora(ctx: SceneContext): string {
  const { w, defs, horizon, kit } = ctx;
  if (kit.line) return "";
  const rng = ctx.rng.fork("aurora");
  const colours: Rgb[] = [[80, 255, 170], [60, 220, 200], [170, 110, 255]];
  let out = "";
  for (let band = 0; band < 3; band++) {
    const base = horizon * rng.range(0.35, 0.7);
    const amp = horizon * rng.range(0.05, 0.15);
    const height = horizon * rng.range(0.2, 0.45);
    const col = colours[band % colours.length];
    const fill = defs.linear([[0, col, 0], [0.75, col, 0.45 - band * 0.1], [1, col, 0]]);
    const ph = rng.range(0, 6);
    const fr = rng.range(2, 5);
    let top = "";
    let bottom = "";
    for (let i = 0; i <= 40; i++) {
      const x = (i / 40) * w;
      const y = base + Math.sin((i / 40) * fr + ph) * amp + Math.sin((i / 40) * fr * 2.7 + ph) * amp * 0.3;
      top += `${i ? "L" : "M"}${f(x)} ${f(y - height)}`;
      bottom = `L${f(x)} ${f(y)}` + bottom;
    }
    out += path(top + bottom + "Z", `fill="${fill}"`);
  }
  return out;
}

export function rainbow(ctx: SceneContext): string {
  const { w, horizon, kit, s } = ctx;
  const rng = ctx.rng.fork("rainbow");
  const cx = w * rng.range(0.3, 0.7);
  const r = s * rng.range(0.45, 0.7);
  const colours = ["#ff4d4d", "#ff9f40", "#ffe14d", "#5fd35f", "#4da6ff", "#7a5cff", "#c05cff"];
  const band = s * 0.012;
  let out = "";
  colours.forEach((col, i) => {
    const rr = r - i * band;
    out += path(`M${f(cx - rr)} ${f(horizon)}A${f(rr)} ${f(rr)} 0 0 1 ${f(cx + rr)} ${f(horizon)}`, `fill="none" stroke="${kit.line ? c(kit.ink) : col}" stroke-width="${f(kit.line ? kit.u * 1.5 : band * 1.05)}"`);
  });
  return group(out, `opacity="${kit.line ? 0.9 : 0.4}"`);
}

export function birds(ctx: SceneContext, count: number): string {
  const { w, horizon, kit, s, p } = ctx;
  const rng = ctx.rng.fork("birds");
  const cx = w * rng.range(0.2, 0.8);
  const cy = horizon * rng.range(0.2, 0.55);
  const colour = kit.line ? kit.ink : mix(p.c.rockShadow, [20, 20, 30], 0.6);
  let d = "";
  for (let i = 0; i < count; i++) {
    const x = cx + rng.signed() * s * 0.2;
    const y = cy + rng.signed() * s * 0.08;
    const span = s * rng.range(0.012, 0.028);
    const flap = rng.range(0.2, 0.6);
    d += `M${f(x - span)} ${f(y - span * flap)}Q${f(x - span * 0.4)} ${f(y - span * flap * 0.6)} ${f(x)} ${f(y)}Q${f(x + span * 0.4)} ${f(y - span * flap * 0.6)} ${f(x + span)} ${f(y - span * flap)}`;
  }
  return path(d, `fill="none" stroke="${c(colour)}" stroke-width="${f(Math.max(1, s * 0.0032))}" stroke-linecap="round" stroke-linejoin="round"`);
}
