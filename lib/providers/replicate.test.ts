// Follows the Replicate HTTP API reference: https://replicate.com/docs/reference/http (predictions on official
// models, prediction lifecycle https://replicate.com/docs/topics/predictions/lifecycle) and the Flux model
// schemas https://replicate.com/black-forest-labs/flux-1.1-pro/api/schema (…/flux-dev, …/flux-schnell).
import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startFakeReplicate, type FakeReplicate, type FakeReplicateOptions } from "@/tests/fakes/replicate";
import { fetchResultUrl } from "./fetch-result";
import { ReplicateProvider, type ReplicateConfig } from "./replicate";
import { ProviderError, type GenerateRequest, type ProgressEvent } from "./types";
import { styleText } from "./prompt";

const MODELS = { pro: "black-forest-labs/flux-1.1-pro", dev: "black-forest-labs/flux-dev", schnell: "black-forest-labs/flux-schnell" };
let fake: FakeReplicate;

async function setup(options: FakeReplicateOptions = {}, config: Partial<ReplicateConfig> = {}) {
  fake = await startFakeReplicate(options);
  return new ReplicateProvider({ apiToken: fake.token, baseUrl: fake.baseUrl, models: MODELS, pollIntervalMs: 20, ...config });
}
afterEach(async () => {
  vi.restoreAllMocks();
  await fake?.close();
});

const request = (over: Partial<GenerateRequest> = {}): GenerateRequest => ({
  prompt: "a lighthouse at dusk", model: "flux-1.1-pro", width: 1024, height: 1024, aspectRatio: "1:1", n: 1, ...over,
});

function context(signal: AbortSignal = new AbortController().signal) {
  const events: ProgressEvent[] = [];
  const fetchResult = vi.fn((url: string) =>
    fetchResultUrl(url, { provider: "replicate", allowedHosts: ["127.0.0.1"], allowPrivate: true, maxBytes: 20_000_000, timeoutMs: 5000, signal }),
  );
  return { signal, events, fetchResult, onProgress: (event: ProgressEvent): void => void events.push(event) };
}

const creates = () => fake.requestsTo("POST", "/v1/models/");
const polls = () => fake.requestsTo("GET", "/v1/predictions/");
const cancels = () => fake.server.requests.filter((r) => r.method === "POST" && r.path.endsWith("/cancel"));
const failure = (promise: Promise<unknown>) => promise.then(() => { throw new Error("expected a ProviderError"); }, (e: unknown) => e as ProviderError);
const sizeOf = async (data: Buffer) => {
  const meta = await sharp(data).metadata();
  return [meta.format, meta.width, meta.height];
};

describe("ReplicateProvider.generate", () => {
  it("runs flux-1.1-pro on the official-model endpoint and copies the single output at once", async () => {
    const provider = await setup();
    const ctx = context();
    const result = await provider.generate(
      request({ aspectRatio: "16:9", seed: 7, style: "painting", palette: ["#112233"], negativePrompt: "text, watermark" }),
      ctx,
    );
    expect(creates()).toHaveLength(1);
    const [create] = creates();
    expect(create.path).toBe("/v1/models/black-forest-labs/flux-1.1-pro/predictions");
    expect(create.headers.authorization).toBe(`Bearer ${fake.token}`);
    const { input } = create.json as { input: Record<string, unknown> };
    expect(Object.keys(input).sort()).toEqual(["aspect_ratio", "output_format", "prompt", "seed"]);
    expect(input).toMatchObject({ aspect_ratio: "16:9", seed: 7, output_format: "png" });
    expect(input.prompt).toBe(`a lighthouse at dusk Style: ${styleText.painting}. Colour palette: #112233. Avoid: text, watermark.`);

    const prediction = [...fake.predictions.values()][0];
    expect(ctx.fetchResult.mock.calls.map(([url]) => url)).toEqual([prediction.output]);
    expect(String(prediction.output)).toMatch(new RegExp(`^${fake.server.url}/delivery/`));
    expect(result.images).toHaveLength(1);
    expect(await sizeOf(result.images[0].data)).toEqual(["png", 1344, 768]);
    expect(result.images[0].seed).toBe(7);
    expect(result).toMatchObject({ model: "flux-1.1-pro", externalId: prediction.id, costUsd: 0.04, predictTimeSeconds: 1.25 });
  });

  it("runs flux-dev with num_outputs and downloads every output", async () => {
    const provider = await setup();
    const ctx = context();
    const result = await provider.generate(request({ model: "flux-dev", aspectRatio: "3:2", n: 2 }), ctx);
    expect(creates()[0].path).toBe("/v1/models/black-forest-labs/flux-dev/predictions");
    expect((creates()[0].json as { input: object }).input).toEqual({ prompt: "a lighthouse at dusk", aspect_ratio: "3:2", output_format: "png", num_outputs: 2 });
    const output = [...fake.predictions.values()][0].output as string[];
    expect(ctx.fetchResult.mock.calls.map(([url]) => url)).toEqual(output);
    expect(await Promise.all(result.images.map((i) => sizeOf(i.data)))).toEqual([["png", 1216, 832], ["png", 1216, 832]]);
    expect(result.costUsd).toBeCloseTo(0.05);
  });

  it("runs flux-schnell for four images with the webhook, taking the seed it chose from the logs", async () => {
    const provider = await setup({}, { outputFormat: "webp", webhookUrl: "https://studio.example/api/webhooks/replicate" });
    const result = await provider.generate(request({ model: "flux-schnell", n: 4 }), context());
    expect(creates()[0].path).toBe("/v1/models/black-forest-labs/flux-schnell/predictions");
    expect(creates()[0].json).toMatchObject({
      input: { num_outputs: 4, output_format: "webp" },
      webhook: "https://studio.example/api/webhooks/replicate",
      webhook_events_filter: ["completed"],
    });
    expect(result.images.map((i) => i.seed)).toEqual([4242, 4242, 4242, 4242]);
    expect(await sizeOf(result.images[3].data)).toEqual(["webp", 1024, 1024]);
    expect(result.costUsd).toBeCloseTo(0.012);
  });

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

  it("refuses an aspect ratio or count the model does not take, without calling Replicate", async () => {
    const provider = await setup();
    expect((await failure(provider.generate(request({ aspectRatio: "21:9" }), context()))).kind).toBe("bad_request");
    expect((await failure(provider.generate(request({ model: "flux-schnell", n: 5 }), context()))).kind).toBe("bad_request");
    expect((await failure(provider.generate(request({ model: "sdxl" }), context()))).kind).toBe("bad_request");
    expect(creates()).toHaveLength(0);
  });
});

