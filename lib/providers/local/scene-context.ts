/** What every layer of a scene gets: the canvas, the analysis, colours, style kit, randomness and placements. */
import type { Analysis } from "./prompt-analysis";
import type { ScenePalette } from "./palette";
import type { Rng } from "./random";
import type { Defs, Kit } from "./svg";

export interface Celestial {
  kind: "sun" | "moon" | "none";
  x: number;
  y: number;
  r: number;
}

export interface SceneContext {
  w: number;
  h: number;
  /** The short side. */
  s: number;
  a: Analysis;
  p: ScenePalette;
  kit: Kit;
  defs: Defs;
  rng: Rng;
  /** Leave the backdrop (sky) out: the picture gets a transparent background. */
  transparent: boolean;
  /** y of the horizon (waterline or where the land meets the sky). */
  horizon: number;
  celestial: Celestial;
  /** Fog strength 0–1 (weather and mood). */
  fog: number;
  /** Night-ish: windows and lanterns glow. */
  dark: boolean;
}

/** A water plane: its reflection is computed on pixels after the back layers are rasterised. */
export interface WaterSpec {
  top: number;
  kind: "lake" | "sea" | "street";
  /** How much of the reflection shows (0–1). */
  reflectivity: number;
  /** Ripple amplitude in pixels at the bottom of the picture. */
  ripple: number;
  /** Vertical smear of the reflection (wet streets), in pixels. */
  smear: number;
}

/**
 * One layer of SVG markup. `soft` markup (feathered clouds) is rasterised at a fraction of the size and enlarged:
 * it has no sharp edges to lose, and librsvg fills large gradient-feathered shapes slowly.
 */
export type Layer = string | { soft: string };

/** All the markup of some layers, soft or not (for inspecting a scene). */
export const markupOf = (layers: readonly Layer[]) => layers.map((l) => (typeof l === "string" ? l : l.soft)).join("");

/** A scene as SVG markup: `back` is what water reflects, `front` what stands before it. */
export interface SceneLayers {
  back: Layer[];
  front: Layer[];
  water?: WaterSpec;
}

/** True when the user excluded any of these words (negative prompt or "no …"). */
export const excluded = (ctx: SceneContext, ...words: string[]) => words.some((w) => ctx.a.excluded.has(w));
