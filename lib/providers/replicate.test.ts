// Follows (checked December 2026):
// - Replicate HTTP API reference https://replicate.com/docs/reference/http (official-model predictions
//   POST /v1/models/{owner}/{name}/predictions, GET /v1/predictions/{id}, cancel, GET /v1/models/{owner}/{name},
//   `Prefer: wait`), the prediction lifecycle https://replicate.com/docs/topics/predictions/lifecycle, and the
//   official SDK's sources (github.com/replicate/replicate-javascript 1.4.0, lib/predictions.js, lib/models.js).
// - Replicate's 404 for a model it does not serve on that endpoint: {"detail":"The requested resource could not be
//   found.","status":404} (replicate/replicate-javascript issue #347).
// - FLUX.2 schemas: https://replicate.com/black-forest-labs/flux-2-pro/api/schema and …/flux-2-flex/api/schema;
//   FLUX.1: …/flux-1.1-pro, …/flux-dev, …/flux-schnell.
// - Prices: https://docs.bfl.ai/quick_start/pricing (FLUX.2 per megapixel) and the FLUX.1 model pages on replicate.com.
import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { replicateModels, startFakeReplicate, type FakeReplicate, type FakeReplicateOptions } from "@/tests/fakes/replicate";
import { fetchResultUrl } from "./fetch-result";
import { styleText } from "@/lib/prompts/styles";
import { withRetries } from "./reliability";
import { ReplicateProvider, type ReplicateConfig } from "./replicate";
import { closestSize, resolveSize } from "./sizes";
import { ProviderError, type GenerateRequest, type ModelInfo, type ProgressEvent, type SourceImage } from "./types";

let fake: FakeReplicate;
const MODELS = replicateModels();
const byId = (id: string, models: ModelInfo[] = MODELS) => models.find((m) => m.id === id)!;

async function setup(options: FakeReplicateOptions = {}, config: Partial<ReplicateConfig> = {}) {
  fake = await startFakeReplicate(options);
  return new ReplicateProvider({ apiToken: fake.token, baseUrl: fake.baseUrl, models: MODELS, pollIntervalMs: 20, ...config });
}
afterEach(async () => {
  vi.restoreAllMocks();
  await fake?.close();
});

const request = (over: Partial<GenerateRequest> = {}): GenerateRequest => ({
  prompt: "a lighthouse at dusk", model: "flux-2-pro", width: 1024, height: 1024, aspectRatio: "1:1", n: 1, ...over,
});
/** A request sized the way the studio sizes it (lib/providers/sizes.ts) for the model. */
function sized(model: string, wish: Parameters<typeof resolveSize>[1], over: Partial<GenerateRequest> = {}): GenerateRequest {
  const size = resolveSize(byId(model).capabilities, wish);
  if ("error" in size) throw new Error(size.error);
  return request({ model, ...size, resolution: wish.resolution, ...over });
}

function context(signal: AbortSignal = new AbortController().signal) {
  const events: ProgressEvent[] = [];
  const fetchResult = vi.fn((url: string) =>
    fetchResultUrl(url, { provider: "replicate", allowedHosts: ["127.0.0.1"], allowPrivate: true, maxBytes: 20_000_000, timeoutMs: 5000, signal }),
  );
  return { signal, events, fetchResult, onProgress: (event: ProgressEvent): void => void events.push(event) };
}

const creates = () => fake.requestsTo("POST", "/v1/models/");
const inputOf = (i = 0) => (creates()[i].json as { input: Record<string, unknown> }).input;
const polls = () => fake.requestsTo("GET", "/v1/predictions/");
const cancels = () => fake.server.requests.filter((r) => r.method === "POST" && r.path.endsWith("/cancel"));
const lastPrediction = () => [...fake.predictions.values()].at(-1)!;
const failure = (promise: Promise<unknown>) => promise.then(() => { throw new Error("expected a ProviderError"); }, (e: unknown) => e as ProviderError);
const sizeOf = async (data: Buffer) => {
  const meta = await sharp(data).metadata();
  return [meta.format, meta.width, meta.height];
};
const picture = async (width: number, height: number, format: "png" | "avif" = "png"): Promise<SourceImage> => {
  const image = sharp({ create: { width, height, channels: 3, background: "#884422" } });
  const data = format === "png" ? await image.png().toBuffer() : await image.avif().toBuffer();
  return { data, mimeType: `image/${format}`, width, height };
};

