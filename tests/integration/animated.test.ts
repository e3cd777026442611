// Animated GIF and WebP through the REST API (issue 17, "nothing dropped on the way in"): an upload keeps every
// frame (a GIF byte for byte), the renditions are its first frame, crop/rotate keep every frame, what works on one
// picture (a palette, a tool) says it used the first frame, and an absurd side is refused even with few pixels.
import sharp from "sharp";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as generate } from "@/app/api/v1/generations/route";
import { POST as applyPalette } from "@/app/api/v1/images/[id]/apply-palette/route";
import { POST as crop } from "@/app/api/v1/images/[id]/crop/route";
import { GET as exportRoute } from "@/app/api/v1/images/[id]/export/route";
import { GET as file } from "@/app/api/v1/images/[id]/file/route";
import { POST as processRoute } from "@/app/api/v1/images/[id]/process/route";
import { POST as upscale } from "@/app/api/v1/images/[id]/upscale/route";
import { POST as variations } from "@/app/api/v1/images/[id]/variations/route";
import { POST as uploadRoute } from "@/app/api/v1/images/route";
import { db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import type { ImageDto } from "@/lib/images";
import { LocalProvider } from "@/lib/providers/local";
import { setProvidersForTests } from "@/lib/providers/registry";
import { cropFrame, encodeAnimation, markedFrames, markerCentre, maxDifference, meanDifference, readFrames, rotateFrame90 } from "../support/animations";
import { expectBytes, expectError, expectJson, send, uploadForm } from "../support/http";
import { bombPng, pixelAt, solidImage } from "../support/images";
import { ensureLocalUser, snapshot, upload } from "../support/studio";

type Job = { status: string; error: unknown; images: ImageDto[] };

const frames = markedFrames(48, 36, 5);
const fileOf = async (id: string, variant?: "thumbnail" | "preview") =>
  expectBytes(await send(file, `/api/v1/images/${id}/file${variant ? `?variant=${variant}` : ""}`, { params: { id } }));

/** Every frame of `bytes` is `expected(i)` exactly (GIF and lossless WebP keep these colours). */
async function expectFramesOf(bytes: Buffer, count: number, expected: (i: number) => Buffer, size: { width: number; height: number }) {
  const read = await readFrames(bytes);
  expect([read.width, read.height, read.frames.length]).toEqual([size.width, size.height, count]);
  read.frames.forEach((frame, i) => expect(maxDifference(frame, expected(i)), `frame ${i}`).toBe(0));
  return read;
}

beforeAll(ensureLocalUser);
beforeEach(() => {
  Object.assign(process.env, { RATE_LIMIT_PER_MINUTE: "1000", DAILY_BUDGET_USD: "5", PROVIDER_FALLBACK_ORDER: "" });
  resetEnvForTests();
  setProvidersForTests([new LocalProvider()]);
});
afterEach(() => {
  delete process.env.MAX_ANIMATION_FRAMES;
  resetEnvForTests();
});

describe("uploading an animation", () => {
  it("keeps an animated GIF with all its frames: the original downloads byte for byte, frame for frame", async () => {
    const gif = await encodeAnimation(frames, "gif");
    const image = await upload(gif, { name: "loop.gif" });
    // Every pixel opaque: no transparency, although a GIF always decodes with an alpha channel.
    expect(image).toMatchObject({ kind: "uploaded", format: "gif", frames: 5, width: 48, height: 36, hasAlpha: false });
    const row = await db().image.findUniqueOrThrow({ where: { id: image.id } });
    expect([row.frames, row.mimeType]).toEqual([5, "image/gif"]);
    const original = await fileOf(image.id);
    expect(original.equals(gif)).toBe(true);
    const read = await expectFramesOf(original, 5, (i) => frames.frames[i], frames);
    expect(read.delay).toEqual(frames.delay);
  });

  it("keeps an animated WebP with all its frames, without its EXIF and XMP", async () => {
    const webp = await encodeAnimation(frames, "webp", { exif: { IFD0: { Make: "SpyCam" } }, xmp: '<x:xmpmeta xmlns:x="adobe:ns:meta/"><s>home-address-42</s></x:xmpmeta>' });
    const image = await upload(webp, { name: "loop.webp" });
    expect(image).toMatchObject({ format: "webp", frames: 5, width: 48, height: 36 });
    const original = await fileOf(image.id);
    expect(original.includes("SpyCam")).toBe(false);
    expect(original.includes("home-address-42")).toBe(false);
    await expectFramesOf(original, 5, (i) => frames.frames[i], frames);
  });

  it("exports an animated GIF (no format asked) as a still of its first frame, not an error", async () => {
    const image = await upload(await encodeAnimation(markedFrames(48, 36, 5, 1), "gif"), { name: "export.gif" });
    const bytes = await expectBytes(await send(exportRoute, `/api/v1/images/${image.id}/export`, { params: { id: image.id } }));
    const px = await pixelAt(bytes, 30, 25);
    expect(Math.abs(px.r - 220) + Math.abs(px.g - 20) + Math.abs(px.b - 20)).toBeLessThan(30); // frame 0's red
  });

  it("makes the thumbnail and the preview from the first frame, as stills", async () => {
    const image = await upload(await encodeAnimation(markedFrames(48, 36, 5, 1), "gif"), { name: "first.gif" });
    for (const variant of ["thumbnail", "preview"] as const) {
      const bytes = await fileOf(image.id, variant);
      const meta = await sharp(bytes).metadata();
      expect([meta.format, meta.pages ?? 1], variant).toEqual(["webp", 1]);
      const px = await pixelAt(bytes, 30, 25);
      expect(Math.abs(px.r - 220) + Math.abs(px.g - 20) + Math.abs(px.b - 20), variant).toBeLessThan(30); // frame 0's red
    }
    expect(image.placeholder).toBeTruthy();
  });

  it("refuses a 100000×1 PNG (422, a side over MAX_IMAGE_SIDE) and stores nothing", async () => {
    const before = await snapshot();
    const res = await send(uploadRoute, "/api/v1/images", { body: uploadForm(bombPng(100_000, 1), { name: "line.png", type: "image/png" }) });
    const error = await expectError(res, 422, "invalid_image");
    expect(error.message).toBe("The image is 100000×1 px: a side may be at most 16383 px.");
    expect(error.details).toEqual({ width: 100_000, height: 1, maxSide: 16_383, setting: "MAX_IMAGE_SIDE" });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses an animation over MAX_ANIMATION_FRAMES (422) and stores nothing", async () => {
    process.env.MAX_ANIMATION_FRAMES = "4";
    resetEnvForTests();
    const before = await snapshot();
    const res = await send(uploadRoute, "/api/v1/images", { body: uploadForm(await encodeAnimation(frames, "gif"), { name: "long.gif", type: "image/gif" }) });
    expect((await expectError(res, 422, "invalid_image")).message).toBe("The animation has 5 frames, over the limit of 4 (MAX_ANIMATION_FRAMES).");
    expect(await snapshot()).toEqual(before);
  });
});

describe("processing an animation", () => {
  let gif: ImageDto;
  beforeAll(async () => {
    gif = await upload(await encodeAnimation(frames, "gif"), { name: "loop.gif" });
  });

  it("crop keeps every frame: the same rectangle of each, in order, as an animated GIF", async () => {
    const rect = { x: 4, y: 3, width: 30, height: 20 };
    const out = await expectJson<ImageDto>(await send(crop, `/api/v1/images/${gif.id}/crop`, { json: rect, params: { id: gif.id } }), 201);
    expect(out).toMatchObject({ kind: "processed", parentId: gif.id, format: "gif", frames: 5, width: 30, height: 20 });
    const read = await expectFramesOf(await fileOf(out.id), 5, (i) => cropFrame(frames.frames[i], 48, rect), rect);
    expect(read.delay).toEqual(frames.delay);
  });

  it("a pipeline (quarter turn) turns every frame, and can make an animated WebP", async () => {
    const json = { operations: [{ op: "rotate", angle: 90 }], format: "webp", quality: 100 };
    const out = await expectJson<ImageDto>(await send(processRoute, `/api/v1/images/${gif.id}/process`, { json, params: { id: gif.id } }), 201);
    expect(out).toMatchObject({ format: "webp", frames: 5, width: 36, height: 48 });
    const read = await readFrames(await fileOf(out.id));
    expect(read.frames).toHaveLength(5);
    // Lossy WebP moves colours a little, so each frame is checked by its colour and by where its marker is.
    read.frames.forEach((frame, i) => {
      const expected = rotateFrame90(frames.frames[i], 48, 36);
      expect(meanDifference(frame, expected), `frame ${i}`).toBeLessThan(4);
      const [at, want] = [markerCentre(frame, 36), markerCentre(expected, 36)];
      expect(Math.hypot(at!.x - want!.x, at!.y - want!.y), `frame ${i}'s marker`).toBeLessThan(1);
    });
  });

  it("refuses a still format for an animated source (400) and gif for a still one, storing nothing", async () => {
    const before = await snapshot();
    const still = await expectError(await send(crop, `/api/v1/images/${gif.id}/crop`, { json: { x: 0, y: 0, width: 10, height: 10, format: "png" }, params: { id: gif.id } }), 400, "invalid_request");
    expect(still.message).toContain("gif or webp");
    const png = await upload(await solidImage(20, 20, [10, 20, 30], "png"));
    const afterUpload = await snapshot();
    const gifOfStill = await expectError(await send(crop, `/api/v1/images/${png.id}/crop`, { json: { x: 0, y: 0, width: 10, height: 10, format: "gif" }, params: { id: png.id } }), 400, "invalid_request");
    expect(gifOfStill.message).toContain("format gif is for animated images");
    expect(await snapshot()).toEqual(afterUpload);
    expect(afterUpload.images).toBe(before.images + 1);
  });

  it("a palette recolours the first frame and says so", async () => {
    const res = await send(applyPalette, `/api/v1/images/${gif.id}/apply-palette`, { json: { colors: ["#ff8800", "#224466"] }, params: { id: gif.id } });
    const out = await expectJson<ImageDto>(res, 201);
    expect(out).toMatchObject({ kind: "processed", format: "png", frames: 1, width: 48, height: 36 });
    expect(out.notices).toEqual(["Animated image (5 frames): the palette used its first frame only — the result is a still."]);
  });

  it("a tool (the basic upscale) works on the first frame and says so in the result's notices", async () => {
    const res = await send(upscale, `/api/v1/images/${gif.id}/upscale?wait=true`, { json: { factor: 2 }, params: { id: gif.id } });
    const job = await expectJson<Job>(res, 201);
    expect(job.status, JSON.stringify(job.error)).toBe("succeeded");
    const [out] = job.images;
    expect(out).toMatchObject({ frames: 1, width: 96, height: 72 });
    expect(out.format).not.toBe("gif");
    expect(out.notices).toContain("Animated image (5 frames): the upscale used its first frame only — the result is a still.");
    const px = await pixelAt(await fileOf(out.id), 60, 50);
    expect(Math.abs(px.r - 220) + Math.abs(px.g - 20) + Math.abs(px.b - 20)).toBeLessThan(30); // frame 0's red
  });

  it("a variation of it, and a generation with it as a reference, say they used its first frame", async () => {
    const varied = await expectJson<Job>(await send(variations, `/api/v1/images/${gif.id}/variations?wait=true`, { json: { n: 1, provider: "local" }, params: { id: gif.id } }), 201);
    expect(varied.status, JSON.stringify(varied.error)).toBe("succeeded");
    expect(varied.images[0].frames).toBe(1);
    expect(varied.images[0].notices).toContain("Animated image (5 frames): the variation used its first frame only — the result is a still.");
    const json = { prompt: "A banner in these colours", provider: "local", width: 64, height: 64, referenceImageIds: [gif.id] };
    const made = await expectJson<Job>(await send(generate, "/api/v1/generations?wait=true", { json }), 201);
    expect(made.status, JSON.stringify(made.error)).toBe("succeeded");
    expect(made.images[0].notices).toContain("Reference 1 is animated (5 frames): its first frame was used.");
  });
});
