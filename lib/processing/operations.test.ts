import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { blue, green, pixelAt, quadrants, red, white } from "@/tests/support/images";
import { filterTypes } from "./filters";
import {
  applyOperation,
  cropParams,
  maxDimension,
  operationSchema,
  operationsSchema,
  outputParams,
  outputSize,
  resizeParams,
  type Operation,
} from "./operations";

const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) => {
  expect(result.success).toBe(false);
  return result.error!.issues.map((i) => i.message);
};

describe("resizeParams", () => {
  it("keeps the aspect ratio by default", () => {
    expect(resizeParams.parse({ width: 100 })).toEqual({ width: 100, maintainAspectRatio: true });
  });

  it("needs width or height, and both without maintainAspectRatio", () => {
    expect(messages(resizeParams.safeParse({}))).toEqual(["give width, height or both"]);
    expect(messages(resizeParams.safeParse({ width: 10, maintainAspectRatio: false }))).toEqual([
      "without maintainAspectRatio both width and height are needed",
    ]);
    expect(resizeParams.parse({ width: 10, height: 20, maintainAspectRatio: false })).toMatchObject({ width: 10, height: 20 });
  });

  it.each([
    [{ width: 0 }, "width must be at least 1 pixel"],
    [{ width: -5 }, "width must be at least 1 pixel"],
    [{ height: 0 }, "height must be at least 1 pixel"],
    [{ width: 10.5 }, "width must be a whole number of pixels"],
    // The shape's ceiling is MAX_IMAGE_SIDE's (65535); the configured side limit is the budget's (budget.test.ts).
    [{ width: maxDimension + 1 }, "width must be at most 65535 pixels"],
    [{ width: "100" }, "width must be a number of pixels"],
  ])("rejects %j", (input, message) => {
    expect(messages(resizeParams.safeParse(input))).toContain(message);
  });
});

describe("cropParams", () => {
  it("accepts a region at the origin", () => {
    expect(cropParams.parse({ x: 0, y: 0, width: 1, height: 1 })).toEqual({ x: 0, y: 0, width: 1, height: 1 });
  });

  it.each([
    [{ x: -1, y: 0, width: 10, height: 10 }, "x must not be negative"],
    [{ x: 0, y: -3, width: 10, height: 10 }, "y must not be negative"],
    [{ x: 0, y: 0, width: 0, height: 10 }, "width must be at least 1 pixel"],
    [{ x: 0, y: 0, width: 10, height: -10 }, "height must be at least 1 pixel"],
    [{ x: 0.5, y: 0, width: 10, height: 10 }, "x must be a whole number"],
  ])("rejects %j", (input, message) => {
    expect(messages(cropParams.safeParse(input))).toContain(message);
  });

  it("requires all four fields", () => {
    expect(cropParams.safeParse({ x: 0, y: 0, width: 10 }).success).toBe(false);
  });
});

describe("outputParams", () => {
  it("accepts nothing, a format, and qualities 1 and 100", () => {
    expect(outputParams.parse({})).toEqual({});
    expect(outputParams.parse({ format: "avif", quality: 1 })).toEqual({ format: "avif", quality: 1 });
    expect(outputParams.parse({ quality: 100 })).toEqual({ quality: 100 });
  });

  it.each([0, 101, -1])("rejects quality %d", (quality) => {
    expect(messages(outputParams.safeParse({ quality }))).toEqual(["quality must be 1–100"]);
  });

  it("rejects a fractional quality and an unknown format, listing the formats", () => {
    expect(messages(outputParams.safeParse({ quality: 50.5 }))).toEqual(["quality must be a whole number"]);
    expect(messages(outputParams.safeParse({ format: "gif" }))).toEqual(["format must be one of png, jpeg, webp, avif"]);
  });
});