describe("ReplicateProvider.generate on FLUX.2", () => {
  it("runs the default, flux-2-pro, with a named aspect ratio at 1 MP and copies its single URL output", async () => {
    const provider = await setup();
    expect(provider.models[0].id).toBe("flux-2-pro");
    const ctx = context();
    const req = sized("flux-2-pro", { aspectRatio: "16:9" }, { seed: 7, style: "painting", palette: ["#112233"], negativePrompt: "text, watermark" });
    expect([req.width, req.height]).toEqual([1360, 768]);
    const result = await provider.generate(req, ctx);

    expect(creates()).toHaveLength(1);
    expect(creates()[0].path).toBe("/v1/models/black-forest-labs/flux-2-pro/predictions");
    expect(creates()[0].headers.authorization).toBe(`Bearer ${fake.token}`);
    expect(inputOf()).toEqual({
      prompt: `a lighthouse at dusk. Style: ${styleText.painting}. Colour palette: #112233. Avoid: text, watermark.`,
      aspect_ratio: "16:9", resolution: "1 MP", seed: 7, output_format: "png",
    });
    const prediction = lastPrediction();
    expect(typeof prediction.output).toBe("string");
    expect(ctx.fetchResult.mock.calls.map(([url]) => url)).toEqual([prediction.output]);
    expect(result.images).toHaveLength(1);
    expect(await sizeOf(result.images[0].data)).toEqual(["png", 1360, 768]);
    expect(result.images[0].seed).toBe(7);
    expect(result.sent).toEqual({ prompt: (inputOf() as { prompt: string }).prompt, seed: 7 });
    expect(result).toMatchObject({ model: "flux-2-pro", externalId: prediction.id, costUsd: 0.03, predictTimeSeconds: 1.25 });
  });

  it("maps the 2K size class to resolution 4 MP (2048 px a side at most) and prices it per megapixel", async () => {
    const provider = await setup();
    const square = await provider.generate(sized("flux-2-pro", { aspectRatio: "1:1", resolution: "2K" }), context());
    expect(inputOf(0)).toMatchObject({ aspect_ratio: "1:1", resolution: "4 MP" });
    expect(await sizeOf(square.images[0].data)).toEqual(["png", 2048, 2048]);
    expect(square.costUsd).toBeCloseTo(0.075); // $0.03 + 3 × $0.015
    const wide = await provider.generate(sized("flux-2-pro", { aspectRatio: "16:9", resolution: "2K" }), context());
    expect(inputOf(1)).toMatchObject({ aspect_ratio: "16:9", resolution: "4 MP" });
    expect(await sizeOf(wide.images[0].data)).toEqual(["png", 2048, 1152]);
    expect(wide.costUsd).toBeCloseTo(0.06); // 2.25 MP, billed as 3
  });

  it("sends aspect_ratio custom with the exact pixels for any other size", async () => {
    const provider = await setup();
    const exact = await provider.generate(sized("flux-2-pro", { width: 1200, height: 800 }), context());
    expect(inputOf(0)).toEqual({ prompt: "a lighthouse at dusk", aspect_ratio: "custom", width: 1200, height: 800, output_format: "png" });
    expect(await sizeOf(exact.images[0].data)).toEqual(["png", 1200, 800]);
    const ultrawide = sized("flux-2-pro", { aspectRatio: "21:9" });
    const result = await provider.generate(ultrawide, context());
    expect(inputOf(1)).toMatchObject({ aspect_ratio: "custom", width: ultrawide.width, height: ultrawide.height });
    expect(await sizeOf(result.images[0].data)).toEqual(["png", ultrawide.width, ultrawide.height]);
  });

  it("runs flux-2-flex, taking a list of URLs as well as one, with the output format and quality asked for", async () => {
    const provider = await setup({ outputShape: { "flux-2-flex": "list" } });
    const ctx = context();
    const result = await provider.generate(request({ model: "flux-2-flex", outputFormat: "webp", outputCompression: 70 }), ctx);
    expect(creates()[0].path).toBe("/v1/models/black-forest-labs/flux-2-flex/predictions");
    expect(inputOf(0)).toEqual({ prompt: "a lighthouse at dusk", aspect_ratio: "1:1", resolution: "1 MP", output_format: "webp", output_quality: 70 });
    expect(Array.isArray(lastPrediction().output)).toBe(true);
    expect(await sizeOf(result.images[0].data)).toEqual(["webp", 1024, 1024]);
    expect(result).toMatchObject({ model: "flux-2-flex", costUsd: 0.05 });

    fake.setOutputShape("string", "flux-2-flex");
    const jpeg = await provider.generate(request({ model: "flux-2-flex", outputFormat: "jpeg" }), context());
    expect(inputOf(1)).toMatchObject({ output_format: "jpg" });
    expect(typeof lastPrediction().output).toBe("string");
    expect(await sizeOf(jpeg.images[0].data)).toEqual(["jpeg", 1024, 1024]);
  });

  it("refuses what FLUX.2 cannot take without calling Replicate: several images, off-grid pixels, unknown models", async () => {
    const provider = await setup();
    expect(await failure(provider.generate(request({ n: 2 }), context()))).toMatchObject({ kind: "bad_request", message: expect.stringMatching(/one image per call/) });
    expect((await failure(provider.generate(request({ width: 1000, height: 1000, aspectRatio: "1:1" }), context()))).kind).toBe("bad_request");
    expect((await failure(provider.generate(request({ width: 4096, height: 2048, aspectRatio: "2:1" }), context()))).kind).toBe("bad_request");
    expect((await failure(provider.generate(request({ model: "sdxl" }), context()))).kind).toBe("bad_request");
    expect(creates()).toHaveLength(0);
  });
});

