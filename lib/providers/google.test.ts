// Follows the public API documents "Imagen" and "Image generation with Gemini" of Google AI for Developers
// (ai.google.dev/gemini-api/docs/imagen, …/image-generation): POST /v1beta/models/{model}:predict and
// :generateContent with the `x-goog-api-key` header, driven here through the real @google/genai 1.x SDK against
// the local fake in tests/fakes/google.ts.
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FILTERED_WORD, GEMINI_IMAGE_TOKENS, REFUSED_WORD, quotaExceeded, startFakeGoogle, type FakeGoogle } from "@/tests/fakes/google";
import { GoogleProvider } from "./google";
import { type GenerateRequest, type ProviderContext } from "./types";
import { imageSize, providerFailure } from "@/tests/support/provider-asserts";

let fake: FakeGoogle;
let provider: GoogleProvider;

beforeAll(async () => {
  fake = await startFakeGoogle();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
  provider = new GoogleProvider({ apiKey: fake.apiKey, baseUrl: fake.url });
});

const context = (signal: AbortSignal = new AbortController().signal): ProviderContext => ({
  signal,
  fetchResult: () => Promise.reject(new Error("Google answers inline; nothing may be downloaded")),
});
const request = (overrides: Partial<GenerateRequest> = {}): GenerateRequest => ({
  prompt: "a lighthouse on a cliff at dusk",
  model: "imagen-4.0-generate-001",
  width: 1024,
  height: 1024,
  aspectRatio: "1:1",
  n: 1,
  ...overrides,
});
const size = imageSize;
const failure = providerFailure;
const body = (i = 0) => fake.requests[i].json as Record<string, any>;

describe("Imagen 4 through generateImages", () => {
  it("sends :predict with the prompt, count, ratio and PNG output, folds the negative prompt, style and palette in", async () => {
    const result = await provider.generate(
      request({ aspectRatio: "16:9", n: 2, negativePrompt: "people, text", style: "illustration", palette: ["#112233", "#ddeeff"] }),
      context(),
    );
    expect(fake.requests).toHaveLength(1);
    const sent = fake.requests[0];
    expect(sent.method).toBe("POST");
    expect(sent.path).toBe("/v1beta/models/imagen-4.0-generate-001:predict");
    expect(sent.headers["x-goog-api-key"]).toBe(fake.apiKey);
    const prompt: string = body().instances[0].prompt;
    expect(prompt.startsWith("a lighthouse on a cliff at dusk")).toBe(true);
    expect(prompt).toContain("Avoid: people, text.");
    expect(prompt).toContain("digital illustration");
    expect(prompt).toContain("#112233, #ddeeff");
    expect(body().parameters).toEqual({ sampleCount: 2, aspectRatio: "16:9", includeRaiReason: true, outputOptions: { mimeType: "image/png" } });
    expect(result.images).toHaveLength(2);
    for (const image of result.images) expect(await size(image.data)).toEqual([1408, 768]);
    expect(result.images[0].data.equals(result.images[1].data)).toBe(false);
    expect(result.model).toBe("imagen-4.0-generate-001");
    expect(result.costUsd).toBeCloseTo(0.08);
  });

  it.each([
    ["imagen-4.0-fast-generate-001", "3:4", [896, 1280], 0.02],
    ["imagen-4.0-ultra-generate-001", "9:16", [768, 1408], 0.06],
    ["imagen-4.0-generate-001", "4:3", [1280, 896], 0.04],
  ])("%s at %s answers the documented %j pixels", async (model, aspectRatio, pixels, price) => {
    const result = await provider.generate(request({ model, aspectRatio }), context());
    expect(fake.requests[0].path).toBe(`/v1beta/models/${model}:predict`);
    expect(await size(result.images[0].data)).toEqual(pixels);
    expect(result.costUsd).toBeCloseTo(price as number);
    const info = provider.models.find((m) => m.id === model)!;
    expect(info.capabilities.sizes).toMatchObject({ kind: "aspect" });
    expect((info.capabilities.sizes as { pixels: Record<string, string> }).pixels[aspectRatio]).toBe((pixels as number[]).join("x"));
  });

  it("refuses what the model cannot do before sending anything", async () => {
    expect((await failure(provider.generate(request({ aspectRatio: "3:2" }), context()))).kind).toBe("bad_request");
    expect((await failure(provider.generate(request({ n: 5 }), context()))).kind).toBe("bad_request");
    expect((await failure(provider.generate(request({ model: "imagen-9" }), context()))).kind).toBe("bad_request");
    expect(provider.edit).toBeDefined();
    expect((await failure(provider.edit(request({ source: undefined }), context()))).kind).toBe("bad_request");
    expect(fake.requests).toHaveLength(0);
  });

  it("maps a prompt refused by the Responsible AI filter (400) and all-filtered output to content_policy", async () => {
    const refused = await failure(provider.generate(request({ prompt: `a ${REFUSED_WORD} thing` }), context()));
    expect(refused.kind).toBe("content_policy");
    expect(refused.status).toBe(400);
    const filtered = await failure(provider.generate(request({ prompt: `a ${FILTERED_WORD} thing`, n: 2 }), context()));
    expect(filtered.kind).toBe("content_policy");
    expect(filtered.message).toContain("Responsible AI");
  });
});

