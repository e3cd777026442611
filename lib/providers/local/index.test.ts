import sharp from "sharp";
import { describe, expect, it, vi } from "vitest";
import { ProviderError, type GenerateRequest, type ProviderContext } from "../types";
import { LocalProvider } from "./index";
import { decode, meanAbsDiff } from "./test-helpers";

const provider = new LocalProvider();

function request(extra: Partial<GenerateRequest> = {}): GenerateRequest {
  return { prompt: "a calm lake at sunrise with mountains", model: "local-v1", width: 128, height: 96, aspectRatio: "4:3", n: 1, ...extra };
}

function context(extra: Partial<ProviderContext> = {}): ProviderContext {
  return { signal: new AbortController().signal, fetchResult: () => Promise.reject(new Error("the local renderer fetches nothing")), ...extra };
}

describe("LocalProvider", () => {
  it("describes itself as the free, always configured local renderer", async () => {
    expect(provider.id).toBe("local");
    expect(provider.name).toBe("Local renderer");
    expect(provider.isConfigured()).toBe(true);
    expect(provider.estimateCost(request({ n: 8 }))).toBe(0);
    expect(provider.models).toHaveLength(1);
    expect(provider.models[0]).toMatchObject({
      id: "local-v1",
      costPerImageUsd: 0,
      capabilities: { generate: true, edit: true, variations: true, mask: true, transparentBackground: true, negativePrompt: true, seed: true, maxImages: 8, sizes: { kind: "range", min: 64, max: 2048, multipleOf: 8 } },
    });
    await expect(provider.health(new AbortController().signal)).resolves.toEqual({ healthy: true });
  });

  it("renders n images with consecutive seeds, reporting progress for each", async () => {
    const onProgress = vi.fn();
    const result = await provider.generate(request({ n: 3, seed: 40, style: "painting", negativePrompt: "rain" }), context({ onProgress }));
    expect(result.model).toBe("local-v1");
    // The renderer reads the prompt as written (style and what to avoid are parameters of its own), from the first seed.
    expect(result.sent).toEqual({ prompt: request().prompt, seed: 40 });
    expect(result.costUsd).toBe(0);
    expect(result.images.map((i) => i.seed)).toEqual([40, 41, 42]);
    expect(result.images.every((i) => i.mimeType === "image/png")).toBe(true);
    const decoded = await Promise.all(result.images.map((i) => decode(i.data)));
    expect(meanAbsDiff(decoded[0], decoded[1])).toBeGreaterThan(2);
    expect(meanAbsDiff(decoded[1], decoded[2])).toBeGreaterThan(2);
    for (const image of result.images) expect(await sharp(image.data).metadata()).toMatchObject({ width: 128, height: 96 });
    expect(onProgress.mock.calls.map(([e]) => e.progress)).toEqual([1 / 3, 2 / 3, 1]);
  });

  it("picks a seed when none is given, and that seed reproduces the image", async () => {
    const first = await provider.generate(request({ n: 2 }), context());
    const [a, b] = first.images;
    expect(Number.isInteger(a.seed)).toBe(true);
    expect(b.seed).toBe(a.seed! + 1);
    expect(first.sent.seed).toBe(a.seed);
    const again = await provider.generate(request({ seed: a.seed }), context());
    expect(again.images[0].data.equals(a.data)).toBe(true);
  });

  it("gives a transparent background when asked", async () => {
    const result = await provider.generate(request({ background: "transparent", prompt: "a cat on a hill" }), context());
    const meta = await sharp(result.images[0].data).metadata();
    expect(meta.hasAlpha).toBe(true);
    const { data } = await decode(result.images[0].data, 4);
    expect(data[3]).toBe(0);
  });

  it("stops between images once the signal is aborted", async () => {
    const controller = new AbortController();
    const onProgress = vi.fn(() => controller.abort());
    const run = provider.generate(request({ n: 4, seed: 1 }), context({ signal: controller.signal, onProgress }));
    await expect(run).rejects.toMatchObject({ name: "ProviderError", kind: "canceled" });
    expect(onProgress).toHaveBeenCalledTimes(1);
  });

  it("does not start when the signal is already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const onProgress = vi.fn();
    await expect(provider.generate(request(), context({ signal: controller.signal, onProgress }))).rejects.toBeInstanceOf(ProviderError);
    expect(onProgress).not.toHaveBeenCalled();
  });

  it("refuses what it cannot draw", async () => {
    await expect(provider.generate(request({ width: 4096 }), context())).rejects.toMatchObject({ kind: "bad_request" });
    await expect(provider.generate(request({ n: 9 }), context())).rejects.toMatchObject({ kind: "bad_request" });
    await expect(provider.edit(request(), context())).rejects.toMatchObject({ kind: "bad_request" });
    await expect(provider.variations(request(), context())).rejects.toMatchObject({ kind: "bad_request" });
  });

  it("varies and edits a source through the same seeds", async () => {
    const [source] = (await provider.generate(request({ seed: 5 }), context())).images;
    const src = { data: source.data, mimeType: "image/png", width: 128, height: 96 };
    const varied = await provider.variations(request({ prompt: "", source: src, strength: 0.5, seed: 9, n: 2 }), context());
    expect(varied.images.map((i) => i.seed)).toEqual([9, 10]);
    expect(varied.images[0].data.equals(varied.images[1].data)).toBe(false);
    const edited = await provider.edit(request({ prompt: "a calm lake at night with mountains", source: src, strength: 0.7, seed: 3 }), context());
    const before = await decode(source.data);
    expect(meanAbsDiff(before, await decode(edited.images[0].data))).toBeGreaterThan(10);
  });
});
