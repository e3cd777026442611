/**
 * One thing, large, on a table or a studio floor: headphones, a robot, a bowl of ramen, a camera… drawn from the
 * icon glyphs' shapes, shaded for the style, with its shadow. Which things it knows is `objectWords`.
 */
import { adjust, fromHsl, luminance, mix, toHsl, type Rgb } from "./color";
import { glyphs, type GlyphPart } from "./icon-glyphs";
import type { Analysis } from "./prompt-analysis";
import type { Layer, SceneContext, SceneLayers } from "./scene-context";
import { c, ellipse, f, group, rect } from "./svg";

/** Words that name a thing it can draw, and the glyph it is drawn from. */
export const objectWords: Record<string, string> = {
  headphones: "headphones", headphone: "headphones", headset: "headphones", earphones: "headphones",
  robot: "robot", android: "robot", droid: "robot", cyborg: "robot", mech: "robot",
  ramen: "ramen", noodle: "ramen", noodles: "ramen", soup: "ramen", pho: "ramen", bowl: "ramen", udon: "ramen",
  camera: "camera", cup: "cup", mug: "cup", coffee: "cup", tea: "cup", latte: "cup", espresso: "cup",
  cake: "cake", cupcake: "cake", dessert: "cake", car: "car", taxi: "car", vehicle: "car", plane: "plane", airplane: "plane",
  aircraft: "plane", jet: "plane", bag: "bag", handbag: "bag", backpack: "bag", book: "book", books: "book",
  gem: "gem", diamond: "gem", jewel: "gem", crystal: "gem", crown: "crown", bell: "bell", lock: "lock", padlock: "lock",
  pencil: "pencil", globe: "globe", controller: "game", gamepad: "game", joystick: "game", pizza: "pizza", pepperoni: "pizza",
};

/** Things with colours of their own (food): used unless the prompt names colours. */
const natural: Record<string, { body?: Rgb; accent?: Rgb; detail?: Rgb }> = {
  pizza: { body: [244, 192, 86], accent: [190, 122, 58], detail: [190, 50, 38] },
  ramen: { accent: [246, 212, 118] },
};

/** Things that also stand on a landscape's ground (landscape.ts), rather than only alone on a table. */
export const standingThings = new Set(["car", "robot"]);

/** Surfaces it stands on: named, they are drawn (a wooden top), not reported. */
export const surfaceWords = new Set(["desk", "table", "counter", "shelf", "tabletop", "workbench"]);

/** The glyph a word names as a thing ("robots" too), if any. */
export const objectGlyphOf = (t: string): string | undefined => objectWords[t] ?? (t.endsWith("s") ? objectWords[t.slice(0, -1)] : undefined);

/** The prompt's words that name a thing `object` can draw, in prompt order (excluded ones left out). */
export function objectTokens(a: Analysis): string[] {
  return a.tokens.filter((t) => !a.excluded.has(t) && objectGlyphOf(t) !== undefined);
}

