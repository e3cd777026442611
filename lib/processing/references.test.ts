import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { blue, bombPng, halfAndHalf, halfTransparentPng, jpegPhotoLike, pixelAt, red, solidImage } from "@/tests/support/images";
import { prepareReference, prepareReferences, referenceMaxSide } from "./references";

const limits = { maxPixels: 40_000_000 };

const near = (px: { r: number; g: number; b: number }, rgb: readonly number[], tolerance = 40) =>
  Math.abs(px.r - rgb[0]) <= tolerance && Math.abs(px.g - rgb[1]) <= tolerance && Math.abs(px.b - rgb[2]) <= tolerance;

describe("prepareReference", () => {
  it("shrinks a large photograph to fit the longest side, keeping its aspect ratio, as JPEG", async () => {
    const prepared = await prepareReference(await jpegPhotoLike(3000, 2000), limits);
    expect(referenceMaxSide).toBe(1536);
    expect(prepared).toMatchObject({ mimeType: "image/jpeg", width: 1536, height: 1024 });
    const meta = await sharp(prepared.data).metadata();
    expect(meta).toMatchObject({ format: "jpeg", width: 1536, height: 1024 });
    // A portrait picture fits by its height, and another maxSide is honoured.
    const tall = await prepareReference(await jpegPhotoLike(600, 1200), limits, 300);
    expect(tall).toMatchObject({ width: 150, height: 300 });
  });

  it("never enlarges a small picture", async () => {
    const prepared = await prepareReference(await jpegPhotoLike(400, 300), limits);
    expect(prepared).toMatchObject({ width: 400, height: 300, mimeType: "image/jpeg" });
    expect(await sharp(prepared.data).metadata()).toMatchObject({ width: 400, height: 300 });
  });

  it("keeps transparency as PNG; an opaque PNG becomes JPEG", async () => {
    const transparent = await prepareReference(await halfTransparentPng(2000, 1000, red), limits);
    expect(transparent).toMatchObject({ mimeType: "image/png", width: 1536, height: 768 });
    const meta = await sharp(transparent.data).metadata();
    expect(meta).toMatchObject({ format: "png", hasAlpha: true });
    expect(await pixelAt(transparent.data, 1400, 400)).toMatchObject({ a: 0 });
    expect(await pixelAt(transparent.data, 100, 400)).toMatchObject({ r: 255, g: 0, b: 0, a: 255 });

    const opaque = await prepareReference(await halfAndHalf(200, 100, red, blue, "png"), limits);
    expect(opaque.mimeType).toBe("image/jpeg");
    expect((await sharp(opaque.data).metadata()).format).toBe("jpeg");
    expect(near(await pixelAt(opaque.data, 20, 50), red)).toBe(true);
    expect(near(await pixelAt(opaque.data, 180, 50), blue)).toBe(true);
  });

  it("applies the EXIF orientation: a picture stored sideways comes out upright, with no orientation left", async () => {
    // Stored 300×200 with red on the left; orientation 6 says "rotate 90° clockwise to display": red on top.
    const stored = await sharp(await halfAndHalf(300, 200, red, blue, "png")).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer();
    expect((await sharp(stored).metadata()).orientation).toBe(6);
    const prepared = await prepareReference(stored, limits);
    expect(prepared).toMatchObject({ width: 200, height: 300 });
    const meta = await sharp(prepared.data).metadata();
    expect(meta.orientation ?? 1).toBe(1);
    expect(near(await pixelAt(prepared.data, 100, 30), red)).toBe(true);
    expect(near(await pixelAt(prepared.data, 100, 270), blue)).toBe(true);
  });

  it("enforces the pixel limit, also against a header that lies (a decompression bomb)", async () => {
    await expect(prepareReference(await solidImage(200, 100, red, "jpeg"), { maxPixels: 10_000 })).rejects.toThrow(/pixel limit/i);
    await expect(prepareReference(bombPng(30_000, 30_000), limits)).rejects.toThrow(/pixel limit/i);
    await expect(prepareReference(await solidImage(100, 100, red, "jpeg"), { maxPixels: 10_000 })).resolves.toMatchObject({ width: 100, height: 100 });
  });

  it("prepareReferences keeps the order of its inputs", async () => {
    const prepared = await prepareReferences([await solidImage(64, 32, red, "jpeg"), await solidImage(32, 64, blue, "png"), await halfTransparentPng(40, 40, red)], limits);
    expect(prepared.map((p) => [p.width, p.height, p.mimeType])).toEqual([
      [64, 32, "image/jpeg"],
      [32, 64, "image/jpeg"],
      [40, 40, "image/png"],
    ]);
    expect(near(await pixelAt(prepared[0].data, 10, 10), red)).toBe(true);
    expect(near(await pixelAt(prepared[1].data, 10, 10), blue)).toBe(true);
  });
});
