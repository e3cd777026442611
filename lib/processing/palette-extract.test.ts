import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { colourfulPhoto, drawRaw, halfTransparentPng, jpegPhotoLike, red, type Rgb } from "@/tests/support/images";
import { colorName, colorNameCount } from "./color-names";
import * as processing from "./index";
import { deltaE, hexToRgb, rgbToOklab } from "./oklab";
import { describeColor, extractPalette, extractPalettes, paletteQuantisationError, paletteTypes, type PaletteColor } from "./palette-extract";

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
