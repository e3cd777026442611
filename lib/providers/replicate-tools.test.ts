// The finishing tools on Replicate against the local fake (tests/fakes/replicate.ts + replicate-tools.ts), following
// (checked December 2026): the Replicate HTTP API reference https://replicate.com/docs/reference/http (official-model
// predictions), https://replicate.com/google/upscaler/api/schema (image, upscale_factor x2|x4, compression_quality;
// output one uri), https://replicate.com/bria/remove-background/api/schema (image | image_url, preserve_alpha,
// content_moderation; output one uri) and https://replicate.com/black-forest-labs/flux-2-pro/api/schema
// (input_images, aspect_ratio custom with width/height 256–2048 in multiples of 16) for expand; prices from
// docs.bfl.ai/quick_start/pricing (FLUX.2 per megapixel), Bria's $0.018 and the resellers' $0.005 for the upscaler.
import sharp from "sharp";
import { afterEach, describe, expect, it, vi } from "vitest";
import { replicateModels, startFakeReplicate, type FakeReplicate } from "@/tests/fakes/replicate";
import { fetchResultUrl } from "./fetch-result";
import { ReplicateProvider } from "./replicate";
import { expandSize } from "./replicate-tools";
import type { GenerateRequest, ProviderContext, ProviderError, SourceImage } from "./types";

let fake: FakeReplicate;
afterEach(async () => {
  await fake?.close();
});

async function setup(slugs: Parameters<typeof replicateModels>[0] = {}) {
  fake = await startFakeReplicate();
  return new ReplicateProvider({ apiToken: fake.token, baseUrl: fake.baseUrl, models: replicateModels(slugs), pollIntervalMs: 10 });
}
const context = (): ProviderContext => ({
  signal: new AbortController().signal,
  fetchResult: vi.fn((url: string) => fetchResultUrl(url, { provider: "replicate", allowedHosts: ["127.0.0.1"], allowPrivate: true, maxBytes: 40_000_000, timeoutMs: 5000, signal: AbortSignal.timeout(5000) })),
});
const inputOf = (i = 0) => (fake.requestsTo("POST", "/v1/models/")[i].json as { input: Record<string, unknown> }).input;
const failure = (promise: Promise<unknown>) => promise.then(() => { throw new Error("expected a ProviderError"); }, (e: unknown) => e as ProviderError);
const decode = async (uri: unknown) => sharp(Buffer.from(String(uri).split(",")[1], "base64")).metadata();

/** A flat background with a red square subject in the middle. */
async function picture(width: number, height: number, background = "#f0f0f0"): Promise<SourceImage> {
  const side = Math.round(Math.min(width, height) / 2);
  const subject = await sharp({ create: { width: side, height: side, channels: 3, background: "#d02020" } }).png().toBuffer();
  const data = await sharp({ create: { width, height, channels: 3, background } })
    .composite([{ input: subject, left: Math.round((width - side) / 2), top: Math.round((height - side) / 2) }])
    .png()
    .toBuffer();
  return { data, mimeType: "image/png", width, height };
}
const request = (over: Partial<GenerateRequest>): GenerateRequest => ({ prompt: "", model: "replicate-upscale", width: 0, height: 0, aspectRatio: "1:1", n: 1, ...over });

describe("Replicate upscaler (REPLICATE_UPSCALE_MODEL, default google/upscaler)", () => {
  it("sends the source as a data URI with upscale_factor x4 and answers the ×4 picture at the model's price", async () => {
    const provider = await setup();
    const source = await picture(200, 150);
    const req = request({ source, width: 800, height: 600, tool: { operation: "upscale", factor: 4, kind: "ai" } });
    expect(provider.estimateCost(req)).toBe(0.005);
    const result = await provider.upscale(req, context());
    expect(fake.modelsCalled()).toEqual(["google/upscaler"]);
    const input = inputOf();
    expect(Object.keys(input).sort()).toEqual(["image", "upscale_factor"]);
    expect(input.upscale_factor).toBe("x4");
    expect(result.sent).toEqual({ prompt: null }); // the upscaler's input has no prompt
    expect(String(input.image)).toMatch(/^data:image\/png;base64,/);
    expect(await decode(input.image)).toMatchObject({ width: 200, height: 150 });
    expect(await sharp(result.images[0].data).metadata()).toMatchObject({ width: 800, height: 600 });
    expect(result).toMatchObject({ model: "replicate-upscale", costUsd: 0.005 });
  });

  it("declares ×2/×4 up to 17 MP and refuses ×3 or an output over that before sending", async () => {
    const provider = await setup();
    expect(provider.models.find((m) => m.id === "replicate-upscale")?.capabilities).toMatchObject({ generate: false, upscale: { factors: [2, 4], kind: "ai", maxOutputPixels: 17_000_000 } });
    const three = await failure(provider.upscale(request({ source: await picture(64, 64), tool: { operation: "upscale", factor: 3, kind: "ai" } }), context()));
    expect(three.message).toMatch(/×2 or ×4, not ×3/);
    const big = await failure(provider.upscale(request({ source: await picture(1500, 1500), tool: { operation: "upscale", factor: 4, kind: "ai" } }), context()));
    expect(big.message).toMatch(/at most 17 megapixels/);
    expect(fake.modelsCalled()).toEqual([]);
  });

  it("follows REPLICATE_UPSCALE_MODEL, and a model Replicate no longer serves answers model_not_found", async () => {
    const provider = await setup({ REPLICATE_UPSCALE_MODEL: "google/upscaler" });
    fake.retire("google/upscaler");
    const error = await failure(provider.upscale(request({ source: await picture(64, 64), tool: { operation: "upscale", factor: 2, kind: "ai" } }), context()));
    expect(error).toMatchObject({ kind: "model_not_found", status: 404, model: "replicate-upscale" });
    const elsewhere = await setup({ REPLICATE_UPSCALE_MODEL: "someone/other-upscaler" });
    const unknown = await failure(elsewhere.upscale(request({ source: await picture(64, 64), tool: { operation: "upscale", factor: 2, kind: "ai" } }), context()));
    expect(unknown.kind).toBe("model_not_found");
    expect(fake.modelsCalled()).toEqual(["someone/other-upscaler"]);
  });
});

