// The Google adapter against the local Gemini API fake (tests/fakes/google.ts), through the real @google/genai 1.x
// SDK. Documents followed (December 2026):
//   - Google AI for Developers, "Image generation" / Nano Banana guide — ai.google.dev/gemini-api/docs/image-generation
//     (generateContent with responseModalities, imageConfig.aspectRatio / imageSize, the per-ratio pixel and token
//     tables, thinkingConfig.thinkingLevel, editing by instruction with inlineData, one image per request)
//   - "Gemini deprecations" — ai.google.dev/gemini-api/docs/deprecations (retired ids and their replacements)
//   - "Gemini Developer API pricing" — ai.google.dev/gemini-api/docs/pricing (token prices per model)
//   - the @google/genai sources and types (googleapis/js-genai; node_modules/@google/genai 1.52: GenerateContentResponse
//     .modelStatus {modelStage, retirementTime, message}, ModelStage, ThinkingLevel, ApiError; "Disable
//     GenerateImages for Gemini API", 2026-08-21)
//   - ../shared/PROVIDERS.md (Google section) for what the Gemini API serves and retired.
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  FILTERED_WORD, INPUT_IMAGE_TOKENS, REFUSED_WORD, THINKING_TOKENS, geminiPixels, notFound, quotaExceeded, startFakeGoogle, type FakeGoogle,
} from "@/tests/fakes/google";
import { imageSize, providerFailure } from "@/tests/support/provider-asserts";
import { buildCatalog } from "./catalog";
import { googleCatalog } from "./catalog/google";
import { GoogleProvider } from "./google";
import { observationOf } from "./google-gemini";
import { withRetries } from "./reliability";
import { resolveSize } from "./sizes";
import { type GenerateRequest, type ModelInfo, type ModelObservation, type ProviderContext, type Resolution } from "./types";

const models: ModelInfo[] = buildCatalog(googleCatalog, []).map(({ provider: _provider, ...info }) => info as ModelInfo);
const LIVE = ["gemini-nano-banana-2.1", "gemini-3-pro-image", "gemini-3.1-flash-lite-image", "gemini-3.1-flash-image"];
const RETIRED = models.filter((m) => m.lifecycle.status === "retired").map((m) => m.id);

let fake: FakeGoogle;
let provider: GoogleProvider;
let observed: ModelObservation[];

beforeAll(async () => {
  fake = await startFakeGoogle();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
  observed = [];
  provider = new GoogleProvider({ apiKey: fake.apiKey, baseUrl: fake.url, models });
});

const context = (signal: AbortSignal = new AbortController().signal): ProviderContext => ({
  signal,
  onModelStatus: (o) => observed.push(o),
  fetchResult: () => Promise.reject(new Error("Google answers inline; nothing may be downloaded")),
});
const info = (id: string) => models.find((m) => m.id === id)!;
/** A request as the studio builds it: the size resolved from the catalog entry, like selection does. */
const request = (overrides: Partial<GenerateRequest> = {}): GenerateRequest => {
  const model = overrides.model ?? "gemini-nano-banana-2.1";
  const size = resolveSize(info(model).capabilities, { aspectRatio: overrides.aspectRatio ?? "1:1", resolution: overrides.resolution });
  if ("error" in size) throw new Error(size.error);
  return { prompt: "a lighthouse on a cliff at dusk", model, n: 1, ...size, ...overrides };
};
const failure = providerFailure;
const body = (i = 0) => fake.requests[i].json as Record<string, any>;
const source = async (width = 320, height = 200, format: "png" | "gif" = "png") => {
  const data = await sharp({ create: { width, height, channels: 3, background: "#c03020" } })[format]().toBuffer();
  return { data, mimeType: `image/${format}`, width, height };
};

