// The OpenAI adapter against the fake in tests/fakes/openai.ts, through the real `openai` SDK. Follows:
//   - OpenAI API reference — Images (https://developers.openai.com/api/reference/resources/images: generate, edit,
//     streaming events; the model list with gpt-image-2, 2.5 and 2.6 sunburst/flare and the shut-down ids) and
//     Models (https://developers.openai.com/api/reference/resources/models/methods/list: `shutdown_date`)
//   - openai/openai-node 7.5.0 src/resources/images.ts (size rules, image[] up to 16, transparent backgrounds "in
//     preview" on gpt-image-2, png/webp for transparency, partial_images 0–3, usage on completed events)
//   - OpenAI's image generation guide and the gpt-image-2.5 model pages as quoted on 2026-09-09 (quality low … max
//     on 2.5; gpt-image-2 through high) — see lib/providers/catalog/openai.ts for every source and what is unconfirmed
//   - Azure OpenAI: deployment paths with api-version and the api-key header; Foundry model list (gpt-image-2).
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { IMAGE_INPUT_TOKENS, OUTPUT_TOKENS, PARTIAL_IMAGE_TOKENS, recordingContext, startFakeOpenAI, type FakeOpenAI } from "@/tests/fakes/openai";
import { catalogModels } from "./catalog";
import { OpenAIProvider } from "./openai";
import { ProviderError, type GenerateRequest, type ProgressEvent, type SourceImage } from "./types";
import { styleText } from "@/lib/prompts/styles";

const RETIRED = ["dall-e-2", "dall-e-3", "gpt-image-1", "gpt-image-1-mini", "gpt-image-1.5", "gpt-image-1.5-2025-12-16", "chatgpt-image-latest"];
const LIVE = ["gpt-image-2.6-flare", "gpt-image-2.6-sunburst", "gpt-image-2.5-flare", "gpt-image-2.5-sunburst", "gpt-image-2"];

let fake: FakeOpenAI;
let provider: OpenAIProvider;
beforeAll(async () => {
  fake = await startFakeOpenAI({ azure: { apiKey: "azure-key", deployments: { "my-images": "gpt-image-2", "old-dalle": "dall-e-3" } } });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
  fake.forms.length = 0;
  fake.options.answerWithUrls = false;
  fake.resetModels();
  provider = new OpenAIProvider({ apiKey: "sk-test", baseUrl: fake.baseUrl, models: catalogModels("openai") });
});

