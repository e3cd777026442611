import { createHash } from "node:crypto";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import {
  animatedGif,
  blue,
  bombPng,
  green,
  halfAndHalf,
  halfTransparentPng,
  jpegPhotoLike,
  pixelAt,
  red,
  solidImage,
} from "@/tests/support/images";
import { encodeAnimation, markedFrames } from "@/tests/support/animations";
import { sniffFormat } from "./formats";
import { normalizeUpload, sha256 } from "./normalize";

const limits = { maxBytes: 5 * 1024 * 1024, maxPixels: 40_000_000 };

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => expect.unreachable("expected a rejection"), (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("normalizeUpload", () => {
  it.each(["jpeg", "png", "webp", "avif"] as const)("keeps a %s a %s, re-encoded, with size and checksum", async (format) => {
    const input = await solidImage(30, 20, green, format);
    const out = await normalizeUpload(input, limits);
    expect(out).toMatchObject({ format, width: 30, height: 20, hasAlpha: false });
    expect(sniffFormat(out.data)).toBe(format);
    expect(out.checksum).toBe(createHash("sha256").update(out.data).digest("hex"));
    const px = await pixelAt(out.data, 15, 10);
    expect(px.g).toBeGreaterThan(230);
    expect(px.r).toBeLessThan(25);
    expect(px.b).toBeLessThan(25);
  });

  it("stores a one-frame GIF as a PNG; an animated GIF stays a GIF, byte for byte (animated.test.ts)", async () => {
    const still = await solidImage(12, 8, red, "gif");
    const out = await normalizeUpload(still, limits);
    expect(out).toMatchObject({ format: "png", width: 12, height: 8, frames: 1 });
    expect(sniffFormat(out.data)).toBe("png");
    expect(await pixelAt(out.data, 6, 4)).toMatchObject({ r: 255, g: 0, b: 0 });
    const gif = await animatedGif(12, 8, [red, blue, blue]);
    const animated = await normalizeUpload(gif, limits);
    expect(animated).toMatchObject({ format: "gif", width: 12, height: 8 });
    expect(animated.frames).toBeGreaterThan(1);
    expect(animated.data.equals(gif)).toBe(true);
  });

  it("hasAlpha means real transparency: an opaque GIF has none, one transparent pixel in one frame is enough", async () => {
    const opaque = markedFrames(12, 8, 3);
    const seeThrough = markedFrames(12, 8, 3);
    seeThrough.frames[2][(5 * 12 + 7) * 4 + 3] = 0;
    const [opaqueGif, seeThroughGif] = await Promise.all([encodeAnimation(opaque, "gif"), encodeAnimation(seeThrough, "gif")]);
    expect((await sharp(opaqueGif).metadata()).hasAlpha).toBe(true); // the decoder's channel, not the pixels
    expect(await normalizeUpload(opaqueGif, limits)).toMatchObject({ format: "gif", frames: 3, hasAlpha: false });
    expect(await normalizeUpload(seeThroughGif, limits)).toMatchObject({ format: "gif", frames: 3, hasAlpha: true });
    // One frame: stored as PNG, the opaque one without an alpha channel, the other with it.
    const one = (f: typeof opaque) => encodeAnimation({ ...f, frames: [f.frames[2]], delay: undefined }, "gif");
    const stillOpaque = await normalizeUpload(await one(opaque), limits);
    const stillSeeThrough = await normalizeUpload(await one(seeThrough), limits);
    expect([stillOpaque.format, stillOpaque.hasAlpha, (await sharp(stillOpaque.data).metadata()).hasAlpha]).toEqual(["png", false, false]);
    expect([stillSeeThrough.format, stillSeeThrough.hasAlpha, (await pixelAt(stillSeeThrough.data, 7, 5)).a]).toEqual(["png", true, 0]);
    expect((await normalizeUpload(await halfTransparentPng(10, 10, red), limits)).hasAlpha).toBe(true);
    const opaqueRgba = await sharp({ create: { width: 10, height: 10, channels: 4, background: { r: 0, g: 0, b: 255, alpha: 1 } } }).png().toBuffer();
    expect((await normalizeUpload(opaqueRgba, limits)).hasAlpha).toBe(false);
  });

  it("applies EXIF orientation and drops EXIF with its GPS position", async () => {
    // Stored 40×20, red left / blue right; orientation 6 displays it turned a quarter clockwise: red on top.
    const stored = await halfAndHalf(40, 20, red, blue, "jpeg");
    const upload = await sharp(stored)
      .withExif({
        IFD0: { Make: "PhoneCo", Model: "Snapper 9" },
        IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 30/1 2615/100", GPSLongitudeRef: "W", GPSLongitude: "0/1 7/1 3948/100" },
      })
      .withMetadata({ orientation: 6 })
      .jpeg({ quality: 95 })
      .toBuffer();
    const before = await sharp(upload).metadata();
    expect(before.orientation).toBe(6);
    expect(before.exif?.toString("latin1")).toContain("PhoneCo");

    const out = await normalizeUpload(upload, limits);
    expect(out).toMatchObject({ format: "jpeg", width: 20, height: 40 });
    const after = await sharp(out.data).metadata();
    expect(after).toMatchObject({ width: 20, height: 40 });
    expect(after.exif).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect(out.data.includes("PhoneCo")).toBe(false);
    const top = await pixelAt(out.data, 10, 5);
    const bottom = await pixelAt(out.data, 10, 35);
    expect(top.r).toBeGreaterThan(200);
    expect(top.b).toBeLessThan(60);
    expect(bottom.b).toBeGreaterThan(200);
    expect(bottom.r).toBeLessThan(60);
  });

  it("drops ICC profile, XMP and PNG text comments", async () => {
    const upload = await sharp(await solidImage(16, 16, red, "png"))
      .withIccProfile("p3")
      .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><secret>home address</secret></x:xmpmeta>')
      .png()
      .toBuffer();
    const before = await sharp(upload).metadata();
    expect(before.icc).toBeDefined();
    expect(before.xmp).toBeDefined();

    const out = await normalizeUpload(upload, limits);
    const after = await sharp(out.data).metadata();
    expect(after.icc).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.exif).toBeUndefined();
    expect(after.comments ?? []).toEqual([]);
    expect(out.data.includes("home address")).toBe(false);
  });

  it("keeps transparency of a PNG", async () => {
    const out = await normalizeUpload(await halfTransparentPng(20, 10, red), limits);
    expect(out).toMatchObject({ format: "png", hasAlpha: true });
    expect(await pixelAt(out.data, 2, 5)).toMatchObject({ r: 255, g: 0, b: 0, a: 255 });
    expect((await pixelAt(out.data, 17, 5)).a).toBe(0);
  });

  it("refuses a JPEG cut in half as invalid_image (422), naming JPEG", async () => {
    const jpeg = await jpegPhotoLike(200, 150);
    const truncated = jpeg.subarray(0, Math.floor(jpeg.length / 2));
    const error = await rejection(normalizeUpload(truncated, limits));
    expect(error.code).toBe("invalid_image");
    expect(error.status).toBe(422);
    expect(error.message).toBe("The file could not be decoded as JPEG: it is damaged or truncated.");
  });

  it("refuses a PNG whose header is fine but whose pixel data is missing", async () => {
    const error = await rejection(normalizeUpload(bombPng(64, 64), limits));
    expect(error.code).toBe("invalid_image");
    expect(error.message).toContain("PNG");
  });

  it("passes the header checks' errors through", async () => {
    expect((await rejection(normalizeUpload(Buffer.from("plain text, not a picture"), limits))).code).toBe("unsupported_media_type");
    expect((await rejection(normalizeUpload(bombPng(30000, 30000), limits))).code).toBe("invalid_image");
    const jpeg = await jpegPhotoLike(32, 32);
    expect((await rejection(normalizeUpload(jpeg, { ...limits, maxBytes: 10 }))).code).toBe("payload_too_large");
  });

  it("gives the same checksum for the same upload (deterministic encode)", async () => {
    const jpeg = await jpegPhotoLike(48, 32);
    const [a, b] = await Promise.all([normalizeUpload(jpeg, limits), normalizeUpload(jpeg, limits)]);
    expect(a.checksum).toBe(b.checksum);
    expect(a.checksum).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("sha256", () => {
  it("is the hex SHA-256 of the bytes", () => {
    expect(sha256(Buffer.from("abc"))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