describe("Gemini 2.5 Flash Image through generateContent", () => {
  const gemini = (overrides: Partial<GenerateRequest> = {}) => request({ model: "gemini-2.5-flash-image", ...overrides });
  const source = async () => {
    const data = await sharp({ create: { width: 320, height: 200, channels: 3, background: "#c03020" } }).png().toBuffer();
    return { data, mimeType: "image/png", width: 320, height: 200 };
  };

  it("asks for an IMAGE answer at the ratio and derives the cost from the reported tokens", async () => {
    const result = await provider.generate(gemini({ aspectRatio: "16:9", seed: 7, negativePrompt: "blur" }), context());
    expect(fake.requests[0].path).toBe("/v1beta/models/gemini-2.5-flash-image:generateContent");
    expect(fake.requests[0].headers["x-goog-api-key"]).toBe(fake.apiKey);
    expect(body().generationConfig).toEqual({ responseModalities: ["IMAGE"], imageConfig: { aspectRatio: "16:9" }, seed: 7 });
    expect(body().contents).toEqual([{ role: "user", parts: [{ text: "a lighthouse on a cliff at dusk Avoid: blur." }] }]);
    expect(result.images).toHaveLength(1);
    expect(await size(result.images[0].data)).toEqual([1344, 768]);
    expect(result.images[0].seed).toBe(7);
    const prompt = result.usage!.inputTokens!;
    expect(prompt).toBeGreaterThan(0);
    expect(result.usage).toEqual({ inputTokens: prompt, outputTokens: GEMINI_IMAGE_TOKENS, totalTokens: prompt + GEMINI_IMAGE_TOKENS });
    expect(result.costUsd).toBeCloseTo(GEMINI_IMAGE_TOKENS * 30e-6 + prompt * 0.3e-6, 8);
    expect(result.model).toBe("gemini-2.5-flash-image");
    expect(result.externalId).toMatch(/^fake-/);
  });

  it("edit sends the source image inline with the instruction", async () => {
    const src = await source();
    const result = await provider.edit(gemini({ prompt: "make the sky stormy", source: src, aspectRatio: "3:2" }), context());
    const [image, text] = body().contents[0].parts;
    expect(image.inlineData.mimeType).toBe("image/png");
    expect(Buffer.from(image.inlineData.data, "base64").equals(src.data)).toBe(true);
    expect(text).toEqual({ text: "make the sky stormy" });
    expect(await size(result.images[0].data)).toEqual([1248, 832]);
  });

  it("variations send the source with an instruction scaled by strength; a mask is refused unsent", async () => {
    const src = await source();
    await provider.variations(gemini({ prompt: "", source: src, strength: 0.1 }), context());
    await provider.variations(gemini({ prompt: "", source: src, strength: 0.9 }), context());
    const close: string = body(0).contents[0].parts[1].text;
    const loose: string = body(1).contents[0].parts[1].text;
    expect(Buffer.from(body(0).contents[0].parts[0].inlineData.data, "base64").equals(src.data)).toBe(true);
    expect(close).toMatch(/variation/i);
    expect(close).toMatch(/very close/);
    expect(loose).toMatch(/freely/);
    const masked = await failure(provider.edit(gemini({ source: src, mask: src }), context()));
    expect(masked.kind).toBe("bad_request");
    expect(fake.requests).toHaveLength(2);
  });

  it("maps a blocked prompt and an IMAGE_SAFETY finish to content_policy", async () => {
    const blocked = await failure(provider.generate(gemini({ prompt: `${REFUSED_WORD} scene` }), context()));
    expect(blocked.kind).toBe("content_policy");
    expect(blocked.message).toContain("PROHIBITED_CONTENT");
    const withheld = await failure(provider.generate(gemini({ prompt: `${FILTERED_WORD} scene` }), context()));
    expect(withheld.kind).toBe("content_policy");
    expect(withheld.message).toContain("IMAGE_SAFETY");
  });

  it("an answer without an image for another reason (NO_IMAGE) is a retryable server error", async () => {
    const answer = { candidates: [{ content: { role: "model", parts: [{ text: "I can only describe it." }] }, finishReason: "NO_IMAGE" }] };
    fake.queue(/:generateContent$/, { status: 200, body: answer });
    const error = await failure(provider.generate(gemini(), context()));
    expect(error).toMatchObject({ kind: "server", retryable: true });
    expect(error.message).toContain("NO_IMAGE");
    expect(error.message).toContain("I can only describe it.");
  });
});