describe("the catalog (lib/providers/catalog/google.ts)", () => {
  it("serves the four live models, nano-banana-2.1 first, one image per request; Imagen and the old ids are retired with successors", () => {
    expect(provider.defaultModel?.id).toBe("gemini-nano-banana-2.1");
    expect(models.filter((m) => m.lifecycle.status !== "retired").map((m) => m.id)).toEqual(LIVE);
    expect(info("gemini-3.1-flash-image").lifecycle).toEqual({ status: "deprecated", successor: "gemini-nano-banana-2.1" });
    for (const id of LIVE) expect(info(id).capabilities).toMatchObject({ maxImages: 1, edit: true, variations: true, mask: false });
    expect(RETIRED).toEqual(expect.arrayContaining(["imagen-4.0-generate-001", "imagen-4.0-ultra-generate-001", "imagen-4.0-fast-generate-001", "imagen-3.0-generate-002", "gemini-2.5-flash-image", "gemini-3-pro-image-preview", "gemini-3.1-flash-image-preview"]));
    for (const id of RETIRED) expect(LIVE).toContain(info(id).lifecycle.successor);
  });

  it("its pixel tables are the documented ones for every ratio and size class of every live model", () => {
    for (const id of LIVE) {
      const { capabilities } = info(id);
      const sizes = capabilities.sizes as { ratios: string[] };
      for (const ratio of sizes.ratios) {
        for (const resolution of ["512", "1K", "2K", "4K"] as Resolution[]) {
          const size = resolveSize(capabilities, { aspectRatio: ratio, resolution });
          if ("error" in size) continue;
          expect([size.width, size.height], `${id} ${ratio} ${resolution}`).toEqual(geminiPixels(ratio, resolution));
        }
      }
    }
    expect((info("gemini-nano-banana-2.1").capabilities.sizes as { ratios: string[] }).ratios).toEqual(expect.arrayContaining(["1:4", "4:1", "1:8", "8:1"]));
    expect((info("gemini-3-pro-image").capabilities.sizes as { ratios: string[] }).ratios).not.toContain("8:1");
  });
});

