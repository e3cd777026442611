import { describe, expect, it } from "vitest";
import { analyzePrompt } from "./prompt-analysis";
import { streamSeed } from "./renderer";
import { composeScene, resolveStyle } from "./scene";
import { markupOf } from "./scene-context";

function scene(prompt: string, seed = 1) {
  const analysis = analyzePrompt(prompt);
  const s = composeScene({ analysis, width: 128, height: 128, style: resolveStyle(undefined, analysis), palette: [], transparent: false, streams: [{ seed: streamSeed(prompt, seed), weight: 1 }] });
  return { archetype: s.archetype, notices: s.notices, markup: markupOf(s.back) + markupOf(s.front) };
}

describe("the local renderer says what it did not draw", () => {
  it.each([
    ["headphones on a desk", "object"],
    ["a bowl of ramen", "object"],
    ["a cute robot, 3d render", "object"],
    ["a cup of coffee", "object"],
    ["portrait of a woman", "portrait"],
    ["a beautiful highly detailed mountain landscape at sunset, 8k, trending on artstation", "landscape"],
    ["a lake, no dragons", "landscape"],
    ["a logo for a coffee shop", "icon"],
  ])("draws all of %j (a %s): no notice", (prompt, archetype) => {
    for (const seed of [1, 2, 3]) expect(scene(prompt, seed)).toMatchObject({ archetype, notices: [] });
  });

  it("names the words it has no drawing for", () => {
    expect(scene("a dragon flying over a castle").notices).toEqual(["Drawn offline: the local renderer does not know 'dragon' — connect a provider for this."]);
    expect(scene("a samurai and a dragon and a pagoda").notices).toEqual(["Drawn offline: the local renderer does not know 'samurai', 'dragon' or 'pagoda' — connect a provider for this."]);
  });

  it("names what it knows but does not draw in this kind of picture", () => {
    expect(scene("portrait of a woman with a cat").notices).toEqual(["Drawn offline: 'cat' is not drawn in this portrait — connect a provider for this."]);
    expect(scene("headphones in a forest").notices).toEqual(["Drawn offline: 'headphones' is not drawn in this landscape — connect a provider for this."]);
    expect(scene("a logo with a fox", 1).notices).toEqual(["Drawn offline: 'fox' is not drawn in this logo — connect a provider for this."]);
  });

  it("draws the thing it was asked for, not a landscape", () => {
    // The object picture is the glyph's shapes at scale: the headphones' band and the ramen's chopsticks.
    expect(scene("headphones").markup).toContain("M18 62 V50 A32 32 0 0 1 82 50");
    expect(scene("a bowl of ramen").markup).toContain("M58 8 L92 40");
    expect(scene("a robot").markup).toContain("M24 28 H76 V76 H24Z");
    expect(scene("a pizza with pepperoni").markup).toContain("M50 90 L16 24");
    // A car in a landscape stands on its ground; the road it has no drawing for is said.
    const car = scene("a red sports car on a mountain road");
    expect(car).toMatchObject({ archetype: "landscape", notices: ["Drawn offline: the local renderer does not know 'road' — connect a provider for this."] });
    expect(car.markup).toContain("M12 64 L20 48 L32 34 H66");
  });

  it("gives a portrait seen from the front a face", () => {
    // Brows, a nose and a mouth are round-capped strokes: four of them from the front, a brow in profile.
    const strokes = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => scene("portrait of a man", seed).markup.split('stroke-linecap="round"').length - 1);
    expect(strokes.every((n) => n >= 1)).toBe(true);
    expect(strokes.some((n) => n >= 4)).toBe(true);
  });
});
