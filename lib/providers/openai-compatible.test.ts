// Follows the OpenAI API reference — Images (https://developers.openai.com/api/reference/resources/images; the
// official openai-node SDK does the calls) as self-hosted servers speak it, and Recraft's OpenAI-compatible endpoint
// (https://www.recraft.ai/docs/api-reference/endpoints "Generate image"; /appendix "List of supported image sizes";
// /models/recraft-v4 for prices). The models are catalog data: built here with the catalog's own parseOverrides +
// buildCatalog, the Recraft ones from the JSON example in docs/models.md. Runs against tests/fakes/openai-compatible.ts.
import { readFileSync } from "node:fs";
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { RECRAFT, SELF_HOSTED, startFakeCompatible, type FakeCompatible } from "@/tests/fakes/openai-compatible";
import { imageSize, providerFailure } from "@/tests/support/provider-asserts";
import { buildCatalog, parseOverrides } from "./catalog";
import { compatibleCatalog } from "./catalog/openai-compatible";
import { fetchResultUrl } from "./fetch-result";
import { OpenAICompatibleProvider } from "./openai-compatible";
import { withRetries } from "./reliability";
import { resolveSize } from "./sizes";
import type { GenerateRequest, ModelInfo, ProviderContext, SourceImage } from "./types";

/** The catalog's openai-compatible models for OPENAI_COMPATIBLE_MODELS plus an operator's JSON. */
function catalogFor(ids: string, operatorJson?: string): ModelInfo[] {
  const overrides = operatorJson ? [{ where: "MODEL_CATALOG", entries: parseOverrides(operatorJson, "MODEL_CATALOG") }] : [];
  return buildCatalog(compatibleCatalog({ OPENAI_COMPATIBLE_MODELS: ids }), overrides)
    .filter((e) => e.provider === "openai-compatible")
    .map(({ provider: _provider, ...model }) => model as ModelInfo);
}

/** The Recraft JSON of docs/models.md ("Example: Recraft V4"), so the documented configuration is what is tested. */
function recraftJsonFromDocs(): string {
  const doc = readFileSync(new URL("../../docs/models.md", import.meta.url), "utf8");
  const section = doc.slice(doc.indexOf("### Example: Recraft V4"));
  const block = /```json\n([\s\S]*?)\n```/.exec(section);
  if (!block) throw new Error("docs/models.md has no Recraft JSON example");
  return block[1];
}

const context = (signal: AbortSignal = AbortSignal.timeout(10_000)): { context: ProviderContext; fetched: string[] } => {
  const fetched: string[] = [];
  return {
    fetched,
    context: {
      signal,
      fetchResult: (url) => {
        fetched.push(url);
        return fetchResultUrl(url, { provider: "openai-compatible", allowedHosts: ["127.0.0.1"], allowPrivate: true, maxBytes: 50_000_000, timeoutMs: 5000, signal });
      },
    },
  };
};
const ctx = () => context().context;
const failure = providerFailure;
const png = async (width: number, height: number, background = "#808080"): Promise<SourceImage> => ({
  data: await sharp({ create: { width, height, channels: 3, background } }).png().toBuffer(), mimeType: "image/png", width, height,
});