describe("Replicate background removal (REPLICATE_REMOVE_BACKGROUND_MODEL, default bria/remove-background)", () => {
  it("sends `image` as a data URI and answers a PNG with the background transparent and the subject opaque", async () => {
    const provider = await setup();
    const source = await picture(160, 120);
    const req = request({ model: "replicate-remove-background", source, width: 160, height: 120, tool: { operation: "remove-background" } });
    expect(provider.estimateCost(req)).toBe(0.018);
    const result = await provider.removeBackground(req, context());
    expect(fake.modelsCalled()).toEqual(["bria/remove-background"]);
    expect(Object.keys(inputOf())).toEqual(["image"]);
    expect(result.sent).toEqual({ prompt: null });
    const { data, info } = await sharp(result.images[0].data).raw().toBuffer({ resolveWithObject: true });
    expect(info).toMatchObject({ channels: 4, width: 160, height: 120 });
    expect(data[3]).toBe(0); // corner: background
    expect(data[(60 * 160 + 80) * 4 + 3]).toBe(255); // centre: subject
    expect(result.costUsd).toBe(0.018);
  });

  it("fails a removal answered without transparency, and refuses a model that does not remove backgrounds", async () => {
    const provider = await setup();
    // Pointed at an upscaler, the entry's answer (an opaque PNG) is not a cutout.
    const wrong = await setup({ REPLICATE_REMOVE_BACKGROUND_MODEL: "google/upscaler" });
    const opaque = await failure(wrong.removeBackground(request({ model: "replicate-remove-background", source: await picture(64, 64), tool: { operation: "remove-background" } }), context()));
    expect(opaque.kind).toBe("server");
    expect(opaque.message).toMatch(/without transparency/);
    const notATool = await failure(provider.removeBackground(request({ model: "flux-2-pro", source: await picture(64, 64), tool: { operation: "remove-background" } }), context()));
    expect(notATool.message).toMatch(/cannot remove backgrounds/);
  });
});

describe("FLUX.2 expand", () => {
  it("sends the canvas (border painted grey) as input image at a custom size within 256–2048 and an instruction to fill the border", async () => {
    const provider = await setup();
    const original = await picture(1200, 800);
    const geometry = { left: 600, right: 600, top: 0, bottom: 0 };
    const canvas = await sharp({ create: { width: 2400, height: 800, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .composite([{ input: original.data, left: 600, top: 0 }])
      .png()
      .toBuffer();
    const req = request({ model: "flux-2-pro", prompt: "more of the harbour", source: { data: canvas, mimeType: "image/png", width: 2400, height: 800 }, width: 2400, height: 800, tool: { operation: "expand", geometry, original: { width: 1200, height: 800 } } });
    expect(expandSize(2400, 800)).toEqual({ width: 2048, height: 688 });
    const estimate = provider.estimateCost(req);
    const result = await provider.expand(req, context());
    const input = inputOf();
    expect(input).toMatchObject({ aspect_ratio: "custom", width: 2048, height: 688, output_format: "png" });
    expect(String(input.prompt)).toMatch(/empty border is flat grey.*keep the picture itself unchanged\. In the new area: more of the harbour/);
    expect(result.sent).toEqual({ prompt: input.prompt });
    const sent = await sharp(Buffer.from(String((input.input_images as string[])[0]).split(",")[1], "base64")).raw().toBuffer({ resolveWithObject: true });
    expect(sent.info).toMatchObject({ width: 2048, height: 688, channels: 3 });
    expect([...sent.data.subarray(0, 3)]).toEqual([0x80, 0x80, 0x80]); // the border, grey (not transparent black)
    expect(await sharp(result.images[0].data).metadata()).toMatchObject({ width: 2048, height: 688 });
    // 2048×688 ≈ 1.34 MP out (2 billed), the same in: $0.03 + $0.015 + 2 × $0.015.
    expect(estimate).toBeCloseTo(0.075);
    expect(result.costUsd).toBeCloseTo(0.075);
    expect(provider.models.filter((m) => m.capabilities.expand).map((m) => m.id)).toEqual(["flux-2-pro", "flux-2-flex"]);
  });

  it("scales a small canvas up to FLUX.2's 256 px minimum and refuses FLUX.1 entries", async () => {
    expect(expandSize(300, 120)).toEqual({ width: 640, height: 256 });
    const provider = await setup();
    const source = await picture(128, 128);
    const geometry = { left: 0, right: 64, top: 0, bottom: 0 };
    const error = await failure(provider.expand(request({ model: "flux-dev", source, tool: { operation: "expand", geometry, original: { width: 64, height: 128 } } }), context()));
    expect(error.message).toMatch(/cannot expand/);
    expect(fake.modelsCalled()).toEqual([]);
  });
});