const request = (over: Partial<GenerateRequest> = {}): GenerateRequest => ({
  prompt: "a red fox in fresh snow", model: "gpt-image-2.6-flare", width: 1024, height: 1024, aspectRatio: "1:1", n: 1, ...over,
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
/** The fake's output tokens: the 1024×1024 count scaled by pixels. */
const outTokens = (table: Record<string, number>, quality: string, width = 1024, height = 1024) => Math.round(table[quality] * ((width * height) / 1024 ** 2));
const sentModels = () => fake.requests.filter((r) => r.path.includes("/images/")).map((r) => (r.json as { model?: string } | undefined)?.model ?? fake.forms.find((f) => f.path === r.path)?.fields.model);

describe("OpenAIProvider against the fake Images API", () => {
  it("generates with the default model: request shape, decoded image, usage and the exact cost at its token prices", async () => {
    expect(provider.defaultModel).toBe("gpt-image-2.6-flare");
    const { context } = recordingContext(fake);
    const result = await provider.generate(request({ model: provider.defaultModel }), context);
    expect(body()).toEqual({ model: "gpt-image-2.6-flare", prompt: "a red fox in fresh snow", n: 1, size: "1024x1024", quality: "medium", output_format: "png" });
    expect(fake.requests.at(-1)!.headers.authorization).toBe("Bearer sk-test");
    expect(result.images).toHaveLength(1);
    expect(result.images[0].mimeType).toBe("image/png");
    expect(await sharp(result.images[0].data).metadata()).toMatchObject({ width: 1024, height: 1024, format: "png" });
    const text = textTokens(request().prompt);
    const out = OUTPUT_TOKENS["gpt-image-2.5"].medium;
    expect(result.usage).toEqual({ inputTokens: text, outputTokens: out, totalTokens: text + out });
    expect(result.costUsd).toBeCloseTo(text * 5e-6 + out * 30e-6, 12);
    expect(result).toMatchObject({ model: "gpt-image-2.6-flare", externalId: expect.stringMatching(/^req_/) });
  });

  it.each(LIVE)("generates with %s at a free-form size and its highest quality below max", async (model) => {
    const quality = model === "gpt-image-2" ? "high" : "xhigh";
    const result = await provider.generate(request({ model, width: 1536, height: 864, aspectRatio: "16:9", quality }), recordingContext(fake).context);
    expect(body()).toMatchObject({ model, size: "1536x864", quality, n: 1 });
    expect(await sharp(result.images[0].data).metadata()).toMatchObject({ width: 1536, height: 864 });
    const table = model === "gpt-image-2" ? OUTPUT_TOKENS["gpt-image-2"] : OUTPUT_TOKENS["gpt-image-2.5"];
    expect(result.usage?.outputTokens).toBe(outTokens(table, quality, 1536, 864));
    expect(result.costUsd).toBeCloseTo(textTokens(request().prompt) * 5e-6 + outTokens(table, quality, 1536, 864) * 30e-6, 12);
  });

  it("takes xhigh and max where the model has them, and refuses them before sending where it has not", async () => {
    await provider.generate(request({ model: "gpt-image-2.6-sunburst", quality: "max" }), recordingContext(fake).context);
    expect(body()).toMatchObject({ model: "gpt-image-2.6-sunburst", quality: "max" });
    fake.requests.length = 0;
    const refused = await failure(provider.generate(request({ model: "gpt-image-2", quality: "xhigh" }), recordingContext(fake).context));
    expect(refused.kind).toBe("bad_request");
    expect(refused.message).toMatch(/gpt-image-2 does not take the quality "xhigh"/);
    expect(fake.requests).toHaveLength(0);
  });

  it("makes a 4K image within the size rules and refuses sizes outside them before calling", async () => {
    const result = await provider.generate(request({ width: 3840, height: 2160, aspectRatio: "16:9", quality: "low" }), recordingContext(fake).context);
    expect(body()).toMatchObject({ size: "3840x2160" });
    expect(await sharp(result.images[0].data).metadata()).toMatchObject({ width: 3840, height: 2160 });
    fake.requests.length = 0;
    const context = recordingContext(fake).context;
    for (const [width, height, why] of [
      [1000, 1000, /multiples of 16/],
      [3840, 1152, /aspect ratio/],
      [512, 512, /655,360/],
      [4096, 2304, /at most 3840/],
    ] as const) {
      const error = await failure(provider.generate(request({ width, height }), context));
      expect(error.kind).toBe("bad_request");
      expect(error.message).toMatch(why);
    }
    expect(fake.requests).toHaveLength(0);
  });

  it("asks for a transparent background and gets a PNG with alpha; jpeg with transparency is refused", async () => {
    const result = await provider.generate(request({ background: "transparent", quality: "low", n: 2 }), recordingContext(fake).context);
    expect(body()).toMatchObject({ background: "transparent", output_format: "png", quality: "low", n: 2 });
    expect(result.images).toHaveLength(2);
    const { data, info } = await sharp(result.images[0].data).raw().toBuffer({ resolveWithObject: true });
    expect(info.channels).toBe(4);
    expect(data[3]).toBe(0); // the top-left corner is transparent
    expect(result.costUsd).toBeCloseTo(textTokens(request().prompt) * 5e-6 + 2 * OUTPUT_TOKENS["gpt-image-2.5"].low * 30e-6, 12);
    fake.requests.length = 0;
    const refused = await failure(provider.generate(request({ background: "transparent", outputFormat: "jpeg" }), recordingContext(fake).context));
    expect(refused.kind).toBe("bad_request");
    expect(fake.requests).toHaveLength(0);
  });

  it("sends output_format and output_compression from the request (its configuration as the default)", async () => {
    const result = await provider.generate(request({ outputFormat: "webp", outputCompression: 70 }), recordingContext(fake).context);
    expect(body()).toMatchObject({ output_format: "webp", output_compression: 70 });
    expect(result.images[0].mimeType).toBe("image/webp");
    await provider.generate(request({ outputCompression: 70 }), recordingContext(fake).context);
    expect(body()).toMatchObject({ output_format: "png" });
    expect(body()).not.toHaveProperty("output_compression"); // meaningless for png, so not sent
    const jpeg = new OpenAIProvider({ apiKey: "sk-test", baseUrl: fake.baseUrl, outputFormat: "jpeg", outputCompression: 80 });
    expect((await jpeg.generate(request(), recordingContext(fake).context)).images[0].mimeType).toBe("image/jpeg");
    expect(body()).toMatchObject({ output_format: "jpeg", output_compression: 80 });
    await jpeg.generate(request({ background: "transparent" }), recordingContext(fake).context);
    expect(body()).toMatchObject({ output_format: "png", background: "transparent" }); // the configured jpeg yields
  });

  it("streams partial images to onProgress for one image; the completed event's usage gives the cost", async () => {
    const events: ProgressEvent[] = [];
    const result = await provider.generate(request({ quality: "high" }), recordingContext(fake, { onProgress: (e) => events.push(e) }).context);
    expect(body()).toMatchObject({ stream: true, partial_images: 2 });
    const partials = events.filter((e) => e.partialImage);
    expect(partials).toHaveLength(2);
    expect((await sharp(partials[0].partialImage!).metadata()).width).toBe(1024);
    expect(partials[0].progress!).toBeLessThan(partials[1].progress!);
    expect(events.at(-1)).toEqual({ progress: 1 });
    expect(result.images).toHaveLength(1);
    const out = OUTPUT_TOKENS["gpt-image-2.5"].high + 2 * PARTIAL_IMAGE_TOKENS;
    expect(result.usage?.outputTokens).toBe(out);
    expect(result.costUsd).toBeCloseTo(textTokens(request().prompt) * 5e-6 + out * 30e-6, 12);
    expect(result.externalId).toMatch(/^req_/);
  });

  it("does not stream several images in one call (the events carry no image index): a plain call instead", async () => {
    const events: ProgressEvent[] = [];
    const result = await provider.generate(request({ n: 3 }), recordingContext(fake, { onProgress: (e) => events.push(e) }).context);
    expect(body()).not.toHaveProperty("stream");
    expect(result.images).toHaveLength(3);
    expect(events).toEqual([]);
  });

  it("folds style, palette and negative prompt into the prompt, and answers the prompt it sent (no seed: the API takes none)", async () => {
    const result = await provider.generate(request({ style: "pixel-art", palette: ["#112233", "#aabbcc"], negativePrompt: "text, watermark", seed: 7 }), recordingContext(fake).context);
    expect(body().prompt).toBe(`a red fox in fresh snow. Style: ${styleText["pixel-art"]}. Colour palette: #112233, #aabbcc. Avoid: text, watermark.`);
    expect(body()).not.toHaveProperty("seed");
    expect(result.sent).toEqual({ prompt: body().prompt });
  });

  it("edits through /images/edits with a mask converted to OpenAI's convention (transparent = change)", async () => {
    const source = await image(1024, 1024);
    const mask = await sharp({ create: { width: 512, height: 512, channels: 3, background: "#000000" } })
      .composite([{ input: { create: { width: 256, height: 512, channels: 3, background: "#ffffff" } }, left: 0, top: 0 }])
      .png().toBuffer();
    const result = await provider.edit(request({ prompt: "add a moon", source, mask: { data: mask, mimeType: "image/png", width: 512, height: 512 } }), recordingContext(fake).context);
    const form = fake.forms.at(-1)!;
    expect(form.path).toBe("/v1/images/edits");
    expect(form.fields).toEqual({ model: "gpt-image-2.6-flare", prompt: "add a moon", n: "1", size: "1024x1024", quality: "medium", output_format: "png" });
    expect(result.sent).toEqual({ prompt: form.fields.prompt });
    const sent = await sharp(form.files.mask.data).raw().toBuffer({ resolveWithObject: true });
    expect(sent.info).toMatchObject({ width: 1024, height: 1024, channels: 4 });
    const alphaAt = (x: number, y: number) => sent.data[(y * 1024 + x) * 4 + 3];
    expect(alphaAt(100, 500)).toBe(0); // white in our mask: edit here
    expect(alphaAt(900, 500)).toBe(255); // black: keep
    expect((await sharp(form.files.image.data).metadata()).width).toBe(1024);
    expect(result.usage?.inputTokens).toBe(textTokens("add a moon") + IMAGE_INPUT_TOKENS);
    expect(result.costUsd).toBeCloseTo(textTokens("add a moon") * 5e-6 + IMAGE_INPUT_TOKENS * 8e-6 + OUTPUT_TOKENS["gpt-image-2.5"].medium * 30e-6, 12);
  });

  it("streams partial images of an edit too", async () => {
    const events: ProgressEvent[] = [];
    const result = await provider.edit(request({ prompt: "add a moon", source: await image(1024, 1024) }), recordingContext(fake, { onProgress: (e) => events.push(e) }).context);
    expect(fake.forms.at(-1)!.fields).toMatchObject({ stream: "true", partial_images: "2" });
    expect(events.filter((e) => e.partialImage)).toHaveLength(2);
    expect(result.images).toHaveLength(1);
  });

  it("makes variations as an edit with the source as the reference, never through the old variations endpoint", async () => {
    const result = await provider.variations(request({ model: "gpt-image-2", prompt: "", source: await image(800, 600), strength: 0.2, n: 2 }), recordingContext(fake).context);
    const form = fake.forms.at(-1)!;
    expect(form.path).toBe("/v1/images/edits");
    expect(form.fields).toMatchObject({ model: "gpt-image-2", prompt: "Create a variation of the reference image. Stay very close to the original.", n: "2" });
    expect(result.sent).toEqual({ prompt: form.fields.prompt });
    expect(form.files.mask).toBeUndefined();
    expect(result.images).toHaveLength(2);
    expect(fake.requests.some((r) => r.path.endsWith("/images/variations"))).toBe(false);
  });
});

describe("OpenAIProvider on Azure OpenAI", () => {
  const azure = (over: { deployment?: string; defaultModel?: string } = {}) =>
    new OpenAIProvider({
      azure: { endpoint: `${fake.url}/`, apiKey: "azure-key", deployment: over.deployment ?? "my-images", apiVersion: "2025-04-01-preview" },
      defaultModel: over.defaultModel,
      models: catalogModels("openai"),
    });

  it("serves gpt-image-2 by default on the deployment, with the api-key header and api-version", async () => {
    const provider = azure();
    expect(provider.models.map((m) => m.id)).toEqual(["gpt-image-2"]);
    expect(provider.isConfigured()).toBe(true);
    const result = await provider.generate(request({ model: "gpt-image-2", quality: "high" }), recordingContext(fake).context);
    const sent = fake.requests.at(-1)!;
    expect(sent.path).toBe("/openai/deployments/my-images/images/generations");
    expect(sent.query.get("api-version")).toBe("2025-04-01-preview");
    expect(sent.headers["api-key"]).toBe("azure-key");
    expect(sent.headers.authorization).toBeUndefined();
    expect(result.costUsd).toBeCloseTo(textTokens(request().prompt) * 5e-6 + OUTPUT_TOKENS["gpt-image-2"].high * 30e-6, 12);
    await provider.edit(request({ model: "gpt-image-2", prompt: "add a moon", source: await image(1024, 1024) }), recordingContext(fake).context);
    expect(fake.requests.at(-1)!.path).toBe("/openai/deployments/my-images/images/edits");
    expect(await provider.health(AbortSignal.timeout(5000))).toEqual({ healthy: true });
  });

  it("keeps a retired OPENAI_IMAGE_MODEL (the seed's dall-e-3) as configured, with its successor as the default", () => {
    const provider = azure({ defaultModel: "dall-e-3" });
    expect(provider.configuredDefaultModel).toBe("dall-e-3");
    expect(provider.defaultModel).toBe("gpt-image-2.6-flare");
    expect(provider.models.map((m) => [m.id, m.default])).toEqual([["gpt-image-2.6-flare", true], ["dall-e-3", false]]);
    expect(azure({ defaultModel: "gpt-image-2.5-sunburst" }).models.map((m) => m.id)).toEqual(["gpt-image-2.5-sunburst"]);
  });

  it("answers a deployment whose model was shut down with model_not_found", async () => {
    const provider = new OpenAIProvider({
      azure: { endpoint: fake.url, apiKey: "azure-key", deployment: "old-dalle", apiVersion: "2025-04-01-preview" },
      models: catalogModels("openai"),
    });
    const error = await failure(provider.generate(request({ model: "gpt-image-2" }), recordingContext(fake).context));
    expect(error).toMatchObject({ kind: "model_not_found", model: "gpt-image-2", status: 404 });
  });
});

describe("OpenAIProvider failures", () => {
  it("maps 429 with Retry-After to rate_limited, then succeeds on the next call", async () => {
    fake.queue("POST /v1/images/generations", { status: 429, retryAfter: 7, body: { error: { message: "Rate limit reached", type: "requests", code: "rate_limit_exceeded" } } });
    const error = await failure(provider.generate(request(), recordingContext(fake).context));
    expect(error).toMatchObject({ kind: "rate_limited", retryAfter: 7, status: 429, provider: "openai", retryable: true });
    expect(fake.requests).toHaveLength(1); // the SDK does not retry on its own
    const result = await provider.generate(request(), recordingContext(fake).context);
    expect(result.images).toHaveLength(1);
    expect(fake.requests).toHaveLength(2);
  });

  it("maps 5xx to server (retryable) without retrying in the SDK", async () => {
    fake.queue("POST /v1/images/generations", { status: 500 }, { status: 503 });
    for (const status of [500, 503]) {
      const error = await failure(provider.generate(request(), recordingContext(fake).context));
      expect(error).toMatchObject({ kind: "server", status, retryable: true });
    }
    expect(fake.requests).toHaveLength(2);
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

  it("maps safety refusals to content_policy", async () => {
    const error = await failure(provider.generate(request({ prompt: "something forbidden" }), recordingContext(fake).context));
    expect(error).toMatchObject({ kind: "content_policy", status: 400, retryable: false });
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

  it("refuses counts, operations and missing keys before calling", async () => {
    const context = recordingContext(fake).context;
    expect((await failure(provider.generate(request({ n: 11 }), context))).kind).toBe("bad_request");
    expect((await failure(provider.edit(request(), context))).kind).toBe("bad_request"); // no source
    expect((await failure(provider.generate(request({ model: "dall-e-9" }), context))).message).toMatch(/Unknown OpenAI model dall-e-9/);
    expect((await failure(new OpenAIProvider({}).generate(request(), context))).kind).toBe("auth");
    expect(fake.requests).toHaveLength(0);
  });
});

describe("OpenAIProvider and retired models", () => {
  it("never sends a retired id: the adapter refuses it (the layers above migrate before calling)", async () => {
    const context = recordingContext(fake).context;
    for (const model of RETIRED) {
      const error = await failure(provider.generate(request({ model }), context));
      expect(error.kind).toBe("bad_request");
      expect(error.message).toMatch(/was retired by OpenAI on \d{4}-\d{2}-\d{2}; use gpt-image-/);
      await failure(provider.edit(request({ model, source: await image(1024, 1024) }), context));
      await failure(provider.variations(request({ model, source: await image(1024, 1024) }), context));
    }
    expect(fake.requests).toHaveLength(0);
  });

  it("the fake answers retired ids as the service does: 404 model_not_found", async () => {
    for (const model of RETIRED) {
      const res = await fetch(`${fake.baseUrl}/images/generations`, {
        method: "POST", headers: { authorization: "Bearer sk-test", "content-type": "application/json" }, body: JSON.stringify({ model, prompt: "x" }),
      });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: { code: "model_not_found", message: expect.stringContaining(model), type: "invalid_request_error", param: null } });
    }
  });

  it("a model the service shuts down while running → model_not_found naming it; the list and health notice", async () => {
    fake.retire("gpt-image-2.6-flare");
    const error = await failure(provider.generate(request(), recordingContext(fake).context));
    expect(error).toMatchObject({ kind: "model_not_found", model: "gpt-image-2.6-flare", status: 404, retryable: false });
    const edit = await failure(provider.edit(request({ source: await image(1024, 1024) }), recordingContext(fake).context));
    expect(edit).toMatchObject({ kind: "model_not_found", model: "gpt-image-2.6-flare" });
    const observed = await provider.listModelLifecycle(AbortSignal.timeout(5000));
    expect(observed.find((o) => o.model === "gpt-image-2.6-flare")).toEqual({ model: "gpt-image-2.6-flare", status: "retired", shutdownDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), source: "models-list" });
    const health = await provider.health(AbortSignal.timeout(5000));
    expect(health.healthy).toBe(false);
    expect(health.message).toMatch(/default model gpt-image-2\.6-flare was shut down on \d{4}-\d{2}-\d{2}/);
    // Another live model still works.
    expect((await provider.generate(request({ model: "gpt-image-2.6-sunburst" }), recordingContext(fake).context)).images).toHaveLength(1);
    expect(sentModels().filter((m) => RETIRED.includes(String(m)))).toEqual([]);
  });

  it("is unhealthy when the default model is missing from the account's model list", async () => {
    fake.unlist("gpt-image-2.6-flare");
    const health = await provider.health(AbortSignal.timeout(5000));
    expect(health).toEqual({ healthy: false, message: expect.stringContaining("gpt-image-2.6-flare is not in OpenAI's model list") });
    const observed = await provider.listModelLifecycle(AbortSignal.timeout(5000));
    expect(observed.map((o) => o.model)).not.toContain("gpt-image-2.6-flare"); // absent: no observation
  });

  it("lists the catalog models' life cycle from GET /v1/models shutdown_date", async () => {
    fake.setShutdownDate("gpt-image-2", "2099-04-21");
    const observed = await provider.listModelLifecycle(AbortSignal.timeout(5000));
    expect(fake.requests.at(-1)!.path).toBe("/v1/models");
    const byModel = Object.fromEntries(observed.map((o) => [o.model, o]));
    expect(byModel["gpt-image-2"]).toEqual({ model: "gpt-image-2", status: "deprecated", shutdownDate: "2099-04-21", source: "models-list" });
    expect(byModel["gpt-image-2.5-flare"]).toEqual({ model: "gpt-image-2.5-flare", status: "active", source: "models-list" });
    expect(byModel["gpt-image-1"]).toEqual({ model: "gpt-image-1", status: "retired", shutdownDate: "2026-10-23", source: "models-list" });
    expect(byModel["dall-e-3"]).toMatchObject({ status: "retired", shutdownDate: "2026-05-12" });
    expect(Object.keys(byModel)).not.toContain("gpt-5.5"); // only catalog models
    fake.setShutdownDate("gpt-image-2.6-flare", "2099-01-01");
    expect(await provider.health(AbortSignal.timeout(5000))).toEqual({ healthy: true, message: "The default model gpt-image-2.6-flare shuts down on 2099-01-01" });
  });
});

describe("OpenAIProvider models and prices", () => {
  it("lists the catalog's models, the default first, retired ones kept (for migration) but never offered", () => {
    expect(provider.models.map((m) => m.id)).toEqual([...LIVE, "gpt-image-1", "gpt-image-1-mini", "gpt-image-1.5", "gpt-image-1.5-2025-12-16", "chatgpt-image-latest", "dall-e-3", "dall-e-2"]);
    expect(provider.models[0]).toMatchObject({ id: "gpt-image-2.6-flare", default: true, lifecycle: { status: "active" } });
    expect(provider.models.find((m) => m.id === "gpt-image-1")?.lifecycle).toEqual({ status: "retired", shutdownDate: "2026-10-23", successor: "gpt-image-2.5-flare" });
    const flare = provider.models[0].capabilities;
    expect(flare).toMatchObject({ edit: true, variations: true, mask: true, transparentBackground: true, maxImages: 10, sizes: { kind: "free", multipleOf: 16, maxSide: 3840 } });
    expect(flare.qualities).toEqual(["low", "medium", "high", "xhigh", "max", "auto"]);
    expect(provider.models.find((m) => m.id === "gpt-image-2")?.capabilities.qualities).toEqual(["low", "medium", "high", "auto"]);
  });

  it("puts OPENAI_IMAGE_MODEL first; a retired one is kept as configuredDefaultModel and the catalog default serves", () => {
    const chosen = new OpenAIProvider({ apiKey: "k", defaultModel: "gpt-image-2.5-sunburst" });
    expect(chosen.models[0]).toMatchObject({ id: "gpt-image-2.5-sunburst", default: true });
    expect(chosen.models.filter((m) => m.default)).toHaveLength(1);
    const seed = new OpenAIProvider({ apiKey: "k", defaultModel: "gpt-image-1" });
    expect(seed).toMatchObject({ defaultModel: "gpt-image-2.6-flare", configuredDefaultModel: "gpt-image-1" });
    expect(new OpenAIProvider({ apiKey: "k" }).configuredDefaultModel).toBeUndefined();
  });

  it("estimates from the output-token table at the token price, √pixels for other sizes, × n", () => {
    const text = textTokens(request().prompt) * 5e-6;
    const round = (v: number) => Math.round(v * 1e6) / 1e6;
    expect(provider.estimateCost(request())).toBe(round(439 * 30e-6 + text)); // medium by default
    expect(provider.estimateCost(request({ quality: "max", n: 2 }))).toBe(round((7024 * 30e-6 + text) * 2));
    expect(provider.estimateCost(request({ quality: "auto" }))).toBe(round(7024 * 30e-6 + text)); // auto reserves the dearest
    expect(provider.estimateCost(request({ model: "gpt-image-2", quality: "high" }))).toBe(round(7024 * 30e-6 + text));
    expect(provider.estimateCost(request({ model: "gpt-image-2", width: 2048, height: 2048, quality: "low" }))).toBe(round(196 * 2 * 30e-6 + text));
    // A model without a table (an operator's addition): its per-image price scaled by pixels.
    const plain = new OpenAIProvider({ apiKey: "k", models: [{ ...catalogModels("openai")[0], id: "custom", options: undefined, price: undefined, costPerImageUsd: 0.04 }] });
    expect(plain.estimateCost(request({ model: "custom", width: 2048, height: 1024 }))).toBe(0.08);
  });
});