describe("ReplicateProvider.generate on FLUX.1 (kept while Replicate serves it)", () => {
  it("runs flux-1.1-pro (one URL) and flux-dev (num_outputs, a list of URLs)", async () => {
    const provider = await setup();
    const pro = await provider.generate(request({ model: "flux-1.1-pro", width: 1344, height: 768, aspectRatio: "16:9", seed: 3 }), context());
    expect(creates()[0].path).toBe("/v1/models/black-forest-labs/flux-1.1-pro/predictions");
    expect(inputOf(0)).toEqual({ prompt: "a lighthouse at dusk", aspect_ratio: "16:9", output_format: "png", seed: 3 });
    expect(await sizeOf(pro.images[0].data)).toEqual(["png", 1344, 768]);
    expect(pro.costUsd).toBeCloseTo(0.04);

    const ctx = context();
    const dev = await provider.generate(request({ model: "flux-dev", aspectRatio: "3:2", n: 2 }), ctx);
    expect(inputOf(1)).toEqual({ prompt: "a lighthouse at dusk", aspect_ratio: "3:2", output_format: "png", num_outputs: 2 });
    expect(ctx.fetchResult.mock.calls.map(([url]) => url)).toEqual(lastPrediction().output);
    expect(await Promise.all(dev.images.map((i) => sizeOf(i.data)))).toEqual([["png", 1216, 832], ["png", 1216, 832]]);
    expect(dev.costUsd).toBeCloseTo(0.05);
  });

  it("runs flux-schnell for four images with the webhook, taking the seed it chose from the logs", async () => {
    const provider = await setup({}, { outputFormat: "webp", webhookUrl: "https://studio.example/api/webhooks/replicate" });
    const result = await provider.generate(request({ model: "flux-schnell", n: 4 }), context());
    expect(creates()[0].json).toMatchObject({
      input: { num_outputs: 4, output_format: "webp" },
      webhook: "https://studio.example/api/webhooks/replicate",
      webhook_events_filter: ["completed"],
    });
    expect(result.images.map((i) => i.seed)).toEqual([4242, 4242, 4242, 4242]);
    expect(result.sent).toEqual({ prompt: "a lighthouse at dusk" }); // no seed sent: the one it chose is each image's
    expect(await sizeOf(result.images[3].data)).toEqual(["webp", 1024, 1024]);
    expect(result.costUsd).toBeCloseTo(0.012);
  });

  it("refuses an aspect ratio or a count the model does not take", async () => {
    const provider = await setup();
    expect((await failure(provider.generate(request({ model: "flux-1.1-pro", aspectRatio: "21:9" }), context()))).kind).toBe("bad_request");
    expect((await failure(provider.generate(request({ model: "flux-schnell", n: 5 }), context()))).kind).toBe("bad_request");
    expect(creates()).toHaveLength(0);
  });
});

