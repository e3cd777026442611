// Ideogram's finishing tools and text services against the local fake (tests/fakes/ideogram-tools.ts), following
// the Ideogram API reference as of December 2026:
// - developer.ideogram.ai/v1/api-reference/generate/post-upscale-image ("Upscale": image_request + image_file) and the
//   OpenAPI document https://api.ideogram.ai/openapi.json (mirrored by tryAGI/Ideogram): UpscaleImageRequest,
//   UpscaleInitialImageRequest, GenerateImageResponse (upscaled_resolution), DescribeRequest/DescribeResponse,
//   ReframeImageRequestV3 + ResolutionV3;
// - developer.ideogram.ai/api-reference/api-reference/remove-background (POST /v1/remove-background);
// - developer.ideogram.ai/v1/api-reference/tools/reframe-v3 ("Reframe a square image to a chosen resolution");
// - developer.ideogram.ai/v1/api-reference/legacy-endpoints/describe (POST /describe, describe_model_version);
// - developer.ideogram.ai/api-reference/api-reference/magic-prompt-v4 (POST /v1/ideogram-v4/magic-prompt,
//   {text_prompt, aspect_ratio} → {aspect_ratio, json_prompt});
// - ideogram.ai/features/api-pricing and ideogram.ai/blog/ideogram-api-pricing (2026-11-16) for the prices.
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { EDIT_PAINT, formOf, ideogramModels, startFakeIdeogram, type FakeIdeogram } from "@/tests/fakes/ideogram";
import { DESCRIBE_PREFIX } from "@/tests/fakes/ideogram-tools";
import { imageSize, providerFailure } from "@/tests/support/provider-asserts";
import { fetchResultUrl } from "./fetch-result";
import { IdeogramProvider } from "./ideogram";
import { IDEOGRAM_V3_RESOLUTIONS, reframePlan } from "./ideogram-reframe";
import type { ExpandGeometry, GenerateRequest, ProviderContext, SourceImage } from "./types";

let fake: FakeIdeogram;
let provider: IdeogramProvider;
const context = (): ProviderContext => ({
  signal: new AbortController().signal,
  fetchResult: vi.fn((url: string) =>
    fetchResultUrl(url, { provider: "ideogram", allowedHosts: ["127.0.0.1"], allowPrivate: true, maxBytes: 20_000_000, timeoutMs: 5000, signal: AbortSignal.timeout(5000) }),
  ),
});

beforeAll(async () => {
  fake = await startFakeIdeogram();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
  fake.inputs.length = 0;
  provider = new IdeogramProvider({ apiKey: fake.apiKey, baseUrl: fake.url, models: ideogramModels() });
});

/** A picture on a flat background with a red square in the middle (the "subject"). */
async function picture(width: number, height: number): Promise<SourceImage> {
  const side = Math.round(Math.min(width, height) / 2);
  const subject = await sharp({ create: { width: side, height: side, channels: 3, background: "#d02020" } }).png().toBuffer();
  const data = await sharp({ create: { width, height, channels: 3, background: "#f0f0f0" } })
    .composite([{ input: subject, left: Math.round((width - side) / 2), top: Math.round((height - side) / 2) }])
    .png()
    .toBuffer();
  return { data, mimeType: "image/png", width, height };
}

