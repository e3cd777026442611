// The phrases the offline prompt enrichment (enhance.ts) adds. Their words are chosen so the local renderer
// reads them as style, light and finish, never as something to draw: no subject words ("composition", "face",
// "field", "space", "reflection" and "clouds" are subjects there), no things it draws ("camera", "pencil"), no times,
// weathers or seasons beyond the ones the prompt already names ("clear" is a weather), no colours, and only craft
// words and adjectives its coverage check (lib/providers/local/coverage.ts) knows are not things.
// enhance-renderer.test.ts checks every phrase against the renderer's own prompt analysis.
import type { StylePreset } from "../types";
import type { Season, Subject, TimeOfDay, Weather } from "./vocabulary";

export type Kind = "landscape" | "portrait" | "animal" | "object" | "space" | "abstract" | "scene";

/** Composition per kind of subject; the icon and pixel-art styles frame everything their own way. */
export const COMPOSITION: Record<Kind, string[]> = {
  landscape: ["wide shot with a layered foreground, midground and background", "sweeping panoramic framing toward a distant horizon"],
  portrait: ["close framing with the subject in sharp focus", "intimate framing with a softly blurred background"],
  animal: ["close, intimate framing with the subject in sharp focus", "low framing with the subject in sharp focus against a blurred background"],
  object: ["centred subject with generous empty margins", "clean angled view of the subject"],
  space: ["vast framing with a small focal subject", "deep, layered framing receding into the distance"],
  abstract: ["balanced asymmetric arrangement", "rhythmic, balanced arrangement around one focal point"],
  scene: ["strong focal point with balanced framing and depth", "layered framing with depth and one focal point"],
};
export const STYLE_COMPOSITION: Partial<Record<StylePreset, string>> = {
  icon: "centred on a plain background with even margins",
  "pixel-art": "tidy, readable framing at low resolution",
};

/** Light for a named time of day or weather (the prompt already says it), else the style's usual light. */
export const TIME_LIGHT: Record<TimeOfDay, string> = {
  sunrise: "warm, low sunrise lighting", morning: "fresh morning lighting", noon: "high midday lighting with crisp shadows",
  afternoon: "warm afternoon lighting", golden: "warm golden-hour lighting with long shadows", sunset: "warm, low sunset lighting with long shadows",
  dusk: "cool blue-hour lighting", night: "night lighting with subtle highlights",
};
export const WEATHER_LIGHT: Partial<Record<Weather, string>> = {
  fog: "diffused lighting through the fog", rain: "rainy, diffused lighting with glistening highlights", snow: "crisp, cool wintry lighting",
  storm: "dramatic storm lighting", overcast: "even, diffused overcast lighting", rainbow: "fresh, luminous lighting",
};
export const STYLE_LIGHT: Record<StylePreset, string[]> = {
  none: ["natural lighting", "directional natural lighting"],
  photorealistic: ["natural lighting with subtle shadows", "window lighting with a gradual falloff"],
  illustration: ["flat, even lighting with simple shadows", "bright, cheerful lighting"],
  "3d": ["studio lighting with global illumination", "three-point lighting with ambient occlusion"],
  anime: ["cel-shaded lighting with crisp highlights", "luminous backlighting and glow"],
  painting: ["painterly lighting with warm highlights and cool shadows", "chiaroscuro lighting"],
  "pixel-art": ["simple two-tone shading", "hard-edged lighting with one highlight"],
  "line-art": ["lighting suggested by hatching", "sparse shading with clean contrast"],
  icon: ["even lighting with a subtle shadow", "even lighting with one subtle highlight"],
};

/** The medium each style means (none: left to the service). */
export const MEDIUM: Record<StylePreset, string[]> = {
  none: [],
  photorealistic: ["photorealistic photograph, 35mm lens, shallow focus", "photorealistic photograph, 85mm lens with bokeh"],
  illustration: ["digital illustration with flat colours and clean edges", "editorial vector illustration"],
  "3d": ["3D render with smooth, physically based materials", "stylised 3D render with clay materials"],
  anime: ["anime artwork, cel shaded", "anime artwork with clean linework"],
  painting: ["oil painting with visible brushwork", "traditional painting with rich impasto brushwork"],
  "pixel-art": ["pixel art with a limited palette and crisp pixels", "16-bit pixel art"],
  "line-art": ["clean ink line art", "precise ink drawing"],
  icon: ["clean app icon, no text", "simple glyph icon, no text"],
};

/** Detail per style, and where the style does not say, per subject (a fox has fur, a bird plumage) or kind. */
export const STYLE_DETAIL: Partial<Record<StylePreset, string[]>> = {
  photorealistic: ["fine, natural detail throughout", "lifelike colours, sharp detail"],
  illustration: ["crisp edges, harmonious colour palette"],
  "3d": ["subtle surface detail, clean edges"],
  anime: ["expressive details, vivid colours"],
  painting: ["rich colour harmony, textured surface"],
  "pixel-art": ["consistent, crisp pixels and hard edges"],
  "line-art": ["confident, even linework"],
  icon: ["bold, simple and readable, consistent strokes"],
};
export const CREATURE_DETAIL: Partial<Record<Subject, string>> = {
  cat: "fine, silky fur and an attentive expression",
  dog: "finely detailed fur and a friendly expression",
  fox: "thick, finely detailed fur and a keen expression",
  wolf: "dense, finely detailed fur and a watchful expression",
  rabbit: "fluffy, finely detailed fur and a curious expression",
  deer: "sleek, finely detailed fur and a watchful expression",
  bird: "finely layered plumage with crisp detail",
  fish: "iridescent sheen with crisp detail",
  whale: "glistening sheen, immense and graceful",
  butterfly: "delicate, translucent colouring with crisp detail",
};
export const KIND_DETAIL: Record<Kind, string> = {
  landscape: "atmospheric depth and rich environmental detail",
  portrait: "lifelike, expressive detail with natural colouring",
  animal: "finely observed, lifelike detail",
  object: "precise detail and clean, crisp edges",
  space: "subtle, luminous colours and crisp detail",
  abstract: "carefully balanced colours and crisp edges",
  scene: "rich, coherent detail throughout",
};

/** Colours of a season the prompt implies ("christmas" → winter) without naming it. */
export const SEASON_COLOURS: Record<Season, string> = {
  spring: "fresh spring colours", summer: "summer colours", autumn: "autumn colours", winter: "wintry colours",
};

/** Every phrase of a part, for finding the enrichment's own phrases in a prompt enhanced before. */
export const PHRASES = {
  composition: [...Object.values(COMPOSITION).flat(), ...Object.values(STYLE_COMPOSITION)],
  light: [...Object.values(TIME_LIGHT), ...Object.values(WEATHER_LIGHT), ...Object.values(STYLE_LIGHT).flat()],
  medium: Object.values(MEDIUM).flat(),
  detail: [...Object.values(STYLE_DETAIL).flat(), ...Object.values(CREATURE_DETAIL), ...Object.values(KIND_DETAIL)],
  season: Object.values(SEASON_COLOURS),
} satisfies Record<string, string[]>;
export type Part = keyof typeof PHRASES;
export const ALL_PHRASES: readonly string[] = Object.values(PHRASES).flat();