describe("ReplicateProvider polling", () => {
  it("polls every interval through starting → processing → succeeded, reporting progress from the logs", async () => {
    const provider = await setup({ startingPolls: 2, processingPolls: 2, progressLogs: [" 30%|███       | 3/10 [00:01]", " 90%|█████████ | 9/10 [00:02]"] });
    const ctx = context();
    await provider.generate(request(), ctx);
    expect(ctx.events.map((e) => e.progress)).toEqual([0.1, 0.3, 0.9]);
    expect(polls()).toHaveLength(5); // starting, starting, processing, processing, succeeded
  });

  it("reports 0.5 while processing when the logs carry no percentage", async () => {
    const provider = await setup({ processingPolls: 1, progressLogs: ["loading weights"] });
    const ctx = context();
    await provider.generate(request(), ctx);
    expect(ctx.events.map((e) => e.progress)).toEqual([0.1, 0.5]);
  });

  it("keeps polling through a transient 503 (the prediction is already paid for)", async () => {
    const provider = await setup();
    fake.server.queue("GET /v1/predictions/", { status: 503 });
    const result = await provider.generate(request(), context());
    expect(result.images).toHaveLength(1);
    expect(polls()).toHaveLength(5);
    expect(creates()).toHaveLength(1);
  });
});

describe("ReplicateProvider image-to-image", () => {
  it("makes variations on flux-2-pro from the source in input_images, at a size like the source's", async () => {
    const provider = await setup();
    const src = await picture(300, 200);
    const size = closestSize(byId("flux-2-pro").capabilities, { width: 300, height: 200 });
    const result = await provider.variations(request({ ...size, source: src, strength: 0.2, prompt: "" }), context());
    expect(inputOf()).toEqual({
      prompt: "A variation of the input image, with the same subject and style. Stay very close to the input image; change only small details.",
      input_images: [`data:image/png;base64,${src.data.toString("base64")}`],
      aspect_ratio: "custom", width: size.width, height: size.height, output_format: "png",
    });
    expect(await sizeOf(result.images[0].data)).toEqual(["png", size.width, size.height]);
    expect(result.sent).toEqual({ prompt: (inputOf() as { prompt: string }).prompt });
    expect(result.costUsd).toBeCloseTo(0.045); // 1 MP out + 1 MP in
    expect(provider.estimateCost(request({ ...size, source: src }))).toBeCloseTo(0.045);
  });

  it("edits on flux-2-flex by instruction, keeping the structure when asked", async () => {
    const provider = await setup();
    const src = await picture(1024, 1024);
    const result = await provider.edit(request({ model: "flux-2-flex", prompt: "paint the door red", source: src, preserveStructure: true }), context());
    expect(creates()[0].path).toBe("/v1/models/black-forest-labs/flux-2-flex/predictions");
    expect(inputOf()).toMatchObject({
      prompt: "paint the door red. Keep the composition, layout and perspective of the original image.",
      input_images: [expect.stringMatching(/^data:image\/png;base64,/)],
      aspect_ratio: "1:1", resolution: "1 MP",
    });
    expect(result.sent).toEqual({ prompt: (inputOf() as { prompt: string }).prompt });
    expect(result.costUsd).toBeCloseTo(0.1);
  });

  it("converts a source FLUX.2 cannot read (AVIF) to PNG", async () => {
    const provider = await setup();
    const src = await picture(320, 240, "avif");
    await provider.edit(request({ prompt: "more light", source: src }), context());
    const [dataUri] = inputOf().input_images as string[];
    expect(dataUri).toMatch(/^data:image\/png;base64,/);
    expect(await sizeOf(Buffer.from(dataUri.split(",")[1], "base64"))).toEqual(["png", 320, 240]);
  });

  it("sends the source to flux-dev as `image` with prompt_strength", async () => {
    const provider = await setup();
    const src = await picture(300, 200);
    const result = await provider.variations(request({ model: "flux-dev", aspectRatio: "3:2", source: src, strength: 0.6 }), context());
    expect(creates()[0].path).toBe("/v1/models/black-forest-labs/flux-dev/predictions");
    expect(inputOf()).toMatchObject({ prompt_strength: 0.6, image: `data:image/png;base64,${src.data.toString("base64")}` });
    expect(await sizeOf(result.images[0].data)).toEqual(["png", 300, 200]);
  });

  it("refuses a mask, a missing source, and a model without image-to-image", async () => {
    const provider = await setup();
    const src = await picture(64, 64);
    expect((await failure(provider.edit(request({ source: src, mask: src }), context()))).kind).toBe("bad_request");
    expect((await failure(provider.edit(request(), context()))).kind).toBe("bad_request");
    expect((await failure(provider.edit(request({ model: "flux-1.1-pro", source: src }), context()))).kind).toBe("bad_request");
    expect((await failure(provider.variations(request({ model: "flux-schnell", source: src }), context()))).kind).toBe("bad_request");
    expect(creates()).toHaveLength(0);
  });
});

