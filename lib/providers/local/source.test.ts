import sharp from "sharp";
import { describe, expect, it } from "vitest";
import type { SourceImage } from "../types";
import { readRecord } from "./png-meta";
import { renderImage } from "./renderer";
import { readSource } from "./source";
import { decode, meanAbsDiff, means } from "./test-helpers";

const size = 256;
const asSource = (data: Buffer, mimeType = "image/png"): SourceImage => ({ data, mimeType, width: size, height: size });
const render = (prompt: string, seed: number, extra: Partial<Parameters<typeof renderImage>[0]> = {}) =>
  renderImage({ prompt, seed, width: size, height: size, ...extra });

/** A photo-like upload with no record of ours: a dusk gradient, dark land and a bright sun on the right. */
async function upload(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#1b3b6f"/><stop offset="1" stop-color="#f2a65a"/></linearGradient></defs><rect width="${size}" height="170" fill="url(#g)"/><rect y="170" width="${size}" height="${size - 170}" fill="#2d4a22"/><circle cx="190" cy="130" r="22" fill="#fff3c4"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer();
}

describe("variations", () => {
  it("of one of our renders: strength 0 is the source, 0.1 stays much closer than 0.9", async () => {
    for (const prompt of ["a calm lake at sunrise with mountains", "neon city skyline at night", "3d spheres"]) {
      const source = await render(prompt, 5);
      const original = await decode(source);
      const vary = async (strength: number) => decode(await render("", 99, { source: asSource(source), strength, mode: "variation" }));
      expect(meanAbsDiff(original, await vary(0))).toBe(0);
      const near = meanAbsDiff(original, await vary(0.1));
      const far = meanAbsDiff(original, await vary(0.9));
      expect(near).toBeLessThan(far * 0.5);
      expect(far).toBeGreaterThan(8);
    }
  });

  it("of a variation: keeps building on the mixed streams it records", async () => {
    const first = await render("a lighthouse on a cliff at sunset", 5, { source: asSource(await render("a lighthouse on a cliff at sunset", 5)), strength: 0.6, mode: "variation" });
    expect(readRecord(first)?.streams).toHaveLength(2);
    const base = await decode(first);
    const near = meanAbsDiff(base, await decode(await render("", 6, { source: asSource(first), strength: 0.1, mode: "variation" })));
    const far = meanAbsDiff(base, await decode(await render("", 6, { source: asSource(first), strength: 0.9, mode: "variation" })));
    expect(near).toBeLessThan(far * 0.5);
  });

  it("at strength 1 is simply a render of the same prompt with the new seed", async () => {
    const source = await render("a red fox in a snowy forest", 5);
    const varied = await render("", 42, { source: asSource(source), strength: 1, mode: "variation" });
    const direct = await render("a red fox in a snowy forest", 42);
    expect(meanAbsDiff(await decode(varied), await decode(direct))).toBe(0);
    expect(readRecord(varied)).toMatchObject({ prompt: "a red fox in a snowy forest", seed: 42 });
  });

  it("of an upload: follows its colours and light, and stays close at low strength", async () => {
    const data = await upload();
    const original = await decode(data);
    const vary = async (strength: number, seed = 7) => decode(await render("", seed, { source: asSource(data, "image/jpeg"), strength, mode: "variation" }));
    const near = meanAbsDiff(original, await vary(0.1));
    const far = meanAbsDiff(original, await vary(0.9));
    expect(near).toBeLessThan(far * 0.4);
    // Even a strong variation keeps the upload's broad colour: closer to it than an unguided render is.
    const unguided = await decode(await render("", 7));
    const distance = (a: number[], b: number[]) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
    expect(distance(means(await vary(0.9)), means(original))).toBeLessThan(distance(means(unguided), means(original)));
  });

  it("reads an upload's dominant colours, horizon and light", async () => {
    const { palette, guide } = await readSource(await upload());
    const green = palette.some(([r, g, b]) => g > r && g > b && Math.abs(r - 0x2d) < 30 && Math.abs(g - 0x4a) < 30);
    expect(green).toBe(true);
    expect(guide.horizon).toBeCloseTo(170 / size, 1);
    expect(guide.light?.x).toBeGreaterThan(0.6);
  });
});

describe("refinement", () => {
  async function halfMask(): Promise<SourceImage> {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><rect width="${size}" height="${size}" fill="#000"/><rect width="${size / 2}" height="${size}" fill="#fff"/></svg>`;
    return asSource(await sharp(Buffer.from(svg)).png().toBuffer());
  }

  /** Mean absolute difference over the columns [x0, x1). */
  function regionDiff(a: Awaited<ReturnType<typeof decode>>, b: Awaited<ReturnType<typeof decode>>, x0: number, x1: number): number {
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

  it("with a mask changes only the white part", async () => {
    for (const data of [await render("a calm lake at sunrise with mountains", 5), await upload()]) {
      const original = await decode(data);
      const refined = await decode(await render("a lake at night under the stars", 3, { source: asSource(data), strength: 1, mask: await halfMask(), mode: "refine" }));
      expect(regionDiff(original, refined, 0, size / 2 - 8)).toBeGreaterThan(15);
      expect(regionDiff(original, refined, size / 2 + 8, size)).toBeLessThan(0.5);
    }
  });

  it("without a mask moves the whole picture toward the new prompt by the strength", async () => {
    const data = await render("a calm lake at sunrise with mountains", 5);
    const original = await decode(data);
    const refine = async (strength: number) => decode(await render("a calm lake at night with mountains", 5, { source: asSource(data), strength, mode: "refine" }));
    const light = await refine(0.2);
    const strong = await refine(0.9);
    expect(meanAbsDiff(original, light)).toBeLessThan(meanAbsDiff(original, strong) * 0.4);
    // Night darkens it: the strong refinement is much darker than the source.
    const lum = (img: Awaited<ReturnType<typeof decode>>) => means(img).slice(0, 3).reduce((a, b) => a + b, 0);
    expect(lum(strong)).toBeLessThan(lum(original) * 0.7);
  });

  it("keeps the source's size when it must resize an upload", async () => {
    const data = await upload();
    const out = await renderImage({ prompt: "a forest", seed: 1, width: 320, height: 200, source: asSource(data, "image/jpeg"), strength: 0.5, mode: "refine" });
    const meta = await sharp(out).metadata();
    expect([meta.width, meta.height]).toEqual([320, 200]);
  });
});
