import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { drawRaw, halfTransparentPng, jpegPhotoLike, red, type Rgb } from "@/tests/support/images";
import { colorName, colorNameCount } from "./color-names";
import * as processing from "./index";
import { deltaE, hexToRgb, rgbToOklab } from "./oklab";
import {
  applyPaletteToPixels,
  describeColor,
  extractPalette,
  extractPalettes,
  paletteCss,
  paletteJson,
  paletteQuantisationError,
  paletteSwatchPng,
  paletteTailwind,
  paletteTailwindConfig,
  paletteTypes,
  type PaletteColor,
} from "./palette";

const redHex = "#ff0000";
const blueHex = "#0000ff";

/** 60 % pure red on the left, 40 % pure blue on the right; bigger than the 128 px decode, so it is shrunk. */
const redBlue = (format: "png" | "jpeg" = "png") => {
  const image = drawRaw(300, 200, (x) => (x < 180 ? [255, 0, 0] : [0, 0, 255]));
  return format === "png" ? image.png().toBuffer() : image.jpeg({ quality: 95, chromaSubsampling: "4:4:4" }).toBuffer();
};

/** Four saturated and four greyish vertical bands, with a little deterministic noise, as a JPEG. */
function saturatedAndGreyish() {
  const bands: Rgb[] = [
    [230, 30, 40], [150, 128, 118], [30, 170, 60], [100, 115, 132],
    [40, 70, 220], [172, 166, 140], [250, 200, 20], [108, 126, 102],
  ];
  let seed = 7;
  const noise = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 9) - 4;
  const clamp = (v: number) => Math.max(0, Math.min(255, v));
  return drawRaw(320, 160, (x) => bands[Math.floor(x / 40)].map((c) => clamp(c + noise())))
    .jpeg({ quality: 92 })
    .toBuffer();
}

/** A colourful photo-like JPEG: a smooth hue field over a lighting gradient, grey patches and grain. */
function colourfulPhoto(width = 400, height = 300) {
  let seed = 42;
  const noise = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 17) - 8;
  const clamp = (v: number) => Math.max(0, Math.min(255, Math.round(v)));
  return drawRaw(width, height, (x, y) => {
    const u = x / width, v = y / height;
    if ((u - 0.25) ** 2 + (v - 0.7) ** 2 < 0.02) return [128 + noise(), 124 + noise(), 118 + noise()];
    const hue = (u * 2 + v) * Math.PI;
    const light = 110 + 90 * (1 - v);
    return [
      clamp(light + 90 * Math.sin(hue) + noise()),
      clamp(light + 90 * Math.sin(hue + 2.1) + noise()),
      clamp(light + 90 * Math.sin(hue + 4.2) + noise()),
    ];
  })
    .jpeg({ quality: 90 })
    .toBuffer();
}

const meanSaturation = (colors: PaletteColor[]) => colors.reduce((s, c) => s + c.hsv[1], 0) / colors.length;