describe("ReplicateProvider errors", () => {
  it("maps 429 with Retry-After to rate_limited, sends the create once (no SDK retry), and succeeds on our retry", async () => {
    const provider = await setup();
    fake.server.queue("POST /v1/models/", { status: 429, retryAfter: 7, body: { title: "Too Many Requests", detail: "Request was throttled.", status: 429 } });
    const error = await failure(provider.generate(request(), context()));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: "rate_limited", status: 429, retryAfter: 7 });
    expect(error.message).toContain("Request was throttled.");
    expect(creates()).toHaveLength(1);

    fake.server.queue("POST /v1/models/", { status: 429, retryAfter: 0, body: { title: "Too Many Requests", detail: "Request was throttled.", status: 429 } });
    const retries: number[] = [];
    const ctx = context();
    const result = await withRetries("replicate", (signal) => provider.generate(request(), { ...ctx, signal }), { timeoutMs: 5000, maxRetries: 2, baseDelayMs: 1, maxDelayMs: 10, onRetry: (r) => retries.push(r.attempt) }, new AbortController().signal);
    expect(result.images).toHaveLength(1);
    expect(retries).toEqual([1]);
    expect(creates()).toHaveLength(3);
  });

  it("maps 500 on create to server, sent once", async () => {
    const provider = await setup();
    fake.server.queue("POST /v1/models/", { status: 500, body: { title: "Internal Server Error", detail: "boom", status: 500 } });
    expect(await failure(provider.generate(request(), context()))).toMatchObject({ kind: "server", status: 500 });
    expect(creates()).toHaveLength(1);
  });

  it("ends a create that hangs when the call's signal times out", async () => {
    const provider = await setup();
    fake.server.queue("POST /v1/models/", { hang: true });
    const error = await failure(withRetries("replicate", (signal) => provider.generate(request(), context(signal)), { timeoutMs: 200, maxRetries: 0 }, new AbortController().signal));
    expect(error.kind).toBe("timeout");
    expect(creates()).toHaveLength(1);
  });

  it("sends a create that fails on the network once, as a network error", async () => {
    const provider = await setup();
    const spy = vi.spyOn(globalThis, "fetch").mockRejectedValue(new TypeError("fetch failed"));
    expect(await failure(provider.generate(request(), context()))).toMatchObject({ kind: "network" });
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it("maps a wrong token to auth and Replicate's 422 problem to bad_request", async () => {
    const wrong = await setup({}, { apiToken: "r8_wrong" });
    expect(await failure(wrong.generate(request(), context()))).toMatchObject({ kind: "auth", status: 401 });
    fake.server.queue("POST /v1/models/", { status: 422, body: { title: "Input validation failed", detail: "prompt: is required", status: 422 } });
    const right = new ReplicateProvider({ apiToken: fake.token, baseUrl: fake.baseUrl, models: MODELS, pollIntervalMs: 20 });
    const error = await failure(right.generate(request(), context()));
    expect(error).toMatchObject({ kind: "bad_request", status: 422 });
    expect(error.message).toContain("prompt: is required");
  });

  it.each([
    ["Prediction interrupted; please retry (code: PA)", "server"],
    ["NSFW content detected. Try running it again, or try a different prompt.", "content_policy"],
  ])("maps a failed prediction (%s) to %s without canceling it", async (message, kind) => {
    const provider = await setup();
    fake.failNextPrediction(message);
    const error = await failure(provider.generate(request(), context()));
    expect(error.kind).toBe(kind);
    expect(error.message).toContain(message);
    expect(cancels()).toHaveLength(0);
  });

  it.each([
    [undefined, "canceled"],
    [new DOMException("The operation timed out", "TimeoutError"), "timeout"],
  ])("cancels the prediction when aborted while polling (reason %s → %s)", async (reason, kind) => {
    const provider = await setup({ processingPolls: 1000 });
    const controller = new AbortController();
    const ctx = context(controller.signal);
    ctx.onProgress = (event) => {
      if (event.progress === 0.5) controller.abort(reason);
    };
    const error = await failure(provider.generate(request(), ctx));
    expect(error.kind).toBe(kind);
    expect(cancels()).toHaveLength(1);
    const prediction = lastPrediction();
    expect(cancels()[0].path).toBe(`/v1/predictions/${prediction.id}/cancel`);
    expect(prediction.status).toBe("canceled");
    expect(ctx.fetchResult).not.toHaveBeenCalled();
  });

  it("gives up after repeated poll failures and cancels the prediction", async () => {
    const provider = await setup({ processingPolls: 1000 });
    fake.server.queue("GET /v1/predictions/", ...Array.from({ length: 6 }, () => ({ status: 502 })));
    expect(await failure(provider.generate(request(), context()))).toMatchObject({ kind: "server", status: 502 });
    expect(polls()).toHaveLength(6);
    expect(cancels()).toHaveLength(1);
  });
});

