import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import type { SourceImage } from "@/lib/providers/types";
import { drawRaw, jpegPhotoLike } from "@/tests/support/images";
import { canvasSize, compositeOriginal, expandCanvas } from "./expand";

async function raw(bytes: Buffer, channels?: 4) {
  const img = channels ? sharp(bytes).ensureAlpha() : sharp(bytes);
  const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

const source = async (data: Buffer): Promise<SourceImage> => {
  const meta = await sharp(data).metadata();
  return { data, mimeType: `image/${meta.format}`, width: meta.width!, height: meta.height! };
};

/** Every pixel of `original` equals the one at (left, top) + (x, y) of `out` (both RGBA). */
function sameArea(out: Awaited<ReturnType<typeof raw>>, original: Awaited<ReturnType<typeof raw>>, left: number, top: number) {
  for (let y = 0; y < original.height; y++) {
    const a = out.data.subarray(((y + top) * out.width + left) * 4, ((y + top) * out.width + left + original.width) * 4);
    const b = original.data.subarray(y * original.width * 4, (y + 1) * original.width * 4);
    if (!a.equals(b)) return false;
  }
  return true;
}

describe("expandCanvas", () => {
  it("places the original at (left, top) on a transparent canvas, with a mask white over the new area", async () => {
    const jpeg = await jpegPhotoLike(30, 20);
    const geometry = { left: 5, right: 7, top: 3, bottom: 0 };
    const { canvas, mask } = await expandCanvas(await source(jpeg), geometry);
    expect(canvas).toMatchObject({ mimeType: "image/png", width: 42, height: 23 });
    expect(mask).toMatchObject({ mimeType: "image/png", width: 42, height: 23 });
    const c = await raw(canvas.data);
    expect(c.channels).toBe(4);
    expect(await sharp(mask.data).metadata()).toMatchObject({ channels: 1, space: "b-w", width: 42, height: 23 });
    const m = await raw(await sharp(mask.data).extractChannel(0).png().toBuffer());
    for (let y = 0; y < 23; y++) {
      for (let x = 0; x < 42; x++) {
        const inside = x >= 5 && x < 35 && y >= 3;
        expect(m.data[(y * 42 + x) * m.channels]).toBe(inside ? 0 : 255);
        expect(c.data[(y * 42 + x) * 4 + 3]).toBe(inside ? 255 : 0);
      }
    }
    expect(sameArea(c, await raw(jpeg, 4), 5, 3)).toBe(true);
  });

  it("refuses an expand by nothing, or by parts of a pixel", async () => {
    const src = await source(await jpegPhotoLike(10, 10));
    await expect(expandCanvas(src, { left: 0, right: 0, top: 0, bottom: 0 })).rejects.toThrow(AppError);
    await expect(expandCanvas(src, { left: 1.5, right: 0, top: 0, bottom: 0 })).rejects.toThrow(/whole pixels/);
    await expect(expandCanvas(src, { left: -2, right: 4, top: 0, bottom: 0 })).rejects.toThrow(/whole pixels/);
  });
});

describe("compositeOriginal", () => {
  const geometry = { left: 8, right: 8, top: 0, bottom: 4 };

  it("puts the original's pixels back byte for byte over an answer that changed them", async () => {
    const jpeg = await jpegPhotoLike(32, 24);
    const original = await source(jpeg);
    expect(canvasSize(original, geometry)).toEqual({ width: 48, height: 28 });
    // The provider repainted everything, the original's area too.
    const answer = await drawRaw(48, 28, (x, y) => [(x * 5) % 256, (y * 9) % 256, 77]).png().toBuffer();
    const out = await compositeOriginal(answer, original, geometry);
    expect(out).toMatchObject({ width: 48, height: 28, hasAlpha: false });
    const o = await raw(out.data, 4);
    expect(sameArea(o, await raw(jpeg, 4), 8, 0)).toBe(true);
    // The new area is the provider's.
    expect([...o.data.subarray(((27 * 48) + 2) * 4, ((27 * 48) + 2) * 4 + 3)]).toEqual([10, (27 * 9) % 256, 77]);
  });

  it("resizes an answer of another size to the canvas first", async () => {
    const original = await source(await jpegPhotoLike(32, 24));
    const answer = await drawRaw(96, 56, () => [20, 200, 40]).jpeg().toBuffer();
    const out = await compositeOriginal(answer, original, geometry);
    expect(out).toMatchObject({ width: 48, height: 28 });
    const o = await raw(out.data, 4);
    expect(sameArea(o, await raw(original.data, 4), 8, 0)).toBe(true);
    const corner = o.data.subarray(0, 3);
    expect(Math.abs(corner[1] - 200)).toBeLessThan(6);
  });

  it("keeps the original's own transparency exactly (a copy, not a blend)", async () => {
    const png = await drawRaw(16, 16, (x) => (x < 8 ? [255, 0, 0, 255] : [0, 0, 255, 40]), 4).png().toBuffer();
    const answer = await drawRaw(32, 20, () => [0, 255, 0]).png().toBuffer();
    const out = await compositeOriginal(answer, await source(png), geometry);
    expect(out.hasAlpha).toBe(true);
    const o = await raw(out.data, 4);
    expect([...o.data.subarray((3 * 32 + 20) * 4, (3 * 32 + 20) * 4 + 4)]).toEqual([0, 0, 255, 40]);
    expect(sameArea(o, await raw(png, 4), 8, 0)).toBe(true);
  });
});
