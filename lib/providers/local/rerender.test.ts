// Variations and refinements of pictures the local renderer made, as the studio hands them over: the stored file
// has lost the PNG's record (lib/processing/normalize.ts strips metadata), what it knows is on the image's row.
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { stripPngMetadata } from "@/lib/processing/png-chunks";
import type { GenerateRequest, SourceImage, SourceOrigin } from "../types";
import { LocalProvider } from "./index";
import { readRecord } from "./png-meta";
import { analyzePrompt } from "./prompt-analysis";
import { renderImage, renderReport } from "./renderer";
import { recordFromOrigin, refinedPrompt } from "./source";
import { decode, meanAbsDiff, type Decoded } from "./test-helpers";

const size = 192;
const prompt = "a calm lake at sunrise with mountains";

/** A picture of ours as the studio stores and then hands it back: stripped file, origin from its row. */
async function stored(p = prompt, seed = 5): Promise<SourceImage> {
  const report = await renderReport({ prompt: p, seed, width: size, height: size });
  const data = stripPngMetadata(report.png)!;
  expect(readRecord(data)).toBeNull();
  const origin: SourceOrigin = { provider: "local", prompt: p, negativePrompt: null, seed, style: null, params: { width: size, local: report.record }, operation: null };
  return { data, mimeType: "image/png", width: size, height: size, origin };
}

function regionDiff(a: Decoded, b: Decoded, x0: number, x1: number): number {
  let sum = 0;
  let n = 0;
  for (let y = 0; y < a.height; y++) {
    for (let x = x0; x < x1; x++) {
      for (let k = 0; k < 3; k++) {
        const i = (y * a.width + x) * 3 + k;
        sum += Math.abs(a.data[i] - b.data[i]);
        n++;
      }
    }
  }
  return sum / n;
}