describe("generateContent", () => {
  it("the default model: an IMAGE answer at the ratio and size class, the prompt with what has no field folded in, the exact cost from usageMetadata", async () => {
    const result = await provider.generate(request({ aspectRatio: "16:9", seed: 7, negativePrompt: "blur", style: "illustration" }), context());
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({ method: "POST", path: "/v1beta/models/gemini-nano-banana-2.1:generateContent" });
    expect(fake.requests[0].headers["x-goog-api-key"]).toBe(fake.apiKey);
    expect(body().generationConfig).toEqual({ responseModalities: ["IMAGE"], imageConfig: { aspectRatio: "16:9", imageSize: "1K" }, seed: 7 });
    expect(body().generationConfig).not.toHaveProperty("candidateCount");
    expect(body().contents).toEqual([{ role: "user", parts: [{ text: expect.stringMatching(/^a lighthouse on a cliff at dusk\. Style: digital illustration.* Avoid: blur\.$/) }] }]);
    expect(result.sent).toEqual({ prompt: body().contents[0].parts[0].text, seed: 7 });
    expect(result.images).toHaveLength(1);
    expect(await imageSize(result.images[0].data)).toEqual([1376, 768]);
    expect(result).toMatchObject({ model: "gemini-nano-banana-2.1", externalId: expect.stringMatching(/^fake-/) });
    // 1120 image tokens at $30/M, the default (MEDIUM) thinking tokens at $7.50/M, the prompt at $1.50/M.
    const prompt = result.usage!.inputTokens!;
    expect(result.usage).toEqual({ inputTokens: prompt, outputTokens: 1120, totalTokens: prompt + 1120 + THINKING_TOKENS.MEDIUM });
    expect(result.costUsd).toBeCloseTo((1120 * 30 + THINKING_TOKENS.MEDIUM * 7.5 + prompt * 1.5) / 1e6, 9);
    expect(result.costUsd).toBeCloseTo(0.0336 + (THINKING_TOKENS.MEDIUM * 7.5 + prompt * 1.5) / 1e6, 9);
  });

  it.each([
    ["gemini-nano-banana-2.1", "1:4", "2K", [1024, 4096], (1680 * 30) / 1e6],
    ["gemini-3-pro-image", "3:2", "2K", [2528, 1696], 0.1344],
    ["gemini-3-pro-image", "21:9", "4K", [6336, 2688], 0.24],
    ["gemini-3.1-flash-lite-image", "4:5", "1K", [928, 1152], 0.0336],
    ["gemini-3.1-flash-image", "1:8", "512", [192, 1536], (747 * 60) / 1e6],
  ] as const)("%s at %s %s answers %j pixels at its token price", async (model, aspectRatio, resolution, pixels, imageCost) => {
    const result = await provider.generate(request({ model, aspectRatio, resolution }), context());
    expect(fake.requests[0].path).toBe(`/v1beta/models/${model}:generateContent`);
    // The Lite model makes 1K only and takes no imageSize.
    expect(body().generationConfig.imageConfig).toEqual(model === "gemini-3.1-flash-lite-image" ? { aspectRatio } : { aspectRatio, imageSize: resolution });
    expect(await imageSize(result.images[0].data)).toEqual(pixels);
    expect(result.model).toBe(model);
    // The image tokens at the image-output price, plus the prompt and the thinking (text output) tokens.
    const { inputTokens, outputTokens, totalTokens } = result.usage!;
    const prices = info(model).price!.tokens!;
    expect(outputTokens! * prices.imageOutput!).toBeCloseTo(imageCost * 1e6, 3);
    const thinking = totalTokens! - inputTokens! - outputTokens!;
    expect(result.costUsd).toBeCloseTo(imageCost + (thinking * (prices.textOutput ?? 0) + inputTokens! * (prices.textInput ?? 0)) / 1e6, 9);
    expect(provider.estimateCost(request({ model, aspectRatio, resolution, n: 3 }))).toBeCloseTo(3 * imageCost, 9);
  });

  it.each([
    ["gemini-nano-banana-2.1", "low", "MINIMAL"],
    ["gemini-nano-banana-2.1", "medium", "MEDIUM"],
    ["gemini-nano-banana-2.1", "high", "HIGH"],
    ["gemini-nano-banana-2.1", "max", "HIGH"],
    ["gemini-nano-banana-2.1", "auto", undefined],
    ["gemini-3.1-flash-image", "low", "MINIMAL"],
    ["gemini-3.1-flash-image", "medium", "HIGH"],
    ["gemini-3.1-flash-image", "high", "HIGH"],
    ["gemini-3-pro-image", "high", undefined],
    ["gemini-3.1-flash-lite-image", "low", undefined],
  ] as const)("%s with quality %s sends thinkingLevel %s (and the service takes it)", async (model, quality, level) => {
    const result = await provider.generate(request({ model, quality }), context());
    expect(body().generationConfig.thinkingConfig).toEqual(level ? { thinkingLevel: level } : undefined);
    expect(result.images).toHaveLength(1);
  });

  it("one image per request: n > 1 is refused unsent (the job runner makes n calls), and the service refuses candidateCount > 1", async () => {
    expect((await failure(provider.generate(request({ n: 2 }), context()))).message).toMatch(/one image per request/);
    expect(fake.requests).toHaveLength(0);
    const answer = await fetch(`${fake.url}/v1beta/models/gemini-nano-banana-2.1:generateContent`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-goog-api-key": fake.apiKey },
      body: JSON.stringify({ contents: [{ role: "user", parts: [{ text: "two cats" }] }], generationConfig: { candidateCount: 2 } }),
    });
    expect(answer.status).toBe(400);
  });

  it("refuses before sending what the model cannot do", async () => {
    const refused = async (overrides: Partial<GenerateRequest>) => (await failure(provider.generate({ ...request(), ...overrides }, context()))).kind;
    expect(await refused({ model: "gemini-9-image" })).toBe("bad_request");
    expect(await refused({ model: "gemini-3.1-flash-lite-image", aspectRatio: "1:8" })).toBe("bad_request");
    expect(await refused({ resolution: "512" })).toBe("bad_request"); // 512 is on 3.1-flash-image only
    expect(await refused({ model: "gemini-3.1-flash-lite-image", resolution: "2K" })).toBe("bad_request");
    expect((await failure(provider.edit(request({ source: undefined }), context()))).kind).toBe("bad_request");
    expect(fake.requests).toHaveLength(0);
  });

  it("a retired id never reaches the service: the adapter refuses it naming the successor", async () => {
    for (const model of RETIRED) {
      const error = await failure(provider.generate({ ...request(), model }, context()));
      expect(error.kind).toBe("bad_request");
      expect(error.message).toContain(info(model).lifecycle.successor!);
    }
    expect(fake.requests).toHaveLength(0);
    expect(fake.notFoundCalls()).toHaveLength(0);
    // …which is as well: the service answers them 404, like any id it does not serve.
    const answer = await fetch(`${fake.url}/v1beta/models/imagen-4.0-generate-001:generateContent`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-goog-api-key": fake.apiKey },
      body: JSON.stringify({ contents: [{ parts: [{ text: "x" }] }] }),
    });
    expect(answer.status).toBe(404);
    expect(await answer.json()).toEqual({ error: { code: 404, message: "models/imagen-4.0-generate-001 is not found for API version v1beta, or is not supported for generateContent.", status: "NOT_FOUND" } });
  });

  it("a model the service shut down while running → model_not_found naming it; health fails when it is the default", async () => {
    fake.retire("gemini-3-pro-image");
    fake.retire("gemini-nano-banana-2.1");
    try {
      const error = await failure(provider.generate(request({ model: "gemini-3-pro-image" }), context()));
      expect(error).toMatchObject({ kind: "model_not_found", model: "gemini-3-pro-image", status: 404, retryable: false });
      expect(error.message).toContain("models/gemini-3-pro-image is not found");
      const health = await provider.health(new AbortController().signal);
      expect(health).toEqual({ healthy: false, message: expect.stringContaining("the default model gemini-nano-banana-2.1 is gone") });
      expect(fake.requests.at(-1)).toMatchObject({ method: "GET", path: "/v1beta/models/gemini-nano-banana-2.1" });
    } finally {
      fake.restore("gemini-3-pro-image");
      fake.restore("gemini-nano-banana-2.1");
    }
    expect(await provider.health(new AbortController().signal)).toEqual({ healthy: true });
  });
});

