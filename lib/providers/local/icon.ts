/** An app icon: a centred glyph on a rounded square with a soft gradient, on a transparent background. */
import { adjust, fromHsl, luminance, mix, toHsl, type Rgb } from "./color";
import { glyphWords, glyphs, type GlyphPart } from "./icon-glyphs";
import type { Rng } from "./random";
import type { Layer, SceneContext, SceneLayers } from "./scene-context";
import { c, f, group, rect, softShadow } from "./svg";

export function icon(ctx: SceneContext): SceneLayers {
  const { a, w, h, s, p, kit, defs } = ctx;
  const rng = ctx.rng.fork("icon");
  // Every choice below comes from the seed — the tile's shape and corners, its gradient's angle, a motif behind
  // the glyph, the glyph's size, tilt and placement, the colours' shades — so one prompt gives a family of
  // marks, not one mark four times over.
  const glyph = glyphOf(a.tokens);
  const parts = glyph ? glyphs[glyph] : abstractGlyph(rng.fork("glyph"));
  const named = a.bound.get("object") ?? a.colors[0];
  const drawn = toHsl(rng.pick(p.accents));
  const shade = rng.fork("shade");
  const base: Rgb = named
    ? adjust(named, { h: shade.range(-10, 10), l: shade.range(-0.08, 0.08) })
    : p.fixed ? rng.pick(p.accents) : fromHsl({ h: (drawn.h + shade.range(-25, 25) + 360) % 360, s: Math.max(0.55, drawn.s), l: Math.min(0.6, Math.max(0.42, drawn.l + shade.range(-0.06, 0.06))) });
  const second = a.colors[1] ?? (p.fixed ? rng.pick(p.accents.filter((x) => x !== base).concat([base])) : adjust(base, { h: rng.pick([-1, 1]) * rng.range(20, 60), l: rng.range(0, 0.14) }));
  const size = s * rng.range(0.78, 0.88);
  const x0 = (w - size) / 2;
  const y0 = (h - size) / 2;
  const shape = rng.weighted(["rounded", "circle", "square"], [5, 3, 1]);
  const radius = shape === "circle" ? size / 2 : shape === "square" ? size * rng.range(0.04, 0.1) : size * rng.range(0.16, 0.3);
  const tile = (attrs: string) => rect(x0, y0, size, size, `rx="${f(radius)}" ${attrs}`);
  const angle = rng.range(0, Math.PI * 2);
  const [gx1, gy1, gx2, gy2] = [0.5 - Math.cos(angle) / 2, 0.5 - Math.sin(angle) / 2, 0.5 + Math.cos(angle) / 2, 0.5 + Math.sin(angle) / 2].map((v) => Math.round(v * 100) / 100);
  const back: Layer[] = [];
  if (!ctx.transparent) back.push(rect(0, 0, w, h, `fill="${c(kit.line ? kit.paper : mix(base, [245, 245, 245], rng.range(0.78, 0.9)))}"`));
  if (kit.line) {
    back.push(tile(`fill="${c(kit.paper)}" stroke="${c(kit.ink)}" stroke-width="${f(s * 0.012)}"`));
  } else {
    back.push(softShadow(tile, s * 0.012, 0.28, 0, s * 0.012));
    back.push(tile(`fill="${defs.linear([[0, adjust(second, { l: 0.06 })], [1, adjust(base, { l: -0.06 })]], gx1, gy1, gx2, gy2)}"`));
    back.push(tile(`fill="${defs.linear([[0, [255, 255, 255], 0.22], [0.5, [255, 255, 255], 0]])}"`));
  }
  const motifMarkup = motif(rng.fork("motif"), w / 2, h / 2, size, kit.line ? kit.ink : [255, 255, 255], kit.line ? s * 0.004 : s * 0.01);
  if (motifMarkup) back.push(group(motifMarkup, `clip-path="${defs.clip(tile(""))}" opacity="${kit.line ? 0.3 : Math.round(rng.range(0.1, 0.2) * 100) / 100}"`));
  const glyphColour: Rgb = kit.line ? kit.ink : luminance(base) > 0.72 ? mix(base, [20, 20, 30], 0.8) : [255, 255, 255];
  const accent: Rgb = kit.line ? kit.paper : rng.chance(0.5) ? mix(second, [255, 255, 255], rng.range(0.35, 0.65)) : fromHsl({ h: rng.range(0, 60), s: 0.9, l: rng.range(0.6, 0.72) });
  const detail: Rgb = kit.line ? kit.paper : mix(base, second, rng.range(0.3, 0.7));
  const k = (size * rng.range(0.52, 0.68)) / 100;
  const tilt = rng.chance(0.5) ? rng.range(-12, 12) : 0;
  const cx = w / 2 + rng.signed() * size * 0.04;
  const cy = h / 2 + rng.signed() * size * 0.04;
  const place = `transform="translate(${f(cx)} ${f(cy)}) rotate(${f(tilt)}) scale(${Math.round(k * 1000) / 1000}) translate(-50 -50)"`;
  const body = parts.map((part) => `<path d="${part.d}" fill="${c(part.role === "main" ? glyphColour : part.role === "accent" ? accent : detail)}"${kit.line ? ` stroke="${c(kit.ink)}" stroke-width="${f(1.6)}" stroke-linejoin="round"` : ""}/>`).join("");
  if (!kit.line) back.push(group(softShadow((at) => parts.filter((x) => x.role !== "detail").map((x) => `<path d="${x.d}" ${at}/>`).join(""), 2.5, 0.3, 0, 2.5), place));
  back.push(group(body, place));
  return { back, front: [] };
}

