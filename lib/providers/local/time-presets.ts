/** The light of each time of day: sky colours, the sun, and how surfaces are lit. */
import { hex, type Rgb } from "./color";
import type { TimeOfDay } from "./vocabulary";

export interface TimePreset {
  skyTop: Rgb;
  skyMid: Rgb;
  skyHorizon: Rgb;
  sun: Rgb;
  /** Colour of direct light on surfaces. */
  light: Rgb;
  /** Colour surfaces take in shadow (ambient sky light). */
  shade: Rgb;
  /** 0 night … 1 noon: scales how bright lit surfaces are. */
  exposure: number;
  /** Sun height above the horizon as a fraction of the sky (negative: below). */
  sunHeight: number;
  cloudLit: Rgb;
  cloudShade: Rgb;
}

const preset = (p: Record<keyof TimePreset, string | number>): TimePreset =>
  Object.fromEntries(Object.entries(p).map(([k, v]) => [k, typeof v === "string" ? hex(v) : v])) as unknown as TimePreset;

export const timePresets: Record<TimeOfDay, TimePreset> = {
  sunrise: preset({ skyTop: "#5b78b8", skyMid: "#e7a3b2", skyHorizon: "#ffd2a1", sun: "#fff3d6", light: "#ffd9b0", shade: "#6a6b9e", exposure: 0.78, sunHeight: 0.1, cloudLit: "#ffd6c2", cloudShade: "#b98aa6" }),
  morning: preset({ skyTop: "#5d9be0", skyMid: "#9cc7ee", skyHorizon: "#e4f0f4", sun: "#fffbea", light: "#fff4e0", shade: "#6f86a8", exposure: 0.92, sunHeight: 0.42, cloudLit: "#ffffff", cloudShade: "#c3d2e4" }),
  noon: preset({ skyTop: "#2a72d4", skyMid: "#6aa9e8", skyHorizon: "#cfe8f7", sun: "#ffffff", light: "#ffffff", shade: "#5f7a9c", exposure: 1, sunHeight: 0.8, cloudLit: "#ffffff", cloudShade: "#c8d6e6" }),
  afternoon: preset({ skyTop: "#3c7fd0", skyMid: "#84b6e6", skyHorizon: "#e6ecd9", sun: "#fff6dc", light: "#fff1d6", shade: "#6c7f9c", exposure: 0.95, sunHeight: 0.5, cloudLit: "#fffaf0", cloudShade: "#c9cfdc" }),
  golden: preset({ skyTop: "#4f79b8", skyMid: "#e9b98a", skyHorizon: "#ffd98f", sun: "#fff0b8", light: "#ffd58f", shade: "#6c6592", exposure: 0.85, sunHeight: 0.18, cloudLit: "#ffe2a8", cloudShade: "#c59a8e" }),
  sunset: preset({ skyTop: "#2a2c66", skyMid: "#c4507a", skyHorizon: "#ffae5c", sun: "#ffe1a0", light: "#ffa766", shade: "#4b3f78", exposure: 0.66, sunHeight: 0.06, cloudLit: "#ff9f7a", cloudShade: "#6b3f72" }),
  dusk: preset({ skyTop: "#101838", skyMid: "#3d3a78", skyHorizon: "#e1847a", sun: "#ffc69a", light: "#b48fb8", shade: "#2c2a58", exposure: 0.42, sunHeight: -0.04, cloudLit: "#c97a8e", cloudShade: "#2e2a58" }),
  night: preset({ skyTop: "#03050f", skyMid: "#141f4a", skyHorizon: "#3a4a82", sun: "#f3f0df", light: "#7b8cc4", shade: "#0d1430", exposure: 0.2, sunHeight: 0.55, cloudLit: "#3a4675", cloudShade: "#141b38" }),
};

/** Surfaces in plain daylight, before the time of day lights them. */
export const materials = {
  rock: hex("#7f8794"), rockFar: hex("#9aa6b8"), snow: hex("#f4f7fb"), grass: hex("#6e9e48"), grassDry: hex("#b3a24f"),
  pine: hex("#2d5a3f"), leaf: hex("#4f8f3a"), autumnLeaf: hex("#d9792b"), blossom: hex("#f4b6c8"), trunk: hex("#5b4332"),
  sand: hex("#e4ac6a"), redRock: hex("#c0623a"), water: hex("#2f6f9e"), waterDeep: hex("#173f66"), building: hex("#56627a"),
  window: hex("#ffd98a"), cliff: hex("#6d6259"), soil: hex("#6f5a3e"), lava: hex("#ff5a1f"),
};
