import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { expandCanvas } from "@/lib/processing/expand";
import { busyScene, iou, plainScenes } from "@/tests/support/background-scenes";
import { jpegPhotoLike } from "@/tests/support/images";
import { ProviderError, type ExpandGeometry, type GenerateRequest, type ProviderContext, type SourceImage } from "../types";
import { LocalProvider } from "./index";

const provider = new LocalProvider();

function context(signal = new AbortController().signal): ProviderContext {
  return { signal, fetchResult: () => Promise.reject(new Error("the local renderer fetches nothing")) };
}

async function source(data: Buffer): Promise<SourceImage> {
  const meta = await sharp(data).metadata();
  return { data, mimeType: `image/${meta.format}`, width: meta.width!, height: meta.height! };
}

function request(src: SourceImage, extra: Partial<GenerateRequest>): GenerateRequest {
  return { prompt: "", model: "local-v1", width: src.width, height: src.height, aspectRatio: "1:1", n: 1, source: src, ...extra };
}

async function rgba(data: Buffer) {
  const { data: pixels, info } = await sharp(data).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { pixels, width: info.width, height: info.height };
}

describe("LocalProvider.upscale", () => {
  it("answers the source × factor, free, with the basic-upscale notice", async () => {
    const src = await source(await jpegPhotoLike(40, 30));
    const result = await provider.upscale(request(src, { width: 160, height: 120, tool: { operation: "upscale", factor: 4, kind: "basic" } }), context());
    expect(result).toMatchObject({ model: "local-v1", costUsd: 0, sent: { prompt: null } });
    expect(result.images).toHaveLength(1);
    expect(await sharp(result.images[0].data).metadata()).toMatchObject({ width: 160, height: 120, format: "jpeg" });
    expect(result.images[0].notices?.[0]).toMatch(/^Basic upscale: resampled ×4 with Lanczos .* no new detail is invented; connect Ideogram or Replicate/);
    expect(result.images[0].params).toMatchObject({ localTool: { operation: "upscale", factor: 4, kind: "basic" } });
  });

  it("refuses an output larger than the request asked for, and a canceled call", async () => {
    const src = await source(await jpegPhotoLike(40, 30));
    const tooBig = provider.upscale(request(src, { width: 80, height: 60, tool: { operation: "upscale", factor: 4, kind: "basic" } }), context());
    await expect(tooBig).rejects.toMatchObject({ kind: "bad_request", message: expect.stringMatching(/over the .* limit/) });
    const controller = new AbortController();
    controller.abort();
    await expect(provider.upscale(request(src, { tool: { operation: "upscale", factor: 2, kind: "basic" } }), context(controller.signal))).rejects.toMatchObject({ kind: "canceled" });
  });
});

describe("LocalProvider.removeBackground", () => {
  it("answers a transparent PNG of the source's size with what it did in notices and params", async () => {
    const [icon] = await plainScenes(160, 120);
    const src = await source(icon.data);
    const result = await provider.removeBackground(request(src, { tool: { operation: "remove-background" } }), context());
    const image = result.images[0];
    expect(image.mimeType).toBe("image/png");
    expect(await sharp(image.data).metadata()).toMatchObject({ width: 160, height: 120, hasAlpha: true });
    const alpha = await sharp(image.data).extractChannel(3).raw().toBuffer();
    expect(iou(alpha, icon.mask)).toBeGreaterThanOrEqual(0.95);
    expect(image.notices?.[0]).toMatch(/^Local background removal: .*#ffffff/);
    expect(image.params).toMatchObject({ localTool: { operation: "remove-background", background: ["#ffffff"], backgroundKind: "plain" } });
  });

  it("WebP when asked; a busy background is a bad_request that says what to connect", async () => {
    const [icon] = await plainScenes(96, 72);
    const webp = await provider.removeBackground(request(await source(icon.data), { outputFormat: "webp", tool: { operation: "remove-background" } }), context());
    expect(await sharp(webp.images[0].data).metadata()).toMatchObject({ format: "webp", hasAlpha: true });
    const busy = await source(await busyScene(160, 120));
    const error = await provider.removeBackground(request(busy, { tool: { operation: "remove-background" } }), context()).catch((e) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: "bad_request", provider: "local" });
    expect(error.message).toMatch(/not plain enough to remove offline — .*connect Ideogram, Replicate or OpenAI/);
  });
});

describe("LocalProvider.expand", () => {
  const geometry: ExpandGeometry = { left: 24, right: 24, top: 0, bottom: 16 };

  async function expandOnce(signal?: AbortSignal) {
    const original = await source(await jpegPhotoLike(64, 48));
    const { canvas, mask } = await expandCanvas(original, geometry);
    const result = await provider.expand(
      request(canvas, { prompt: "a field", mask, width: canvas.width, height: canvas.height, tool: { operation: "expand", geometry, original: { width: 64, height: 48 } } }),
      context(signal),
    );
    return { original, result };
  }

  it("fills the new area opaque and continuous, keeps the original's pixels exactly, and says what it did", async () => {
    const { original, result } = await expandOnce();
    expect(result.sent).toEqual({ prompt: null }); // the fill reads no prompt
    const image = result.images[0];
    expect(image.mimeType).toBe("image/png");
    const out = await rgba(image.data);
    expect(out).toMatchObject({ width: 112, height: 64 });
    const src = await rgba(original.data);
    for (let y = 0; y < 48; y++) {
      const row = out.pixels.subarray((y * 112 + 24) * 4, (y * 112 + 88) * 4);
      expect(row.equals(src.pixels.subarray(y * 64 * 4, (y + 1) * 64 * 4)), `row ${y}`).toBe(true);
    }
    // Every new pixel is opaque and coloured like the picture (no transparent hole, no black).
    let minAlpha = 255, sum = 0, count = 0;
    for (let y = 0; y < 64; y++) {
      for (let x = 0; x < 112; x++) {
        if (x >= 24 && x < 88 && y < 48) continue;
        const i = (y * 112 + x) * 4;
        minAlpha = Math.min(minAlpha, out.pixels[i + 3]);
        sum += out.pixels[i] + out.pixels[i + 1] + out.pixels[i + 2];
        count++;
      }
    }
    expect(minAlpha).toBe(255);
    expect(sum / count / 3).toBeGreaterThan(60);
    // Continuity: right next to the original's left edge the fill is close to the edge pixels.
    let seam = 0;
    for (let y = 0; y < 48; y++) {
      const a = (y * 112 + 23) * 4, b = (y * 112 + 24) * 4;
      for (let c = 0; c < 3; c++) seam += Math.abs(out.pixels[a + c] - out.pixels[b + c]);
    }
    expect(seam / (48 * 3)).toBeLessThan(16);
    expect(image.notices?.[0]).toMatch(/^Local expand: .*does not invent new content/);
    expect(image.params).toMatchObject({ localTool: { operation: "expand", geometry } });
  });

  it("is deterministic, and a canceled expand is canceled", async () => {
    const [a, b] = [await expandOnce(), await expandOnce()];
    expect(a.result.images[0].data.equals(b.result.images[0].data)).toBe(true);
    const controller = new AbortController();
    controller.abort();
    await expect(expandOnce(controller.signal)).rejects.toMatchObject({ kind: "canceled" });
  });

  it("refuses a canvas that does not match the geometry", async () => {
    const original = await source(await jpegPhotoLike(64, 48));
    const req = request(original, { tool: { operation: "expand", geometry, original: { width: 64, height: 48 } } });
    await expect(provider.expand(req, context())).rejects.toMatchObject({ kind: "bad_request", message: expect.stringMatching(/canvas is 64×48/) });
  });
});