/** The first word of the prompt a glyph knows, if any. */
export const glyphOf = (tokens: readonly string[]) => tokens.map((t) => glyphWords[t]).find(Boolean);

/** A faint pattern inside the tile, behind the glyph: rings, stripes, dots, rays, or nothing. */
function motif(rng: Rng, cx: number, cy: number, size: number, colour: Rgb, stroke: number): string {
  const kind = rng.weighted(["none", "rings", "stripes", "dots", "rays"], [1, 2, 2, 2, 2]);
  const col = c(colour);
  if (kind === "rings") {
    const step = size * rng.range(0.07, 0.12);
    let out = "";
    for (let r = step; r < size * 0.75; r += step) out += `<circle cx="${f(cx)}" cy="${f(cy)}" r="${f(r)}"/>`;
    return `<g fill="none" stroke="${col}" stroke-width="${f(stroke * 1.5)}">${out}</g>`;
  }
  if (kind === "stripes") {
    const step = size * rng.range(0.08, 0.14);
    const turn = rng.pick([45, -45, 0, 90]);
    let out = "";
    for (let x = -size; x < size; x += step) out += `<rect x="${f(cx + x)}" y="${f(cy - size)}" width="${f(step * 0.45)}" height="${f(size * 2)}"/>`;
    return `<g fill="${col}" transform="rotate(${turn} ${f(cx)} ${f(cy)})">${out}</g>`;
  }
  if (kind === "dots") {
    const step = size * rng.range(0.09, 0.14);
    const r = step * rng.range(0.12, 0.25);
    let out = "";
    for (let y = cy - size / 2 + step / 2; y < cy + size / 2; y += step) for (let x = cx - size / 2 + step / 2; x < cx + size / 2; x += step) out += `<circle cx="${f(x)}" cy="${f(y)}" r="${f(r)}"/>`;
    return `<g fill="${col}">${out}</g>`;
  }
  if (kind === "rays") {
    const n = rng.int(8, 16);
    const spin = rng.range(0, Math.PI);
    let d = "";
    for (let i = 0; i < n; i++) {
      const a0 = spin + (i / n) * Math.PI * 2;
      const a1 = a0 + Math.PI / n;
      d += `M${f(cx)} ${f(cy)}L${f(cx + Math.cos(a0) * size)} ${f(cy + Math.sin(a0) * size)}L${f(cx + Math.cos(a1) * size)} ${f(cy + Math.sin(a1) * size)}Z`;
    }
    return `<path d="${d}" fill="${col}"/>`;
  }
  return "";
}

/** For words no glyph knows: a mark built from the hash (rings, a petal, a diamond). */
function abstractGlyph(rng: Rng): GlyphPart[] {
  const kind = rng.int(0, 3);
  const ring = (r: number, t: number) => `M${50 - r} 50a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0ZM${50 - r + t} 50a${r - t} ${r - t} 0 1 1 ${2 * (r - t)} 0a${r - t} ${r - t} 0 1 1 ${-2 * (r - t)} 0Z`;
  if (kind === 0) return [{ d: ring(34, 10), role: "main" }, { d: `M${50 - 12} 50a12 12 0 1 0 24 0a12 12 0 1 0 -24 0Z`, role: "accent" }];
  if (kind === 1) return [{ d: "M50 14 L86 50 L50 86 L14 50Z", role: "main" }, { d: "M50 34 L66 50 L50 66 L34 50Z", role: "detail" }];
  if (kind === 2) return [{ d: "M50 12 C72 30 72 70 50 88 C28 70 28 30 50 12Z", role: "main" }, { d: "M12 50 C30 28 70 28 88 50 C70 72 30 72 12 50Z", role: "accent" }];
  const n = rng.int(5, 8);
  let d = "";
  for (let i = 0; i < n; i++) {
    const a = (i / n) * Math.PI * 2;
    d += `M${50 + Math.cos(a) * 24 - 10} ${50 + Math.sin(a) * 24}a10 10 0 1 0 20 0a10 10 0 1 0 -20 0Z`;
  }
  return [{ d, role: "main" }, { d: "M40 50a10 10 0 1 0 20 0a10 10 0 1 0 -20 0Z", role: "accent" }];
}

