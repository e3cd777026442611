// Follows the OpenAI API reference — Images: https://platform.openai.com/docs/api-reference/images
// as spoken by self-hosted servers; run against the fake in tests/fakes/openai.ts mounted at a custom base URL.
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { recordingContext, startFakeOpenAI, type FakeOpenAI } from "@/tests/fakes/openai";
import { OpenAICompatibleProvider } from "./openai-compatible";
import { ProviderError, type GenerateRequest } from "./types";

let fake: FakeOpenAI;
let provider: OpenAICompatibleProvider;
beforeAll(async () => {
  fake = await startFakeOpenAI({ prefix: "/custom/api/v1", apiKey: null, extraModels: ["sdxl-turbo", "flux-schnell"] });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
  fake.forms.length = 0;
  Object.assign(fake.options, { apiKey: null, answerWithUrls: false, noEdits: false });
  provider = new OpenAICompatibleProvider({ baseUrl: fake.baseUrl, models: ["sdxl-turbo", "flux-schnell"], name: "GPU box" });
});

const request = (over: Partial<GenerateRequest> = {}): GenerateRequest => ({
  prompt: "a lighthouse at dusk", model: "sdxl-turbo", width: 768, height: 512, aspectRatio: "3:2", n: 1, ...over,
});
const failure = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
};