describe("modelStatus on every answer", () => {
  it("a stable model is reported active; the deprecated 3.1-flash-image deprecated; also on an answer without an image", async () => {
    await provider.generate(request(), context());
    expect(observed).toEqual([{ model: "gemini-nano-banana-2.1", status: "active", source: "response" }]);
    await provider.generate(request({ model: "gemini-3.1-flash-image" }), context());
    expect(observed[1]).toMatchObject({ model: "gemini-3.1-flash-image", status: "deprecated", message: expect.stringContaining("gemini-nano-banana-2.1"), source: "response" });
    await failure(provider.generate(request({ prompt: `a ${REFUSED_WORD} scene` }), context()));
    expect(observed).toHaveLength(3);
  });

  it("a stage set while running reaches the studio with its retirement date", async () => {
    fake.setModelStatus("gemini-3-pro-image", { modelStage: "LEGACY", retirementTime: "2027-03-01T00:00:00Z", message: "Moving to gemini-3-pro-image-2." });
    try {
      await provider.generate(request({ model: "gemini-3-pro-image" }), context());
      expect(observed).toEqual([{ model: "gemini-3-pro-image", status: "deprecated", shutdownDate: "2027-03-01", message: "Moving to gemini-3-pro-image-2.", source: "response" }]);
    } finally {
      fake.setModelStatus("gemini-3-pro-image", { modelStage: "STABLE" });
    }
  });

  it.each([
    [{ modelStage: "STABLE" }, { status: "active" }],
    [{ modelStage: "PREVIEW" }, { status: "active" }],
    [{ modelStage: "STABLE", retirementTime: "2027-01-31T23:00:00-05:00" }, { status: "deprecated", shutdownDate: "2027-02-01" }],
    [{ modelStage: "LEGACY" }, { status: "deprecated" }],
    [{ modelStage: "DEPRECATED", retirementTime: "2026-12-20T00:00:00Z" }, { status: "deprecated", shutdownDate: "2026-12-20" }],
    [{ modelStage: "RETIRED", message: "gone" }, { status: "retired", message: "gone" }],
    [{ modelStage: "MODEL_STAGE_UNSPECIFIED" }, undefined],
    [undefined, undefined],
  ] as const)("modelStatus %j → %j", (status, expected) => {
    const observation = observationOf("m", status as never);
    expect(observation).toEqual(expected ? { model: "m", source: "response", ...expected } : undefined);
  });
});

