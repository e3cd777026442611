import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { cropFrame, encodeAnimation, flipFrame, markedFrames, maxDifference, readFrames, rotateFrame90 } from "@/tests/support/animations";
import { bombPng, pixelAt, solidImage } from "@/tests/support/images";
import { runAnimatedOperations } from "./animated-pipeline";
import { inspectImage } from "./decode";
import { gifFrameCount } from "./gif-blocks";
import { normalizeGenerated, normalizeUpload } from "./normalize";
import { operationsSchema } from "./operations";
import { extractPalettes } from "./palette-extract";
import { makeRenditions } from "./renditions";
import { stripWebpMetadata, webpChunks, webpFrameCount } from "./webp-chunks";

const limits = { maxBytes: 20 * 1024 * 1024, maxPixels: 40_000_000 };

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => expect.unreachable("expected a rejection"), (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** Each frame of `actual` equals `expected(i)` within `tolerance` (a GIF keeps these colours exactly). */
function expectFrames(actual: Buffer[], expected: (i: number) => Buffer, tolerance = 0) {
  actual.forEach((frame, i) => expect(maxDifference(frame, expected(i)), `frame ${i}`).toBeLessThanOrEqual(tolerance));
}

describe("animated uploads: detection and limits", () => {
  it("counts the frames of an animated GIF and WebP from the header", async () => {
    const f = markedFrames(24, 16, 5);
    expect(await inspectImage(await encodeAnimation(f, "gif"), limits)).toMatchObject({ format: "gif", width: 24, height: 16, frames: 5 });
    expect(await inspectImage(await encodeAnimation(f, "webp"), limits)).toMatchObject({ format: "webp", width: 24, height: 16, frames: 5 });
    expect(await inspectImage(await solidImage(8, 8, [1, 2, 3], "webp"), limits)).toMatchObject({ frames: 1 });
  });

  it("refuses more frames than MAX_ANIMATION_FRAMES, and more pixels in all frames than the animation limit (422)", async () => {
    const gif = await encodeAnimation(markedFrames(20, 20, 6), "gif");
    const frames = await rejection(inspectImage(gif, { ...limits, maxFrames: 5 }));
    expect([frames.code, frames.message]).toEqual(["invalid_image", "The animation has 6 frames, over the limit of 5 (MAX_ANIMATION_FRAMES)."]);
    const pixels = await rejection(inspectImage(gif, { ...limits, maxAnimationPixels: 2000 }));
    expect(pixels.code).toBe("invalid_image");
    expect(pixels.message).toContain("20×20 × 6 frames");
  });

  it("refuses a side over MAX_IMAGE_SIDE even when the pixel count is tiny (422, before any decode)", async () => {
    const error = await rejection(inspectImage(bombPng(100_000, 1), limits));
    expect([error.code, error.status]).toEqual(["invalid_image", 422]);
    expect(error.message).toBe("The image is 100000×1 px: a side may be at most 16383 px.");
    expect(error.details).toEqual({ width: 100_000, height: 1, maxSide: 16_383, setting: "MAX_IMAGE_SIDE" });
    expect((await rejection(inspectImage(bombPng(1, 20_000), { ...limits, maxSide: 16_383 }))).message).toContain("1×20000 px");
    await expect(inspectImage(await solidImage(300, 2, [0, 0, 0], "png"), { ...limits, maxSide: 300 })).resolves.toMatchObject({ width: 300 });
  });

  it("refuses a provider's answer with a side over MAX_IMAGE_SIDE the same way (nothing to store)", async () => {
    const error = await rejection(normalizeGenerated(bombPng(100_000, 1), limits));
    expect([error.code, error.message]).toEqual(["invalid_image", "The image is 100000×1 px: a side may be at most 16383 px."]);
  });
});

describe("animated uploads: kept as they are", () => {
  it("stores an animated GIF byte for byte, with its frame count", async () => {
    const gif = await encodeAnimation(markedFrames(24, 16, 4), "gif");
    const out = await normalizeUpload(gif, limits);
    expect(out).toMatchObject({ format: "gif", width: 24, height: 16, frames: 4 });
    expect(out.data.equals(gif)).toBe(true);
  });

  it("keeps a one-frame GIF as a PNG, as before", async () => {
    const out = await normalizeUpload(await solidImage(6, 4, [10, 200, 30], "gif"), limits);
    expect(out).toMatchObject({ format: "png", frames: 1 });
  });

  it("strips EXIF and XMP chunks of an animated WebP, keeping every frame bit for bit", async () => {
    const f = markedFrames(24, 16, 4);
    const webp = await encodeAnimation(f, "webp", { exif: { IFD0: { Make: "SpyCam", Copyright: "Jane Doe" } }, xmp: '<x:xmpmeta xmlns:x="adobe:ns:meta/"><secret>home-address-42</secret></x:xmpmeta>' });
    const before = webpChunks(webp)!.map((c) => c.type);
    expect(before).toEqual(expect.arrayContaining(["VP8X", "ANIM", "ANMF", "EXIF", "XMP "]));
    const out = await normalizeUpload(webp, limits);
    expect(out).toMatchObject({ format: "webp", frames: 4, width: 24, height: 16 });
    expect(webpChunks(out.data)!.map((c) => c.type)).toEqual(before.filter((t) => t !== "EXIF" && t !== "XMP "));
    expect(out.data.includes("SpyCam")).toBe(false);
    expect(out.data.includes("home-address-42")).toBe(false);
    expect(out.data[20] & 0x0c).toBe(0); // VP8X: the EXIF and XMP flags cleared
    const meta = await sharp(out.data).metadata();
    expect([meta.exif, meta.xmp, meta.pages]).toEqual([undefined, undefined, 4]);
    const read = await readFrames(out.data);
    expect(read.delay).toEqual(f.delay);
    expectFrames(read.frames, (i) => f.frames[i]);
  });

  it("keeps a provider's animated answer the same way", async () => {
    const gif = await encodeAnimation(markedFrames(16, 16, 3), "gif");
    const out = await normalizeGenerated(gif, limits);
    expect(out).toMatchObject({ format: "gif", frames: 3 });
    expect(out.data.equals(gif)).toBe(true);
  });

  it("refuses a GIF cut short, which libvips would still show (422)", async () => {
    const gif = await encodeAnimation(markedFrames(32, 24, 4), "gif");
    expect(gifFrameCount(gif)).toBe(4);
    const truncated = gif.subarray(0, gif.length - 30);
    expect(gifFrameCount(truncated)).toBeNull();
    const cut = await rejection(normalizeUpload(truncated, limits));
    expect([cut.code, cut.message]).toEqual(["invalid_image", "The file could not be decoded as GIF: it is damaged or truncated."]);
  });

  it("refuses a GIF whose blocks are whole but one frame's compressed data is garbage (422, from decoding every frame)", async () => {
    // Noisy frames: long LZW data, so bytes in the middle belong to a frame's data, not to the block structure.
    const noise = (i: number) => Buffer.from(Array.from({ length: 48 * 32 * 4 }, (_, k) => (k % 4 === 3 ? 255 : (k * 7919 + i * 104_729) % 251)));
    const gif = await encodeAnimation({ width: 48, height: 32, frames: [0, 1, 2, 3].map(noise) }, "gif");
    const damaged = Buffer.from(gif);
    const middle = Math.floor(gif.length / 2);
    for (let i = middle; i < middle + 10; i++) damaged[i] ^= 0x5a;
    expect(gifFrameCount(damaged)).toBe(4);
    const error = await rejection(normalizeUpload(damaged, limits));
    expect([error.code, error.status]).toEqual(["invalid_image", 422]);
    await expect(normalizeUpload(gif, limits)).resolves.toMatchObject({ frames: 4 });
  });

  it("refuses a truncated animated WebP (422)", async () => {
    const webp = await encodeAnimation(markedFrames(24, 16, 3), "webp");
    expect(webpFrameCount(webp)).toBe(3);
    expect(stripWebpMetadata(webp.subarray(0, webp.length - 10))).toBeNull();
    expect((await rejection(normalizeUpload(webp.subarray(0, webp.length - 10), limits))).code).toBe("invalid_image");
  });
});

describe("animations: renditions and palettes from the first frame", () => {
  it("makes the thumbnail, the preview and the placeholder from the first frame, as stills", async () => {
    const f = markedFrames(64, 48, 3, 1);
    for (const format of ["gif", "webp"] as const) {
      const data = await encodeAnimation(f, format);
      const { renditions, placeholder } = await makeRenditions({ data, width: 64, height: 48, format, frames: 3 }, limits);
      expect(renditions.map((r) => r.variant).sort()).toEqual(["preview", "thumbnail"]);
      for (const r of renditions) {
        expect((await sharp(r.data).metadata()).pages ?? 1).toBe(1);
        const px = await pixelAt(r.data, 40, 30);
        expect(Math.abs(px.r - 220) + Math.abs(px.g - 20) + Math.abs(px.b - 20), `${format} ${r.variant}`).toBeLessThan(30);
      }
      expect(placeholder).toBeTruthy();
    }
  });

  it("extracts palettes from the first frame", async () => {
    const gif = await encodeAnimation(markedFrames(40, 40, 3, 1), "gif");
    const { dominant } = await extractPalettes(gif, ["dominant"], 3, limits);
    expect(dominant[0].hex).toBe("#dc1414");
    expect(dominant.map((c) => c.hex)).not.toContain("#1eb428");
  });
});

describe("runAnimatedOperations: every frame, each as a still", () => {
  const f = markedFrames(40, 30, 4);
  const run = (data: Buffer, steps: unknown[], format: "gif" | "webp" = "gif", size = { width: 40, height: 30 }) =>
    runAnimatedOperations(data, operationsSchema.parse(steps), { ...size, hasAlpha: true, frames: 4, maxPixels: limits.maxPixels, output: { format } });

  it("crops the same rectangle from every frame, in order, with the timing kept", async () => {
    const rect = { x: 3, y: 2, width: 20, height: 12 };
    const out = await run(await encodeAnimation(f, "gif"), [{ op: "crop", ...rect }]);
    expect(out).toMatchObject({ width: 20, height: 12, frames: 4 });
    const read = await readFrames(out.data);
    expect([read.width, read.height, read.frames.length]).toEqual([20, 12, 4]);
    expect(read.delay).toEqual(f.delay);
    expectFrames(read.frames, (i) => cropFrame(f.frames[i], 40, rect));
  });

  it("turns each frame a quarter and flips each frame in place (sharp's strip operations would not)", async () => {
    const gif = await encodeAnimation(f, "gif");
    const turned = await readFrames((await run(gif, [{ op: "rotate", angle: 90 }])).data);
    expect([turned.width, turned.height]).toEqual([30, 40]);
    expectFrames(turned.frames, (i) => rotateFrame90(f.frames[i], 40, 30));
    const flipped = await readFrames((await run(gif, [{ op: "flip", axis: "vertical" }])).data);
    expectFrames(flipped.frames, (i) => flipFrame(f.frames[i], 40, 30));
  });

  it("resizes and filters every frame of a WebP and keeps it an animated WebP", async () => {
    const out = await run(await encodeAnimation(f, "webp"), [{ op: "resize", width: 20 }, { op: "filter", type: "grayscale" }], "webp");
    expect(out).toMatchObject({ width: 20, height: 15, frames: 4 });
    const meta = await sharp(out.data).metadata();
    expect([meta.format, meta.pages]).toEqual(["webp", 4]);
    const read = await readFrames(out.data);
    // Grey, and each frame keeps its own brightness (red, green, blue, yellow differ in luminance).
    const centre = read.frames.map((frame) => frame.subarray((10 * 20 + 15) * 4, (10 * 20 + 15) * 4 + 3));
    for (const [r, g, b] of centre) expect(Math.max(Math.abs(r - g), Math.abs(g - b))).toBeLessThan(6);
    expect(new Set(centre.map((c) => Math.round(c[0] / 20))).size).toBe(4);
  });

  it("refuses a still format for an animated source (400), naming gif and webp", async () => {
    const error = await rejection(
      runAnimatedOperations(await encodeAnimation(f, "gif"), operationsSchema.parse([{ op: "flip", axis: "horizontal" }]), {
        width: 40, height: 30, hasAlpha: true, frames: 4, maxPixels: limits.maxPixels, output: { format: "png" },
      }),
    );
    expect([error.code, error.status]).toEqual(["invalid_request", 400]);
    expect(error.message).toContain("gif or webp");
  });
});
