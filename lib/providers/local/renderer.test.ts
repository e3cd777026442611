import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { distance, parseHex, type Rgb } from "./color";
import { readRecord } from "./png-meta";
import { analyzePrompt } from "./prompt-analysis";
import { renderImage, streamSeed } from "./renderer";
import { composeScene, resolveStyle } from "./scene";
import { markupOf } from "./scene-context";
import { decode, meanAbsDiff, meanLuminance, means } from "./test-helpers";

const render = (prompt: string, seed: number, extra: Partial<Parameters<typeof renderImage>[0]> = {}) =>
  renderImage({ prompt, seed, width: 192, height: 192, ...extra });

/** The SVG markup of a scene, for checking which elements it holds. */
function sceneMarkup(prompt: string, seed: number, negativePrompt?: string): string {
  const analysis = analyzePrompt(prompt, negativePrompt);
  const scene = composeScene({ analysis, width: 256, height: 256, style: resolveStyle(undefined, analysis), palette: [], transparent: false, streams: [{ seed: streamSeed(prompt, seed), weight: 1 }] });
  return markupOf(scene.back) + markupOf(scene.front);
}

describe("renderImage: determinism", () => {
  it("gives byte-identical PNGs for the same prompt, seed, size and style", async () => {
    for (const style of ["none", "painting", "pixel-art"] as const) {
      const a = await render("a lighthouse on a cliff at sunset", 11, { style });
      const b = await render("a lighthouse on a cliff at sunset", 11, { style });
      expect(a.equals(b)).toBe(true);
    }
  });

  it("changes with the seed and with the prompt, even for words it does not know", async () => {
    const base = await decode(await render("mountains at dawn", 1));
    expect(meanAbsDiff(base, await decode(await render("mountains at dawn", 2)))).toBeGreaterThan(3);
    expect(meanAbsDiff(base, await decode(await render("mountains at dusk", 1)))).toBeGreaterThan(3);
    const nonsense = await decode(await render("blorp zindle", 1));
    expect(meanAbsDiff(nonsense, await decode(await render("blorp zindle quax", 1)))).toBeGreaterThan(3);
  });
});

describe("renderImage: sizes", () => {
  it.each([
    [64, 64], [2048, 64], [64, 2048], [640, 360], [360, 640], [333, 517], [1000, 1000],
  ])("draws exactly %i×%i", async (width, height) => {
    for (const style of ["none", "pixel-art", "icon"] as const) {
      const meta = await sharp(await renderImage({ prompt: "a castle by the sea", seed: 3, width, height, style })).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(["png", width, height]);
    }
  });

  it("refuses sizes outside 64–2048", async () => {
    await expect(renderImage({ prompt: "x", seed: 1, width: 32, height: 256 })).rejects.toThrow(RangeError);
    await expect(renderImage({ prompt: "x", seed: 1, width: 256, height: 4096 })).rejects.toThrow(RangeError);
  });
});

