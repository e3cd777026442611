/** Abstract posters: a Bauhaus grid of motifs, a sparse Swiss composition, layered paper waves, retro arcs. */
import { adjust, luminance, mix, type Rgb } from "./color";
import { fbm1D, noise1D, type Rng } from "./random";
import type { Layer, SceneContext, SceneLayers } from "./scene-context";
import { c, circle, f, group, paint, path, rect, smoothCurve, softShadow } from "./svg";

type Variant = "grid" | "composition" | "waves" | "arcs";

/** The poster's colours: the named or drawn accents with lighter and darker kin, and a paper to lay them on. */
function swatches(ctx: SceneContext, rng: Rng): { paper: Rgb; inks: Rgb[] } {
  const { a, p } = ctx;
  let inks = p.accents.slice(0, 5);
  if (inks.length < 4) inks = [...inks, ...inks.map((x) => adjust(x, { l: 0.18 })), ...inks.map((x) => adjust(x, { l: -0.2 }))].slice(0, 5);
  const dark = a.modifiers.has("dark") || ctx.dark || (!a.modifiers.has("light") && rng.chance(0.25));
  const lightest = inks.reduce((m, x) => (luminance(x) > luminance(m) ? x : m), inks[0]);
  const darkest = inks.reduce((m, x) => (luminance(x) < luminance(m) ? x : m), inks[0]);
  const paper: Rgb = p.fixed ? (dark ? darkest : lightest) : dark ? mix([22, 24, 34], inks[0], 0.12) : mix([244, 238, 226], lightest, 0.12);
  inks = inks.filter((x) => Math.abs(luminance(x) - luminance(paper)) > 0.08);
  if (inks.length === 0) inks = [dark ? [240, 230, 210] : [30, 30, 40]];
  return { paper, inks };
}

export function abstractPoster(ctx: SceneContext): SceneLayers {
  const { a, w, h, kit } = ctx;
  const rng = ctx.rng.fork("abstract");
  const words = a.words;
  const variant: Variant = ["fluid", "wave", "flowing", "organic", "gradient", "liquid"].some((x) => words.has(x)) ? "waves"
    : words.has("geometric") || words.has("geometry") || words.has("bauhaus") || words.has("pattern") ? rng.weighted<Variant>(["grid", "composition", "arcs"], [3, 2, 1])
    : words.has("minimal") || words.has("minimalist") ? rng.weighted<Variant>(["composition", "arcs", "grid"], [3, 2, 1])
    : rng.pick<Variant>(["grid", "composition", "waves", "arcs"]);
  const { paper, inks } = swatches(ctx, rng);
  const back: Layer[] = [];
  if (!ctx.transparent) back.push(rect(0, 0, w, h, `fill="${c(kit.line ? kit.paper : paper)}"`));
  const draw = { grid, composition, waves, arcs }[variant];
  back.push(draw(ctx, rng.fork(variant), inks, kit.line ? kit.paper : paper));
  return { back, front: [] };
}

const pick = (rng: Rng, inks: Rgb[], not?: Rgb) => {
  const options = inks.filter((x) => x !== not);
  return rng.pick(options.length ? options : inks);
};

/** Shapes in this style: flat, outlined (line-art), or with a soft drop shadow (3d). */
function shape(ctx: SceneContext, markup: (attrs: string) => string, colour: Rgb): string {
  const { kit, s } = ctx;
  if (kit.rounded) return softShadow(markup, s * 0.01, 0.22, s * 0.008, s * 0.012) + markup(paint(kit, colour));
  return markup(paint(kit, colour));
}

function grid(ctx: SceneContext, rng: Rng, inks: Rgb[], paper: Rgb): string {
  const { w, h, s } = ctx;
  const margin = s * 0.08;
  const cols = w >= h ? rng.int(3, 5) : rng.int(2, 4);
  const cell = (w - margin * 2) / cols;
  const rows = Math.max(1, Math.floor((h - margin * 2) / cell));
  const top = (h - rows * cell) / 2;
  let out = "";
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < cols; k++) {
      const x = margin + k * cell;
      const y = top + r * cell;
      const cr = rng.fork(`cell${r}-${k}`);
      const bg = cr.chance(0.55) ? pick(cr, inks) : paper;
      const fg = pick(cr, inks, bg);
      const rot = cr.int(0, 3) * 90;
      const cx = x + cell / 2;
      const cy = y + cell / 2;
      let motif = "";
      switch (cr.int(0, 6)) {
        case 0: motif = shape(ctx, (at) => circle(cx, cy, cell * 0.38, at), fg); break;
        case 1: motif = shape(ctx, (at) => path(`M${f(x)} ${f(y + cell)}A${f(cell / 2)} ${f(cell / 2)} 0 0 1 ${f(x + cell)} ${f(y + cell)}Z`, at), fg); break;
        case 2: motif = shape(ctx, (at) => path(`M${f(x)} ${f(y)}L${f(x + cell)} ${f(y)}A${f(cell)} ${f(cell)} 0 0 1 ${f(x)} ${f(y + cell)}Z`, at), fg); break;
        case 3: motif = shape(ctx, (at) => path(`M${f(x)} ${f(y + cell)}L${f(cx)} ${f(y)}L${f(x + cell)} ${f(y + cell)}Z`, at), fg); break;
        case 4: {
          let d = "";
          const n = cr.int(3, 6);
          for (let i = 0; i < n; i++) d += `M${f(x)} ${f(y + ((i + 0.25) / n) * cell)}h${f(cell)}v${f(cell / n / 2)}h${f(-cell)}Z`;
          motif = path(d, paint(ctx.kit, fg));
          break;
        }
        case 5: {
          for (let i = 3; i >= 1; i--) motif += circle(cx, cy, (cell * 0.45 * i) / 3, paint(ctx.kit, i % 2 ? fg : bg));
          break;
        }
        default: {
          const n = 3;
          for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) motif += circle(x + ((i + 0.5) / n) * cell, y + ((j + 0.5) / n) * cell, cell * 0.09, paint(ctx.kit, fg));
        }
      }
      out += group(rect(x, y, cell + 0.5, cell + 0.5, paint(ctx.kit, bg)) + motif, `transform="rotate(${rot} ${f(cx)} ${f(cy)})"`);
    }
  }
  return out + (ctx.kit.line ? "" : rect(margin * 0.5, margin * 0.5, w - margin, h - margin, `fill="none" stroke="${c(adjust(paper, { l: luminance(paper) > 0.5 ? -0.5 : 0.5 }))}" stroke-opacity="0.15" stroke-width="${f(s * 0.002)}"`));
}

