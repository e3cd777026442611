import sharp from "sharp";
import { describe, expect, it } from "vitest";
import {
  black,
  blue,
  green,
  grey,
  halfAndHalf,
  halfTransparentPng,
  jpegPhotoLike,
  maxStepAlongRow,
  meanColour,
  pixelAt,
  quadrants,
  rangeAlongRow,
  red,
  solidImage,
  white,
} from "@/tests/support/images";
import { applyFilter, filterSchemas, filterSpecSchema, filterTypes } from "./filters";

/** Applies one filter (validated like an API request) and encodes losslessly. */
const filtered = (bytes: Buffer, spec: unknown) => applyFilter(sharp(bytes), filterSpecSchema.parse(spec)).png().toBuffer();
const centre = (bytes: Buffer) => pixelAt(bytes, 4, 4);
const expectRgb = (px: { r: number; g: number; b: number }, rgb: readonly number[], tolerance = 1) => {
  expect(Math.abs(px.r - rgb[0])).toBeLessThanOrEqual(tolerance);
  expect(Math.abs(px.g - rgb[1])).toBeLessThanOrEqual(tolerance);
  expect(Math.abs(px.b - rgb[2])).toBeLessThanOrEqual(tolerance);
};

describe("applyFilter: colour", () => {
  it("grayscale makes every pixel r = g = b, keeping lightness differences", async () => {
    const out = await filtered(await quadrants(16, 16, [red, green, blue, white]), { type: "grayscale" });
    const { data, info } = await sharp(out).toColourspace("srgb").raw().toBuffer({ resolveWithObject: true });
    for (let i = 0; i < data.length; i += info.channels) {
      expect(data[i + 1]).toBe(data[i]);
      expect(data[i + 2]).toBe(data[i]);
    }
    const [r, g, b, w] = await Promise.all([pixelAt(out, 2, 2), pixelAt(out, 12, 2), pixelAt(out, 2, 12), pixelAt(out, 12, 12)]);
    expect(w.r).toBe(255);
    expect(g.r).toBeGreaterThan(r.r); // green is lighter than red,
    expect(r.r).toBeGreaterThan(b.r); // which is lighter than blue.
  });

  it("sepia at full strength turns grey and white warm (r > g > b, r ≥ g for white)", async () => {
    // Sepia matrix on 128: r = 128·1.351, g = 128·1.203, b = 128·0.937.
    expectRgb(await centre(await filtered(await solidImage(8, 8, grey), { type: "sepia" })), [173, 154, 120], 2);
    const onWhite = await centre(await filtered(await solidImage(8, 8, white), { type: "sepia", params: { amount: 1 } }));
    expect(onWhite.r).toBe(255);
    expect(onWhite.g).toBe(255);
    expect(onWhite.b).toBeLessThan(245);
  });

  it("sepia amount blends with the original (0 leaves it, 0.5 is halfway)", async () => {
    const input = await solidImage(8, 8, grey);
    expectRgb(await centre(await filtered(input, { type: "sepia", params: { amount: 0 } })), grey, 1);
    expectRgb(await centre(await filtered(input, { type: "sepia", params: { amount: 0.5 } })), [150, 141, 124], 2);
  });

  it("invert maps (10, 20, 30) to (245, 235, 225) and leaves alpha alone", async () => {
    expectRgb(await centre(await filtered(await solidImage(8, 8, [10, 20, 30]), { type: "invert" })), [245, 235, 225], 1);
    const out = await filtered(await halfTransparentPng(10, 4, red), { type: "invert" });
    expect(await pixelAt(out, 1, 1)).toMatchObject({ r: 0, g: 255, b: 255, a: 255 });
    expect((await pixelAt(out, 8, 1)).a).toBe(0);
  });

  it("brightness 2 brightens, 0.5 darkens, 1 changes nothing", async () => {
    const input = await jpegPhotoLike(32, 32);
    const [mean] = await meanColour(input);
    const [brighter] = await meanColour(await filtered(input, { type: "brightness", params: { amount: 2 } }));
    const [darker] = await meanColour(await filtered(input, { type: "brightness", params: { amount: 0.5 } }));
    expect(brighter).toBeGreaterThan(mean + 40);
    expect(darker).toBeLessThan(mean - 20);
    const unchanged = await filtered(await solidImage(8, 8, [100, 150, 50]), { type: "brightness", params: { amount: 1 } });
    expectRgb(await centre(unchanged), [100, 150, 50], 1);
  });

  it("contrast stretches around mid-grey: out = a·in + 128·(1 − a)", async () => {
    const input = await halfAndHalf(8, 8, [100, 100, 100], [160, 160, 160]);
    const stronger = await filtered(input, { type: "contrast", params: { amount: 2 } });
    expectRgb(await pixelAt(stronger, 1, 1), [72, 72, 72], 1);
    expectRgb(await pixelAt(stronger, 6, 1), [192, 192, 192], 1);
    const flat = await filtered(input, { type: "contrast", params: { amount: 0 } });
    expectRgb(await pixelAt(flat, 1, 1), [128, 128, 128], 1);
    expectRgb(await pixelAt(flat, 6, 1), [128, 128, 128], 1);
  });

  it("saturation 0 turns red grey; saturation 1 keeps it", async () => {
    const input = await solidImage(8, 8, red);
    const px = await centre(await filtered(input, { type: "saturation", params: { amount: 0 } }));
    expect(Math.abs(px.r - px.g)).toBeLessThanOrEqual(2);
    expect(Math.abs(px.g - px.b)).toBeLessThanOrEqual(2);
    expect(px.r).toBeGreaterThan(80);
    expect(px.r).toBeLessThan(180);
    expectRgb(await centre(await filtered(input, { type: "saturation", params: { amount: 1 } })), red, 2);
  });

  it("hue 180 turns pure red cyan-ish; hue 0 and 360 keep it red", async () => {
    const input = await solidImage(8, 8, red);
    const turned = await centre(await filtered(input, { type: "hue", params: { degrees: 180 } }));
    expect(turned.r).toBeLessThan(60);
    expect(turned.g).toBeGreaterThan(120);
    expect(turned.b).toBeGreaterThan(120);
    expectRgb(await centre(await filtered(input, { type: "hue", params: { degrees: 0 } })), red, 2);
    expectRgb(await centre(await filtered(input, { type: "hue", params: { degrees: 360 } })), red, 2);
  });

  it("tint colours grey towards the tint colour", async () => {
    const input = await solidImage(8, 8, grey);
    const orange = await centre(await filtered(input, { type: "tint", params: { color: "ff8800" } }));
    expect(orange.r).toBeGreaterThan(orange.g);
    expect(orange.g).toBeGreaterThan(orange.b);
    const bluish = await centre(await filtered(input, { type: "tint", params: { color: "#0000FF" } }));
    expect(bluish.b).toBeGreaterThan(bluish.r + 50);
    expect(bluish.b).toBeGreaterThan(bluish.g + 50);
  });
});

