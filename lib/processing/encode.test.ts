import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { halfTransparentPng, jpegPhotoLike, pixelAt, red } from "@/tests/support/images";
import { encodeAs } from "./encode";

const encode = async (input: Buffer, ...args: Parameters<typeof encodeAs> extends [unknown, ...infer R] ? R : never) =>
  encodeAs(sharp(input), ...args).toBuffer();

describe("encodeAs", () => {
  it("writes JPEG at quality 90 with full-resolution colour by default", async () => {
    const input = await jpegPhotoLike(96, 64);
    const byDefault = await encode(input, { format: "jpeg" });
    expect(await sharp(byDefault).metadata()).toMatchObject({ format: "jpeg", chromaSubsampling: "4:4:4", isProgressive: false });
    expect(byDefault.equals(await encode(input, { format: "jpeg", quality: 90 }))).toBe(true);
  });

  it("subsamples JPEG colour below quality 90", async () => {
    const out = await encode(await jpegPhotoLike(96, 64), { format: "jpeg", quality: 75 });
    expect((await sharp(out).metadata()).chromaSubsampling).toBe("4:2:0");
  });

  it("uses WebP 90 and AVIF 65 as defaults", async () => {
    const input = await jpegPhotoLike(96, 64);
    expect((await encode(input, { format: "webp" })).equals(await encode(input, { format: "webp", quality: 90 }))).toBe(true);
    const avif = await encode(input, { format: "avif" });
    expect(avif.equals(await encode(input, { format: "avif", quality: 65 }))).toBe(true);
    expect(avif.equals(await encode(input, { format: "avif", quality: 90 }))).toBe(false);
  });

  it("writes PNG losslessly whatever the quality", async () => {
    const input = await jpegPhotoLike(48, 32);
    const png = await encode(input, { format: "png", quality: 1 });
    const original = await sharp(input).raw().toBuffer();
    expect((await sharp(png).raw().toBuffer()).equals(original)).toBe(true);
  });

  it("flattens alpha on white for JPEG only when told the image has alpha", async () => {
    const input = await halfTransparentPng(20, 10, red);
    const flattened = await encode(input, { format: "jpeg" }, true);
    const background = await pixelAt(flattened, 17, 5);
    expect(Math.min(background.r, background.g, background.b)).toBeGreaterThan(245);
    const png = await encode(input, { format: "png" }, true);
    expect((await pixelAt(png, 17, 5)).a).toBe(0);
  });
});