describe("operationSchema", () => {
  it("parses each kind of step", () => {
    expect(operationSchema.parse({ op: "crop", x: 1, y: 2, width: 3, height: 4 })).toEqual({ op: "crop", x: 1, y: 2, width: 3, height: 4 });
    expect(operationSchema.parse({ op: "resize", height: 50 })).toEqual({ op: "resize", height: 50, maintainAspectRatio: true });
    expect(operationSchema.parse({ op: "filter", type: "blur" })).toEqual({ op: "filter", filter: { type: "blur", params: { radius: 2 } } });
    expect(operationSchema.parse({ op: "filter", type: "hue", params: { degrees: 90 } })).toEqual({
      op: "filter",
      filter: { type: "hue", params: { degrees: 90 } },
    });
  });

  it("rejects an unknown or missing op, saying which ops exist", () => {
    expect(messages(operationSchema.safeParse({ op: "skew", degrees: 90 }))).toEqual(['op must be one of resize, crop, filter, rotate, flip (got "skew")']);
    expect(messages(operationSchema.safeParse({}))).toEqual(["op must be one of resize, crop, filter, rotate, flip (got null)"]);
    expect(messages(operationSchema.safeParse(null))).toEqual(["op must be one of resize, crop, filter, rotate, flip (got null)"]);
  });

  it("parses quarter turns and flips, and refuses other angles and axes", () => {
    expect(operationSchema.parse({ op: "rotate", angle: 270 })).toEqual({ op: "rotate", angle: 270 });
    expect(operationSchema.parse({ op: "flip", axis: "vertical" })).toEqual({ op: "flip", axis: "vertical" });
    expect(messages(operationSchema.safeParse({ op: "rotate", angle: 45 }))).toEqual(["angle must be one of 90, 180, 270 (degrees clockwise)"]);
    expect(messages(operationSchema.safeParse({ op: "rotate", degrees: 90 }))[0]).toMatch(/angle must be one of 90, 180, 270|Unrecognized key/);
    expect(messages(operationSchema.safeParse({ op: "flip", axis: "diagonal" }))).toEqual(["axis must be one of horizontal, vertical"]);
  });

  it("rejects an unknown filter type with a message listing the types", () => {
    const [message] = messages(operationSchema.safeParse({ op: "filter", type: "posterize" }));
    expect(message).toBe(`Unknown filter "posterize": use one of ${filterTypes.join(", ")}`);
  });

  it("rejects bad fields of a step: sizes, unknown keys, filter params", () => {
    expect(messages(operationSchema.safeParse({ op: "resize", width: 0 }))).toContain("width must be at least 1 pixel");
    expect(messages(operationSchema.safeParse({ op: "resize" }))).toContain("give width, height or both");
    expect(messages(operationSchema.safeParse({ op: "crop", x: 0, y: 0, width: -1, height: 5 }))).toContain("width must be at least 1 pixel");
    expect(operationSchema.safeParse({ op: "crop", x: 0, y: 0, width: 5, height: 5, angle: 3 }).success).toBe(false);
    expect(operationSchema.safeParse({ op: "filter", type: "brightness", params: { amount: 9 } }).success).toBe(false);
  });
});

describe("operationsSchema", () => {
  const step = { op: "filter", type: "invert" };

  it("takes 1 to 20 steps", () => {
    expect(operationsSchema.parse([step])).toHaveLength(1);
    expect(operationsSchema.parse(Array(20).fill(step))).toHaveLength(20);
    expect(messages(operationsSchema.safeParse([]))).toEqual(["give at least one operation"]);
    expect(messages(operationsSchema.safeParse(Array(21).fill(step)))).toEqual(["at most 20 operations in one request"]);
  });

  it("reports a bad step by its index", () => {
    const result = operationsSchema.safeParse([step, { op: "crop", x: -1, y: 0, width: 1, height: 1 }]);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].path).toEqual([1, "x"]);
  });
});