describe("ReplicateProvider and the models' life cycle", () => {
  it("never sends a model the catalog marks retired", async () => {
    const models = MODELS.map((m) => (m.id === "flux-1.1-pro" ? { ...m, lifecycle: { status: "retired" as const, shutdownDate: "2026-11-30", successor: "flux-2-pro" } } : m));
    const provider = await setup({}, { models });
    const error = await failure(provider.generate(request({ model: "flux-1.1-pro", width: 1024, height: 1024, aspectRatio: "1:1" }), context()));
    expect(error).toMatchObject({ kind: "bad_request", message: expect.stringMatching(/retired on 2026-11-30.*flux-2-pro/) });
    expect(fake.modelsCalled()).toEqual([]);
  });

  it("reads Replicate's 404 for a model it retired as model_not_found naming the catalog id", async () => {
    const provider = await setup();
    await provider.generate(request({ model: "flux-2-flex" }), context());
    fake.retire("flux-2-flex");
    const error = await failure(provider.generate(request({ model: "flux-2-flex" }), context()));
    expect(error).toMatchObject({ kind: "model_not_found", model: "flux-2-flex", status: 404, retryable: false });
    expect(error.message).toContain("The requested resource could not be found.");
    expect(fake.modelsCalled()).toEqual(["black-forest-labs/flux-2-flex", "black-forest-labs/flux-2-flex"]);
    expect(fake.predictions.size).toBe(1);
    // The other models are unaffected.
    await provider.generate(request(), context());
  });

  it("names the catalog id, not the slug, when a configured slug is not served", async () => {
    const models = replicateModels({ FLUX_2_PRO_MODEL_NAME: "acme/flux-2-pro-finetune" });
    const provider = await setup({}, { models });
    const error = await failure(provider.generate(request(), context()));
    expect(error).toMatchObject({ kind: "model_not_found", model: "flux-2-pro" });
    expect(creates()[0].path).toBe("/v1/models/acme/flux-2-pro-finetune/predictions");
  });

  it("looks each catalog model up for the model watch: a 404 is a retirement", async () => {
    const provider = await setup({ retired: ["flux-schnell"] });
    const observations = await provider.listModelLifecycle(new AbortController().signal);
    expect(observations).toEqual([
      { model: "flux-2-pro", status: "active", source: "models-list" },
      { model: "flux-2-flex", status: "active", source: "models-list" },
      { model: "flux-1.1-pro", status: "active", source: "models-list" },
      { model: "flux-dev", status: "active", source: "models-list" },
      { model: "flux-schnell", status: "retired", source: "not-found", message: "Replicate has no model black-forest-labs/flux-schnell any more" },
      { model: "replicate-upscale", status: "active", source: "models-list" },
      { model: "replicate-remove-background", status: "active", source: "models-list" },
    ]);
    expect(fake.requestsTo("GET", "/v1/models/").map((r) => r.path)).toContain("/v1/models/black-forest-labs/flux-2-pro");
    const wrong = new ReplicateProvider({ apiToken: "r8_wrong", baseUrl: fake.baseUrl, models: MODELS });
    expect(await failure(wrong.listModelLifecycle(new AbortController().signal))).toMatchObject({ kind: "auth" });
  });
});