describe("OpenAICompatibleProvider", () => {
  it("describes itself: name, models, conservative capabilities, free by default", () => {
    expect(provider).toMatchObject({ id: "openai-compatible", name: "GPU box" });
    expect(provider.models.map((m) => m.id)).toEqual(["sdxl-turbo", "flux-schnell"]);
    expect(provider.models[0].capabilities).toMatchObject({
      generate: true, edit: true, variations: false, transparentBackground: false, maxImages: 4,
      sizes: { kind: "range", min: 256, max: 2048, multipleOf: 64 },
    });
    expect(provider.isConfigured()).toBe(true);
    expect(new OpenAICompatibleProvider({ baseUrl: "", models: ["x"], name: "n" }).isConfigured()).toBe(false);
    expect(provider.estimateCost(request({ n: 3 }))).toBe(0);
    const paid = new OpenAICompatibleProvider({ baseUrl: fake.baseUrl, models: ["sdxl-turbo"], name: "paid", costPerImageUsd: 0.002 });
    expect(paid.estimateCost(request({ n: 2 }))).toBe(0.004);
  });

  it("generates at the custom base URL without an Authorization header when no key is set", async () => {
    const result = await provider.generate(request({ n: 2, negativePrompt: "blur" }), recordingContext(fake).context);
    const sent = fake.requests.at(-1)!;
    expect(sent.path).toBe("/custom/api/v1/images/generations");
    expect(sent.headers.authorization).toBeUndefined();
    expect(sent.json).toEqual({ model: "sdxl-turbo", prompt: "a lighthouse at dusk Avoid: blur.", n: 2, size: "768x512", response_format: "b64_json" });
    expect(result.images).toHaveLength(2);
    expect(await sharp(result.images[1].data).metadata()).toMatchObject({ width: 768, height: 512, format: "png" });
    expect(result).toMatchObject({ model: "sdxl-turbo", costUsd: 0 });
  });

  it("sends the configured key as a Bearer token", async () => {
    fake.options.apiKey = "local-secret";
    const keyed = new OpenAICompatibleProvider({ baseUrl: fake.baseUrl, apiKey: "local-secret", models: ["sdxl-turbo"], name: "GPU box" });
    await keyed.generate(request(), recordingContext(fake).context);
    expect(fake.requests.at(-1)!.headers.authorization).toBe("Bearer local-secret");
    expect((await failure(provider.generate(request(), recordingContext(fake).context))).kind).toBe("auth");
  });

  it("downloads url answers through context.fetchResult", async () => {
    fake.options.answerWithUrls = true;
    const { context, fetched } = recordingContext(fake);
    const result = await provider.generate(request({ model: "flux-schnell", width: 512, height: 512 }), context);
    expect(fetched).toHaveLength(1);
    expect(fetched[0].startsWith(`${fake.url}/files/`)).toBe(true);
    expect(result.images[0].mimeType).toBe("image/png");
    expect((await sharp(result.images[0].data).metadata()).width).toBe(512);
  });

  it("edits through /images/edits with the source as a PNG and the mask in OpenAI's convention", async () => {
    const source = await sharp({ create: { width: 640, height: 640, channels: 3, background: "#808080" } }).jpeg().toBuffer();
    const mask = await sharp({ create: { width: 640, height: 640, channels: 3, background: "#ffffff" } }).png().toBuffer();
    const result = await provider.edit(
      request({ width: 640, height: 640, prompt: "make it snowy", source: { data: source, mimeType: "image/jpeg", width: 640, height: 640 }, mask: { data: mask, mimeType: "image/png", width: 640, height: 640 } }),
      recordingContext(fake).context,
    );
    const form = fake.forms.at(-1)!;
    expect(form.path).toBe("/custom/api/v1/images/edits");
    expect(form.fields).toMatchObject({ model: "sdxl-turbo", prompt: "make it snowy", size: "640x640", response_format: "b64_json" });
    expect((await sharp(form.files.image.data).metadata()).format).toBe("png");
    const alpha = (await sharp(form.files.mask.data).raw().toBuffer())[3];
    expect(alpha).toBe(0);
    expect(result.images).toHaveLength(1);
  });

  it("reports a server without an edit endpoint as bad_request", async () => {
    fake.options.noEdits = true;
    const source = await sharp({ create: { width: 256, height: 256, channels: 3, background: "#000" } }).png().toBuffer();
    const error = await failure(provider.edit(request({ width: 256, height: 256, source: { data: source, mimeType: "image/png", width: 256, height: 256 } }), recordingContext(fake).context));
    expect(error).toMatchObject({ kind: "bad_request", status: 404 });
    expect(error.message).toContain("has no edit endpoint");
  });

  it("maps 503 to server without retrying, and a hang + abort to canceled", async () => {
    fake.queue("POST /custom/api/v1/images/generations", { status: 503, retryAfter: 2 }, { hang: true });
    const error = await failure(provider.generate(request(), recordingContext(fake).context));
    expect(error).toMatchObject({ kind: "server", retryAfter: 2 });
    expect(fake.requests).toHaveLength(1);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    expect((await failure(provider.generate(request(), recordingContext(fake, { signal: controller.signal }).context))).kind).toBe("canceled");
  });

  it("refuses unknown models, sizes off the grid and too many images before calling", async () => {
    const context = recordingContext(fake).context;
    expect((await failure(provider.generate(request({ model: "gpt-image-1" }), context))).kind).toBe("bad_request");
    expect((await failure(provider.generate(request({ width: 700 }), context))).kind).toBe("bad_request");
    expect((await failure(provider.generate(request({ width: 4096 }), context))).kind).toBe("bad_request");
    expect((await failure(provider.generate(request({ n: 5 }), context))).kind).toBe("bad_request");
    expect(fake.requests).toHaveLength(0);
  });

  it("checks health with GET /models and reports an unreachable server", async () => {
    expect(await provider.health(AbortSignal.timeout(5000))).toEqual({ healthy: true });
    expect(fake.requests.at(-1)!.path).toBe("/custom/api/v1/models");
    const down = new OpenAICompatibleProvider({ baseUrl: "http://127.0.0.1:9/v1", models: ["m"], name: "down" });
    const health = await down.health(AbortSignal.timeout(5000));
    expect(health.healthy).toBe(false);
    expect(health.message).toMatch(/could not be reached/);
    expect((await failure(down.generate(request({ model: "m" }), recordingContext(fake).context))).kind).toBe("network");
  });
});