export function object(ctx: SceneContext): SceneLayers {
  const { a, w, h, s, p, kit, defs } = ctx;
  const rng = ctx.rng.fork("object");
  const word = objectTokens(a)[0];
  const glyph = objectGlyphOf(word ?? "") ?? "robot";
  const parts = glyphs[glyph];
  const own = a.colors.length || a.bound.has("object") ? {} : (natural[glyph] ?? {});
  const table = a.tokens.some((t) => surfaceWords.has(t));
  const lightDir = rng.chance(0.5) ? -1 : 1;
  const floorY = h * rng.range(0.62, 0.74);
  const named = a.bound.get("object") ?? a.colors[0];
  const pick = toHsl(rng.pick(p.accents));
  const body: Rgb = named ?? (p.fixed ? rng.pick(p.accents) : fromHsl({ h: pick.h, s: Math.max(0.4, pick.s), l: Math.min(0.6, Math.max(0.38, pick.l)) }));
  const accent: Rgb = a.colors[1] ?? (p.fixed ? rng.pick(p.accents) : adjust(body, { h: rng.pick([-1, 1]) * rng.range(90, 160), l: 0.12, s: 0.1 }));
  const wall: Rgb = kit.line ? kit.paper : mix(adjust(rng.pick(p.accents), { sMul: 0.4 }), [238, 234, 228], rng.range(0.55, 0.8));
  const floor: Rgb = table ? mix([150, 104, 66], wall, 0.15) : adjust(wall, { l: -0.08 });
  const back: Layer[] = [];
  if (!ctx.transparent) {
    back.push(rect(0, 0, w, h, kit.line || kit.flat ? `fill="${c(wall)}"` : `fill="${defs.linearAt([[0, adjust(wall, { l: -0.06 })], [1, adjust(wall, { l: 0.04 })]], 0, 0, 0, floorY)}"`));
    back.push(rect(0, floorY, w, h - floorY, kit.line ? `fill="${c(kit.paper)}" stroke="${c(kit.ink)}" stroke-width="${f(kit.u * 2)}"` : `fill="${c(floor)}"`));
    if (table && !kit.line) back.push(rect(0, floorY, w, s * 0.012, `fill="${c(adjust(floor, { l: 0.08 }))}"`));
  }
  // The thing stands on the floor a little off centre.
  const size = s * rng.range(0.5, 0.66);
  const cx = w / 2 + rng.signed() * (w - size) * 0.25;
  const shade = (x: Rgb | undefined, fallback: Rgb) => (x ? adjust(x, { h: rng.range(-6, 6), l: rng.range(-0.05, 0.05) }) : fallback);
  back.push(thing(ctx, parts, cx, floorY + (h - floorY) * rng.range(0.25, 0.6), size, lightDir, shade(own.body, body), shade(own.accent, accent), rng.range(-6, 6), own.detail));
  return { back, front: [] };
}

/** A glyph drawn as a thing of `size` standing at (cx, bottom): its shadow, shaded parts, outlines per style. */
export function thing(ctx: SceneContext, parts: readonly GlyphPart[], cx: number, bottom: number, size: number, lightDir: number, body: Rgb, accent: Rgb, tilt = 0, detail?: Rgb): string {
  const { kit, defs } = ctx;
  const k = size / 100;
  const place = `transform="translate(${f(cx)} ${f(bottom)}) rotate(${f(tilt)}) scale(${Math.round(k * 1000) / 1000}) translate(-50 -92)"`;
  let out = kit.line ? "" : ellipse(cx + lightDir * size * 0.12, bottom, size * 0.48, size * 0.07, `fill="${defs.radial([[0, [0, 0, 0], 0.4], [1, [0, 0, 0], 0]])}"`);
  const shaded = (colour: Rgb) =>
    kit.flat || kit.line ? c(colour) : defs.linear([[0, adjust(colour, { l: 0.16 })], [0.55, colour], [1, adjust(colour, { l: -0.2 })]], lightDir < 0 ? 0 : 1, 0, lightDir < 0 ? 1 : 0, 1);
  const dark = detail ?? (luminance(body) > 0.5 ? adjust(body, { l: -0.3 }) : adjust(body, { l: 0.25 }));
  const fills = { main: shaded(body), detail: c(dark), accent: shaded(accent) };
  const stroke = kit.line ? ` stroke="${c(kit.ink)}" stroke-width="${f(1.4)}" stroke-linejoin="round"` : kit.outlines ? ` stroke="${c(mix(adjust(body, { l: -0.35 }), kit.ink, 0.4))}" stroke-width="${f(1.2)}" stroke-linejoin="round"` : "";
  out += group(parts.map((part) => `<path d="${part.d}" fill="${kit.line ? c(kit.paper) : fills[part.role]}"${stroke}/>`).join(""), place);
  return out;
}
