import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { colourfulPhoto } from "@/tests/support/images";
import { deltaE, hexToRgb, rgbToOklab } from "./oklab";
import { applyPaletteToPixels } from "./recolor";

describe("applyPaletteToPixels", () => {
  const palette = ["#d62828", "#003049", "#fcbf49", "#eae2b7"];
  const paletteRgb = palette.map(hexToRgb);
  const paletteLab = paletteRgb.map(rgbToOklab);
  const nearestDeltaE = (r: number, g: number, b: number) => Math.min(...paletteLab.map((p) => deltaE(rgbToOklab([r, g, b]), p)));

  async function pixels(channels: 3 | 4) {
    const image = sharp(await colourfulPhoto(96, 64));
    const { data } = await (channels === 4 ? image.ensureAlpha(0.5) : image).raw().toBuffer({ resolveWithObject: true });
    return data;
  }

  it("strength 1 leaves only palette colours, alpha kept", async () => {
    for (const channels of [3, 4] as const) {
      const input = await pixels(channels);
      const copy = Buffer.from(input);
      const out = applyPaletteToPixels(input, channels, palette, 1);
      expect(input.equals(copy)).toBe(true); // not modified in place
      expect(out.length).toBe(input.length);
      const allowed = new Set(paletteRgb.map((p) => p.join(",")));
      const used = new Set<string>();
      for (let i = 0; i < out.length; i += channels) {
        const key = `${out[i]},${out[i + 1]},${out[i + 2]}`;
        expect(allowed.has(key), key).toBe(true);
        used.add(key);
        if (channels === 4) expect(out[i + 3]).toBe(input[i + 3]);
      }
      expect(used.size).toBeGreaterThan(1);
    }
  });

  it("strength 0 returns the same bytes", async () => {
    const input = await pixels(4);
    const out = applyPaletteToPixels(input, 4, palette, 0);
    expect(out.equals(input)).toBe(true);
  });

  it("strength 0.5 moves every pixel toward its nearest palette colour, but not onto it", async () => {
    const input = await pixels(3);
    const out = applyPaletteToPixels(input, 3, palette, 0.5);
    let before = 0, after = 0, between = 0;
    for (let i = 0; i < input.length; i += 3) {
      const d0 = nearestDeltaE(input[i], input[i + 1], input[i + 2]);
      const d1 = nearestDeltaE(out[i], out[i + 1], out[i + 2]);
      expect(d1).toBeLessThanOrEqual(d0 * 0.5 + 0.6); // halfway, up to the 8-bit rounding
      before += d0;
      after += d1;
      if (d1 > 0.5) between++;
    }
    expect(after).toBeLessThan(before * 0.6);
    expect(between).toBeGreaterThan(input.length / 3 / 2);
  });

  it("refuses bad arguments", () => {
    const px = Buffer.alloc(12);
    expect(() => applyPaletteToPixels(px, 3, palette, 1.5)).toThrow(RangeError);
    expect(() => applyPaletteToPixels(px, 5 as 3, palette, 1)).toThrow(RangeError);
    expect(() => applyPaletteToPixels(Buffer.alloc(10), 4, palette, 1)).toThrow(RangeError);
    expect(() => applyPaletteToPixels(px, 3, ["#nothex"], 1)).toThrow(TypeError);
    expect(() => applyPaletteToPixels(px, 3, [], 0.5)).toThrow(RangeError);
  });
});
