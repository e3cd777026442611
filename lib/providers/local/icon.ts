/** An app icon: a centred glyph on a rounded square with a soft gradient, on a transparent background. */
import { adjust, fromHsl, luminance, mix, toHsl, type Rgb } from "./color";
import { glyphWords, glyphs, type GlyphPart } from "./icon-glyphs";
import type { Rng } from "./random";
import type { Layer, SceneContext, SceneLayers } from "./scene-context";
import { c, f, group, rect, softShadow } from "./svg";

export function icon(ctx: SceneContext): SceneLayers {
  const { a, w, h, s, p, kit, defs } = ctx;
  const rng = ctx.rng.fork("icon");
  const glyph = a.tokens.map((t) => glyphWords[t]).find(Boolean);
  const parts = glyph ? glyphs[glyph] : abstractGlyph(rng);
  const named = a.bound.get("object") ?? a.colors[0];
  const drawn = toHsl(rng.pick(p.accents));
  const base: Rgb = named ?? (p.fixed ? rng.pick(p.accents) : fromHsl({ h: drawn.h, s: Math.max(0.55, drawn.s), l: Math.min(0.58, Math.max(0.45, drawn.l)) }));
  const second = a.colors[1] ?? (p.fixed ? rng.pick(p.accents.filter((x) => x !== base).concat([base])) : adjust(base, { h: rng.pick([-40, 35, 50]), l: 0.1 }));
  const size = s * 0.84;
  const x0 = (w - size) / 2;
  const y0 = (h - size) / 2;
  const radius = size * 0.225;
  const back: Layer[] = [];
  if (!ctx.transparent) back.push(rect(0, 0, w, h, `fill="${c(kit.line ? kit.paper : mix(base, [245, 245, 245], 0.85))}"`));
  if (kit.line) {
    back.push(rect(x0, y0, size, size, `rx="${f(radius)}" fill="${c(kit.paper)}" stroke="${c(kit.ink)}" stroke-width="${f(s * 0.012)}"`));
  } else {
    back.push(softShadow((at) => rect(x0, y0, size, size, `rx="${f(radius)}" ${at}`), s * 0.012, 0.28, 0, s * 0.012));
    back.push(rect(x0, y0, size, size, `rx="${f(radius)}" fill="${defs.linear([[0, adjust(second, { l: 0.06 })], [1, adjust(base, { l: -0.06 })]], 0, 0, 0.4, 1)}"`));
    back.push(rect(x0, y0, size, size * 0.5, `rx="${f(radius)}" fill="${defs.linear([[0, [255, 255, 255], 0.22], [1, [255, 255, 255], 0]])}"`));
  }
  const glyphColour: Rgb = kit.line ? kit.ink : luminance(base) > 0.72 ? mix(base, [20, 20, 30], 0.8) : [255, 255, 255];
  const accent: Rgb = kit.line ? kit.paper : rng.pick<Rgb>([[255, 200, 80], [255, 120, 90], mix(second, [255, 255, 255], 0.5)]);
  const detail: Rgb = kit.line ? kit.paper : mix(base, second, 0.5);
  const k = (size * 0.62) / 100;
  const gx = w / 2 - 50 * k;
  const gy = h / 2 - 50 * k;
  const body = parts.map((part) => `<path d="${part.d}" fill="${c(part.role === "main" ? glyphColour : part.role === "accent" ? accent : detail)}"${kit.line ? ` stroke="${c(kit.ink)}" stroke-width="${f(1.6)}" stroke-linejoin="round"` : ""}/>`).join("");
  if (!kit.line) back.push(group(softShadow((at) => parts.filter((x) => x.role !== "detail").map((x) => `<path d="${x.d}" ${at}/>`).join(""), 2.5, 0.3, 0, 2.5), `transform="translate(${f(gx)} ${f(gy)}) scale(${k})"`));
  back.push(group(body, `transform="translate(${f(gx)} ${f(gy)}) scale(${k})"`));
  return { back, front: [] };
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

