import { describe, expect, it } from "vitest";
import { stylePresets, type GenerateRequest } from "../types";
import { LocalProvider } from "./index";
import { renderImage } from "./renderer";
import { decode, meanAbsDiff } from "./test-helpers";
import { objectWords } from "./object";
import { subjects } from "./vocabulary";

/** Mean absolute difference per channel value (0–255) above which two small renders are visibly different pictures. */
const VISIBLE = 4;

const context = { signal: new AbortController().signal, fetchResult: () => Promise.reject(new Error("offline")) };

describe("different seeds give different pictures", () => {
  it("a batch of four logos has four different pictures (the reported bug: they were pixel-identical)", async () => {
    const request: GenerateRequest = { prompt: "a coffee shop logo", model: "local-v1", width: 96, height: 96, aspectRatio: "1:1", n: 4, seed: 7 };
    const result = await new LocalProvider().generate(request, context);
    const images = await Promise.all(result.images.map((i) => decode(i.data)));
    for (let i = 0; i < images.length; i++) {
      for (let j = i + 1; j < images.length; j++) expect(meanAbsDiff(images[i], images[j]), `seeds ${7 + i} and ${7 + j}`).toBeGreaterThan(VISIBLE);
    }
  });

  it("a logo in any style is still a logo, and varies with the seed", async () => {
    for (const style of ["line-art", "painting"] as const) {
      const [a, b] = await Promise.all([1, 2].map(async (seed) => decode(await renderImage({ prompt: "a logo", seed, width: 64, height: 64, style }))));
      expect(meanAbsDiff(a, b), style).toBeGreaterThan(VISIBLE);
    }
  });

  // Every subject family the renderer knows, plus a logo and words it does not know, in every style: 2 renders of
  // 64×64 each (~8 ms a render)…
  // …and each thing the object picture draws (headphones, a robot, ramen…), and a portrait seen from the front.
  const things = [...new Map(Object.entries(objectWords).map(([word, glyph]) => [glyph, word])).values()];
  const prompts = [...subjects.map((s) => `a ${s}`), ...things.map((t) => `a ${t}`), "a car on a hill", "portrait of a man, front view", "a coffee shop logo", "blorp zindle"];
  it(`holds for every subject family × style (${prompts.length} × ${stylePresets.length})`, { timeout: 120_000 }, async () => {
    const same: string[] = [];
    for (const prompt of prompts) {
      for (const style of stylePresets) {
        const [a, b] = await Promise.all([11, 12].map(async (seed) => decode(await renderImage({ prompt, seed, width: 64, height: 64, style }))));
        const d = meanAbsDiff(a, b);
        if (d <= VISIBLE) same.push(`${prompt} / ${style}: ${d.toFixed(2)}`);
      }
    }
    expect(same).toEqual([]);
  });
});