function composition(ctx: SceneContext, rng: Rng, inks: Rgb[]): string {
  const { w, h, s } = ctx;
  let out = "";
  const big = pick(rng, inks);
  out += shape(ctx, (at) => circle(w * rng.range(0.35, 0.65), h * rng.range(0.3, 0.5), s * rng.range(0.22, 0.32), at), big);
  for (let i = 0; i < rng.int(2, 4); i++) {
    const col = pick(rng, inks, big);
    const rw = s * rng.range(0.08, 0.5);
    const rh = s * rng.range(0.03, 0.25);
    const x = rng.range(0.05, 0.95) * w - rw / 2;
    const y = rng.range(0.35, 0.9) * h;
    out += shape(ctx, (at) => `<rect x="${f(x)}" y="${f(y)}" width="${f(rw)}" height="${f(rh)}" transform="rotate(${f(rng.pick([0, 0, 90, 45, -30]))} ${f(x + rw / 2)} ${f(y + rh / 2)})" ${at}/>`, col);
  }
  const line = pick(rng, inks);
  out += path(`M${f(w * rng.range(0.05, 0.3))} ${f(h * rng.range(0.1, 0.9))}L${f(w * rng.range(0.7, 0.95))} ${f(h * rng.range(0.1, 0.9))}`, `stroke="${c(ctx.kit.line ? ctx.kit.ink : line)}" stroke-width="${f(s * 0.008)}" stroke-linecap="round"`);
  const semi = pick(rng, inks);
  const sx = w * rng.range(0.2, 0.8);
  const sy = h * rng.range(0.6, 0.85);
  const sr = s * rng.range(0.08, 0.16);
  out += shape(ctx, (at) => path(`M${f(sx - sr)} ${f(sy)}A${f(sr)} ${f(sr)} 0 0 1 ${f(sx + sr)} ${f(sy)}Z`, at), semi);
  const dots = pick(rng, inks);
  let d = "";
  const ox = w * rng.range(0.1, 0.7);
  const oy = h * rng.range(0.08, 0.7);
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) d += circle(ox + i * s * 0.035, oy + j * s * 0.035, s * 0.007, "");
  out += group(d, paint(ctx.kit, dots));
  return out;
}

function waves(ctx: SceneContext, rng: Rng, inks: Rgb[]): string {
  const { w, h, s, kit, defs } = ctx;
  const n = rng.int(5, 8);
  const noise = noise1D(rng);
  let out = "";
  for (let i = 0; i < n; i++) {
    const t = i / (n - 1);
    const base = h * (0.12 + t * 0.88);
    const col = mix(inks[i % inks.length], inks[(i + 1) % inks.length], 0.2);
    const pts: [number, number][] = [];
    for (let k = 0; k <= 12; k++) pts.push([(k / 12) * w * 1.1 - w * 0.05, base + fbm1D(noise, k * 0.35 + i * 3.1, 2) * s * 0.14]);
    const d = smoothCurve(pts) + `L${f(w * 1.05)} ${f(h + 2)}L${f(-w * 0.05)} ${f(h + 2)}Z`;
    if (!kit.line && !kit.flat) out += softShadow((at) => path(d, at), s * 0.012, 0.3, 0, -s * 0.008);
    out += path(d, paint(kit, kit.flat || kit.line ? col : defs.linear([[0, adjust(col, { l: 0.06 })], [1, adjust(col, { l: -0.1 })]])));
  }
  return out;
}

function arcs(ctx: SceneContext, rng: Rng, inks: Rgb[]): string {
  const { w, h, s, kit } = ctx;
  const cx = w * rng.pick([0.5, 0.3, 0.7]);
  const cy = h * rng.range(0.65, 0.85);
  const bands = rng.int(4, 7);
  const r0 = s * rng.range(0.42, 0.6);
  let out = "";
  for (let i = 0; i < bands; i++) {
    const r = r0 * (1 - i / bands);
    out += path(`M${f(cx - r)} ${f(cy)}A${f(r)} ${f(r)} 0 0 1 ${f(cx + r)} ${f(cy)}Z`, paint(kit, inks[i % inks.length]));
  }
  out += rect(0, cy, w, h - cy, paint(kit, inks[bands % inks.length]));
  const sun = pick(rng, inks);
  out += circle(w * rng.range(0.15, 0.85), h * rng.range(0.12, 0.3), s * rng.range(0.05, 0.1), paint(kit, sun));
  return out;
}
