// Follows the OpenAI API reference — Images: https://platform.openai.com/docs/api-reference/images
// (generate, edit, variations, streaming events) and Azure OpenAI's deployment paths; run against the fake in
// tests/fakes/openai.ts through the real `openai` SDK.
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { IMAGE_INPUT_TOKENS, OUTPUT_TOKENS, recordingContext, startFakeOpenAI, type FakeOpenAI } from "@/tests/fakes/openai";
import { OpenAIProvider } from "./openai";
import { ProviderError, type GenerateRequest, type ProgressEvent, type SourceImage } from "./types";
import { styleText } from "./prompt";

let fake: FakeOpenAI;
let provider: OpenAIProvider;
beforeAll(async () => {
  fake = await startFakeOpenAI({ azure: { apiKey: "azure-key", deployments: { "my-dalle": "dall-e-3" } } });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
  fake.forms.length = 0;
  fake.options.answerWithUrls = false;
  provider = new OpenAIProvider({ apiKey: "sk-test", baseUrl: fake.baseUrl });
});

const request = (over: Partial<GenerateRequest> = {}): GenerateRequest => ({
  prompt: "a red fox in fresh snow", model: "gpt-image-1", width: 1024, height: 1024, aspectRatio: "1:1", n: 1, ...over,
});
const body = () => fake.requests.at(-1)!.json as Record<string, unknown>;
const image = async (width: number, height: number, colour = "#3366cc"): Promise<SourceImage> => ({
  data: await sharp({ create: { width, height, channels: 3, background: colour } }).png().toBuffer(), mimeType: "image/png", width, height,
});
const failure = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
};
const textTokens = (prompt: string) => Math.ceil(prompt.length / 4);

