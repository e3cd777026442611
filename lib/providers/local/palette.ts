/** Turns the analysis and the time of day into the concrete colours of a scene. */
import { adjust, clamp01, fromHsl, grey, hueDelta, luminance, mix, multiply, parseHex, scale, tintToward, toHsl, type Rgb } from "./color";
import { posterPalettes } from "./palette-words";
import type { Analysis, ColorTarget } from "./prompt-analysis";
import type { Rng } from "./random";
import { materials, timePresets } from "./time-presets";
import type { TimeOfDay } from "./vocabulary";

export const roles = [
  "skyTop", "skyMid", "skyHorizon", "sun", "glow", "haze", "cloud", "cloudShade", "rock", "rockShadow", "snow", "land",
  "landShadow", "foliage", "foliageShadow", "trunk", "water", "waterDeep", "sand", "sandShadow", "building", "window",
  "creature", "ink", "paper", "moon", "object",
] as const;
export type Role = (typeof roles)[number];

export interface ScenePalette {
  c: Record<Role, Rgb>;
  /** Free colours for flowers, neon signs, abstract shapes, spheres. */
  accents: Rgb[];
  time: TimeOfDay;
  /** 0 (night) … 1 (noon). */
  exposure: number;
  light: Rgb;
  shade: Rgb;
  /** The colours came from the user: draw with them as they are. */
  fixed: boolean;
}

/** A daylight material as lit by the scene's light; `shadow` 0 = full light, 1 = in shadow. */
export function lit(p: Pick<ScenePalette, "light" | "shade" | "exposure">, material: Rgb, shadow = 0): Rgb {
  const k = 0.3 + 0.8 * p.exposure;
  const sunlit = scale(multiply(material, p.light), k);
  const dim = scale(material, 0.3 + 0.32 * p.exposure);
  const shaded = mix(dim, scale(multiply(material, p.shade), 0.6 + 0.6 * p.exposure), 0.45);
  return mix(sunlit, shaded, shadow);
}

const roleTargets: Partial<Record<ColorTarget, Role[]>> = {
  sky: ["skyTop", "skyMid"], sun: ["sun", "glow"], moon: ["moon"], water: ["water", "waterDeep"], mountain: ["rock", "rockShadow"],
  foliage: ["foliage", "foliageShadow"], building: ["building"], sand: ["sand", "sandShadow"], land: ["land", "landShadow"],
  creature: ["creature"], cloud: ["cloud", "cloudShade"], object: ["object"],
};

export function buildPalette(a: Analysis, time: TimeOfDay, rng: Rng, userPalette: Rgb[] = []): ScenePalette {
  const t = timePresets[time];
  const autumn = a.season === "autumn";
  const base = { light: t.light, shade: t.shade, exposure: t.exposure };
  const snowy = a.weather.has("snow");
  const c: Record<Role, Rgb> = {
    skyTop: t.skyTop, skyMid: t.skyMid, skyHorizon: t.skyHorizon, sun: t.sun, glow: mix(t.sun, t.skyHorizon, 0.4),
    haze: mix(t.skyHorizon, t.skyMid, 0.35), cloud: t.cloudLit, cloudShade: t.cloudShade,
    rock: lit(base, materials.rock, 0.1), rockShadow: lit(base, materials.rock, 0.85), snow: lit(base, materials.snow, 0.05),
    land: lit(base, snowy ? materials.snow : autumn ? materials.grassDry : materials.grass, 0.1),
    landShadow: lit(base, snowy ? materials.snow : autumn ? materials.grassDry : materials.grass, 0.8),
    foliage: lit(base, autumn ? materials.autumnLeaf : a.season === "spring" ? materials.blossom : materials.pine, 0.15),
    foliageShadow: lit(base, autumn ? materials.autumnLeaf : materials.pine, 0.9), trunk: lit(base, materials.trunk, 0.4),
    water: mix(lit(base, materials.water, 0.2), t.skyHorizon, 0.25), waterDeep: lit(base, materials.waterDeep, 0.5),
    sand: lit(base, materials.sand, 0.05), sandShadow: lit(base, materials.sand, 0.75), building: lit(base, materials.building, 0.5),
    window: materials.window, creature: lit(base, [120, 110, 100], 0.2), ink: [34, 32, 40], paper: [246, 241, 230],
    moon: [246, 242, 222], object: lit(base, [200, 90, 80], 0),
  };
  // Every picture's hues drift a little with the hash: unknown words and seeds change the mood subtly.
  const drift = rng.signed() * 14;
  for (const r of ["skyTop", "skyMid", "skyHorizon", "haze", "water", "waterDeep", "rock", "rockShadow"] as Role[]) c[r] = adjust(c[r], { h: drift });

  let accents = a.colors.length ? [...a.colors] : rng.pick(posterPalettes).map((h) => parseHex(h)!);
  if (a.modifiers.has("neon")) accents = a.colors.length ? a.colors.map((x) => adjust(x, { s: 0.3, l: 0.05 })) : [[255, 43, 214], [39, 224, 255], [177, 75, 255], [255, 210, 63]];
  c.object = accents[rng.int(0, accents.length - 1)];
  c.creature = creatureColor(a, c);

  applyColorWords(a, c);
  applyModifiers(a, c, accents);
  gradeAll(a, c, accents);
  if (userPalette.length) {
    mapToPalette(c, userPalette, rng);
    accents = [...userPalette];
  }
  for (const avoid of a.avoid) steerAway(c, accents, avoid);
  return { c, accents, time, exposure: t.exposure, light: t.light, shade: t.shade, fixed: userPalette.length > 0 };
}

