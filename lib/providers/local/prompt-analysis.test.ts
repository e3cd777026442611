import { describe, expect, it } from "vitest";
import { analyzePrompt, tokenize } from "./prompt-analysis";

describe("analyzePrompt", () => {
  it("finds subjects, time, weather and season, through plurals and phrases", () => {
    const a = analyzePrompt("Snowy mountains and pine trees under the Northern Lights at dusk");
    expect([...a.subjects]).toEqual(expect.arrayContaining(["snowfield", "mountain", "forest", "tree", "aurora"]));
    expect(a.time).toBe("dusk");
    expect(a.weather.has("snow")).toBe(true);
    expect(tokenize("butterflies, wolves & cities")).toEqual(["butterfly", "wolf", "city"]);
  });

  it("ties a colour to the noun after it, and leaves the others for the whole picture", () => {
    const a = analyzePrompt("galaxy over a purple ocean, teal and gold");
    expect(a.bound.get("water")).toEqual([0x7b, 0x3f, 0xb3]);
    expect(a.colors).toHaveLength(2);
    expect(analyzePrompt("a red landscape").colors).toHaveLength(1);
  });

  it("reads exclusions from the negative prompt and from 'no …' in the prompt", () => {
    const a = analyzePrompt("a beach with no people, without clouds", "trees, red");
    expect(a.excluded.has("tree")).toBe(true);
    expect(a.excluded.has("portrait")).toBe(true);
    expect(a.excluded.has("clouds")).toBe(true);
    expect(a.subjects.has("person")).toBe(false);
    expect(a.avoid).toHaveLength(1);
    expect(a.key).not.toMatch(/people|cloud/);
  });

  it("reads moods, modifiers and a style", () => {
    const a = analyzePrompt("a gloomy neon city, pixel art");
    expect(a.grade.saturation).toBeLessThan(0);
    expect(a.modifiers.has("neon")).toBe(true);
    expect(a.style).toBe("pixel-art");
    expect(analyzePrompt("zorp blix").unknown).toEqual(["zorp", "blix"]);
  });
});