async function leftHalfMask(): Promise<SourceImage> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><rect width="${size}" height="${size}" fill="#000"/><rect width="${size / 2}" height="${size}" fill="#fff"/></svg>`;
  return { data: await sharp(Buffer.from(svg)).png().toBuffer(), mimeType: "image/png", width: size, height: size };
}

describe("a variation of a stored local picture", () => {
  it("is its scene redrawn with a new seed, not a blend with the source (no double exposure)", async () => {
    const source = await stored();
    // At strength 1 a variation is exactly the same prompt drawn with the new seed…
    const varied = await decode(await renderImage({ prompt, seed: 77, width: size, height: size, source, strength: 1, mode: "variation" }));
    const fresh = await decode(await renderImage({ prompt, seed: 77, width: size, height: size }));
    expect(meanAbsDiff(varied, fresh)).toBeLessThan(0.5);
    // …and in between, its pixels are a render of mixed random draws: nearer the source at a low strength.
    const original = await decode(source.data);
    const near = meanAbsDiff(original, await decode(await renderImage({ prompt, seed: 77, width: size, height: size, source, strength: 0.2, mode: "variation" })));
    const far = meanAbsDiff(original, await decode(await renderImage({ prompt, seed: 77, width: size, height: size, source, strength: 0.9, mode: "variation" })));
    expect(near).toBeLessThan(far * 0.6);
  });

  it("keeps how it was drawn, so a variation of a variation builds on it", async () => {
    const source = await stored();
    const first = await renderReport({ prompt, seed: 8, width: size, height: size, source, strength: 0.6, mode: "variation" });
    expect(first.record).toMatchObject({ prompt, seed: 8 });
    expect(first.record.streams).toHaveLength(2);
    expect(first.record.derived).toBeUndefined();
  });
});

describe("a refinement of a stored local picture", () => {
  it("with a mask: the source outside it, the redrawn scene (source prompt + instruction) inside it", async () => {
    const source = await stored();
    const mask = await leftHalfMask();
    const report = await renderReport({ prompt: "at night", seed: 3, width: size, height: size, source, mask, strength: 0.7, mode: "refine" });
    expect(report.record).toMatchObject({ prompt: `at night, ${prompt}`, derived: true });
    const refined = await decode(report.png);
    const original = await decode(source.data);
    // The whole scene redrawn at night on the source's draws (no mask): what the masked half must show, unmixed.
    const night = await decode(await renderImage({ prompt: "at night", seed: 3, width: size, height: size, source, strength: 1, mode: "refine" }));
    expect(regionDiff(original, refined, size / 2 + 6, size)).toBeLessThan(0.5);
    expect(regionDiff(original, refined, 0, size / 2 - 6)).toBeGreaterThan(15);
    expect(regionDiff(night, refined, 0, size / 2 - 6)).toBeLessThan(1);
  });

  it("without a mask: the redrawn scene, which keeps the source's composition", async () => {
    const source = await stored();
    const other = await decode(await renderImage({ prompt: `at night, ${prompt}`, seed: 3, width: size, height: size }));
    const refined = await decode(await renderImage({ prompt: "at night", seed: 3, width: size, height: size, source, strength: 1, mode: "refine" }));
    const original = await decode(source.data);
    // Darker (night), and drawn on the source's draws rather than the new seed's.
    const lum = (img: Decoded) => img.data.reduce((a, b) => a + b, 0) / img.data.length;
    expect(lum(refined)).toBeLessThan(lum(original) * 0.75);
    expect(meanAbsDiff(refined, other)).toBeGreaterThan(3);
  });

  it("'remove …' leaves the thing out", async () => {
    const source = await stored("a sailboat on a calm lake at sunset", 4);
    const report = await renderReport({ prompt: "remove the boat", seed: 4, width: size, height: size, source, strength: 1, mode: "refine" });
    expect(report.record.prompt).toBe("remove the boat, a sailboat on a calm lake at sunset");
    expect(analyzePrompt(source.origin!.prompt!).subjects.has("boat")).toBe(true);
    expect(analyzePrompt(report.record.prompt).subjects.has("boat")).toBe(false);
    const plain = await decode(source.data);
    expect(meanAbsDiff(plain, await decode(report.png))).toBeGreaterThan(0.2);
  });
});

describe("what a stored picture's row says of how it was drawn", () => {
  const row = (extra: Partial<SourceOrigin>): SourceOrigin => ({ provider: "local", prompt: "a fox", negativePrompt: null, seed: 9, style: "painting", params: {}, operation: null, ...extra });

  it("prefers the record its render kept, falls back on the row's words, and knows nothing of other providers' pictures", () => {
    const kept = { v: 1, prompt: "a fox, at night", seed: 9, style: "painting", streams: [[1, 0.5], [2, 0.5]] };
    expect(recordFromOrigin(row({ params: { local: kept } }))).toEqual(kept);
    expect(recordFromOrigin(row({ params: { palette: ["#112233"] } }))).toEqual({ v: 1, prompt: "a fox", seed: 9, style: "painting", palette: ["#112233"] });
    expect(recordFromOrigin(row({ operation: "variations" }))).toMatchObject({ prompt: "a fox", derived: true });
    // An old refinement's row holds only the instruction: not redrawn.
    expect(recordFromOrigin(row({ operation: "refine" }))).toBeNull();
    expect(recordFromOrigin(row({ provider: "openai" }))).toBeNull();
    expect(recordFromOrigin(undefined)).toBeNull();
  });

  it("puts a refinement's words before the scene's, unless they already say it all", () => {
    expect(refinedPrompt("make it night", "a lake at sunset")).toBe("make it night, a lake at sunset");
    expect(refinedPrompt("a lake at sunset with a red boat", "a lake at sunset")).toBe("a lake at sunset with a red boat");
    expect(refinedPrompt("  ", "a lake")).toBe("a lake");
  });
});

describe("the provider", () => {
  it("returns each picture's record (for the image's params) and its notices", async () => {
    const request: GenerateRequest = { prompt: "headphones on a desk next to a ramen bowl and a typewriter", model: "local-v1", width: 96, height: 96, aspectRatio: "1:1", n: 2, seed: 1 };
    const result = await new LocalProvider().generate(request, { signal: new AbortController().signal, fetchResult: () => Promise.reject(new Error("offline")) });
    for (const image of result.images) {
      expect(image.params).toEqual({ local: readRecord(image.data) });
      expect(image.notices).toEqual([
        "Drawn offline: the local renderer does not know 'typewriter' — connect a provider for this.",
        "Drawn offline: 'ramen' or 'bowl' are not drawn in this picture — connect a provider for this.",
      ]);
    }
  });
});