describe("answers", () => {
  it("without an image-token breakdown the catalog estimate is charged; thought parts are not results", async () => {
    const png = (await sharp({ create: { width: 1024, height: 1024, channels: 3, background: "#00ff00" } }).png().toBuffer()).toString("base64");
    const draft = (await sharp({ create: { width: 64, height: 64, channels: 3, background: "#ff0000" } }).png().toBuffer()).toString("base64");
    const answer = {
      candidates: [{ content: { role: "model", parts: [{ text: "thinking", thought: true }, { inlineData: { mimeType: "image/png", data: draft }, thought: true }, { inlineData: { mimeType: "image/png", data: png } }] }, finishReason: "STOP" }],
      usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 1120, totalTokenCount: 1130 },
      modelStatus: { modelStage: "STABLE" },
    };
    fake.queue(/:generateContent$/, { status: 200, body: answer });
    const result = await provider.generate(request({ model: "gemini-3-pro-image" }), context());
    expect(result.images).toHaveLength(1);
    expect(await imageSize(result.images[0].data)).toEqual([1024, 1024]);
    expect(result.costUsd).toBeCloseTo(0.1344, 9);
  });

  it("maps a blocked prompt and an IMAGE_SAFETY finish to content_policy; another answer without an image is retryable", async () => {
    const blocked = await failure(provider.generate(request({ prompt: `${REFUSED_WORD} scene` }), context()));
    expect(blocked).toMatchObject({ kind: "content_policy", message: expect.stringContaining("PROHIBITED_CONTENT") });
    const withheld = await failure(provider.generate(request({ prompt: `${FILTERED_WORD} scene` }), context()));
    expect(withheld).toMatchObject({ kind: "content_policy", message: expect.stringContaining("IMAGE_SAFETY") });
    fake.queue(/:generateContent$/, { status: 200, body: { candidates: [{ content: { role: "model", parts: [{ text: "I can only describe it." }] }, finishReason: "NO_IMAGE" }] } });
    const none = await failure(provider.generate(request(), context()));
    expect(none).toMatchObject({ kind: "server", retryable: true, message: expect.stringContaining("I can only describe it.") });
  });
});

describe("refinement and variations by instruction", () => {
  it("edit sends the source inline before the instruction, at the ratio closest to it; the cost includes the input image", async () => {
    const src = await source(320, 200);
    const result = await provider.edit(request({ prompt: "make the sky stormy", source: src, aspectRatio: "3:2", preserveStructure: true, quality: "high" }), context());
    const [image, text] = body().contents[0].parts;
    expect(image.inlineData.mimeType).toBe("image/png");
    expect(Buffer.from(image.inlineData.data, "base64").equals(src.data)).toBe(true);
    expect(text.text).toMatch(/^make the sky stormy\. .*Keep the composition/);
    expect(result.sent).toEqual({ prompt: text.text });
    expect(body().generationConfig).toMatchObject({ imageConfig: { aspectRatio: "3:2", imageSize: "1K" }, thinkingConfig: { thinkingLevel: "HIGH" } });
    expect(await imageSize(result.images[0].data)).toEqual([1264, 848]);
    const textTokens = result.usage!.inputTokens! - INPUT_IMAGE_TOKENS;
    expect(result.costUsd).toBeCloseTo((1120 * 30 + THINKING_TOKENS.HIGH * 7.5 + (textTokens + INPUT_IMAGE_TOKENS) * 1.5) / 1e6, 9);
  });

  it("a source the API cannot read (GIF) is sent as PNG; a mask is refused unsent", async () => {
    const gif = await source(100, 100, "gif");
    await provider.edit(request({ model: "gemini-3.1-flash-lite-image", prompt: "add snow", source: gif }), context());
    expect(body().contents[0].parts[0].inlineData.mimeType).toBe("image/png");
    const masked = await failure(provider.edit(request({ prompt: "add snow", source: gif, mask: gif }), context()));
    expect(masked).toMatchObject({ kind: "bad_request", message: expect.stringContaining("no mask") });
    expect(fake.requests).toHaveLength(1);
  });

  it("variations send the source with an instruction scaled by strength", async () => {
    const src = await source();
    const first = await provider.variations(request({ model: "gemini-3-pro-image", prompt: "", source: src, strength: 0.1 }), context());
    await provider.variations(request({ model: "gemini-3-pro-image", prompt: "a red barn", source: src, strength: 0.9 }), context());
    const close: string = body(0).contents[0].parts[1].text;
    const loose: string = body(1).contents[0].parts[1].text;
    expect(Buffer.from(body(0).contents[0].parts[0].inlineData.data, "base64").equals(src.data)).toBe(true);
    expect(close).toMatch(/^Create a variation of this image\. .*very close/);
    expect(first.sent.prompt).toBe(close);
    expect(loose).toMatch(/freely.* a red barn$/);
  });
});

