// The offline prompt enrichment (enhance.ts) against the local renderer that reads its output:
// an enriched prompt must not make the renderer report words it "does not know" that the enrichment added, nor
// draw something else (new subjects, times, weathers or things), and enhancing twice must equal enhancing once.
import { describe, expect, it } from "vitest";
import { stylePresets, type StylePreset } from "../types";
import { undrawnWords } from "./coverage";
import { objectTokens } from "./object";
import { analyzePrompt, tokenize } from "./prompt-analysis";
import { renderReport, streamSeed } from "./renderer";
import { composeScene, resolveStyle } from "./scene";
import { ALL_PHRASES, PHRASES } from "./enhance-phrases";
import { enhanceLocally, MAX_ENRICHED_LENGTH, ownWords } from "./enhance";

const prompts = [
  "a fox in the snow", "a red fox in the snow", "cat", "a dog on the beach", "an owl at night", "koi in a pond", "a whale",
  "a butterfly on a flower", "a deer in a misty forest", "a wolf howling at the moon", "lighthouse at sunset", "portrait of an old fisherman",
  "a hiker on a mountain ridge at dawn", "two cubes", "abstract waves, no people", "a rocket in space", "a sailboat in a storm",
  "a castle on a cliff, rainy evening", "a cabin at christmas", "a frozen lake", "a dragon", "headphones on a desk", "a logo for a bakery",
  "a city street in the rain, no shadows", "a rabbit in a meadow, spring", "the galaxy", "a bowl of ramen", "a foggy harbour at noon",
];
const styles: (StylePreset | undefined)[] = [undefined, ...stylePresets];

/** What the renderer does with a prompt: what it draws and the words it reports unknown (coverage.ts). */
function read(prompt: string, style: StylePreset | undefined, seed: number) {
  const a = analyzePrompt(prompt);
  const scene = composeScene({ analysis: a, width: 96, height: 96, style: resolveStyle(style, a), palette: [], transparent: false, streams: [{ seed: streamSeed(prompt, seed), weight: 1 }] });
  return { a, unknown: undrawnWords(a, scene.archetype).unknown };
}

describe("the enrichment and the local renderer", () => {
  it("adds no word the renderer reports unknown, and nothing new for it to draw (every prompt × style)", () => {
    for (const prompt of prompts) {
      for (const style of styles) {
        const enriched = enhanceLocally(prompt, style).prompt;
        const before = read(prompt, style, 1).a;
        const userWords = new Set(tokenize(prompt));
        for (const seed of [1, 2]) {
          const after = read(enriched, style, seed);
          expect({ prompt, style, unknown: after.unknown.filter((w) => !userWords.has(w)) }).toEqual({ prompt, style, unknown: [] });
          expect({ prompt, style, subjects: [...after.a.subjects] }).toEqual({ prompt, style, subjects: [...before.subjects] });
          expect([after.a.time, [...after.a.weather], after.a.season, objectTokens(after.a)]).toEqual([before.time, [...before.weather], before.season, objectTokens(before)]);
          // The medium's words name the chosen style, not another one ("flat" would be an illustration).
          if (!before.style) expect([undefined, style === "none" ? undefined : style]).toContain(after.a.style);
        }
      }
    }
  });

  it("no phrase, read alone, names a subject, a thing, a time, a weather or a word the renderer takes for a thing", () => {
    for (const phrase of [...PHRASES.composition, ...PHRASES.medium, ...PHRASES.detail]) {
      const a = analyzePrompt(phrase);
      expect({ phrase, subjects: [...a.subjects], weather: [...a.weather], time: a.time, things: objectTokens(a), unknown: undrawnWords(a, "landscape").unknown })
        .toEqual({ phrase, subjects: [], weather: [], time: undefined, things: [], unknown: [] });
    }
  });

  it("a fox in the snow, enriched and drawn by the local renderer, comes with no notice", async () => {
    for (const style of ["photorealistic", "painting", "none"] as const) {
      const prompt = enhanceLocally("a fox in the snow", style).prompt;
      const report = await renderReport({ prompt, style, seed: 7, width: 64, height: 64 });
      expect({ prompt, notices: report.notices }).toEqual({ prompt, notices: [] });
    }
    // The renderer still says what it cannot draw in the person's own words.
    const dragon = await renderReport({ prompt: enhanceLocally("a dragon", "painting").prompt, style: "painting", seed: 7, width: 64, height: 64 });
    expect(dragon.notices).toEqual(["Drawn offline: the local renderer does not know 'dragon' — connect a provider for this."]);
  });
});

describe("enhancing twice", () => {
  it("equals enhancing once, for every prompt and style", () => {
    for (const prompt of prompts) {
      for (const style of styles) {
        const once = enhanceLocally(prompt, style);
        const twice = enhanceLocally(once.prompt, style);
        expect({ prompt, style, text: twice.prompt }).toEqual({ prompt, style, text: once.prompt });
        expect(twice.added).toEqual([]);
        expect(ownWords(once.prompt)).toBe(prompt);
      }
    }
  });

  it("equals enhancing once near the length limit too, and keeps the person's own trailing phrase", () => {
    for (const cut of [60, 45, 30, 12]) {
      const long = `a fox ${"in a very quiet snowy wood ".repeat(40)}`.slice(0, MAX_ENRICHED_LENGTH - cut).trim();
      const once = enhanceLocally(long, "photorealistic");
      expect(once.prompt.length).toBeLessThanOrEqual(MAX_ENRICHED_LENGTH);
      expect(enhanceLocally(once.prompt, "photorealistic").prompt).toBe(once.prompt);
    }
    // Words the person typed that happen to be one of ours stay; the part they cover is not added again.
    const typed = enhanceLocally("a fox, chiaroscuro lighting", "painting");
    expect(typed.prompt.startsWith("a fox, chiaroscuro lighting, ")).toBe(true);
    expect(typed.added.some((p) => /lighting/.test(p))).toBe(false);
  });
});

describe("phrases by subject", () => {
  it("gives a fox fur and a bird plumage, never 'X or Y'", () => {
    expect(enhanceLocally("a fox in the snow").added.join(" ")).toMatch(/\bfur\b/);
    expect(enhanceLocally("a fox in the snow").added.join(" ")).not.toMatch(/feather|plumage/);
    expect(enhanceLocally("an owl at night").added.join(" ")).toMatch(/plumage/);
    expect(enhanceLocally("an owl at night").added.join(" ")).not.toMatch(/\bfur\b/);
    expect(enhanceLocally("koi in a pond").added.join(" ")).toMatch(/sheen/);
    for (const phrase of ALL_PHRASES) expect(phrase).not.toMatch(/\bor\b/);
    for (const prompt of prompts) for (const style of styles) expect(enhanceLocally(prompt, style).added.join(", ")).not.toMatch(/\bor\b/);
  });
});
