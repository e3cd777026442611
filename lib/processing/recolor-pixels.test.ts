import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applyPaletteToPixels } from "./recolor";
import { prepareRecolor, recolorPixels, renderRecolor } from "./recolor-pixels";

/** Deterministic pseudo-random pixels, with runs of repeated colours as in real pictures. */
function pixels(count: number, channels: 3 | 4): Buffer {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 255;
  const out = Buffer.alloc(count * channels);
  for (let p = 0; p < count; p++) {
    const repeat = p > 0 && next() < 96;
    for (let c = 0; c < channels; c++) out[p * channels + c] = repeat ? out[(p - 1) * channels + c] : next();
  }
  return out;
}

const palette = ["#1e3a8a", "#f59e0b", "#10b981", "#ef4444", "#f5f5f4"];

describe("recolorPixels (browser-safe)", () => {
  it.each([0, 0.3, 0.5, 0.85, 1])("gives the server's bytes at strength %s", (strength) => {
    for (const channels of [3, 4] as const) {
      const input = pixels(4000, channels);
      expect(Buffer.from(recolorPixels(input, channels, palette, strength))).toEqual(applyPaletteToPixels(input, channels, palette, strength));
    }
  });

  it.each([0, 0.01, 0.3, 0.5, 0.85, 0.99, 1])("the live preview's path (prepare once, render per strength) gives the server's bytes at strength %s", (strength) => {
    for (const channels of [3, 4] as const) {
      const input = pixels(4000, channels);
      const prepared = prepareRecolor(input, channels, palette);
      const out = new Uint8ClampedArray(input.length);
      renderRecolor(prepared, strength, out);
      expect(Buffer.from(out)).toEqual(applyPaletteToPixels(input, channels, palette, strength));
      // As the preview draws it: RGBA ImageData, the slider moved from another strength.
      const canvas = new Uint8ClampedArray(4000 * 4);
      renderRecolor(prepared, 0.42, canvas, 4);
      renderRecolor(prepared, strength, canvas, 4);
      const server = applyPaletteToPixels(input, channels, palette, strength);
      const expected = new Uint8ClampedArray(4000 * 4);
      for (let p = 0; p < 4000; p++) {
        expected.set(server.subarray(p * channels, p * channels + 3), p * 4);
        expected[p * 4 + 3] = channels === 4 ? input[p * 4 + 3] : 255;
      }
      expect(Buffer.from(canvas)).toEqual(Buffer.from(expected));
    }
  });

  it("renders RGB sources into RGBA (a canvas's ImageData) with opaque alpha, and re-renders at another strength", () => {
    const input = pixels(500, 3);
    const prepared = prepareRecolor(input, 3, palette);
    const out = new Uint8ClampedArray(500 * 4);
    renderRecolor(prepared, 0.6, out, 4);
    const expected = applyPaletteToPixels(input, 3, palette, 0.6);
    for (let p = 0; p < 500; p++) {
      expect([out[p * 4], out[p * 4 + 1], out[p * 4 + 2], out[p * 4 + 3]]).toEqual([expected[p * 3], expected[p * 3 + 1], expected[p * 3 + 2], 255]);
    }
    renderRecolor(prepared, 0, out, 4);
    expect(out[0]).toBe(input[0]);
  });

  it("refuses bad arguments like the server", () => {
    expect(() => recolorPixels(new Uint8Array(6), 3, palette, 1.5)).toThrow(RangeError);
    expect(() => recolorPixels(new Uint8Array(5), 3, palette, 1)).toThrow(RangeError);
    expect(() => recolorPixels(new Uint8Array(6), 3, [], 1)).toThrow(RangeError);
  });

  it("imports nothing but ./oklab, which imports nothing (no sharp, no Node): safe in a browser bundle", () => {
    const importsOf = (file: string) => [...readFileSync(path.join(import.meta.dirname, file), "utf8").matchAll(/^\s*import\s[^;]*?from\s+["']([^"']+)["']/gm)].map((m) => m[1]);
    expect(importsOf("recolor-pixels.ts")).toEqual(["./oklab"]);
    expect(importsOf("oklab.ts")).toEqual([]);
  });
});
