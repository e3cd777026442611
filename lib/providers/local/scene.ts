/** Chooses what kind of picture a prompt makes and sets the stage: time of day, horizon, sun or moon, palette. */
import type { StylePreset } from "../types";
import type { Rgb } from "./color";
import { abstractPoster } from "./abstract";
import { botanical } from "./botanical";
import { noticesFor, undrawnWords } from "./coverage";
import { glyphOf, icon } from "./icon";
import { landscape } from "./landscape";
import { object, objectTokens } from "./object";
import { portrait } from "./portrait";
import { space } from "./space";
import { stillLife } from "./still-life";
import { buildPalette } from "./palette";
import type { Analysis } from "./prompt-analysis";
import { Rng, type Stream } from "./random";
import type { Celestial, SceneContext, SceneLayers } from "./scene-context";
import { Defs, makeKit, type RenderStyle } from "./svg";
import { timePresets } from "./time-presets";
import type { TimeOfDay } from "./vocabulary";

export type Archetype = "landscape" | "space" | "abstract" | "still-life" | "portrait" | "botanical" | "icon" | "object";

/** Hints read from a source picture that is not one of ours: where its horizon and its light are. */
export interface SceneGuide {
  /** Fraction of the height. */
  horizon?: number;
  /** The brightest place, as fractions of width and height. */
  light?: { x: number; y: number };
  time?: TimeOfDay;
}

export interface SceneParams {
  analysis: Analysis;
  width: number;
  height: number;
  style: RenderStyle;
  palette: Rgb[];
  transparent: boolean;
  /** The random streams (one seed, or a mix for variations). */
  streams: Stream[];
  guide?: SceneGuide;
}

export interface Scene extends SceneLayers {
  ctx: SceneContext;
  archetype: Archetype;
  /** What the person should know: the words of the prompt this scene did not draw (coverage.ts). */
  notices: string[];
}

export function resolveStyle(style: StylePreset | undefined, a: Analysis): RenderStyle {
  const s = style && style !== "none" ? style : a.style ?? "none";
  const map: Record<StylePreset, RenderStyle> = {
    none: "poster", photorealistic: "photo", illustration: "illustration", "3d": "3d", anime: "anime", painting: "painting",
    "pixel-art": "pixel", "line-art": "line", icon: "icon",
  };
  return map[s];
}

const creatureSubjects = new Set<string>(["cat", "dog", "fox", "wolf", "rabbit", "deer", "bird", "whale", "fish", "butterfly"]);
const groundNouns = ["mountain", "hill", "sea", "lake", "beach", "island", "cliff", "forest", "city", "village", "desert", "canyon", "meadow", "snowfield", "volcano", "lighthouse", "castle", "cabin", "boat"];

export function chooseArchetype(a: Analysis, style: RenderStyle, rng: Rng): Archetype {
  const has = (x: string) => a.subjects.has(x as never);
  const grounded = groundNouns.some(has);
  // "a logo", "an app icon" in the words: a mark, drawn in whatever style was chosen (a line-art logo is still a logo).
  if (style === "icon" || a.style === "icon") return "icon";
  if (has("portrait")) return "portrait";
  if (has("abstract") && !grounded) return "abstract";
  if ((has("spheres") || has("cubes") || a.words.has("still life")) && !grounded) return "still-life";
  // A thing it can draw (headphones, a robot, a bowl of ramen), not out in a landscape: the thing, large.
  if (objectTokens(a).length && !grounded && !a.subjects.has("person") && ![...a.subjects].some((x) => creatureSubjects.has(x))) return "object";
  if (has("flower") && !grounded && !has("tree")) return "botanical";
  if ((has("space") || has("planet") || has("galaxy")) && !grounded) return "space";
  if (a.subjects.size === 0 && a.unknown.length > 0) return rng.weighted<Archetype>(["landscape", "abstract", "space"], [7, 2, 1]);
  return "landscape";
}

function chooseTime(a: Analysis, archetype: Archetype, rng: Rng, guide?: SceneGuide): TimeOfDay {
  if (a.time) return a.time;
  if (guide?.time) return guide.time;
  if (a.modifiers.has("neon") || archetype === "space") return "night";
  const times: TimeOfDay[] = ["sunrise", "morning", "noon", "afternoon", "golden", "sunset", "dusk", "night"];
  const gloomy = a.grade.brightness < -0.05;
  return rng.weighted(times, [2, 2, 2, 2, 2.5, 3, gloomy ? 3 : 1.5, gloomy ? 2 : 1.2]);
}

function placeCelestial(ctx: Omit<SceneContext, "celestial">, rng: Rng, guide?: SceneGuide): Celestial {
  const { a, w, s, p, horizon } = ctx;
  const night = p.time === "night";
  const hidden = a.weather.has("overcast") || a.weather.has("rain") || a.weather.has("storm") || ctx.fog > 0.7;
  const x = guide?.light ? guide.light.x * w : w * rng.range(0.18, 0.82);
  const big = ctx.kit.style === "photo" ? 0.6 : 1;
  if (night) {
    const y = guide?.light ? guide.light.y * ctx.h : horizon * rng.range(0.16, 0.42);
    const kind = a.excluded.has("moon") || (hidden && !a.subjects.has("moon")) ? "none" : "moon";
    return { kind, x, y, r: s * rng.range(0.035, 0.06) * (a.subjects.has("moon") ? 1.6 : 1) };
  }
  const height = timePresets[p.time].sunHeight;
  const y = guide?.light ? guide.light.y * ctx.h : horizon - height * horizon * rng.range(0.85, 1.1);
  const kind = a.excluded.has("sun") || hidden || height < 0 ? "none" : "sun";
  const r = s * rng.range(0.045, 0.085) * big * (height < 0.2 ? 1.35 : 1) * (a.subjects.has("sun") ? 1.4 : 1);
  return { kind, x, y: Math.min(y, horizon - r * 0.35), r };
}

export function composeScene(params: SceneParams): Scene {
  const { analysis: a, width: w, height: h, style } = params;
  const rng = new Rng(params.streams);
  const archetype = chooseArchetype(a, style, rng.fork("archetype"));
  const time = chooseTime(a, archetype, rng.fork("time"), params.guide);
  const p = buildPalette(a, time, rng.fork("palette"), params.palette);
  const kit = makeKit(style, w, h, p.c.ink, p.c.paper);
  const stage = rng.fork("stage");
  const fog = Math.min(1, Math.max(0, a.grade.fog + (a.weather.has("fog") ? 0.6 : 0) + stage.range(0, 0.12)));
  const horizon = h * (params.guide?.horizon ?? stage.range(0.52, 0.66));
  const base = { w, h, s: Math.min(w, h), a, p, kit, defs: new Defs("g"), rng, transparent: params.transparent, horizon, fog, dark: time === "night" || time === "dusk" };
  const ctx: SceneContext = { ...base, celestial: placeCelestial(base, stage.fork("celestial"), params.guide) };
  const layers = builders[archetype](ctx);
  const notices = noticesFor(undrawnWords(a, archetype, archetype === "icon" ? glyphOf(a.tokens) : undefined), archetype);
  return { ...layers, ctx, archetype, notices };
}

const builders: Record<Archetype, (ctx: SceneContext) => SceneLayers> = {
  landscape,
  space,
  abstract: abstractPoster,
  "still-life": stillLife,
  portrait,
  botanical,
  icon,
  object,
};