describe("OpenAIProvider against the fake Images API", () => {
  it("generates with gpt-image-1: request shape, decoded image, usage and exact cost", async () => {
    const { context } = recordingContext(fake);
    const result = await provider.generate(request({ width: 1536, height: 1024, quality: "high" }), context);
    expect(body()).toEqual({ model: "gpt-image-1", prompt: "a red fox in fresh snow", n: 1, size: "1536x1024", quality: "high", output_format: "png" });
    expect(fake.requests.at(-1)!.headers.authorization).toBe("Bearer sk-test");
    expect(result.images).toHaveLength(1);
    expect(result.images[0].mimeType).toBe("image/png");
    expect(await sharp(result.images[0].data).metadata()).toMatchObject({ width: 1536, height: 1024, format: "png" });
    const text = textTokens("a red fox in fresh snow");
    expect(result.usage).toEqual({ inputTokens: text, outputTokens: 6240, totalTokens: text + 6240 });
    expect(result.costUsd).toBeCloseTo(text * 5e-6 + 6240 * 40e-6, 12);
    expect(result.model).toBe("gpt-image-1");
    expect(result.externalId).toMatch(/^req_/);
  });

  it("asks for a transparent background and gets a PNG with alpha", async () => {
    const result = await provider.generate(request({ background: "transparent", quality: "low", n: 2 }), recordingContext(fake).context);
    expect(body()).toMatchObject({ background: "transparent", output_format: "png", quality: "low", n: 2 });
    expect(result.images).toHaveLength(2);
    const { data, info } = await sharp(result.images[0].data).raw().toBuffer({ resolveWithObject: true });
    expect(info.channels).toBe(4);
    expect(data[3]).toBe(0); // the top-left corner is transparent
    expect(result.costUsd).toBeCloseTo(textTokens(request().prompt) * 5e-6 + 2 * OUTPUT_TOKENS["1024x1024"].low * 40e-6, 12);
  });

  it("sends output_format and output_compression from its configuration", async () => {
    const webp = new OpenAIProvider({ apiKey: "sk-test", baseUrl: fake.baseUrl, outputFormat: "webp", outputCompression: 80 });
    const result = await webp.generate(request(), recordingContext(fake).context);
    expect(body()).toMatchObject({ output_format: "webp", output_compression: 80, quality: "medium" });
    expect(result.images[0].mimeType).toBe("image/webp");
  });

  it("streams partial images to onProgress when a progress callback is given", async () => {
    const events: ProgressEvent[] = [];
    const result = await provider.generate(request(), recordingContext(fake, { onProgress: (e) => events.push(e) }).context);
    expect(body()).toMatchObject({ stream: true, partial_images: 2 });
    const partials = events.filter((e) => e.partialImage);
    expect(partials).toHaveLength(2);
    expect((await sharp(partials[0].partialImage!).metadata()).width).toBe(1024);
    expect(partials[0].progress!).toBeLessThan(partials[1].progress!);
    expect(events.at(-1)).toEqual({ progress: 1 });
    expect(result.images).toHaveLength(1);
    expect(result.usage?.outputTokens).toBe(OUTPUT_TOKENS["1024x1024"].medium);
    expect(result.costUsd).toBeGreaterThan(0);
  });

  it("generates with dall-e-3: hd quality, b64_json, revised prompt, folded style/palette/negative prompt", async () => {
    const result = await provider.generate(
      request({ model: "dall-e-3", width: 1792, height: 1024, quality: "high", style: "pixel-art", palette: ["#112233", "#aabbcc"], negativePrompt: "text, watermark" }),
      recordingContext(fake).context,
    );
    const sent = body();
    expect(sent).toMatchObject({ model: "dall-e-3", size: "1792x1024", quality: "hd", n: 1, response_format: "b64_json" });
    expect(sent).not.toHaveProperty("output_format");
    expect(sent.prompt).toBe(`a red fox in fresh snow Style: ${styleText["pixel-art"]}. Colour palette: #112233, #aabbcc. Avoid: text, watermark.`);
    expect(result.images[0].revisedPrompt).toBe(`A detailed rendering of: ${sent.prompt}`);
    expect((await sharp(result.images[0].data).metadata()).width).toBe(1792);
    expect(result.costUsd).toBeUndefined();
  });

  it("generates several images with dall-e-2 without a quality parameter", async () => {
    const result = await provider.generate(request({ model: "dall-e-2", width: 512, height: 512, n: 3 }), recordingContext(fake).context);
    expect(body()).toEqual({ model: "dall-e-2", prompt: request().prompt, n: 3, size: "512x512", response_format: "b64_json" });
    expect(result.images).toHaveLength(3);
    expect((await sharp(result.images[2].data).metadata()).width).toBe(512);
  });

  it("edits with a mask converted to OpenAI's convention (transparent = change)", async () => {
    const source = await image(1024, 1024);
    const mask = await sharp({ create: { width: 512, height: 512, channels: 3, background: "#000000" } })
      .composite([{ input: { create: { width: 256, height: 512, channels: 3, background: "#ffffff" } }, left: 0, top: 0 }])
      .png().toBuffer();
    const result = await provider.edit(request({ prompt: "add a moon", source, mask: { data: mask, mimeType: "image/png", width: 512, height: 512 } }), recordingContext(fake).context);
    const form = fake.forms.at(-1)!;
    expect(form.path).toBe("/v1/images/edits");
    expect(form.fields).toMatchObject({ model: "gpt-image-1", prompt: "add a moon", n: "1", size: "1024x1024", quality: "medium" });
    const sent = await sharp(form.files.mask.data).raw().toBuffer({ resolveWithObject: true });
    expect(sent.info).toMatchObject({ width: 1024, height: 1024, channels: 4 });
    const alphaAt = (x: number, y: number) => sent.data[(y * 1024 + x) * 4 + 3];
    expect(alphaAt(100, 500)).toBe(0); // white in our mask: edit here
    expect(alphaAt(900, 500)).toBe(255); // black: keep
    expect((await sharp(form.files.image.data).metadata()).width).toBe(1024);
    expect(result.usage?.inputTokens).toBe(textTokens("add a moon") + IMAGE_INPUT_TOKENS);
    expect(result.costUsd).toBeCloseTo(textTokens("add a moon") * 5e-6 + IMAGE_INPUT_TOKENS * 10e-6 + OUTPUT_TOKENS["1024x1024"].medium * 40e-6, 12);
  });

  it("makes gpt-image-1 variations as an edit with the source as reference", async () => {
    const result = await provider.variations(request({ prompt: "", source: await image(800, 600), strength: 0.2 }), recordingContext(fake).context);
    const form = fake.forms.at(-1)!;
    expect(form.path).toBe("/v1/images/edits");
    expect(form.fields.prompt).toBe("Create a variation of the reference image. Stay very close to the original.");
    expect(form.files.mask).toBeUndefined();
    expect(result.images).toHaveLength(1);
  });

  it("makes dall-e-2 variations from a square PNG", async () => {
    const result = await provider.variations(request({ model: "dall-e-2", width: 256, height: 256, n: 2, source: await image(300, 200) }), recordingContext(fake).context);
    const form = fake.forms.at(-1)!;
    expect(form.path).toBe("/v1/images/variations");
    expect(form.fields).toEqual({ model: "dall-e-2", n: "2", size: "256x256", response_format: "b64_json" });
    expect(await sharp(form.files.image.data).metadata()).toMatchObject({ format: "png", width: 256, height: 256 });
    expect(result.images).toHaveLength(2);
    await expect(provider.variations(request({ model: "dall-e-3", source: await image(64, 64) }), recordingContext(fake).context)).rejects.toMatchObject({ kind: "bad_request" });
  });

  it("calls an Azure deployment with the api-key header and api-version", async () => {
    const azure = new OpenAIProvider({ azure: { endpoint: `${fake.url}/`, apiKey: "azure-key", deployment: "my-dalle", apiVersion: "2025-04-01-preview" } });
    expect(azure.models.map((m) => m.id)).toEqual(["dall-e-3"]);
    expect(azure.isConfigured()).toBe(true);
    const result = await azure.generate(request({ model: "dall-e-3" }), recordingContext(fake).context);
    const sent = fake.requests.at(-1)!;
    expect(sent.path).toBe("/openai/deployments/my-dalle/images/generations");
    expect(sent.query.get("api-version")).toBe("2025-04-01-preview");
    expect(sent.headers["api-key"]).toBe("azure-key");
    expect(sent.headers.authorization).toBeUndefined();
    expect(result.images[0].revisedPrompt).toContain("a red fox");
    expect(await azure.health(AbortSignal.timeout(5000))).toEqual({ healthy: true });
  });

  it("downloads url answers through context.fetchResult", async () => {
    fake.options.answerWithUrls = true;
    const { context, fetched } = recordingContext(fake);
    const result = await provider.generate(request({ model: "dall-e-2", n: 2 }), context);
    expect(fetched).toHaveLength(2);
    expect(fetched[0]).toMatch(new RegExp(`^${fake.url}/files/.+\\.png$`));
    expect((await sharp(result.images[1].data).metadata()).width).toBe(1024);
  });
});

