import sharp from "sharp";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import {
  blue,
  green,
  halfAndHalf,
  halfTransparentPng,
  jpegPhotoLike,
  pixelAt,
  quadrants,
  red,
  white,
} from "@/tests/support/images";
import { encodeAs } from "./encode";
import { sniffFormat } from "./formats";
import { operationsSchema } from "./operations";
import { runOperations, type RunOperationsOptions } from "./pipeline";

// Spy on the encoder to see how often (and how) the pipeline encodes.
vi.mock("./encode", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./encode")>();
  return { ...actual, encodeAs: vi.fn(actual.encodeAs) };
});

const colours = [red, green, blue, white] as const;
const options = (over: Partial<RunOperationsOptions> = {}): RunOperationsOptions => ({
  width: 200,
  height: 100,
  hasAlpha: false,
  maxPixels: 40_000_000,
  output: { format: "png" },
  ...over,
});
const ops = (steps: unknown[]) => operationsSchema.parse(steps);

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => expect.unreachable("expected a rejection"), (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

beforeEach(() => {
  vi.mocked(encodeAs).mockClear();
});

describe("runOperations", () => {
  it("rotates by quarter turns (sides swapped on 90/270) and flips, moving each quadrant where it belongs", async () => {
    // red green / blue white, 200×100
    const input = await quadrants(200, 100, colours);
    const rgb = async (bytes: Uint8Array, x: number, y: number) => {
      const { r, g, b } = await pixelAt(bytes, x, y);
      return [r, g, b];
    };
    const at = async (steps: unknown[], x: number, y: number) => rgb((await runOperations(input, ops(steps), options())).data, x, y);
    const turned = await runOperations(input, ops([{ op: "rotate", angle: 90 }]), options());
    expect(turned).toMatchObject({ width: 100, height: 200 });
    // 90° clockwise: the bottom-left (blue) comes to the top-left, the top-left (red) to the top-right
    expect(await rgb(turned.data, 10, 10)).toEqual([...blue]);
    expect(await rgb(turned.data, 90, 10)).toEqual([...red]);
    expect(await at([{ op: "rotate", angle: 180 }], 10, 10)).toEqual([...white]);
    expect(await at([{ op: "rotate", angle: 270 }], 10, 10)).toEqual([...green]);
    expect(await at([{ op: "flip", axis: "horizontal" }], 10, 10)).toEqual([...green]);
    expect(await at([{ op: "flip", axis: "vertical" }], 10, 10)).toEqual([...blue]);
    // a turn then a crop: the crop is of the turned picture (each step its own pipeline)
    const cropped = await runOperations(input, ops([{ op: "rotate", angle: 90 }, { op: "crop", x: 0, y: 0, width: 100, height: 100 }]), options());
    expect(cropped).toMatchObject({ width: 100, height: 100 });
    expect(await rgb(cropped.data, 10, 10)).toEqual([...blue]);
    expect(await rgb(cropped.data, 90, 90)).toEqual([...red]);
  });

  it("crop → resize → grayscale: final size, grey pixels, one encode in the requested format", async () => {
    const input = await quadrants(200, 100, colours);
    const steps = ops([
      { op: "crop", x: 0, y: 0, width: 100, height: 50 },
      { op: "resize", width: 40 },
      { op: "filter", type: "grayscale" },
    ]);
    const out = await runOperations(input, steps, options({ output: { format: "webp", quality: 90 } }));

    expect(out).toMatchObject({ width: 40, height: 20, hasAlpha: false });
    expect(sniffFormat(out.data)).toBe("webp");
    expect(await sharp(out.data).metadata()).toMatchObject({ format: "webp", width: 40, height: 20 });
    expect(encodeAs).toHaveBeenCalledTimes(1);
    expect(vi.mocked(encodeAs).mock.calls[0][1]).toEqual({ format: "webp", quality: 90 });

    // The crop kept only the red quadrant; grayscale made it a single mid grey.
    const { data, info } = await sharp(out.data).toColourspace("srgb").raw().toBuffer({ resolveWithObject: true });
    for (let i = 0; i < data.length; i += info.channels) {
      expect(Math.abs(data[i] - data[i + 1])).toBeLessThanOrEqual(2);
      expect(Math.abs(data[i] - data[i + 2])).toBeLessThanOrEqual(2);
      expect(Math.abs(data[i] - 127)).toBeLessThanOrEqual(4);
    }
  });

  it("runs steps in the given order (resize, then crop in the resized coordinates)", async () => {
    const input = await quadrants(200, 100, colours);
    const steps = ops([
      { op: "resize", width: 100 },
      { op: "crop", x: 50, y: 25, width: 50, height: 25 },
    ]);
    const out = await runOperations(input, steps, options());
    expect(out).toMatchObject({ width: 50, height: 25 });
    expect(await pixelAt(out.data, 25, 12)).toMatchObject({ r: 255, g: 255, b: 255 });
  });

  it("applies two crops one after the other", async () => {
    const input = await quadrants(200, 100, colours);
    const steps = ops([
      { op: "crop", x: 50, y: 0, width: 150, height: 100 },
      { op: "crop", x: 50, y: 50, width: 100, height: 50 },
    ]);
    const out = await runOperations(input, steps, options());
    const { data, info } = await sharp(out.data).raw().toBuffer({ resolveWithObject: true });
    expect(info).toMatchObject({ width: 100, height: 50 });
    for (let i = 0; i < data.length; i += info.channels) expect([data[i], data[i + 1], data[i + 2]]).toEqual([255, 255, 255]);
  });

  it("applies filters in order: invert then grayscale differs from a single filter", async () => {
    const input = await halfAndHalf(20, 10, [10, 20, 30], [200, 100, 50]);
    const out = await runOperations(input, ops([{ op: "filter", type: "invert" }, { op: "filter", type: "contrast", params: { amount: 1 } }]), options({ width: 20, height: 10 }));
    const px = await pixelAt(out.data, 2, 2);
    expect([px.r, px.g, px.b]).toEqual([245, 235, 225]);
  });

  it("fills an exact size with maintainAspectRatio false", async () => {
    const out = await runOperations(await quadrants(200, 100, colours), ops([{ op: "resize", width: 30, height: 90, maintainAspectRatio: false }]), options());
    expect(out).toMatchObject({ width: 30, height: 90 });
    expect(await sharp(out.data).metadata()).toMatchObject({ width: 30, height: 90 });
  });

  it("works on the displayed (EXIF-rotated) image", async () => {
    // Stored 40×20 red|blue with orientation 6 displays as 20×40, red on top.
    const jpeg = await sharp(await halfAndHalf(40, 20, red, blue, "jpeg")).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    const out = await runOperations(jpeg, ops([{ op: "crop", x: 0, y: 24, width: 20, height: 16 }]), options({ width: 20, height: 40 }));
    expect(out).toMatchObject({ width: 20, height: 16 });
    const px = await pixelAt(out.data, 10, 8);
    expect(px.b).toBeGreaterThan(200);
    expect(px.r).toBeLessThan(60);
  });

  it("flattens transparency on white for JPEG output and keeps it for PNG", async () => {
    const input = await halfTransparentPng(20, 10, red);
    const steps = ops([{ op: "filter", type: "invert" }]);
    const jpeg = await runOperations(input, steps, options({ width: 20, height: 10, hasAlpha: true, output: { format: "jpeg" } }));
    expect(jpeg.hasAlpha).toBe(false);
    expect(await sharp(jpeg.data).metadata()).toMatchObject({ format: "jpeg", hasAlpha: false, channels: 3 });
    const flattened = await pixelAt(jpeg.data, 17, 5);
    expect(Math.min(flattened.r, flattened.g, flattened.b)).toBeGreaterThan(245);

    const png = await runOperations(input, steps, options({ width: 20, height: 10, hasAlpha: true, output: { format: "png" } }));
    expect(png.hasAlpha).toBe(true);
    expect(await pixelAt(png.data, 2, 5)).toMatchObject({ r: 0, g: 255, b: 255, a: 255 });
    expect((await pixelAt(png.data, 17, 5)).a).toBe(0);
  });

  it("keeps alpha through intermediate raw steps", async () => {
    const input = await halfTransparentPng(40, 20, red);
    const out = await runOperations(
      input,
      ops([{ op: "filter", type: "grayscale" }, { op: "resize", width: 20 }, { op: "crop", x: 10, y: 0, width: 10, height: 10 }]),
      options({ width: 40, height: 20, hasAlpha: true }),
    );
    expect(out).toMatchObject({ width: 10, height: 10, hasAlpha: true });
    expect((await pixelAt(out.data, 5, 5)).a).toBe(0);
  });

  it("keeps alpha of a grey-with-alpha input through several steps", async () => {
    const greyAlpha = await sharp(await halfTransparentPng(40, 20, [90, 90, 90])).toColourspace("b-w").png().toBuffer();
    expect(await sharp(greyAlpha).metadata()).toMatchObject({ channels: 2, hasAlpha: true });
    const out = await runOperations(
      greyAlpha,
      ops([{ op: "crop", x: 10, y: 0, width: 30, height: 20 }, { op: "resize", width: 15 }]),
      options({ width: 40, height: 20, hasAlpha: true }),
    );
    expect(out).toMatchObject({ width: 15, height: 10 });
    expect((await pixelAt(out.data, 1, 5)).a).toBe(255);
    expect((await pixelAt(out.data, 13, 5)).a).toBe(0);
  });

  it("flattens on white after the filters: a last filter does not colour the background", async () => {
    const input = await halfTransparentPng(20, 10, red);
    const out = await runOperations(
      input,
      ops([{ op: "filter", type: "brightness", params: { amount: 0.5 } }]),
      options({ width: 20, height: 10, hasAlpha: true, output: { format: "jpeg" } }),
    );
    const background = await pixelAt(out.data, 17, 5);
    expect(Math.min(background.r, background.g, background.b)).toBeGreaterThan(245);
    const darkened = await pixelAt(out.data, 2, 5);
    expect(darkened.r).toBeLessThan(200);
    expect(darkened.g).toBeLessThan(40);
  });

  it.each(["jpeg", "webp", "avif", "png"] as const)("encodes %s output", async (format) => {
    const out = await runOperations(await jpegPhotoLike(64, 48), ops([{ op: "resize", width: 32 }]), options({ width: 64, height: 48, output: { format } }));
    expect(sniffFormat(out.data)).toBe(format);
    expect(out).toMatchObject({ width: 32, height: 24 });
  });

  it("uses the requested quality", async () => {
    const input = await jpegPhotoLike(128, 128);
    const steps = ops([{ op: "filter", type: "sharpen" }]);
    const low = await runOperations(input, steps, options({ width: 128, height: 128, output: { format: "jpeg", quality: 10 } }));
    const high = await runOperations(input, steps, options({ width: 128, height: 128, output: { format: "jpeg", quality: 100 } }));
    expect(low.data.length).toBeLessThan(high.data.length / 2);
  });
});

describe("runOperations: refusals before decoding", () => {
  it("refuses a crop outside the image as invalid_request, naming the step, without decoding", async () => {
    // Not an image at all: the bounds check must fail first.
    const error = await rejection(
      runOperations(Buffer.from("not decoded"), ops([{ op: "resize", width: 100 }, { op: "crop", x: 0, y: 40, width: 100, height: 20 }]), options()),
    );
    expect(error.code).toBe("invalid_request");
    expect(error.message).toBe("The crop area 100×20 at (0, 40) lies outside the 100×50 image (operation 2).");
    expect(encodeAs).not.toHaveBeenCalled();
  });

  it("refuses a single crop outside the image without a step number", async () => {
    const error = await rejection(runOperations(Buffer.from("x"), ops([{ op: "crop", x: 150, y: 0, width: 51, height: 10 }]), options()));
    expect(error.code).toBe("invalid_request");
    expect(error.message).toBe("The crop area 51×10 at (150, 0) lies outside the 200×100 image.");
  });

  it("refuses a result over the pixel limit", async () => {
    const error = await rejection(
      runOperations(Buffer.from("x"), ops([{ op: "resize", width: 16384, height: 16384, maintainAspectRatio: false }]), options({ maxPixels: 1_000_000 })),
    );
    expect(error.code).toBe("invalid_request");
    expect(error.message).toBe("The result would be 16384×16384, over the pixel limit.");
  });

  it("turns a damaged input into invalid_image", async () => {
    const jpeg = await jpegPhotoLike(200, 100);
    const error = await rejection(runOperations(jpeg.subarray(0, jpeg.length >> 1), ops([{ op: "filter", type: "invert" }]), options()));
    expect(error.code).toBe("invalid_image");
  });

  it("refuses an input over the decode pixel limit", async () => {
    const input = await quadrants(200, 100, colours);
    const error = await rejection(runOperations(input, ops([{ op: "resize", width: 10 }]), options({ maxPixels: 10_000 })));
    expect(error.code).toBe("invalid_image");
    expect(error.message).toBe("The image exceeds the pixel limit.");
  });
});