describe("ReplicateProvider.health, models and prices", () => {
  it("checks GET /v1/account", async () => {
    const provider = await setup();
    expect(await provider.health(new AbortController().signal)).toEqual({ healthy: true });
    expect(fake.requestsTo("GET", "/v1/account")).toHaveLength(1);
    const wrong = new ReplicateProvider({ apiToken: "r8_wrong", baseUrl: fake.baseUrl, models: MODELS });
    expect((await wrong.health(new AbortController().signal)).healthy).toBe(false);
    expect(new ReplicateProvider({ apiToken: "", models: MODELS }).isConfigured()).toBe(false);
  });

  it("serves the catalog's models: FLUX.2 (free sizes, one image a call, megapixel prices) and FLUX.1 with successors", async () => {
    const provider = await setup();
    expect(provider.models).toBe(MODELS);
    expect(byId("flux-2-pro")).toMatchObject({
      default: true, costPerImageUsd: 0.03, lifecycle: { status: "active" },
      capabilities: { edit: true, variations: true, mask: false, maxImages: 1, seed: true, maxReferenceImages: 8, sizes: { kind: "free", multipleOf: 16, maxSide: 2048 }, resolutions: { "2K": 1 } },
      options: { slug: "black-forest-labs/flux-2-pro", family: "flux-2" },
    });
    expect(byId("flux-2-flex")).toMatchObject({ costPerImageUsd: 0.05, capabilities: { maxImages: 1, maxReferenceImages: 10 } });
    for (const id of ["flux-1.1-pro", "flux-dev", "flux-schnell"]) expect(byId(id).lifecycle).toEqual({ status: "active", successor: "flux-2-pro" });
    expect(resolveSize(byId("flux-2-pro").capabilities, { aspectRatio: "1:1", resolution: "4K" })).toHaveProperty("error");
    expect(provider.estimateCost(sized("flux-2-pro", { aspectRatio: "1:1", resolution: "2K" }, { n: 3 }))).toBeCloseTo(0.225);
    expect(provider.estimateCost(request({ model: "flux-2-flex", width: 2048, height: 2048, source: await picture(4000, 3000) }))).toBeCloseTo(0.4); // 4 MP out + 4 MP in (larger inputs are read at 4 MP)
    expect(provider.estimateCost(request({ model: "flux-schnell", n: 3 }))).toBeCloseTo(0.009);
    expect(provider.resultHosts).toEqual(["replicate.delivery", ".replicate.delivery", "127.0.0.1"]);
  });
});