describe("OpenAIProvider failures", () => {
  it("maps 429 with Retry-After to rate_limited, one request only", async () => {
    fake.queue("POST /v1/images/generations", { status: 429, retryAfter: 7, body: { error: { message: "Rate limit reached", type: "requests", code: "rate_limit_exceeded" } } });
    const error = await failure(provider.generate(request(), recordingContext(fake).context));
    expect(error).toMatchObject({ kind: "rate_limited", retryAfter: 7, status: 429, provider: "openai" });
    expect(fake.requests).toHaveLength(1);
  });

  it("maps 500 to server and the SDK does not retry on its own", async () => {
    fake.queue("POST /v1/images/generations", { status: 500 });
    const error = await failure(provider.generate(request(), recordingContext(fake).context));
    expect(error.kind).toBe("server");
    expect(error.retryable).toBe(true);
    expect(fake.requests).toHaveLength(1);
  });

  it("gives up quickly on a hanging server: timeout signal → timeout, abort → canceled", async () => {
    fake.queue("POST /v1/images/generations", { hang: true }, { hang: true });
    const started = Date.now();
    const timedOut = await failure(provider.generate(request(), recordingContext(fake, { signal: AbortSignal.timeout(300) }).context));
    expect(timedOut.kind).toBe("timeout");
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const canceled = await failure(provider.generate(request(), recordingContext(fake, { signal: controller.signal }).context));
    expect(canceled.kind).toBe("canceled");
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("maps safety refusals to content_policy for gpt-image-1 and DALL·E", async () => {
    const gpt = await failure(provider.generate(request({ prompt: "something forbidden" }), recordingContext(fake).context));
    expect(gpt).toMatchObject({ kind: "content_policy", status: 400 });
    const dalle = await failure(provider.generate(request({ model: "dall-e-3", prompt: "forbidden thing" }), recordingContext(fake).context));
    expect(dalle.kind).toBe("content_policy");
    expect(dalle.retryable).toBe(false);
  });

  it("maps a wrong key to auth and reports it from health", async () => {
    const wrong = new OpenAIProvider({ apiKey: "sk-wrong", baseUrl: fake.baseUrl });
    expect((await failure(wrong.generate(request(), recordingContext(fake).context))).kind).toBe("auth");
    const health = await wrong.health(AbortSignal.timeout(5000));
    expect(health.healthy).toBe(false);
    expect(health.message).toContain("401");
    expect(await provider.health(AbortSignal.timeout(5000))).toEqual({ healthy: true });
    expect(fake.requests.at(-1)!.path).toBe("/v1/models");
  });

  it("refuses sizes, counts and operations the model does not take, before calling", async () => {
    const context = recordingContext(fake).context;
    expect((await failure(provider.generate(request({ width: 1792 }), context))).kind).toBe("bad_request");
    expect((await failure(provider.generate(request({ model: "dall-e-3", n: 2 }), context))).kind).toBe("bad_request");
    expect((await failure(provider.edit(request({ model: "dall-e-3", source: await image(64, 64) }), context))).kind).toBe("bad_request");
    expect((await failure(new OpenAIProvider({}).generate(request(), context))).kind).toBe("auth");
    expect(fake.requests).toHaveLength(0);
  });
});

describe("OpenAIProvider models and prices", () => {
  it("lists the three models with their capabilities, the default first", () => {
    expect(provider.models.map((m) => m.id)).toEqual(["gpt-image-1", "dall-e-3", "dall-e-2"]);
    const [gpt, dalle3, dalle2] = provider.models;
    expect(gpt.capabilities).toMatchObject({ edit: true, mask: true, transparentBackground: true, maxImages: 10 });
    expect(dalle3.capabilities).toMatchObject({ edit: false, variations: false, maxImages: 1 });
    expect(dalle2.capabilities).toMatchObject({ variations: true, sizes: { kind: "exact", sizes: ["256x256", "512x512", "1024x1024"] } });
    expect(new OpenAIProvider({ apiKey: "k", defaultModel: "dall-e-2" }).models[0].id).toBe("dall-e-2");
  });

  it("estimates from the price table × n", () => {
    expect(provider.estimateCost(request({ quality: "low" }))).toBe(0.011);
    expect(provider.estimateCost(request({ quality: "high", width: 1024, height: 1536, n: 2 }))).toBe(0.5);
    expect(provider.estimateCost(request({ width: 1536, height: 1024 }))).toBe(0.063); // default quality: medium
    expect(provider.estimateCost(request({ quality: "auto" }))).toBe(0.167); // auto reserves the dearest
    expect(provider.estimateCost(request({ model: "dall-e-3", width: 1024, height: 1792, quality: "high" }))).toBe(0.12);
    expect(provider.estimateCost(request({ model: "dall-e-3" }))).toBe(0.04);
    expect(provider.estimateCost(request({ model: "dall-e-2", width: 256, height: 256, n: 3 }))).toBe(0.048);
  });
});
