import { performance } from "node:perf_hooks";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { animatedGif, blue, bombPng, halfAndHalf, halfTransparentPng, jpegPhotoLike, red, solidImage } from "@/tests/support/images";
import { decodeError, inspectImage } from "./decode";

const limits = { maxBytes: 5 * 1024 * 1024, maxPixels: 40_000_000 };

/** The AppError a promise rejects with (fails the test if it resolves or throws something else). */
async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => expect.unreachable("expected an AppError"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("inspectImage: accepted images", () => {
  it.each([
    ["jpeg", false],
    ["png", false],
    ["webp", false],
    ["avif", false],
    // libvips decodes every GIF as RGBA, opaque or not.
    ["gif", true],
  ] as const)("reads format and size of a %s from its header", async (format, hasAlpha) => {
    const bytes = await solidImage(37, 23, red, format);
    expect(await inspectImage(bytes, limits)).toEqual({ format, width: 37, height: 23, hasAlpha, frames: 1 });
  });

  it("reports alpha for a PNG and a WebP with transparency", async () => {
    const png = await halfTransparentPng(16, 8, red);
    expect(await inspectImage(png, limits)).toEqual({ format: "png", width: 16, height: 8, hasAlpha: true, frames: 1 });
    const webp = await sharp(png).webp().toBuffer();
    expect(await inspectImage(webp, limits)).toMatchObject({ format: "webp", hasAlpha: true });
  });

  it("gives the displayed size of a JPEG with EXIF orientation 6 (rotated a quarter turn)", async () => {
    const jpeg = await sharp(await halfAndHalf(40, 20, red, blue, "jpeg")).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    expect(await inspectImage(jpeg, limits)).toMatchObject({ format: "jpeg", width: 20, height: 40 });
  });

  it("keeps the stored size for orientations 2–4 (mirror/half turn)", async () => {
    const jpeg = await sharp(await halfAndHalf(40, 20, red, blue, "jpeg")).withMetadata({ orientation: 3 }).jpeg().toBuffer();
    expect(await inspectImage(jpeg, limits)).toMatchObject({ width: 40, height: 20 });
  });

  it("gives the size of one frame for an animated GIF", async () => {
    const gif = await animatedGif(10, 6, [red, blue, red]);
    expect(await inspectImage(gif, limits)).toMatchObject({ format: "gif", width: 10, height: 6, frames: 3 });
  });

  it("accepts an image exactly at the byte and pixel limits", async () => {
    const bytes = await solidImage(100, 50, red, "png");
    await expect(inspectImage(bytes, { maxBytes: bytes.length, maxPixels: 5000 })).resolves.toMatchObject({ width: 100 });
  });
});

describe("inspectImage: refusals", () => {
  it("refuses zero bytes as invalid_request (400)", async () => {
    const error = await appError(inspectImage(new Uint8Array(), limits));
    expect(error.code).toBe("invalid_request");
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/empty/);
  });

  it("refuses a file over maxBytes as payload_too_large (413) before looking at it", async () => {
    const bytes = await jpegPhotoLike(64, 64);
    const error = await appError(inspectImage(bytes, { maxBytes: bytes.length - 1, maxPixels: limits.maxPixels }));
    expect(error.code).toBe("payload_too_large");
    expect(error.status).toBe(413);
    // Even garbage is refused for size first: the check costs nothing.
    const big = await appError(inspectImage(Buffer.alloc(11 * 1024 * 1024, 0x41), { maxBytes: 10 * 1024 * 1024, maxPixels: 1 }));
    expect(big.code).toBe("payload_too_large");
    expect(big.message).toBe("The file is 11 MB, over the 10 MB limit.");
  });

  it("refuses a text file as unsupported_media_type (415) and says what it is", async () => {
    const error = await appError(inspectImage(Buffer.from("just some notes\nabout a picture\n"), limits));
    expect(error.code).toBe("unsupported_media_type");
    expect(error.status).toBe(415);
    expect(error.message).toContain("a text file");
    expect(error.message).toMatch(/JPEG, PNG, WebP, AVIF or GIF/);
  });

  it("refuses an SVG carrying a script as unsupported_media_type, naming SVG", async () => {
    const svg = Buffer.from(
      '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>fetch("/api")</script><rect width="10" height="10"/></svg>',
    );
    const error = await appError(inspectImage(svg, limits));
    expect(error.code).toBe("unsupported_media_type");
    expect(error.message).toContain("SVG");
  });

  it("refuses a PNG signature with a broken header as invalid_image (422)", async () => {
    const png = await solidImage(8, 8, red, "png");
    const broken = Buffer.concat([png.subarray(0, 8), Buffer.alloc(40, 0xee)]);
    const error = await appError(inspectImage(broken, limits));
    expect(error.code).toBe("invalid_image");
    expect(error.status).toBe(422);
    expect(error.message).toContain("PNG");
  });

  it("refuses a 30000×30000 PNG bomb from its header alone, quickly", async () => {
    const bomb = bombPng(30000, 30000);
    expect(bomb.length).toBeLessThan(200);
    const started = performance.now();
    const error = await appError(inspectImage(bomb, limits));
    const elapsed = performance.now() - started;
    expect(error.code).toBe("invalid_image");
    expect(error.message).toBe("The image is 30000×30000 (900 MP), over the 40 MP limit.");
    expect(error.details).toEqual({ width: 30000, height: 30000, maxPixels: 40_000_000 });
    expect(elapsed).toBeLessThan(1000);
  });

  it("counts the displayed size against the pixel limit (one pixel over fails)", async () => {
    const bytes = await solidImage(100, 50, red, "png");
    const error = await appError(inspectImage(bytes, { maxBytes: limits.maxBytes, maxPixels: 4999 }));
    expect(error.code).toBe("invalid_image");
    expect(error.message).toContain("100×50");
  });
});

describe("decodeError", () => {
  it("passes an AppError through unchanged", () => {
    const original = new AppError("not_found", "Image not found");
    expect(decodeError(original)).toBe(original);
  });

  it("maps a libvips pixel-limit failure to invalid_image", () => {
    const error = decodeError(new Error("Input image exceeds pixel limit"));
    expect(error.code).toBe("invalid_image");
    expect(error.message).toMatch(/pixel limit/);
  });

  it("maps any other failure to invalid_image naming the format, keeping the cause", () => {
    const cause = new Error("VipsJpeg: premature end of JPEG image");
    const error = decodeError(cause, "jpeg");
    expect(error.code).toBe("invalid_image");
    expect(error.message).toBe("The file could not be decoded as JPEG: it is damaged or truncated.");
    expect(error.cause).toBe(cause);
    expect(decodeError("boom").message).toContain("as an image");
  });
});
