import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { paletteCss, paletteJson, paletteSwatchPng, paletteTailwind, paletteTailwindConfig } from "./palette-export";
import { describeColor, type PaletteColor } from "./palette-extract";

describe("palette exports", () => {
  const colors: PaletteColor[] = [
    { ...describeColor("#dc143c"), proportion: 0.75 },
    { ...describeColor("#000080"), proportion: 0.25 },
  ];

  it("CSS custom properties with the names in comments", () => {
    const css = paletteCss("Sunset Beach!", colors);
    expect(css).toContain(":root {");
    expect(css).toContain("--palette-sunset-beach-1: #dc143c;");
    expect(css).toContain("--palette-sunset-beach-2: #000080;");
    expect(css).toContain("crimson");
    expect(css).toContain("navy blue");
    expect(paletteCss("x */ body { color: red } /*", colors)).not.toMatch(/\*\/ body/);
  });

  it("a Tailwind v4 @theme snippet, and the v3 config", () => {
    const tw = paletteTailwind("Sunset Beach!", colors);
    expect(tw).toContain("@theme {");
    expect(tw).toContain("--color-sunset-beach-1: #dc143c;");
    expect(tw).toContain("--color-sunset-beach-2: #000080;");
    expect(tw).toContain("module.exports");
    const v3 = paletteTailwindConfig("Sunset Beach!", colors);
    const module = { exports: {} as { theme?: { extend: { colors: Record<string, Record<string, string>> } } } };
    new Function("module", v3)(module);
    expect(module.exports.theme!.extend.colors["sunset-beach"]).toEqual({ 1: "#dc143c", 2: "#000080" });
  });

  it("JSON that parses back", () => {
    const parsed = JSON.parse(paletteJson("Sunset", colors));
    expect(parsed).toEqual({ name: "Sunset", colors });
    expect(JSON.parse(paletteJson("Custom", [describeColor("#123456")])).colors[0]).not.toHaveProperty("proportion");
  });

  it("a swatch PNG: default 640×128, widths proportional to the proportions", async () => {
    const png = await paletteSwatchPng(colors);
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    expect(info).toMatchObject({ width: 640, height: 128, channels: 3 });
    const at = (x: number, y: number) => [...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3)];
    expect(at(240, 64)).toEqual([220, 20, 60]); // middle of the first swatch (0–480)
    expect(at(479, 0)).toEqual([220, 20, 60]);
    expect(at(480, 127)).toEqual([0, 0, 128]);
  });

  it("equal widths when a colour has no proportion, and a custom size", async () => {
    const png = await paletteSwatchPng([describeColor("#ff0000"), describeColor("#00ff00"), describeColor("#0000ff")], { width: 300, height: 20 });
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    expect(info).toMatchObject({ width: 300, height: 20 });
    expect([...data.subarray(50 * 3, 50 * 3 + 3)]).toEqual([255, 0, 0]);
    expect([...data.subarray(150 * 3, 150 * 3 + 3)]).toEqual([0, 255, 0]);
    expect([...data.subarray(250 * 3, 250 * 3 + 3)]).toEqual([0, 0, 255]);
    await expect(paletteSwatchPng([])).rejects.toThrow(RangeError);
  });
});
