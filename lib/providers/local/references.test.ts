import sharp from "sharp";
import { describe, expect, it } from "vitest";
import type { GenerateRequest, ProviderContext, ReferenceImage } from "../types";
import { LocalProvider } from "./index";
import { stripPngMetadata } from "@/lib/processing/png-chunks";
import { renderImage } from "./renderer";
import { decode, meanAbsDiff, means, type Decoded } from "./test-helpers";

const W = 160;
const H = 120;
const provider = new LocalProvider();
const context = (): ProviderContext => ({ signal: new AbortController().signal, fetchResult: () => Promise.reject(new Error("offline")) });
const request = (extra: Partial<GenerateRequest> = {}): GenerateRequest => ({ prompt: "a calm lake at sunrise with mountains", model: "local-v1", width: W, height: H, aspectRatio: "4:3", n: 1, seed: 11, ...extra });

/** A photo-like reference: a base colour with noise (so it has texture, like a downscaled photograph). */
async function noisy(rgb: [number, number, number], seed: number, w = 240, h = 180): Promise<ReferenceImage> {
  const data = Buffer.alloc(w * h * 3);
  let s = seed;
  for (let i = 0; i < data.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    data[i] = Math.max(0, Math.min(255, rgb[i % 3] + ((s >>> 16) % 41) - 20));
  }
  const jpeg = await sharp(data, { raw: { width: w, height: h, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
  return { data: jpeg, mimeType: "image/jpeg", width: w, height: h, imageId: `ref-${seed}` };
}

/** Dark on the left, light on the right (or mirrored): a layout and nothing else. */
async function ramp(mirrored = false, w = 240, h = 180): Promise<ReferenceImage> {
  const data = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.fill(Math.round((255 * (mirrored ? w - 1 - x : x)) / (w - 1)), (y * w + x) * 3, (y * w + x) * 3 + 3);
  const png = await sharp(data, { raw: { width: w, height: h, channels: 3 } }).png().toBuffer();
  return { data: png, mimeType: "image/png", width: w, height: h, imageId: mirrored ? "ramp-rl" : "ramp-lr" };
}

const generate = async (refs: ReferenceImage[] | undefined, extra: Partial<GenerateRequest> = {}) => (await provider.generate(request({ references: refs, ...extra }), context())).images[0];
const colourDistance = (a: number[], b: number[]) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

/** Luminance of an 8×8 grid of cells. */
function grid(img: Decoded): number[] {
  const out = new Array(64).fill(0);
  const counts = new Array(64).fill(0);
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const i = (y * img.width + x) * img.channels;
      const cell = Math.floor((y * 8) / img.height) * 8 + Math.floor((x * 8) / img.width);
      out[cell] += 0.299 * img.data[i] + 0.587 * img.data[i + 1] + 0.114 * img.data[i + 2];
      counts[cell]++;
    }
  }
  return out.map((v, i) => v / counts[i]);
}

function correlation(a: number[], b: number[]): number {
  const ma = a.reduce((s, v) => s + v, 0) / a.length;
  const mb = b.reduce((s, v) => s + v, 0) / b.length;
  let num = 0, da = 0, db = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i] - ma) * (b[i] - mb);
    da += (a[i] - ma) ** 2;
    db += (b[i] - mb) ** 2;
  }
  return num / Math.sqrt(da * db);
}

const RED: [number, number, number] = [205, 35, 30];
const BLUE: [number, number, number] = [30, 60, 200];