describe("a self-hosted server (OPENAI_COMPATIBLE_MODELS, capabilities per model)", () => {
  let fake: FakeCompatible;
  const make = (operatorJson?: string, apiKey?: string) =>
    new OpenAICompatibleProvider({ baseUrl: fake.baseUrl, apiKey, models: catalogFor("sdxl-turbo,flux-schnell", operatorJson), name: "GPU box" });
  let provider: OpenAICompatibleProvider;
  const request = (over: Partial<GenerateRequest> = {}): GenerateRequest => ({
    prompt: "a lighthouse at dusk", model: "sdxl-turbo", width: 768, height: 512, aspectRatio: "3:2", n: 1, ...over,
  });

  beforeAll(async () => {
    fake = await startFakeCompatible(structuredClone(SELF_HOSTED), { prefix: "/custom/api/v1" });
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.requests.length = 0;
    fake.apiKey = null;
    fake.server.edits = true;
    provider = make();
  });

  it("takes its models, their capabilities and prices from the catalog", () => {
    expect(provider).toMatchObject({ id: "openai-compatible", name: "GPU box" });
    expect(provider.models.map((m) => m.id)).toEqual(["sdxl-turbo", "flux-schnell"]);
    expect(provider.models[0]).toMatchObject({ default: true, capabilities: { generate: true, edit: true, mask: false, maxImages: 4, sizes: { kind: "range", min: 256, max: 2048, multipleOf: 64 } } });
    expect(provider.isConfigured()).toBe(true);
    expect(new OpenAICompatibleProvider({ baseUrl: "", models: provider.models, name: "n" }).isConfigured()).toBe(false);
    expect(new OpenAICompatibleProvider({ baseUrl: fake.baseUrl, models: [], name: "n" }).isConfigured()).toBe(false);
    expect(provider.estimateCost(request({ n: 3 }))).toBe(0);
    const priced = make('[{"provider": "openai-compatible", "id": "flux-schnell", "costPerImageUsd": 0.002}]');
    expect(priced.estimateCost(request({ model: "flux-schnell", n: 2 }))).toBe(0.004);
    expect(priced.estimateCost(request({ model: "sdxl-turbo", n: 2 }))).toBe(0);
  });

  it("refuses options it does not know, naming the model", () => {
    expect(() => make('[{"provider": "openai-compatible", "id": "sdxl-turbo", "options": {"responseFormat": "png"}}]')).toThrow(/sdxl-turbo has invalid options: responseFormat/);
    expect(() => make('[{"provider": "openai-compatible", "id": "sdxl-turbo", "options": {"respons_format": "url"}}]')).toThrow(/sdxl-turbo has invalid options/);
  });

  it("generates at the custom base URL without an Authorization header when no key is set", async () => {
    const result = await provider.generate(request({ n: 2, negativePrompt: "blur", seed: 3 }), ctx());
    const sent = fake.requests.at(-1)!;
    expect(sent.path).toBe("/custom/api/v1/images/generations");
    expect(sent.headers.authorization).toBeUndefined();
    expect(sent.json).toEqual({ model: "sdxl-turbo", prompt: "a lighthouse at dusk. Avoid: blur.", n: 2, size: "768x512", response_format: "b64_json" });
    // The prompt as the server received it; no seed, since this model's entry takes none.
    expect(result.sent).toEqual({ prompt: (sent.json as { prompt: string }).prompt });
    expect(result.images).toHaveLength(2);
    expect(await sharp(result.images[1].data).metadata()).toMatchObject({ width: 768, height: 512, format: "png" });
    expect(result).toMatchObject({ model: "sdxl-turbo", costUsd: 0 });
  });

  it("sends negative_prompt, seed, style and extra fields natively when the model's entry says it takes them", async () => {
    const tuned = make(JSON.stringify([{ provider: "openai-compatible", id: "sdxl-turbo", capabilities: { edit: true, maxImages: 4, negativePrompt: true, seed: true }, options: { style: "vivid", responseFormat: null } }]));
    const result = await tuned.generate(request({ negativePrompt: "blur", seed: 3 }), ctx());
    expect(fake.requests.at(-1)!.json).toEqual({ model: "sdxl-turbo", prompt: "a lighthouse at dusk", n: 1, size: "768x512", negative_prompt: "blur", seed: 3, style: "vivid" });
    expect(result.sent).toEqual({ prompt: "a lighthouse at dusk", seed: 3 });
  });

  it("sends the configured key as a Bearer token; a missing or wrong one is auth", async () => {
    fake.apiKey = "local-secret";
    await make(undefined, "local-secret").generate(request(), ctx());
    expect(fake.requests.at(-1)!.headers.authorization).toBe("Bearer local-secret");
    expect((await failure(provider.generate(request(), ctx()))).kind).toBe("auth");
    expect((await failure(make(undefined, "wrong").generate(request(), ctx()))).kind).toBe("auth");
  });

  it("downloads url answers through context.fetchResult (options.responseFormat: url)", async () => {
    const byUrl = make('[{"provider": "openai-compatible", "id": "flux-schnell", "options": {"responseFormat": "url"}}]');
    const { context: c, fetched } = context();
    const result = await byUrl.generate(request({ model: "flux-schnell", width: 512, height: 512 }), c);
    expect((fake.requests.at(-1)!.json as { response_format: string }).response_format).toBe("url");
    expect(fetched).toHaveLength(1);
    expect(fetched[0].startsWith(`${fake.url}/files/`)).toBe(true);
    expect(result.images[0].mimeType).toBe("image/png");
    expect(await imageSize(result.images[0].data)).toEqual([512, 512]);
  });

  it("edits through /images/edits with the source as a PNG and, where the model takes masks, the mask in OpenAI's convention", async () => {
    const masked = make('[{"provider": "openai-compatible", "id": "sdxl-turbo", "capabilities": {"edit": true, "mask": true, "maxImages": 4}}]');
    const source = { ...(await png(640, 640)), data: await sharp({ create: { width: 640, height: 640, channels: 3, background: "#808080" } }).jpeg().toBuffer(), mimeType: "image/jpeg" };
    const result = await masked.edit(request({ width: 640, height: 640, prompt: "make it snowy", source, mask: await png(640, 640, "#ffffff") }), ctx());
    const sent = fake.requests.at(-1)!;
    expect(sent.path).toBe("/custom/api/v1/images/edits");
    const form = await new Response(new Uint8Array(sent.body), { headers: { "content-type": String(sent.headers["content-type"]) } }).formData();
    expect(Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string"))).toMatchObject({ model: "sdxl-turbo", prompt: "make it snowy", size: "640x640", response_format: "b64_json" });
    expect((await sharp(Buffer.from(await (form.get("image") as Blob).arrayBuffer())).metadata()).format).toBe("png");
    expect((await sharp(Buffer.from(await (form.get("mask") as Blob).arrayBuffer())).raw().toBuffer())[3]).toBe(0);
    expect(result.sent).toEqual({ prompt: form.get("prompt") });
    expect(result.images).toHaveLength(1);
  });

  it("refuses a mask or an edit the model's entry does not allow; a server without /images/edits is bad_request", async () => {
    const source = await png(256, 256, "#000");
    expect((await failure(provider.edit(request({ width: 256, height: 256, source, mask: source }), ctx()))).message).toMatch(/cannot edit with a mask/);
    const noEdit = make('[{"provider": "openai-compatible", "id": "sdxl-turbo", "capabilities": {"edit": false}}]');
    expect((await failure(noEdit.edit(request({ width: 256, height: 256, source }), ctx()))).message).toMatch(/cannot edit images/);
    expect(fake.requests).toHaveLength(0);
    fake.server.edits = false;
    const error = await failure(provider.edit(request({ width: 256, height: 256, source }), ctx()));
    expect(error).toMatchObject({ kind: "bad_request", status: 404 });
    expect(error.message).toContain("has no edit endpoint");
  });

  it("refuses unknown and retired models, sizes off the model's grid and too many images before calling", async () => {
    const withRetired = make('[{"provider": "openai-compatible", "id": "sd15", "label": "SD 1.5", "costPerImageUsd": 0, "capabilities": {"sizes": {"kind": "exact", "sizes": ["512x512"]}}, "lifecycle": {"status": "retired", "successor": "sdxl-turbo"}}]');
    const cases: Array<[OpenAICompatibleProvider, Partial<GenerateRequest>, RegExp]> = [
      [provider, { model: "gpt-image-1" }, /Unknown model gpt-image-1/],
      [withRetired, { model: "sd15", width: 512, height: 512 }, /sd15 was retired \(its successor is sdxl-turbo\)/],
      [provider, { width: 700 }, /does not accept the size 700x512/],
      [provider, { width: 4096 }, /does not accept/],
      [provider, { n: 5 }, /1 to 4 images/],
    ];
    for (const [p, over, message] of cases) {
      const error = await failure(p.generate(request(over), ctx()));
      expect(error.kind).toBe("bad_request");
      expect(error.message).toMatch(message);
    }
    expect(fake.requests).toHaveLength(0);
  });

  it("a model the server no longer has → model_not_found naming it", async () => {
    fake.retire("flux-schnell");
    const error = await failure(provider.generate(request({ model: "flux-schnell", width: 512, height: 512 }), ctx()));
    expect(error).toMatchObject({ kind: "model_not_found", model: "flux-schnell", status: 404, retryable: false });
    expect(error.message).toContain("The model 'flux-schnell' does not exist");
    expect(await provider.health(AbortSignal.timeout(5000))).toEqual({ healthy: true }); // the default is still listed
    const flux = new OpenAICompatibleProvider({ baseUrl: fake.baseUrl, models: catalogFor("flux-schnell"), name: "GPU box" });
    expect(await flux.health(AbortSignal.timeout(5000))).toMatchObject({ healthy: false, message: expect.stringContaining("does not list the model flux-schnell") });
  });

  it("429 then success through the retry layer; 503 → server; a hang ends as canceled or timeout", async () => {
    fake.queue("POST /custom/api/v1/images/generations", { status: 429, retryAfter: 0, body: { error: { message: "slow down", code: "rate_limit_exceeded" } } });
    const statuses: number[] = [];
    const result = await withRetries("openai-compatible", (signal) => provider.generate(request(), context(signal).context), { timeoutMs: 5000, maxRetries: 2, baseDelayMs: 1, onRetry: ({ error }) => statuses.push(error.status!) }, new AbortController().signal);
    expect(statuses).toEqual([429]);
    expect(result.images).toHaveLength(1);
    fake.queue("POST /custom/api/v1/images/generations", { status: 503, retryAfter: 2 }, { hang: true }, { hang: true });
    expect(await failure(provider.generate(request(), ctx()))).toMatchObject({ kind: "server", retryAfter: 2, retryable: true });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    expect((await failure(provider.generate(request(), context(controller.signal).context))).kind).toBe("canceled");
    expect((await failure(provider.generate(request(), context(AbortSignal.timeout(150)).context))).kind).toBe("timeout");
  });

  it("checks health with GET /models and reports an unreachable server", async () => {
    expect(await provider.health(AbortSignal.timeout(5000))).toEqual({ healthy: true });
    expect(fake.requests.at(-1)!.path).toBe("/custom/api/v1/models");
    const down = new OpenAICompatibleProvider({ baseUrl: "http://127.0.0.1:9/v1", models: catalogFor("m"), name: "down" });
    const health = await down.health(AbortSignal.timeout(5000));
    expect(health.healthy).toBe(false);
    expect(health.message).toMatch(/could not be reached/);
    expect((await failure(down.generate(request({ model: "m" }), ctx()))).kind).toBe("network");
  });
});

describe("Recraft, added by configuration alone (docs/models.md)", () => {
  let fake: FakeCompatible;
  let provider: OpenAICompatibleProvider;
  const request = (over: Partial<GenerateRequest> = {}): GenerateRequest => ({
    prompt: "a poster of a fox reading HELLO", model: "recraftv4", width: 1344, height: 768, aspectRatio: "16:9", n: 1, ...over,
  });

  beforeAll(async () => {
    fake = await startFakeCompatible(RECRAFT, { apiKey: "recraft-token" });
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.requests.length = 0;
    provider = new OpenAICompatibleProvider({ baseUrl: fake.baseUrl, apiKey: "recraft-token", models: catalogFor("recraftv4,recraftv4_pro", recraftJsonFromDocs()), name: "Recraft" });
  });

  it("the documented JSON gives each model its own fixed size table, image count and price", () => {
    const [v4, pro] = provider.models;
    expect(provider.models.map((m) => [m.id, m.label, m.costPerImageUsd, m.default ?? false])).toEqual([["recraftv4", "Recraft V4", 0.04, true], ["recraftv4_pro", "Recraft V4 Pro", 0.25, false]]);
    expect(v4.capabilities).toMatchObject({ generate: true, edit: false, variations: false, maxImages: 6, sizes: { kind: "exact", sizes: RECRAFT.models.recraftv4.sizes } });
    expect(pro.capabilities.sizes).toEqual({ kind: "exact", sizes: RECRAFT.models.recraftv4_pro.sizes });
    // What size selection makes of the tables: sizes of the table are taken as they are, a ratio picks its size.
    expect(resolveSize(v4.capabilities, { width: 1344, height: 768 })).toEqual({ width: 1344, height: 768, aspectRatio: "7:4" });
    expect(resolveSize(v4.capabilities, { aspectRatio: "2:1" })).toEqual({ width: 1536, height: 768, aspectRatio: "2:1" });
    expect(resolveSize(pro.capabilities, { aspectRatio: "1:1" })).toEqual({ width: 2048, height: 2048, aspectRatio: "1:1" });
    expect(resolveSize(v4.capabilities, { width: 1024, height: 768 })).toMatchObject({ error: expect.stringContaining("not a size this model makes") });
    expect(provider.estimateCost(request({ model: "recraftv4_pro", n: 2 }))).toBe(0.5);
  });

  it.each([
    ["recraftv4", 1344, 768, 3, 0.12],
    ["recraftv4_pro", 2048, 2048, 1, 0.25],
  ])("generates with %s at %d×%d (n=%d) and charges its own price", async (model, width, height, n, cost) => {
    const result = await provider.generate(request({ model, width, height, n }), ctx());
    const sent = fake.requests.at(-1)!;
    expect(sent.path).toBe("/v1/images/generations");
    expect(sent.headers.authorization).toBe("Bearer recraft-token");
    expect(sent.json).toEqual({ model, prompt: "a poster of a fox reading HELLO", n, size: `${width}x${height}`, response_format: "b64_json" });
    expect(result.images).toHaveLength(n);
    expect(await imageSize(result.images[0].data)).toEqual([width, height]);
    expect(result.costUsd).toBeCloseTo(cost);
  });

  it("a size outside a model's table is refused before sending; Recraft's own refusal is read through its error body", async () => {
    expect((await failure(provider.generate(request({ width: 1024, height: 768, aspectRatio: "4:3" }), ctx()))).message).toMatch(/recraftv4 does not accept the size 1024x768/);
    expect((await failure(provider.generate(request({ model: "recraftv4_pro" }), ctx()))).message).toMatch(/recraftv4_pro does not accept the size 1344x768/);
    expect(fake.requests).toHaveLength(0);
    // A table that is wrong (here: a size Recraft does not make) meets Recraft's 400, and its message survives.
    const wrong = JSON.stringify([{ provider: "openai-compatible", id: "recraftv4", capabilities: { sizes: { kind: "exact", sizes: ["1024x768"] } } }]);
    const misconfigured = new OpenAICompatibleProvider({ baseUrl: fake.baseUrl, apiKey: "recraft-token", models: catalogFor("recraftv4", wrong), name: "Recraft" });
    const refused = await failure(misconfigured.generate(request({ width: 1024, height: 768, aspectRatio: "4:3" }), ctx()));
    expect(refused).toMatchObject({ kind: "bad_request", status: 400 });
    expect(refused.message).toContain("Size 1024x768 is not supported by recraftv4");
  });

  it("has no edits (refused before calling) and counts as healthy without a GET /models", async () => {
    expect((await failure(provider.edit(request({ source: await png(1344, 768) }), ctx()))).message).toMatch(/cannot edit images/);
    expect(fake.requests).toHaveLength(0);
    expect(await provider.health(AbortSignal.timeout(5000))).toEqual({ healthy: true, message: "Recraft answers (it has no GET /models)" });
    const keyless = new OpenAICompatibleProvider({ baseUrl: fake.baseUrl, models: provider.models, name: "Recraft" });
    expect((await failure(keyless.generate(request(), ctx()))).kind).toBe("auth");
  });
});