describe("outputSize", () => {
  const crop = (x: number, y: number, width: number, height: number): Operation => ({ op: "crop", x, y, width, height });
  const resize = (width?: number, height?: number, maintainAspectRatio = true): Operation => ({ op: "resize", width, height, maintainAspectRatio });

  it("gives a crop's own size, up to the image's edge", () => {
    expect(outputSize(crop(10, 20, 30, 40), 100, 100)).toEqual({ width: 30, height: 40 });
    expect(outputSize(crop(0, 0, 100, 60), 100, 60)).toEqual({ width: 100, height: 60 });
  });

  it("refuses a crop outside the image as invalid_request with the geometry", () => {
    let error: unknown;
    try {
      outputSize(crop(90, 0, 20, 10), 100, 50);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("invalid_request");
    expect((error as AppError).message).toBe("The crop area 20×10 at (90, 0) lies outside the 100×50 image.");
    expect((error as AppError).details).toEqual({ image: { width: 100, height: 50 }, crop: { x: 90, y: 0, width: 20, height: 10 } });
    expect(() => outputSize(crop(0, 41, 10, 10), 100, 50, 2)).toThrow("lies outside the 100×50 image (operation 3).");
    expect(() => outputSize(crop(100, 0, 1, 1), 100, 50)).toThrow(AppError);
  });

  it("resizes keeping the aspect ratio: by width, by height, or to fit inside both", () => {
    expect(outputSize(resize(100), 400, 200)).toEqual({ width: 100, height: 50 });
    expect(outputSize(resize(undefined, 100), 400, 200)).toEqual({ width: 200, height: 100 });
    expect(outputSize(resize(100, 100), 400, 200)).toEqual({ width: 100, height: 50 });
    expect(outputSize(resize(1000, 100), 400, 200)).toEqual({ width: 200, height: 100 });
    expect(outputSize(resize(300), 200, 100)).toEqual({ width: 300, height: 150 });
  });

  it("rounds and never goes below one pixel", () => {
    expect(outputSize(resize(10), 1000, 1)).toEqual({ width: 10, height: 1 });
    expect(outputSize(resize(100), 300, 200)).toEqual({ width: 100, height: 67 });
  });

  it("fills the exact size without maintainAspectRatio", () => {
    expect(outputSize(resize(50, 300, false), 400, 200)).toEqual({ width: 50, height: 300 });
  });

  it("keeps the size for a filter", () => {
    expect(outputSize({ op: "filter", filter: { type: "invert", params: {} } }, 123, 45)).toEqual({ width: 123, height: 45 });
  });
});

describe("applyOperation", () => {
  const colours = [red, green, blue, white] as const;

  it("crops exactly the region's pixels", async () => {
    const image = sharp(await quadrants(200, 100, colours));
    const out = await applyOperation(image, { op: "crop", x: 100, y: 0, width: 100, height: 50 }, 200, 100).png().toBuffer();
    expect(await sharp(out).metadata()).toMatchObject({ width: 100, height: 50 });
    const { data, info } = await sharp(out).raw().toBuffer({ resolveWithObject: true });
    for (let i = 0; i < data.length; i += info.channels) expect([data[i], data[i + 1], data[i + 2]]).toEqual([0, 255, 0]);
  });

  it("crops across the quadrant boundary at pixel precision", async () => {
    const image = sharp(await quadrants(200, 100, colours));
    const out = await applyOperation(image, { op: "crop", x: 99, y: 49, width: 2, height: 2 }, 200, 100).png().toBuffer();
    expect(await pixelAt(out, 0, 0)).toMatchObject({ r: 255, g: 0, b: 0 });
    expect(await pixelAt(out, 1, 0)).toMatchObject({ r: 0, g: 255, b: 0 });
    expect(await pixelAt(out, 0, 1)).toMatchObject({ r: 0, g: 0, b: 255 });
    expect(await pixelAt(out, 1, 1)).toMatchObject({ r: 255, g: 255, b: 255 });
  });

  it("resizes to outputSize, keeping or ignoring the aspect ratio", async () => {
    const input = await quadrants(200, 100, colours);
    const kept = await applyOperation(sharp(input), { op: "resize", width: 50, maintainAspectRatio: true }, 200, 100).png().toBuffer();
    expect(await sharp(kept).metadata()).toMatchObject({ width: 50, height: 25 });
    const filled = await applyOperation(sharp(input), { op: "resize", width: 60, height: 60, maintainAspectRatio: false }, 200, 100)
      .png()
      .toBuffer();
    expect(await sharp(filled).metadata()).toMatchObject({ width: 60, height: 60 });
    expect(await pixelAt(filled, 5, 5)).toMatchObject({ r: 255, g: 0, b: 0 });
    expect(await pixelAt(filled, 55, 55)).toMatchObject({ r: 255, g: 255, b: 255 });
  });
});