describe("ReplicateProvider image-to-image", () => {
  const source = async () => ({ data: await sharp({ create: { width: 300, height: 200, channels: 3, background: "#884422" } }).png().toBuffer(), mimeType: "image/png", width: 300, height: 200 });

  it("sends the source to flux-dev as a data URI with prompt_strength", async () => {
    const provider = await setup();
    const src = await source();
    const result = await provider.variations(request({ model: "flux-dev", aspectRatio: "3:2", source: src, strength: 0.6 }), context());
    const { input } = creates()[0].json as { input: Record<string, unknown> };
    expect(creates()[0].path).toBe("/v1/models/black-forest-labs/flux-dev/predictions");
    expect(input.prompt_strength).toBe(0.6);
    expect(input.image).toBe(`data:image/png;base64,${src.data.toString("base64")}`);
    expect(await sizeOf(result.images[0].data)).toEqual(["png", 300, 200]);
  });

  it("refuses a mask, and a model without image-to-image", async () => {
    const provider = await setup();
    const src = await source();
    expect((await failure(provider.edit(request({ model: "flux-dev", source: src, mask: src }), context()))).kind).toBe("bad_request");
    expect((await failure(provider.edit(request({ model: "flux-1.1-pro", source: src }), context()))).kind).toBe("bad_request");
    expect(creates()).toHaveLength(0);
  });
});

describe("ReplicateProvider errors", () => {
  it("maps 429 with Retry-After to rate_limited and sends the create exactly once (no SDK retry)", async () => {
    const provider = await setup();
    fake.server.queue("POST /v1/models/", { status: 429, retryAfter: 7, body: { title: "Too Many Requests", detail: "Request was throttled.", status: 429 } });
    const error = await failure(provider.generate(request(), context()));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: "rate_limited", status: 429, retryAfter: 7 });
    expect(error.message).toContain("Request was throttled.");
    expect(creates()).toHaveLength(1);
  });

  it("maps 500 on create to server, sent once", async () => {
    const provider = await setup();
    fake.server.queue("POST /v1/models/", { status: 500, body: { title: "Internal Server Error", detail: "boom", status: 500 } });
    expect(await failure(provider.generate(request(), context()))).toMatchObject({ kind: "server", status: 500 });
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
    const prediction = [...fake.predictions.values()][0];
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

describe("ReplicateProvider.health and models", () => {
  it("checks GET /v1/account", async () => {
    const provider = await setup();
    expect(await provider.health(new AbortController().signal)).toEqual({ healthy: true });
    expect(fake.requestsTo("GET", "/v1/account")).toHaveLength(1);
    const wrong = new ReplicateProvider({ apiToken: "r8_wrong", baseUrl: fake.baseUrl, models: MODELS });
    expect((await wrong.health(new AbortController().signal)).healthy).toBe(false);
    expect(new ReplicateProvider({ apiToken: "", models: MODELS }).isConfigured()).toBe(false);
  });

  it("declares the Flux models with their prices and capabilities", async () => {
    const provider = await setup();
    const byId = Object.fromEntries(provider.models.map((m) => [m.id, m]));
    expect(byId["flux-1.1-pro"]).toMatchObject({ costPerImageUsd: 0.04, capabilities: { edit: false, maxImages: 1, seed: true } });
    expect(byId["flux-dev"]).toMatchObject({ costPerImageUsd: 0.025, capabilities: { edit: true, variations: true, mask: false } });
    expect(byId["flux-schnell"]).toMatchObject({ costPerImageUsd: 0.003, capabilities: { maxImages: 4 } });
    expect(byId["flux-1.1-pro"].capabilities.sizes).toMatchObject({ kind: "aspect", pixels: { "16:9": "1344x768" } });
    expect(provider.estimateCost(request({ model: "flux-schnell", n: 3 }))).toBeCloseTo(0.009);
    expect(provider.resultHosts).toEqual(["replicate.delivery", ".replicate.delivery", "127.0.0.1"]);
  });
});

describe("the fake", () => {
  beforeEach(async () => {
    fake = await startFakeReplicate();
  });

  it("answers invalid inputs with Replicate's 422 problem shape", async () => {
    const response = await fetch(`${fake.baseUrl}/models/${MODELS.pro}/predictions`, {
      method: "POST",
      headers: { authorization: `Bearer ${fake.token}`, "content-type": "application/json" },
      body: JSON.stringify({ input: { prompt: "x", aspect_ratio: "21:9", num_outputs: 2 } }),
    });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { title: string; detail: string; status: number };
    expect(body).toMatchObject({ title: "Input validation failed", status: 422 });
    expect(body.detail).toContain("aspect_ratio");
    expect(body.detail).toContain("num_outputs");
  });
});