function creatureColor(a: Analysis, c: Record<Role, Rgb>): Rgb {
  const s = a.subjects;
  const fur: Rgb = s.has("fox") ? [214, 104, 40] : s.has("wolf") ? [120, 124, 134] : s.has("deer") ? [150, 100, 62] :
    s.has("rabbit") ? [190, 170, 150] : s.has("cat") ? [70, 66, 72] : s.has("dog") ? [196, 140, 84] : [60, 58, 66];
  return mix(fur, c.rockShadow, 0.15);
}

function applyColorWords(a: Analysis, c: Record<Role, Rgb>) {
  const [first, second] = a.colors;
  if (first) {
    c.skyTop = tintToward(c.skyTop, first, 0.6);
    c.skyMid = tintToward(c.skyMid, first, 0.55);
    c.skyHorizon = tintToward(c.skyHorizon, second ?? first, 0.4);
    c.haze = tintToward(c.haze, first, 0.4);
    c.glow = tintToward(c.glow, second ?? first, 0.35);
    c.water = tintToward(c.water, first, 0.45);
    c.waterDeep = tintToward(c.waterDeep, first, 0.35);
    for (const r of ["rock", "rockShadow", "land", "landShadow", "sand", "cloud", "cloudShade", "building"] as Role[]) c[r] = tintToward(c[r], first, 0.25);
  }
  for (const [target, colour] of a.bound) {
    for (const role of roleTargets[target] ?? []) {
      const keepL = toHsl(c[role]).l;
      const wanted = toHsl(colour);
      const shadow = role.endsWith("Shadow") || role === "waterDeep" || role === "cloudShade";
      const l = target === "sky" || target === "creature" || target === "object" ? wanted.l : keepL * 0.45 + wanted.l * 0.55;
      const tinted = fromHsl({ h: wanted.h, s: Math.max(wanted.s * 0.95, 0.05), l: clamp01(shadow ? l * 0.65 : l) });
      // A "red fox" is the red of foxes: the named colour leans toward the animal's own.
      const animal = ["fox", "cat", "dog", "wolf", "rabbit", "deer"].some((x) => a.subjects.has(x as never));
      c[role] = target === "creature" && animal ? mix(tinted, c[role], 0.45) : tinted;
    }
    if (target === "sky") c.skyHorizon = tintToward(c.skyHorizon, colour, 0.5);
    if (target === "water") c.haze = tintToward(c.haze, colour, 0.2);
  }
}