describe("failures", () => {
  it("429 RESOURCE_EXHAUSTED → rate_limited with the RetryInfo delay, one request", async () => {
    fake.queue(/:predict$/, { status: 429, body: quotaExceeded(17), headers: { "retry-after": "17" } });
    const error = await failure(provider.generate(request(), context()));
    expect(error.kind).toBe("rate_limited");
    expect(error.retryAfter).toBe(17);
    expect(error.retryable).toBe(true);
    expect(fake.requests).toHaveLength(1);
  });

  it("500 → server after exactly one request: the SDK does not retry on its own", async () => {
    fake.queue(/:generateContent$/, { status: 500, body: { error: { code: 500, message: "Internal error encountered.", status: "INTERNAL" } } });
    const error = await failure(provider.generate(request({ model: "gemini-2.5-flash-image" }), context()));
    expect(error.kind).toBe("server");
    expect(error.status).toBe(500);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.requests).toHaveLength(1);
  });

  it("a hanging call ends fast as canceled on abort and as timeout on a timeout signal", async () => {
    fake.queue(/:predict$/, { hang: true }, { hang: true });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    const canceled = await failure(provider.generate(request(), context(controller.signal)));
    expect(canceled.kind).toBe("canceled");
    const timedOut = await failure(provider.generate(request(), context(AbortSignal.timeout(150))));
    expect(timedOut.kind).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(2000);
    const before = fake.requests.length;
    const aborted = await failure(provider.generate(request(), context(AbortSignal.abort())));
    expect(aborted.kind).toBe("canceled");
    expect(fake.requests).toHaveLength(before);
  });

  it("a wrong key → auth; health reports it, and is healthy with the right key", async () => {
    const wrong = new GoogleProvider({ apiKey: "nope", baseUrl: fake.url });
    expect((await failure(wrong.generate(request(), context()))).kind).toBe("auth");
    expect(await wrong.health(new AbortController().signal)).toMatchObject({ healthy: false, message: expect.stringContaining("API key not valid") });
    expect(await provider.health(new AbortController().signal)).toEqual({ healthy: true });
    expect(fake.requests.at(-1)).toMatchObject({ method: "GET", path: "/v1beta/models/gemini-2.5-flash-image" });
    expect(new GoogleProvider({ apiKey: "" }).isConfigured()).toBe(false);
    expect(provider.isConfigured()).toBe(true);
  });
});
