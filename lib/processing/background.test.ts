import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { busyScene, iou, keptOfSubject, plainScenes, type Scene } from "@/tests/support/background-scenes";
import { drawRaw } from "@/tests/support/images";
import { removePlainBackground } from "./background";

let scenes: Scene[];
beforeAll(async () => {
  scenes = await plainScenes(240, 180);
});

describe("removePlainBackground on a test set with known masks", () => {
  it.each([0, 1, 2, 3])("scene %i: IoU ≥ 0.95 with the true mask, transparent PNG", async (k) => {
    const scene = scenes[k];
    const result = await removePlainBackground(scene.data);
    const score = iou(result.alpha, scene.mask);
    expect(score, `${scene.name}: IoU ${score.toFixed(4)}`).toBeGreaterThanOrEqual(0.95);
    expect(keptOfSubject(result.alpha, scene.mask)).toBeGreaterThanOrEqual(0.97);
    const meta = await sharp(result.data).metadata();
    expect(meta).toMatchObject({ format: "png", hasAlpha: true, width: 240, height: 180 });
    expect(result.mimeType).toBe("image/png");
    expect(result.notices[0]).toMatch(/^Local background removal: .* not photos; connect Ideogram, Replicate or OpenAI/);
    // The decoded file's alpha is the alpha reported.
    const alpha = await sharp(result.data).extractChannel(3).raw().toBuffer();
    expect(Buffer.from(result.alpha).equals(alpha)).toBe(true);
  });

  it("names the backdrop: white for the icon, graded for the studio sweep; opens the ring's hole", async () => {
    const icon = await removePlainBackground(scenes[0].data);
    expect(icon.background).toEqual(["#ffffff"]);
    expect(icon.backgroundKind).toBe("plain");
    expect(icon.notices.join(" ")).toMatch(/1 enclosed area .* became transparent too/);
    const studio = await removePlainBackground(scenes[3].data);
    expect(studio.backgroundKind).toBe("gradient");
    expect(studio.notices.join(" ")).toMatch(/touches the picture's edges/);
  });

  it("refuses a busy background with the reason and what to connect", async () => {
    const error = await removePlainBackground(await busyScene(240, 180)).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.message).toMatch(/^The background is not plain enough to remove offline — .*; connect Ideogram, Replicate or OpenAI/);
    expect(error.details).toMatchObject({ reason: expect.any(String) });
  });

  it("refuses a picture with no subject on its plain background", async () => {
    const blank = await drawRaw(60, 40, () => [200, 210, 220]).png().toBuffer();
    await expect(removePlainBackground(blank)).rejects.toThrow(/no subject stands out/);
  });
});

describe("the edge", () => {
  // A dark disc on white, anti-aliased by librsvg.
  const disc = () =>
    sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="80" height="80"><rect width="80" height="80" fill="#fff"/><circle cx="40" cy="40" r="22.3" fill="#203050"/></svg>`))
      .removeAlpha()
      .png()
      .toBuffer();

  it("is a soft ramp of 1–2 px, nowhere else partial", async () => {
    const result = await removePlainBackground(await disc());
    let partial = 0;
    for (let y = 0; y < 80; y++) {
      for (let x = 0; x < 80; x++) {
        const a = result.alpha[y * 80 + x];
        if (a === 0 || a === 255) continue;
        partial++;
        expect(Math.abs(Math.hypot(x + 0.5 - 40, y + 0.5 - 40) - 22.3)).toBeLessThan(2.5);
      }
    }
    // The circumference is ~140 px: a ramp of one to two pixels is 140–420 partial pixels.
    expect(partial).toBeGreaterThan(100);
    expect(partial).toBeLessThan(450);
  });

  it("decontaminates edge colours: no white fringe left on the dark disc's rim", async () => {
    const source = await disc();
    const original = await sharp(source).raw().toBuffer();
    const result = await removePlainBackground(source);
    const out = await sharp(result.data).raw().toBuffer();
    let before = 0, after = 0, count = 0;
    for (let i = 0; i < 80 * 80; i++) {
      const a = result.alpha[i];
      if (a < 40 || a > 215) continue;
      count++;
      before += original[i * 3];
      after += out[i * 4];
    }
    expect(count).toBeGreaterThan(20);
    // The original rim is a mix with white (bright); the cut-out's rim is close to the disc's own #203050.
    expect(before / count).toBeGreaterThan(90);
    expect(after / count).toBeLessThan(0x20 + 25);
  });

  it("keeps the source's own transparency, writes WebP when asked, and honours an abort", async () => {
    const png = await drawRaw(64, 48, (x, y) => (x < 6 ? [0, 0, 0, 0] : x > 24 && x < 40 && y > 14 && y < 34 ? [200, 30, 30, 200] : [250, 250, 250, 255]), 4).png().toBuffer();
    const result = await removePlainBackground(png, { format: "webp" });
    expect(result.mimeType).toBe("image/webp");
    expect(await sharp(result.data).metadata()).toMatchObject({ format: "webp", hasAlpha: true });
    expect(result.alpha[20 * 64 + 2]).toBe(0);
    expect(result.alpha[24 * 64 + 32]).toBe(200);
    expect(result.alpha[40 * 64 + 50]).toBe(0);
    const controller = new AbortController();
    controller.abort(new Error("canceled by the test"));
    await expect(removePlainBackground(png, { signal: controller.signal })).rejects.toThrow(/canceled by the test/);
  });
});