describe("applyFilter: detail", () => {
  it("blur softens a hard black/white edge", async () => {
    const edge = await halfAndHalf(40, 10, black, white);
    expect(await maxStepAlongRow(edge, 5)).toBe(255);
    const blurred = await filtered(edge, { type: "blur", params: { radius: 2 } });
    expect(await maxStepAlongRow(blurred, 5)).toBeLessThan(120);
    expect(await meanColour(blurred).then(([r]) => r)).toBeCloseTo(127.5, -1);
    const harder = await filtered(edge, { type: "blur", params: { radius: 8 } });
    expect(await maxStepAlongRow(harder, 5)).toBeLessThan(await maxStepAlongRow(blurred, 5));
  });

  it("sharpen steepens a soft edge and overshoots on both sides of it", async () => {
    const soft = await sharp(await halfAndHalf(60, 10, [64, 64, 64], [192, 192, 192])).blur(2).png().toBuffer();
    const before = await rangeAlongRow(soft, 5);
    expect(before).toEqual({ min: 64, max: 192 });
    const sharpened = await filtered(soft, { type: "sharpen", params: { sigma: 2 } });
    expect(await maxStepAlongRow(sharpened, 5)).toBeGreaterThan(await maxStepAlongRow(soft, 5));
    const after = await rangeAlongRow(sharpened, 5);
    expect(after.min).toBeLessThan(60);
    expect(after.max).toBeGreaterThan(196);
  });
});