describe("the fake", () => {
  beforeEach(async () => {
    fake = await startFakeReplicate();
  });
  const create = (model: string, input: object, headers: Record<string, string> = {}) =>
    fetch(`${fake.baseUrl}/models/${model}/predictions`, {
      method: "POST",
      headers: { authorization: `Bearer ${fake.token}`, "content-type": "application/json", ...headers },
      body: JSON.stringify({ input }),
    });

  it("answers inputs FLUX.2's schema refuses with Replicate's 422 problem", async () => {
    const response = await create("black-forest-labs/flux-2-pro", {
      prompt: "x", resolution: "3 MP", num_outputs: 2, input_images: Array.from({ length: 9 }, () => "https://example.com/a.png"),
    });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { title: string; detail: string; status: number };
    expect(body).toMatchObject({ title: "Input validation failed", status: 422 });
    for (const field of ["resolution", "num_outputs", "input_images"]) expect(body.detail).toContain(field);
    const custom = await create("black-forest-labs/flux-2-flex", { prompt: "x", aspect_ratio: "custom", width: 4096, height: 512, steps: 80 });
    expect((await custom.json()).detail).toMatch(/width: must be an integer 256–2048.*steps/);
    const bmp = await create("black-forest-labs/flux-2-pro", { prompt: "x", input_images: ["data:image/bmp;base64,Qk0="] });
    expect((await bmp.json()).detail).toContain("jpeg, png, gif, or webp");
  });

  it("answers 404 with Replicate's body for a model it does not serve, or no longer serves", async () => {
    for (const model of ["black-forest-labs/flux-3", "acme/whatever"]) {
      const response = await create(model, { prompt: "x" });
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ detail: "The requested resource could not be found.", status: 404 });
    }
    fake.retire("black-forest-labs/flux-2-pro");
    expect((await create("black-forest-labs/flux-2-pro", { prompt: "x" })).status).toBe(404);
    const model = await fetch(`${fake.baseUrl}/models/black-forest-labs/flux-2-pro`, { headers: { authorization: `Bearer ${fake.token}` } });
    expect(model.status).toBe(404);
    fake.restore("flux-2-pro");
    expect((await create("black-forest-labs/flux-2-pro", { prompt: "x" })).status).toBe(201);
  });

  it("honours Prefer: wait, and sizes match_input_image outputs like the input", async () => {
    const source = await picture(600, 400);
    const response = await create(
      "black-forest-labs/flux-2-pro",
      { prompt: "x", input_images: [`data:image/png;base64,${source.data.toString("base64")}`], aspect_ratio: "match_input_image", resolution: "match_input_image" },
      { prefer: "wait=60" },
    );
    expect(response.status).toBe(201);
    const prediction = (await response.json()) as { status: string; output: unknown };
    expect(prediction.status).toBe("succeeded");
    expect(typeof prediction.output).toBe("string");
    expect(lastPrediction().size).toEqual([880, 592]); // 0.23 MP, raised to the 0.5 MP floor in the input's shape
  });
});