function applyModifiers(a: Analysis, c: Record<Role, Rgb>, accents: Rgb[]) {
  const m = a.modifiers;
  const each = (f: (x: Rgb) => Rgb) => {
    for (const r of roles) if (r !== "ink" && r !== "paper") c[r] = f(c[r]);
    accents.forEach((x, i) => (accents[i] = f(x)));
  };
  if (m.has("pastel")) each((x) => { const h = toHsl(x); return fromHsl({ h: h.h, s: Math.max(0.35, Math.min(h.s, 0.6)), l: 0.56 + h.l * 0.28 }); });
  if (m.has("muted")) each((x) => adjust(x, { sMul: 0.55 }));
  if (m.has("vibrant")) each((x) => adjust(x, { sMul: 1.35 }));
  if (m.has("vintage")) each((x) => mix(mix(x, grey(x), 0.35), [214, 168, 110], 0.2));
  if (m.has("dark")) each((x) => adjust(x, { l: -0.1 }));
  if (m.has("light")) each((x) => adjust(x, { l: 0.08 }));
  if (m.has("mono")) {
    const tint = a.colors[0];
    each((x) => (tint ? fromHsl({ h: toHsl(tint).h, s: 0.3, l: luminance(x) }) : grey(x)));
  }
}

function gradeAll(a: Analysis, c: Record<Role, Rgb>, accents: Rgb[]) {
  const g = a.grade;
  let warmth = g.warmth + (a.modifiers.has("warm") ? 0.4 : 0) - (a.modifiers.has("cool") ? 0.4 : 0);
  warmth = Math.max(-1, Math.min(1, warmth));
  const sat = 1 + g.saturation;
  const grim = a.weather.has("storm") || a.weather.has("overcast") || a.weather.has("rain");
  const foggy = a.weather.has("fog") || g.fog > 0.3;
  for (const r of roles) {
    if (r === "ink" || r === "paper") continue;
    let x = c[r];
    if (sat !== 1 || g.brightness) x = adjust(x, { sMul: sat, l: g.brightness * (r === "window" || r === "sun" ? 0.3 : 1) });
    if (warmth) x = tintToward(x, warmth > 0 ? [255, 150, 70] : [70, 130, 255], Math.abs(warmth) * 0.16);
    const storm = a.weather.has("storm") ? 0.25 : 0;
    if (grim && r !== "window") x = mix(x, mix(grey(x), [112, 120, 134], 0.3), (r.startsWith("sky") || r.startsWith("cloud") || r === "haze" ? 0.6 : 0.3) + storm);
    if (foggy && r !== "window" && r !== "sun") x = mix(x, c.haze, r.startsWith("sky") ? 0.2 : 0.1);
    c[r] = x;
  }
  if (grim) c.haze = mix(c.haze, grey(c.haze), 0.5);
  if (sat !== 1) accents.forEach((x, i) => (accents[i] = adjust(x, { sMul: sat })));
}

/** Draws every role from the user's palette: roles keep their place in the light-to-dark order. */
function mapToPalette(c: Record<Role, Rgb>, palette: Rgb[], rng: Rng) {
  const sorted = [...palette].sort((x, y) => luminance(x) - luminance(y));
  const fixed = new Set<Role>(["ink", "paper", "window"]);
  const keys = roles.filter((r) => !fixed.has(r));
  const lums = keys.map((r) => luminance(c[r]));
  const lo = Math.min(...lums);
  const hi = Math.max(...lums);
  const jitter = rng.next();
  keys.forEach((r, i) => {
    const pos = hi > lo ? (lums[i] - lo) / (hi - lo) : 0.5;
    const idx = Math.round(pos * (sorted.length - 1) + (r === "object" || r === "creature" ? (jitter - 0.5) * 2 : 0));
    c[r] = sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
  });
  c.window = sorted[sorted.length - 1];
  c.paper = mix(sorted[sorted.length - 1], [250, 248, 242], 0.6);
  c.ink = mix(sorted[0], [20, 20, 26], 0.5);
}

/** Turns every colour near an avoided hue away from it. */
function steerAway(c: Record<Role, Rgb>, accents: Rgb[], avoid: Rgb) {
  const ah = toHsl(avoid);
  const fix = (x: Rgb): Rgb => {
    const h = toHsl(x);
    if (h.s < 0.12 || ah.s < 0.12) return ah.s < 0.12 && Math.abs(h.l - ah.l) < 0.15 ? adjust(x, { l: ah.l > 0.5 ? -0.2 : 0.2 }) : x;
    const d = hueDelta(ah.h, h.h);
    return Math.abs(d) < 40 ? fromHsl({ ...h, h: ah.h + (d >= 0 ? 70 : -70) }) : x;
  };
  for (const r of roles) c[r] = fix(c[r]);
  accents.forEach((x, i) => (accents[i] = fix(x)));
}
