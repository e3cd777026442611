// Free-form sizes (gpt-image-2.x rules in ../shared/PROVIDERS.md: multiples of 16, 1:3–3:1, long side ≤ 3840,
// 655,360–8,294,400 px) and size classes (1K/2K/4K) on free and aspect-ratio models.
import { describe, expect, it } from "vitest";
import { freeSizeError, resolutionsOf, resolveSize } from "./sizes";
import type { SizeSpec } from "./types";

const free: Extract<SizeSpec, { kind: "free" }> = { kind: "free", multipleOf: 16, maxSide: 3840, minPixels: 655_360, maxPixels: 8_294_400, maxRatio: 3 };
const gpt = { sizes: free, resolutions: { "2K": 1, "4K": 1 } };
const gemini = { sizes: { kind: "aspect", ratios: ["1:1", "16:9"], pixels: { "1:1": "1024x1024", "16:9": "1376x768" } } as SizeSpec, resolutions: { "2K": 2, "4K": 4 } };

describe("free-form sizes", () => {
  it("offers 1K, 2K and 4K sizes for every aspect ratio, all within the rules", () => {
    for (const ratio of ["1:1", "3:2", "2:3", "16:9", "9:16", "4:3", "3:4", "21:9", "3:1", "1:3"]) {
      for (const resolution of ["1K", "2K", "4K"] as const) {
        const size = resolveSize(gpt, { aspectRatio: ratio, resolution });
        expect(size, `${ratio} ${resolution}`).not.toHaveProperty("error");
        const { width, height } = size as { width: number; height: number };
        expect(freeSizeError(free, width, height), `${ratio} ${resolution} → ${width}×${height}`).toBeNull();
        const [w, h] = ratio.split(":").map(Number);
        expect(Math.abs(width / height - w / h) / (w / h), `${ratio} ${resolution}`).toBeLessThan(0.03);
      }
    }
    expect(resolveSize(gpt, { aspectRatio: "1:1" })).toEqual({ width: 1024, height: 1024, aspectRatio: "1:1" });
    expect(resolveSize(gpt, { aspectRatio: "16:9", resolution: "4K" })).toEqual({ width: 3840, height: 2160, aspectRatio: "16:9" });
    expect(resolveSize(gpt, { aspectRatio: "1:1", resolution: "2K" })).toEqual({ width: 2048, height: 2048, aspectRatio: "1:1" });
  });

  it("takes exact pixels within the rules and says which rule a size breaks", () => {
    expect(resolveSize(gpt, { width: 1536, height: 1024 })).toEqual({ width: 1536, height: 1024, aspectRatio: "3:2" });
    expect(resolveSize(gpt, { width: 1000, height: 1000 })).toMatchObject({ error: expect.stringContaining("multiples of 16") });
    expect(resolveSize(gpt, { width: 4096, height: 2048 })).toMatchObject({ error: expect.stringContaining("at most 3840") });
    expect(resolveSize(gpt, { width: 3200, height: 1024 })).toMatchObject({ error: expect.stringContaining("between 1:3 and 3:1") });
    expect(resolveSize(gpt, { width: 512, height: 512 })).toMatchObject({ error: expect.stringContaining("655,360") });
    expect(resolveSize(gpt, { aspectRatio: "4:1" })).toMatchObject({ error: expect.stringContaining("outside") });
    expect(resolveSize(gpt, { aspectRatio: "1:1", resolution: "512" })).toMatchObject({ error: expect.stringContaining("no 512 size") });
  });

  it("keeps a source's shape for variations, inside the rules", () => {
    const size = resolveSize(gpt, { like: { width: 6000, height: 4000 } }) as { width: number; height: number };
    expect(freeSizeError(free, size.width, size.height)).toBeNull();
    expect(size.width / size.height).toBeCloseTo(1.5, 1);
    const small = resolveSize(gpt, { like: { width: 300, height: 200 } }) as { width: number; height: number };
    expect(freeSizeError(free, small.width, small.height)).toBeNull();
  });
});

describe("size classes on aspect-ratio models", () => {
  it("scale the 1K table, and refuse classes a model lacks", () => {
    expect(resolveSize(gemini, { aspectRatio: "16:9", resolution: "2K" })).toEqual({ width: 2752, height: 1536, aspectRatio: "16:9" });
    expect(resolveSize(gemini, { aspectRatio: "1:1", resolution: "4K" })).toEqual({ width: 4096, height: 4096, aspectRatio: "1:1" });
    expect(resolveSize({ sizes: gemini.sizes }, { aspectRatio: "1:1", resolution: "2K" })).toMatchObject({ error: expect.stringContaining("no 2K size (it makes 1K)") });
    expect(resolutionsOf(gemini)).toEqual(["1K", "2K", "4K"]);
    expect(resolutionsOf({ resolutions: { "512": 0.5 } })).toEqual(["512", "1K"]);
  });
});