/** The grown canvas as the job makes it: the original at (left, top), the new area transparent. */
async function canvas(original: SourceImage, g: ExpandGeometry): Promise<SourceImage> {
  const width = original.width + g.left + g.right;
  const height = original.height + g.top + g.bottom;
  const data = await sharp({ create: { width, height, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
    .composite([{ input: original.data, left: g.left, top: g.top }])
    .png()
    .toBuffer();
  return { data, mimeType: "image/png", width, height };
}

const base = (overrides: Partial<GenerateRequest>): GenerateRequest => ({ prompt: "", model: "ideogram-upscale", width: 0, height: 0, aspectRatio: "1:1", n: 1, ...overrides });
const pixel = async (png: Buffer, x: number, y: number) => {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * 4;
  return [data[at], data[at + 1], data[at + 2], data[at + 3]];
};

describe("Ideogram upscale (POST /upscale)", () => {
  it("sends image_file and an image_request without a prompt, and answers the doubled picture at the flat price", async () => {
    const source = await picture(320, 200);
    const request = base({ source, width: 640, height: 400, tool: { operation: "upscale", factor: 2, kind: "ai" } });
    expect(provider.estimateCost(request)).toBe(0.06);
    const result = await provider.upscale(request, context());
    expect(fake.requests.map((r) => r.path)).toEqual(["/upscale"]);
    const form = await formOf(fake.requests[0]);
    expect(JSON.parse(String(form.get("image_request")))).toEqual({ magic_prompt_option: "OFF", num_images: 1 });
    expect(result.sent).toEqual({ prompt: null }); // no prompt went, so the record has none
    expect(fake.inputs[0].images[0]).toMatchObject({ field: "image_file", width: 320, height: 200 });
    expect(await imageSize(result.images[0].data)).toEqual([640, 400]);
    expect(result).toMatchObject({ model: "ideogram-upscale", costUsd: 0.06 });
  });

  it("declares ×2 only and refuses ×4 before sending anything", async () => {
    expect(ideogramModels().find((m) => m.id === "ideogram-upscale")?.capabilities).toMatchObject({ generate: false, upscale: { factors: [2], kind: "ai" } });
    const error = await providerFailure(provider.upscale(base({ source: await picture(64, 64), tool: { operation: "upscale", factor: 4, kind: "ai" } }), context()));
    expect(error.kind).toBe("bad_request");
    expect(error.message).toMatch(/×2, not ×4/);
    expect(fake.requests).toHaveLength(0);
  });

  it("reads a 404 on the endpoint as the tool's retirement, and 429 / 401 in their documented shapes", async () => {
    const request = base({ source: await picture(64, 64), tool: { operation: "upscale", factor: 2, kind: "ai" } });
    fake.retire("upscale");
    try {
      const gone = await providerFailure(provider.upscale(request, context()));
      expect(gone).toMatchObject({ kind: "model_not_found", status: 404, model: "ideogram-upscale" });
    } finally {
      fake.restore("upscale");
    }
    fake.queue("POST /upscale", { status: 429, retryAfter: 3, body: { detail: "Too many requests" } });
    expect(await providerFailure(provider.upscale(request, context()))).toMatchObject({ kind: "rate_limited", retryAfter: 3 });
    const wrongKey = new IdeogramProvider({ apiKey: "wrong", baseUrl: fake.url, models: ideogramModels() });
    expect((await providerFailure(wrongKey.upscale(request, context()))).kind).toBe("auth");
  });

  it("is never a generation model", async () => {
    const error = await providerFailure(provider.generate(base({ prompt: "a cat", width: 1024, height: 1024 }), context()));
    expect(error.message).toMatch(/tool endpoint/);
    expect(fake.requests).toHaveLength(0);
  });
});

describe("Ideogram remove background (POST /v1/remove-background)", () => {
  it("sends `image` alone and answers a PNG whose background is transparent and subject opaque", async () => {
    const source = await picture(200, 160);
    const request = base({ model: "ideogram-remove-background", source, width: 200, height: 160, tool: { operation: "remove-background" } });
    expect(provider.estimateCost(request)).toBe(0.01);
    const result = await provider.removeBackground(request, context());
    const form = await formOf(fake.requests[0]);
    expect([...form.keys()]).toEqual(["image"]);
    expect(result.sent).toEqual({ prompt: null });
    const meta = await sharp(result.images[0].data).metadata();
    expect(meta).toMatchObject({ hasAlpha: true, width: 200, height: 160 });
    expect((await pixel(result.images[0].data, 2, 2))[3]).toBe(0);
    expect((await pixel(result.images[0].data, 100, 80))[3]).toBe(255);
    expect(result.costUsd).toBe(0.01);
  });

  it("refuses a request naming another model, and maps the safety refusal (422) to content_policy", async () => {
    const source = await picture(64, 64);
    const wrong = await providerFailure(provider.removeBackground(base({ model: "ideogram-upscale", source, tool: { operation: "remove-background" } }), context()));
    expect(wrong.message).toMatch(/ideogram-remove-background/);
    fake.queue("POST /v1/remove-background", { status: 422, body: { error: "Image failed the safety check." } });
    const refused = await providerFailure(provider.removeBackground(base({ model: "ideogram-remove-background", source, tool: { operation: "remove-background" } }), context()));
    expect(refused.kind).toBe("content_policy");
    // An answer that is not a cutout (no transparent pixel) is a failure, not a result.
    const url = fake.serveFile("/api/images/ephemeral/opaque.png", source.data, "image/png");
    fake.queue("POST /v1/remove-background", { status: 200, body: { created: "2026-12-01T00:00:00Z", data: [{ is_image_safe: true, url }] } });
    const opaque = await providerFailure(provider.removeBackground(base({ model: "ideogram-remove-background", source, tool: { operation: "remove-background" } }), context()));
    expect(opaque).toMatchObject({ kind: "server", message: expect.stringMatching(/without transparency/) });
  });
});

describe("Ideogram expand through reframe (POST /v1/ideogram-v3/reframe)", () => {
  it("pans right: a square of the original, a wide resolution, the answer cropped to the canvas with the original in place", async () => {
    const original = await picture(300, 200);
    const geometry = { left: 0, right: 200, top: 0, bottom: 0 };
    const source = await canvas(original, geometry);
    const request = base({ model: "ideogram-v3-turbo", prompt: "a beach", source, width: 500, height: 200, tool: { operation: "expand", geometry, original: { width: 300, height: 200 } } });
    expect(provider.estimateCost(request)).toBe(0.03);
    const result = await provider.expand(request, context());
    const form = await formOf(fake.requests[0]);
    expect(Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string"))).toEqual({ resolution: "1536x512", rendering_speed: "TURBO", num_images: "1" });
    // The square sent is opaque picture, from inside the original (no transparent canvas).
    const sent = fake.inputs[0].images[0];
    expect(sent.width).toBe(sent.height);
    const [w, h] = await imageSize(result.images[0].data);
    expect(Math.abs(w! / h! - 500 / 200)).toBeLessThan(0.02);
    // Scaled to the canvas: the original's area is the original's (grey, then red subject); the new area is filled.
    const scale = w! / 500;
    expect((await pixel(result.images[0].data, Math.round(150 * scale), Math.round(100 * scale))).slice(0, 3)).toEqual([0xd0, 0x20, 0x20]);
    expect((await pixel(result.images[0].data, Math.round(480 * scale), Math.round(100 * scale))).slice(0, 3)).toEqual([EDIT_PAINT.r, EDIT_PAINT.g, EDIT_PAINT.b]);
    expect(result.images[0].notices?.[0]).toMatch(/takes no prompt/);
    expect(result.sent).toEqual({ prompt: null }); // "a beach" was not sent: reframe has no prompt field
    expect(result.costUsd).toBe(0.03);
  });

  it("grows a square picture taller (top and bottom) with a portrait resolution", async () => {
    const original = await picture(256, 256);
    const geometry = { left: 0, right: 0, top: 64, bottom: 64 };
    const request = base({ model: "ideogram-v3", source: await canvas(original, geometry), width: 256, height: 384, tool: { operation: "expand", geometry, original: { width: 256, height: 256 } } });
    const result = await provider.expand(request, context());
    const resolution = String((await formOf(fake.requests[0])).get("resolution")).split("x").map(Number);
    expect(resolution[1]).toBeGreaterThan(resolution[0]);
    const [w, h] = await imageSize(result.images[0].data);
    expect(Math.abs(w! / h! - 256 / 384)).toBeLessThan(0.02);
  });

  it("refuses, with the reason and before sending, what reframe cannot do: a zoom out, widening a portrait, the 4.0 models", async () => {
    const original = await picture(200, 300);
    const zoom = { left: 50, right: 50, top: 50, bottom: 50 };
    const zoomOut = await providerFailure(provider.expand(base({ model: "ideogram-v3", source: await canvas(original, zoom), tool: { operation: "expand", geometry: zoom, original } }), context()));
    expect(zoomOut.message).toMatch(/one direction only/);
    const wide = { left: 100, right: 100, top: 0, bottom: 0 };
    const portrait = await providerFailure(provider.expand(base({ model: "ideogram-v3", source: await canvas(original, wide), tool: { operation: "expand", geometry: wide, original } }), context()));
    expect(portrait.message).toMatch(/portrait picture cannot be widened/);
    const v4 = await providerFailure(provider.expand(base({ model: "ideogram-v4", source: await canvas(original, wide), tool: { operation: "expand", geometry: wide, original } }), context()));
    expect(v4.kind).toBe("bad_request");
    expect(fake.requests).toHaveLength(0);
    expect(ideogramModels().filter((m) => m.capabilities.expand).map((m) => m.id)).toEqual(["ideogram-v3", "ideogram-v3-turbo", "ideogram-v3-quality"]);
  });

  it("plans frames that put the canvas exactly where the square's centring puts it (pans both ways, off-centre)", () => {
    const cases: Array<[{ width: number; height: number }, ExpandGeometry]> = [
      [{ width: 300, height: 200 }, { left: 0, right: 200, top: 0, bottom: 0 }],
      [{ width: 300, height: 200 }, { left: 150, right: 0, top: 0, bottom: 0 }],
      [{ width: 1024, height: 1024 }, { left: 512, right: 0, top: 0, bottom: 0 }],
      [{ width: 600, height: 900 }, { left: 0, right: 0, top: 0, bottom: 500 }],
    ];
    for (const [original, g] of cases) {
      const canvasSize = { width: original.width + g.left + g.right, height: original.height + g.top + g.bottom };
      const plan = reframePlan(canvasSize, g, original);
      if (typeof plan === "string") throw new Error(plan);
      expect(IDEOGRAM_V3_RESOLUTIONS).toContain(`${plan.resolution.width}x${plan.resolution.height}`);
      const horizontal = g.left + g.right > 0;
      const [long, short] = horizontal ? [plan.resolution.width, plan.resolution.height] : [plan.resolution.height, plan.resolution.width];
      const k = short / plan.square.size;
      const squareAt = horizontal ? plan.square.left : plan.square.top;
      const cropAt = horizontal ? plan.crop.left : plan.crop.top;
      const cropLength = horizontal ? plan.crop.width : plan.crop.height;
      // Canvas coordinate 0 lands where the centred square puts it, and the crop spans the canvas inside the frame.
      expect(Math.abs(cropAt - ((0 - squareAt) * k + (long - short) / 2))).toBeLessThanOrEqual(1);
      expect(cropAt).toBeGreaterThanOrEqual(0);
      expect(cropAt + cropLength).toBeLessThanOrEqual(long);
      expect(Math.abs(cropLength - (horizontal ? canvasSize.width : canvasSize.height) * k)).toBeLessThanOrEqual(1);
    }
    expect(reframePlan({ width: 1000, height: 200 }, { left: 0, right: 800, top: 0, bottom: 0 }, { width: 200, height: 200 })).toMatch(/3:1/);
  });
});

describe("Ideogram text services", () => {
  it("describes with POST /describe (V_3) and charges the estimate", async () => {
    expect(provider.textServices()).toMatchObject({ describe: true, enhance: true, estimateUsd: 0.01 });
    const image = await picture(120, 80);
    const result = await provider.describeImage(image, context());
    const form = await formOf(fake.requests[0]);
    expect(form.get("describe_model_version")).toBe("V_3");
    expect(fake.inputs[0].images[0]).toMatchObject({ field: "image_file", width: 120, height: 80 });
    expect(result.text).toMatch(new RegExp(`^${DESCRIBE_PREFIX} of 120x80 pixels`));
    expect(result).toMatchObject({ model: "ideogram-describe-v3", costUsd: 0.01 });
    fake.queue("POST /describe", { status: 422, body: { error: "Image failed the safety check." } });
    expect((await providerFailure(provider.describeImage(image, context()))).kind).toBe("content_policy");
  });

  it("enhances with the 4.0 magic prompt (JSON {text_prompt, aspect_ratio}) and flattens its caption to plain prompt text", async () => {
    const result = await provider.enhancePrompt({ prompt: "a lighthouse", style: "painting" }, context());
    expect(fake.requests[0].json).toEqual({ text_prompt: "a lighthouse. Style: painterly, visible brush strokes", aspect_ratio: "AUTO" });
    expect(result.model).toBe("ideogram-v4-magic-prompt");
    expect(result.text).toMatch(/^a lighthouse\. Style: painterly, visible brush strokes, seen in crisp detail/);
    expect(result.text).toMatch(/Lighting: soft golden-hour light\./);
    expect(result.text).not.toMatch(/[{}"]/);
    expect(result.text.length).toBeLessThanOrEqual(1000);
  });

  it("offers no text services without a key, and the fake refuses fields the endpoints do not document", async () => {
    expect(new IdeogramProvider({ apiKey: "", baseUrl: fake.url, models: ideogramModels() }).textServices()).toBeUndefined();
    const form = new FormData();
    form.set("image", new Blob([new Uint8Array((await picture(32, 32)).data)], { type: "image/png" }), "a.png");
    form.set("prompt", "no such field");
    const answer = await fetch(`${fake.url}/v1/remove-background`, { method: "POST", headers: { "Api-Key": fake.apiKey }, body: form });
    expect(answer.status).toBe(400);
    expect(await answer.json()).toEqual({ error: "prompt is not a field of remove-background" });
  });
});