function expectWellFormed(colors: PaletteColor[]) {
  for (const c of colors) {
    expect(c.hex).toMatch(/^#[0-9a-f]{6}$/);
    expect(hexToRgb(c.hex)).toEqual(c.rgb);
    expect(c.hsv[0]).toBeGreaterThanOrEqual(0);
    expect(c.hsv[0]).toBeLessThan(360);
    for (const v of [...c.rgb, ...c.hsv]) expect(Number.isInteger(v)).toBe(true);
    expect(c.name.length).toBeGreaterThan(0);
    expect(c.proportion).toBeGreaterThan(0);
    expect(c.proportion).toBeLessThanOrEqual(1);
    expect(String(c.proportion)).toMatch(/^(0|1)(\.\d{1,4})?$/);
  }
}

describe("extractPalette: dominant", () => {
  it("finds exactly the two colours of a 60 % red / 40 % blue image, with their proportions", async () => {
    const colors = await extractPalette(await redBlue(), "dominant", 2);
    expect(colors.map((c) => c.hex)).toEqual([redHex, blueHex]);
    expect(colors[0].rgb).toEqual([255, 0, 0]);
    expect(colors[1].rgb).toEqual([0, 0, 255]);
    expect(colors[0].proportion).toBeCloseTo(0.6, 1);
    expect(Math.abs(colors[0].proportion! - 0.6)).toBeLessThanOrEqual(0.02);
    expect(Math.abs(colors[1].proportion! - 0.4)).toBeLessThanOrEqual(0.02);
    expect(colors[0].proportion! + colors[1].proportion!).toBeCloseTo(1, 4);
    expectWellFormed(colors);
  });

  it("returns fewer colours than asked when the image has fewer, and none that is not in the image", async () => {
    const colors = await extractPalette(await redBlue(), "dominant", 5);
    expect(colors.map((c) => c.hex)).toEqual([redHex, blueHex]);
    for (const type of ["vibrant", "muted"] as const) {
      const other = await extractPalette(await redBlue(), type, 5);
      expect(other.map((c) => c.hex).sort()).toEqual([blueHex, redHex]);
    }
  });

  it("reads a JPEG: red and blue within a JPEG's error", async () => {
    const colors = await extractPalette(await redBlue("jpeg"), "dominant", 2);
    expect(colors).toHaveLength(2);
    expect(deltaE(rgbToOklab(colors[0].rgb), rgbToOklab([255, 0, 0]))).toBeLessThan(3);
    expect(deltaE(rgbToOklab(colors[1].rgb), rgbToOklab([0, 0, 255]))).toBeLessThan(3);
    expect(Math.abs(colors[0].proportion! - 0.6)).toBeLessThanOrEqual(0.02);
  });

  it("ignores transparent pixels of a PNG with alpha", async () => {
    const png = await halfTransparentPng(200, 100, red);
    const colors = await extractPalette(png, "dominant", 3);
    expect(colors).toEqual([{ hex: redHex, rgb: [255, 0, 0], hsv: [0, 100, 100], name: "red", proportion: 1 }]);
  });

  it("reads greyscale images, with and without alpha", async () => {
    const grey = await drawRaw(64, 64, (x) => (x < 48 ? [40, 40, 40] : [200, 200, 200])).toColourspace("b-w").png().toBuffer();
    expect((await sharp(grey).metadata()).channels).toBe(1);
    const colors = await extractPalette(grey, "dominant", 4);
    expect(colors.map((c) => [c.hex, c.proportion])).toEqual([["#282828", 0.75], ["#c8c8c8", 0.25]]);
    const greyAlpha = await drawRaw(64, 64, (x) => (x < 16 ? [90, 90, 90, 255] : [0, 0, 0, 0]), 4).toColourspace("b-w").png().toBuffer();
    expect((await sharp(greyAlpha).metadata()).channels).toBe(2);
    expect((await extractPalette(greyAlpha, "dominant", 4)).map((c) => [c.hex, c.proportion])).toEqual([["#5a5a5a", 1]]);
  });

  it("gives empty palettes for a fully transparent image", async () => {
    const png = await sharp({ create: { width: 20, height: 20, channels: 4, background: { r: 9, g: 9, b: 9, alpha: 0 } } }).png().toBuffer();
    expect(await extractPalettes(png, paletteTypes, 4)).toEqual({ dominant: [], vibrant: [], muted: [] });
  });

  it("works with 1 and 16 colours on a photo", async () => {
    const photo = await colourfulPhoto();
    const one = await extractPalette(photo, "dominant", 1);
    expect(one).toHaveLength(1);
    expect(one[0].proportion).toBe(1);
    const sixteen = await extractPalette(photo, "dominant", 16);
    expect(sixteen).toHaveLength(16);
    expect(new Set(sixteen.map((c) => c.hex)).size).toBe(16);
    expectWellFormed(sixteen);
    const proportions = sixteen.map((c) => c.proportion!);
    expect(proportions).toEqual([...proportions].sort((a, b) => b - a));
    expect(proportions.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 2);
    // More colours fit the image better.
    const error = (colors: PaletteColor[]) => paletteQuantisationError(photo, colors.map((c) => c.hex));
    expect(await error(sixteen)).toBeLessThan(await error(one));
  });

  it("refuses a bad numColors or type", async () => {
    const png = await redBlue();
    for (const n of [0, 17, 2.5, Number.NaN]) await expect(extractPalette(png, "dominant", n)).rejects.toThrow(RangeError);
    await expect(extractPalettes(png, ["dominant", "loud" as never], 3)).rejects.toThrow(/Unknown palette type/);
  });

  it("honours the decode pixel limit", async () => {
    await expect(extractPalette(await redBlue(), "dominant", 2, { maxPixels: 1000 })).rejects.toThrow(/pixel limit/);
  });
});

describe("extractPalettes: vibrant and muted", () => {
  it("vibrant colours are more saturated than muted ones", async () => {
    const image = await saturatedAndGreyish();
    const { dominant, vibrant, muted } = await extractPalettes(image, paletteTypes, 4);
    expect(dominant).toHaveLength(4);
    expect(vibrant).toHaveLength(4);
    expect(muted).toHaveLength(4);
    expectWellFormed([...dominant, ...vibrant, ...muted]);
    expect(meanSaturation(vibrant)).toBeGreaterThan(meanSaturation(muted) + 30);
    expect(Math.min(...vibrant.map((c) => c.hsv[1]))).toBeGreaterThan(Math.max(...muted.map((c) => c.hsv[1])));
    // Raw shares of the image: each band is 1/8 of it.
    for (const c of [...vibrant, ...muted]) expect(c.proportion).toBeLessThan(0.2);
  });

  it("vibrant beats muted on a colourful photo too, and picks distinct colours", async () => {
    const { vibrant, muted } = await extractPalettes(await colourfulPhoto(), ["vibrant", "muted"], 6);
    expect(vibrant).toHaveLength(6);
    expect(muted.length).toBeGreaterThan(0);
    expect(meanSaturation(vibrant)).toBeGreaterThan(meanSaturation(muted));
    for (const list of [vibrant, muted]) {
      for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < list.length; j++) expect(deltaE(rgbToOklab(list[i].rgb), rgbToOklab(list[j].rgb))).toBeGreaterThan(1.5);
      }
    }
  });

  it("is deterministic: the same bytes give deep-equal palettes", async () => {
    const photo = await jpegPhotoLike(320, 240);
    const first = await extractPalettes(photo, paletteTypes, 8);
    const second = await extractPalettes(Buffer.from(photo), paletteTypes, 8);
    expect(second).toEqual(first);
    expect(Object.keys(first).sort()).toEqual(["dominant", "muted", "vibrant"]);
    expect(first.dominant.length).toBe(8);
  });

  it("returns only the asked types", async () => {
    const result = await extractPalettes(await redBlue(), ["muted"], 2);
    expect(Object.keys(result)).toEqual(["muted"]);
  });
});

