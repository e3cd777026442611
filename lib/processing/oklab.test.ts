import { describe, expect, it } from "vitest";
import { chroma, deltaE, hexToRgb, linearToSrgbByte, oklabToRgb, rgbToHex, rgbToHsv, rgbToOklab, srgbToLinearLut } from "./oklab";

describe("oklab", () => {
  it("matches Ottosson's reference values", () => {
    const white = rgbToOklab([255, 255, 255]);
    expect(white[0]).toBeCloseTo(1, 4);
    expect(Math.abs(white[1]) + Math.abs(white[2])).toBeLessThan(1e-4);
    const r = rgbToOklab([255, 0, 0]);
    expect(r[0]).toBeCloseTo(0.62796, 4);
    expect(r[1]).toBeCloseTo(0.22486, 4);
    expect(r[2]).toBeCloseTo(0.12585, 4);
    expect(chroma(rgbToOklab([128, 128, 128]))).toBeLessThan(1e-4);
  });

  it("round-trips every 8-bit colour on a 5-step grid exactly", () => {
    for (let r = 0; r < 256; r += 5) {
      for (let g = 0; g < 256; g += 5) {
        for (let b = 0; b < 256; b += 5) expect(oklabToRgb(rgbToOklab([r, g, b]))).toEqual([r, g, b]);
      }
    }
  });

  it("linear → sRGB byte inverts the table and clamps", () => {
    for (let i = 0; i < 256; i++) expect(linearToSrgbByte(srgbToLinearLut[i])).toBe(i);
    expect(linearToSrgbByte(-0.5)).toBe(0);
    expect(linearToSrgbByte(2)).toBe(255);
    expect(linearToSrgbByte(Number.NaN)).toBe(0);
  });

  it("ΔE, HSV and hex helpers", () => {
    expect(deltaE(rgbToOklab([0, 0, 0]), rgbToOklab([255, 255, 255]))).toBeCloseTo(100, 2);
    expect(rgbToHsv([255, 0, 0])).toEqual([0, 100, 100]);
    expect(rgbToHsv([0, 0, 128])).toEqual([240, 100, 50]);
    expect(rgbToHsv([255, 0, 1])).toEqual([0, 100, 100]); // 359.76° rounds to 360 → 0
    expect(rgbToHsv([0, 0, 0])).toEqual([0, 0, 0]);
    expect(rgbToHex([1, 171, 255])).toBe("#01abff");
    expect(hexToRgb("#01ABff")).toEqual([1, 171, 255]);
    expect(hexToRgb("abc")).toEqual([170, 187, 204]);
    expect(() => hexToRgb("#abcd")).toThrow(TypeError);
  });
});