describe("renderImage: words steer the picture", () => {
  const seeds = [1, 2, 3];

  it("makes a night sky much darker than a beach at noon", async () => {
    for (const seed of seeds) {
      const night = meanLuminance(await decode(await render("night sky", seed)));
      const noon = meanLuminance(await decode(await render("noon beach", seed)));
      expect(noon - night).toBeGreaterThan(0.25);
    }
  });

  it("makes a red prompt redder than a blue or teal one", async () => {
    for (const seed of seeds) {
      const [red] = means(await decode(await render("a red landscape", seed)));
      const [blue] = means(await decode(await render("a blue landscape", seed)));
      const [teal] = means(await decode(await render("a teal landscape", seed)));
      expect(red).toBeGreaterThan(blue + 15);
      expect(red).toBeGreaterThan(teal + 15);
    }
  });

  it("makes a sunset warmer than a foggy morning", async () => {
    for (const seed of seeds) {
      const [r1, , b1] = means(await decode(await render("sunset over the hills", seed)));
      const [r2, , b2] = means(await decode(await render("foggy morning over the hills", seed)));
      expect(r1 - b1).toBeGreaterThan(r2 - b2 + 10);
    }
  });

  it("puts stars and a moon in a night sky, and none at noon", () => {
    expect(sceneMarkup("a lake at night", 4)).toContain('class="stars"');
    expect(sceneMarkup("a lake at night", 4)).toContain('class="moon"');
    expect(sceneMarkup("a lake at noon", 4)).not.toContain('class="stars"');
  });

  it("draws the animal it is asked for", () => {
    expect(sceneMarkup("a red fox in a snowy forest", 5)).toContain('class="creature fox"');
    expect(sceneMarkup("a cat on a hill", 5)).toContain('class="creature cat"');
  });

  it("leaves out what the negative prompt names", () => {
    for (const seed of [1, 2, 3, 4]) {
      expect(sceneMarkup("a pine forest by a lake", seed)).toMatch(/class="trees?"/);
      expect(sceneMarkup("a pine forest by a lake", seed, "trees")).not.toMatch(/class="trees?"/);
      expect(sceneMarkup("a hiker in the mountains, cloudy", seed)).toContain('class="clouds"');
      expect(sceneMarkup("a hiker in the mountains, cloudy", seed, "clouds, people")).not.toMatch(/class="(clouds|person)"/);
      expect(sceneMarkup("portrait of a woman at sunset", seed, "people")).not.toContain('class="person"');
    }
    expect(sceneMarkup("a night sky without stars", 1)).not.toContain('class="stars"');
  });
});

describe("renderImage: palette and transparency", () => {
  const palette = ["#264653", "#2a9d8f", "#e9c46a", "#f4a261", "#e76f51"];
  const colours = palette.map((h) => parseHex(h)!);
  /** Mean distance of the pixels to their nearest palette colour, and the share of pixels close to one. */
  const fit = (img: Awaited<ReturnType<typeof decode>>) => {
    let sum = 0;
    let close = 0;
    for (let i = 0; i < img.data.length; i += 3) {
      const px: Rgb = [img.data[i], img.data[i + 1], img.data[i + 2]];
      const d = Math.min(...colours.map((c) => distance(px, c)));
      sum += d;
      if (d < 45) close++;
    }
    const n = img.data.length / 3;
    return { mean: sum / n, close: close / n };
  };

  it("draws the scene from the given colours", async () => {
    for (const prompt of ["a calm lake at sunrise with mountains", "neon city at night", "3d spheres", "a red fox in a snowy forest"]) {
      const free = fit(await decode(await render(prompt, 8)));
      const held = fit(await decode(await render(prompt, 8, { palette })));
      expect(held.mean).toBeLessThan(free.mean * 0.7);
      expect(held.close).toBeGreaterThan(Math.max(0.45, free.close + 0.3));
    }
  });

  it("gives a transparent background when asked, and for icons", async () => {
    const transparent = await decode(await render("a red fox on a hill", 2, { background: "transparent" }), 4);
    const opaque = await sharp(await render("a red fox on a hill", 2)).metadata();
    expect(opaque.hasAlpha).toBe(false);
    const alphas = transparent.data.filter((_, i) => i % 4 === 3);
    expect(alphas.filter((a) => a === 0).length).toBeGreaterThan(alphas.length * 0.2);
    expect(alphas.filter((a) => a === 255).length).toBeGreaterThan(alphas.length * 0.1);
    const icon = await decode(await render("app icon of a rocket", 2, { style: "icon" }), 4);
    expect(icon.data[3]).toBe(0);
    expect(icon.data[(96 * 192 + 96) * 4 + 3]).toBe(255);
  });

  it("embeds its parameters so a later variation can re-render them", async () => {
    const record = readRecord(await render("a red fox", 77, { style: "anime", negativePrompt: "trees" }));
    expect(record).toMatchObject({ v: 1, prompt: "a red fox", seed: 77, style: "anime", negativePrompt: "trees" });
  });
});