describe("colour names and describeColor", () => {
  it("names colours readably", () => {
    expect(colorNameCount).toBeGreaterThanOrEqual(100);
    expect(colorNameCount).toBeLessThanOrEqual(200);
    expect(colorName([255, 0, 0])).toContain("red");
    expect(colorName([0, 0, 128])).toContain("navy");
    expect(colorName([220, 20, 60])).toBe("crimson");
    expect(colorName([156, 175, 136])).toBe("sage green");
    expect(colorName([255, 255, 255])).toBe("white");
    expect(colorName([0, 0, 0])).toBe("black");
    expect(colorName([128, 128, 128])).toBe("grey");
    expect(colorName([255, 165, 0])).toBe("orange");
    for (let i = 0; i < 64; i++) expect(colorName([(i * 37) % 256, (i * 91) % 256, (i * 53) % 256]).length).toBeGreaterThan(0);
  });

  it("describeColor parses hex and fills rgb, hsv and name (no proportion)", () => {
    expect(describeColor("#000080")).toEqual({ hex: "#000080", rgb: [0, 0, 128], hsv: [240, 100, 50], name: "navy blue" });
    expect(describeColor("#FFF")).toEqual({ hex: "#ffffff", rgb: [255, 255, 255], hsv: [0, 0, 100], name: "white" });
    expect(describeColor("00ff00").hsv).toEqual([120, 100, 100]);
    expect(describeColor("#ff0080").hsv).toEqual([330, 100, 100]);
    for (const bad of ["", "#12345", "#gggggg", "red", "#1234567"]) expect(() => describeColor(bad)).toThrow(TypeError);
  });
});

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

describe("paletteQuantisationError", () => {
  it("is ≈ 0 for the red/blue image with its own palette, and large with a wrong one", async () => {
    const png = await redBlue();
    const own = await extractPalette(png, "dominant", 2);
    expect(await paletteQuantisationError(png, own.map((c) => c.hex))).toBeLessThan(0.5);
    expect(await paletteQuantisationError(png, ["#808080"])).toBeGreaterThan(20);
  });
});

describe("lib/processing index", () => {
  it("exports the palette API", () => {
    const exported = processing as Record<string, unknown>;
    for (const name of [
      "extractPalettes", "extractPalette", "describeColor", "colorName", "applyPaletteToPixels", "paletteCss", "paletteTailwind",
      "paletteTailwindConfig", "paletteJson", "paletteSwatchPng", "paletteQuantisationError",
    ]) {
      expect(typeof exported[name], name).toBe("function");
    }
    expect(exported.paletteTypes).toEqual(["dominant", "vibrant", "muted"]);
  });
});
