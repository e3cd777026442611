import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { black, drawRaw, halfAndHalf, jpegPhotoLike, white } from "@/tests/support/images";
import { basicUpscale, chooseFormat } from "./upscale";

async function raw(bytes: Buffer) {
  const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
  return { data, ...info };
}

/** Edge sharpness: the largest step between neighbours along a row, and how far values overshoot [lo, hi]. */
function rowStats(img: { data: Buffer; width: number; channels: number }, y: number, lo: number, hi: number) {
  let step = 0, over = 0;
  for (let x = 0; x < img.width; x++) {
    const v = img.data[(y * img.width + x) * img.channels];
    over = Math.max(over, v - hi, lo - v);
    if (x) step = Math.max(step, Math.abs(v - img.data[(y * img.width + x - 1) * img.channels]));
  }
  return { step, over };
}

describe("basicUpscale", () => {
  it("resizes by the factor and reports the size and format", async () => {
    const png = await halfAndHalf(40, 30, black, white);
    const out = await basicUpscale(png, 4);
    expect(out).toMatchObject({ width: 160, height: 120, format: "png", mimeType: "image/png", hasAlpha: false });
    expect(await sharp(out.data).metadata()).toMatchObject({ width: 160, height: 120, format: "png" });
  });

  it("sharpens an edge gently: crisper than the plain resample, without haloing", async () => {
    const grey = (v: number) => [v, v, v] as const;
    // A hard edge from 60 to 190, which the resample spreads over a few pixels: the unsharp mask should steepen
    // it again and add at most a few levels to Lanczos' own ringing (±4 L* ≈ 10 levels; libvips' defaults: far more).
    const png = await drawRaw(64, 16, (x) => grey(x < 32 ? 60 : 190)).png().toBuffer();
    const plain = await raw((await basicUpscale(png, 4, { sharpen: false })).data);
    const sharpened = await raw((await basicUpscale(png, 4)).data);
    const a = rowStats(plain, 30, 60, 190);
    const b = rowStats(sharpened, 30, 60, 190);
    expect(b.step).toBeGreaterThan(a.step);
    expect(b.over - a.over).toBeLessThanOrEqual(10);
    // Flat areas are left alone (m1 = 0): no texture appears in them.
    const flat = sharpened.data.subarray(30 * sharpened.width * 3, 30 * sharpened.width * 3 + 80 * 3);
    expect(Math.max(...flat) - Math.min(...flat)).toBeLessThanOrEqual(1);
  });

  it("keeps the alpha channel of a transparent source", async () => {
    const png = await drawRaw(20, 20, (x, y) => (x >= 5 && x < 15 && y >= 5 && y < 15 ? [200, 40, 40, 255] : [0, 0, 0, 0]), 4).png().toBuffer();
    const out = await basicUpscale(png, 2);
    expect(out).toMatchObject({ width: 40, height: 40, format: "png", hasAlpha: true });
    const img = await raw(out.data);
    expect(img.channels).toBe(4);
    expect(img.data[(2 * 40 + 2) * 4 + 3]).toBe(0);
    expect(img.data[(20 * 40 + 20) * 4 + 3]).toBe(255);
    expect(img.data[(20 * 40 + 20) * 4]).toBeGreaterThan(180);
  });

  it("encodes a JPEG photo as JPEG, and honours an explicit format", async () => {
    const jpeg = await jpegPhotoLike(48, 32);
    expect((await basicUpscale(jpeg, 2)).format).toBe("jpeg");
    const webp = await basicUpscale(jpeg, 2, { format: "webp" });
    expect(webp.format).toBe("webp");
    expect((await sharp(webp.data).metadata()).format).toBe("webp");
    expect(chooseFormat("png", false)).toBe("png");
    expect(chooseFormat("jpeg", true)).toBe("png");
    expect(chooseFormat("webp", true)).toBe("webp");
    expect(chooseFormat("avif", false)).toBe("jpeg");
  });

  it("refuses an output over maxPixels with a clear message, before resizing", async () => {
    const png = await halfAndHalf(100, 100, black, white);
    const error = await basicUpscale(png, 4, { maxPixels: 159_999 }).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("invalid_request");
    expect(error.message).toMatch(/100×100 by 4 makes 400×400 \(0\.2 MP\), over the 0\.2 MP limit/);
    await expect(basicUpscale(png, 4, { maxPixels: 160_000 })).resolves.toMatchObject({ width: 400 });
  });

  it("refuses factors it does not serve", async () => {
    const png = await halfAndHalf(10, 10, black, white);
    for (const factor of [1, 2.5, 9, Number.NaN]) await expect(basicUpscale(png, factor)).rejects.toThrow(/factor/);
  });
});