describe("failures", () => {
  it("429 RESOURCE_EXHAUSTED → rate_limited with the RetryInfo delay; the reliability layer's retry then succeeds", async () => {
    fake.queue(/:generateContent$/, { status: 429, body: quotaExceeded(17) });
    const error = await failure(provider.generate(request(), context()));
    expect(error).toMatchObject({ kind: "rate_limited", retryAfter: 17, retryable: true });
    expect(fake.requests).toHaveLength(1);
    fake.queue(/:generateContent$/, { status: 429, body: quotaExceeded(0.05) });
    const retries: number[] = [];
    const result = await withRetries("google", (signal) => provider.generate(request(), context(signal)), { timeoutMs: 5000, maxRetries: 2, maxDelayMs: 200, onRetry: (r) => retries.push(r.delayMs) }, new AbortController().signal);
    expect(result.images).toHaveLength(1);
    expect(retries).toHaveLength(1);
    expect(retries[0]).toBeGreaterThanOrEqual(50);
    expect(fake.requests).toHaveLength(3);
  });

  it("500 → server after exactly one request: the SDK does not retry on its own", async () => {
    fake.queue(/:generateContent$/, { status: 500, body: { error: { code: 500, message: "Internal error encountered.", status: "INTERNAL" } } });
    const error = await failure(provider.generate(request({ model: "gemini-3.1-flash-image" }), context()));
    expect(error).toMatchObject({ kind: "server", status: 500, retryable: true });
    await new Promise((r) => setTimeout(r, 200));
    expect(fake.requests).toHaveLength(1);
  });

  it("a hanging call ends fast as canceled on abort and as timeout on a timeout signal; an aborted signal sends nothing", async () => {
    fake.queue(/:generateContent$/, { hang: true }, { hang: true });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    expect((await failure(provider.generate(request(), context(controller.signal)))).kind).toBe("canceled");
    expect((await failure(provider.generate(request(), context(AbortSignal.timeout(150))))).kind).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(2000);
    const before = fake.requests.length;
    expect((await failure(provider.generate(request(), context(AbortSignal.abort())))).kind).toBe("canceled");
    expect(fake.requests).toHaveLength(before);
  });

  it("a wrong key → auth; health reports it, and is healthy with the right key (models.get of the default, free)", async () => {
    const wrong = new GoogleProvider({ apiKey: "nope", baseUrl: fake.url, models });
    expect((await failure(wrong.generate(request(), context()))).kind).toBe("auth");
    expect(await wrong.health(new AbortController().signal)).toMatchObject({ healthy: false, message: expect.stringContaining("API key not valid") });
    expect(await provider.health(new AbortController().signal)).toEqual({ healthy: true });
    expect(fake.requests.at(-1)).toMatchObject({ method: "GET", path: "/v1beta/models/gemini-nano-banana-2.1" });
    expect(new GoogleProvider({ apiKey: "", models }).isConfigured()).toBe(false);
    expect(provider.isConfigured()).toBe(true);
  });

  it("the fake's 404 body is the one the adapter reads as model_not_found", () => {
    expect(notFound("x").error).toEqual({ code: 404, message: "models/x is not found for API version v1beta, or is not supported for generateContent.", status: "NOT_FOUND" });
  });
});