describe("local renderer: reference images", () => {
  it("takes the references' colours: the picture's mean colour moves toward a red or a blue reference", async () => {
    for (const prompt of ["a calm lake at sunrise with mountains", "portrait of a woman, painting", "a robot"]) {
      const plain = means(await decode((await generate(undefined, { prompt })).data));
      const red = means(await decode((await generate([await noisy(RED, 1)], { prompt })).data));
      const blue = means(await decode((await generate([await noisy(BLUE, 2)], { prompt })).data));
      // Each is nearer its own reference than the other render is, by a clear margin, and nearer than the plain one.
      expect(colourDistance(red, RED)).toBeLessThan(colourDistance(blue, RED) - 40);
      expect(colourDistance(blue, BLUE)).toBeLessThan(colourDistance(red, BLUE) - 40);
      expect(colourDistance(red, RED)).toBeLessThan(colourDistance(plain, RED) - 25);
      expect(colourDistance(blue, BLUE)).toBeLessThan(colourDistance(plain, BLUE) - 25);
    }
  });

  it("takes the first reference's rough layout: dark left / light right shows in an 8×8 luminance grid", async () => {
    const lr = grid(await decode((await ramp()).data));
    for (const prompt of ["a calm lake at sunrise with mountains", "misty pine forest at dusk", "3d spheres"]) {
      const withRamp = grid(await decode((await generate([await ramp()], { prompt })).data));
      const withMirror = grid(await decode((await generate([await ramp(true)], { prompt })).data));
      const plain = grid(await decode((await generate(undefined, { prompt })).data));
      expect(correlation(withRamp, lr)).toBeGreaterThan(0.6);
      expect(correlation(withRamp, lr)).toBeGreaterThan(correlation(plain, lr) + 0.3);
      expect(correlation(withMirror, lr)).toBeLessThan(-0.3);
    }
  });

  it("is deterministic: same seed and references give the same bytes; another reference gives other bytes", async () => {
    const refs = [await noisy(RED, 3), await ramp()];
    const a = await generate(refs);
    const b = await generate([await noisy(RED, 3), await ramp()]);
    expect(a.data.equals(b.data)).toBe(true);
    expect(a.params).toEqual(b.params);
    const c = await generate([await noisy(BLUE, 3), await ramp()]);
    expect(a.data.equals(c.data)).toBe(false);
  });

  it("says what it took, in a notice and in the params", async () => {
    const image = await generate([await noisy(RED, 4), await noisy(BLUE, 5)]);
    expect(image.notices).toContain("Drawn offline from 2 reference images: the local renderer takes their colours and rough layout, not their subjects or faces — connect a provider for that.");
    expect(image.params).toMatchObject({ referenceUse: "colours+layout", referenceCount: 2, referenceLayout: 0.6 });
    const palette = image.params!.referencePalette as string[];
    expect(palette.length).toBeGreaterThanOrEqual(2);
    expect(palette.every((c) => /^#[0-9a-f]{6}$/.test(c))).toBe(true);
    // The first reference weighs most: its red is the heaviest colour.
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(palette[0].slice(i, i + 2), 16));
    expect(r).toBeGreaterThan(g + 80);
    expect(r).toBeGreaterThan(b + 80);
    // The record keeps the colours, so a variation of this picture is drawn in them again.
    expect((image.params!.local as { palette?: string[] }).palette).toEqual(palette);
  });

  it("keeps a requested palette first and only adds the references' colours it lacks", async () => {
    const image = await generate([await noisy(RED, 6)], { palette: ["#10a040", "#f0e0a0"] });
    const palette = image.params!.referencePalette as string[];
    expect(palette.slice(0, 2)).toEqual(["#10a040", "#f0e0a0"]);
    expect(palette.length).toBeLessThanOrEqual(4);
    const same = await generate([await noisy(RED, 6)], { palette: ["#10a040", "#f0e0a0"] });
    expect(same.data.equals(image.data)).toBe(true);
  });

  it("without references the picture is exactly the plain render", async () => {
    const plain = await renderImage({ prompt: "a calm lake at sunrise with mountains", seed: 11, width: W, height: H });
    for (const refs of [undefined, []]) {
      const image = await generate(refs);
      expect(image.data.equals(plain)).toBe(true);
      expect(image.params).toEqual({ local: { v: 1, prompt: "a calm lake at sunrise with mountains", seed: 11, style: "none" } });
      expect(image.notices ?? []).not.toContainEqual(expect.stringContaining("reference"));
    }
  });

  it("refinements and variations take the references' colours too, and say so", async () => {
    const source = await renderImage({ prompt: "a calm lake at sunrise with mountains", seed: 11, width: W, height: H });
    const asSource = { data: source, mimeType: "image/png", width: W, height: H };
    for (const run of [
      (refs?: ReferenceImage[]) => provider.variations(request({ prompt: "", source: asSource, strength: 0.6, references: refs }), context()),
      (refs?: ReferenceImage[]) => provider.edit(request({ prompt: "add a boat", source: asSource, strength: 0.7, references: refs }), context()),
    ]) {
      const red = (await run([await noisy(RED, 7)])).images[0];
      const blue = (await run([await noisy(BLUE, 8)])).images[0];
      const plain = (await run()).images[0];
      const [mr, mb, mp] = await Promise.all([red, blue, plain].map(async (i) => means(await decode(i.data))));
      expect(colourDistance(mr, RED)).toBeLessThan(colourDistance(mb, RED) - 30);
      expect(colourDistance(mr, RED)).toBeLessThan(colourDistance(mp, RED) - 15);
      expect(red.notices).toContainEqual(expect.stringMatching(/^Drawn offline from 1 reference image: .* its colours/));
      expect(red.params).toMatchObject({ referenceUse: "colours+layout", referenceCount: 1 });
      expect(plain.params).not.toHaveProperty("referenceUse");
    }
  });
  it("its record redraws it without the references: their guide and layout are kept, a strength-0 variation is the same picture", async () => {
    const image = await generate([await ramp(), await noisy(RED, 9)]);
    const record = image.params!.local as { layouts?: Array<{ w: number; h: number; rgb: string; amount: number }>; guide?: unknown; derived?: boolean };
    expect(record.layouts).toHaveLength(1);
    expect(record.layouts![0]).toMatchObject({ w: 10, h: 8, amount: 0.6 });
    expect(record.guide).toBeDefined();
    expect(record.derived).toBeUndefined();
    expect(JSON.stringify(record).length).toBeLessThan(1000);
    // As the studio hands it back: the file without its record, the row with it, and no references.
    const origin = { provider: "local", prompt: request().prompt, negativePrompt: null, seed: 11, style: null, params: { local: record }, operation: null };
    const source = { data: stripPngMetadata(image.data)!, mimeType: "image/png", width: W, height: H, origin };
    const again = (await provider.variations(request({ prompt: "", source, strength: 0, seed: 30 }), context())).images[0];
    expect(meanAbsDiff(await decode(again.data), await decode(image.data))).toBeLessThan(0.5);
    expect((again.params!.local as typeof record).layouts).toEqual(record.layouts);
    // A malformed layout on the row (hand-edited) is left out rather than failing the render.
    const broken = { ...source, origin: { ...origin, params: { local: { ...record, layouts: [{ w: 10, h: 8, rgb: "AAAA", amount: 0.6 }] } } } };
    const redrawn = (await provider.variations(request({ prompt: "", source: broken, strength: 0, seed: 30 }), context())).images[0];
    expect((redrawn.params!.local as typeof record).layouts).toBeUndefined();
  });
});