describe("filterSpecSchema", () => {
  it("knows the ten filters of the API", () => {
    expect(filterTypes).toEqual(["grayscale", "sepia", "blur", "sharpen", "brightness", "contrast", "saturation", "hue", "invert", "tint"]);
    expect(Object.keys(filterSchemas)).toEqual(filterTypes);
  });

  it("fills defaults when params are left out", () => {
    expect(filterSpecSchema.parse({ type: "grayscale" })).toEqual({ type: "grayscale", params: {} });
    expect(filterSpecSchema.parse({ type: "sepia" })).toEqual({ type: "sepia", params: { amount: 1 } });
    expect(filterSpecSchema.parse({ type: "blur", params: {} })).toEqual({ type: "blur", params: { radius: 2 } });
    expect(filterSpecSchema.parse({ type: "sharpen", params: null })).toEqual({ type: "sharpen", params: { sigma: 1 } });
  });

  it("normalises a tint colour to lower-case with #", () => {
    expect(filterSpecSchema.parse({ type: "tint", params: { color: "FF8800" } })).toEqual({ type: "tint", params: { color: "#ff8800" } });
    expect(filterSpecSchema.parse({ type: "tint", params: { color: "#AbC" } }).params).toEqual({ color: "#abc" });
  });

  it("rejects an unknown filter with a message listing every type", () => {
    const result = filterSpecSchema.safeParse({ type: "vintage" });
    expect(result.success).toBe(false);
    const issue = result.error!.issues[0];
    expect(issue.path).toEqual(["type"]);
    expect(issue.message).toBe(`Unknown filter "vintage": use one of ${filterTypes.join(", ")}`);
    expect(issue.message).toContain("grayscale, sepia, blur, sharpen, brightness, contrast, saturation, hue, invert, tint");
  });

  it("rejects a missing type", () => {
    const result = filterSpecSchema.safeParse({ params: {} });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].message).toBe("type is required");
  });

  it.each([
    [{ type: "brightness", params: { amount: 5 } }, "must be at most 4 (1 leaves the image unchanged)"],
    [{ type: "contrast", params: { amount: -1 } }, "must be at least 0"],
    [{ type: "blur", params: { radius: 0.1 } }, "must be at least 0.3"],
    [{ type: "blur", params: { radius: 101 } }, "must be at most 100"],
    [{ type: "tint", params: { color: "red" } }, "must be a hex colour such as #ff8800"],
  ])("rejects out-of-range params %j under params.*", (spec, message) => {
    const result = filterSpecSchema.safeParse(spec);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].message).toBe(message);
    expect(result.error!.issues[0].path[0]).toBe("params");
  });

  it("rejects missing required params, unknown params and wrong types", () => {
    expect(filterSpecSchema.safeParse({ type: "brightness" }).success).toBe(false);
    expect(filterSpecSchema.safeParse({ type: "hue", params: { degrees: 400 } }).success).toBe(false);
    expect(filterSpecSchema.safeParse({ type: "sepia", params: { amount: 0.5, extra: 1 } }).success).toBe(false);
    expect(filterSpecSchema.safeParse({ type: "grayscale", params: { amount: 1 } }).success).toBe(false);
    expect(filterSpecSchema.safeParse({ type: "saturation", params: { amount: "2" } }).success).toBe(false);
  });
});
