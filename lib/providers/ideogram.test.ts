// Follows the Ideogram API reference as of December 2026:
// - developer.ideogram.ai/v1/api-reference/generate-images/generate-v4 ("Generate with Ideogram 4.0") and
//   developer.ideogram.ai/api-reference/edit-images/remix-v4 ("Remix with Ideogram 4.0"), checked field by field
//   against Ideogram's OpenAPI document (https://api.ideogram.ai/openapi.json, mirrored by tryAGI/Ideogram,
//   2026-07-02): GenerateImageRequestV4, RemixImageRequestV4, ResolutionV4, ImageGenerationResponseV4;
// - developer.ideogram.ai/api-reference: "Generate with Ideogram 3.0", "Generate with Ideogram 3.0 (Transparent
//   Background)", "Remix with Ideogram 3.0", "Inpaint with Ideogram 3.0", "List models";
// - developer.ideogram.ai/ideogram-api/deprecations (Deprecation header, `notice`), ideogram.ai/features/api-pricing.
// The adapter's real fetch code runs against the local fake in tests/fakes/ideogram.ts.
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { EDIT_PAINT, PARTLY_UNSAFE_WORD, REFUSED_WORD, UNSAFE_WORD, formOf, startFakeIdeogram, type FakeIdeogram } from "@/tests/fakes/ideogram";
import { buildCatalog } from "./catalog";
import { ideogramCatalog } from "./catalog/ideogram";
import { fetchResultUrl } from "./fetch-result";
import { IdeogramProvider } from "./ideogram";
import { withRetries } from "./reliability";
import { type GenerateRequest, type ModelInfo, type ProviderContext, type SourceImage } from "./types";
import { imageSize, providerFailure } from "@/tests/support/provider-asserts";

/** The built-in catalog plus a retired entry, as an operator's catalog would carry one. */
const MODELS: ModelInfo[] = buildCatalog(
  [
    ...ideogramCatalog,
    {
      provider: "ideogram", id: "ideogram-v2", label: "Ideogram 2.0", costPerImageUsd: 0.08,
      capabilities: { sizes: { kind: "aspect", ratios: ["1:1"], pixels: { "1:1": "1024x1024" } } },
      lifecycle: { status: "retired", shutdownDate: "2026-06-01", successor: "ideogram-v4" },
    },
  ],
  [],
).map(({ provider: _provider, ...model }) => model as ModelInfo);

let fake: FakeIdeogram;
let provider: IdeogramProvider;
let fetchResult: ReturnType<typeof vi.fn<ProviderContext["fetchResult"]>>;
/** Every path this file's calls reached, for the last check. */
const seen: string[] = [];

beforeAll(async () => {
  fake = await startFakeIdeogram();
});
afterAll(() => fake.close());
beforeEach(() => {
  seen.push(...fake.requests.map((r) => r.path));
  fake.requests.length = 0;
  provider = new IdeogramProvider({ apiKey: fake.apiKey, baseUrl: `${fake.url}/`, models: MODELS });
  fetchResult = vi.fn((url: string) =>
    fetchResultUrl(url, { provider: "ideogram", allowedHosts: ["127.0.0.1"], allowPrivate: true, maxBytes: 20_000_000, timeoutMs: 5000, signal: AbortSignal.timeout(5000) }),
  );
});

const context = (signal: AbortSignal = new AbortController().signal, extra: Partial<ProviderContext> = {}): ProviderContext => ({ signal, fetchResult, ...extra });
const request = (overrides: Partial<GenerateRequest> = {}): GenerateRequest => ({
  prompt: "a vintage travel poster reading VISIT MARS",
  model: "ideogram-v4",
  width: 1024,
  height: 1024,
  aspectRatio: "1:1",
  n: 1,
  ...overrides,
});
const v3 = (overrides: Partial<GenerateRequest> = {}) => request({ model: "ideogram-v3", ...overrides });
const size = imageSize;
const failure = providerFailure;
const fields = async (i = 0) => Object.fromEntries([...(await formOf(fake.requests[i])).entries()].filter(([, v]) => typeof v === "string"));
const file = async (name: string, i = 0) => Buffer.from(await ((await formOf(fake.requests[i])).get(name) as Blob).arrayBuffer());

async function sourceImage(width = 300, height = 200): Promise<SourceImage> {
  const data = await sharp({ create: { width, height, channels: 3, background: "#2060a0" } }).png().toBuffer();
  return { data, mimeType: "image/png", width, height };
}
/** Our convention: white = change. A white square at (x, y, side) on black, at half the source's resolution. */
async function ourMask(x: number, y: number, side: number, width: number, height: number): Promise<SourceImage> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#000"/><rect x="${x}" y="${y}" width="${side}" height="${side}" fill="#fff"/></svg>`;
  return { data: await sharp(Buffer.from(svg)).png().toBuffer(), mimeType: "image/png", width, height };
}
const pixel = async (png: Buffer, x: number, y: number) => {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return [...data.subarray(at, at + Math.min(3, info.channels))];
};

describe("the models come from the catalog", () => {
  it("lists the catalog's models with Ideogram 4.0 as the default, and prices per rendering speed", () => {
    expect(provider.models.map((m) => m.id)).toEqual(["ideogram-v4", "ideogram-v4-turbo", "ideogram-v4-quality", "ideogram-v3", "ideogram-v3-turbo", "ideogram-v3-quality", "ideogram-upscale", "ideogram-remove-background", "ideogram-v2"]);
    expect(provider.models[0]).toMatchObject({ default: true, capabilities: { maxImages: 1, mask: false, transparentBackground: false, resolutions: { "2K": 2 } } });
    expect(provider.estimateCost(request({ model: "ideogram-v4-quality", n: 2 }))).toBeCloseTo(0.2);
    expect(provider.estimateCost(v3({ model: "ideogram-v3-turbo", n: 3 }))).toBeCloseTo(0.09);
    expect(provider.estimateCost(v3({ background: "transparent", n: 2 }))).toBeCloseTo(0.14); // the transparent endpoint's price
    expect(provider.estimateCost(request({ model: "nope" }))).toBe(0);
  });

  it("refuses a live catalog entry that does not say which API version it speaks", () => {
    const broken = { ...MODELS[0], id: "ideogram-custom", options: { renderingSpeed: "TURBO" } };
    expect(() => new IdeogramProvider({ apiKey: "k", models: [broken] })).toThrow(/ideogram-custom needs options \{version: 3 \| 4/);
  });
});

describe("Ideogram 4.0 generate (POST /v1/ideogram-v4/generate)", () => {
  it("sends text_prompt, resolution and rendering_speed only, folds style, palette and negative prompt into the words", async () => {
    const result = await provider.generate(request({ seed: 42, negativePrompt: "blurry", style: "anime", palette: ["#ff0000", "#00ff00"] }), context());
    expect(fake.requests).toHaveLength(1);
    const sent = fake.requests[0];
    expect(sent.path).toBe("/v1/ideogram-v4/generate");
    expect(sent.headers["api-key"]).toBe(fake.apiKey);
    expect(sent.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    const { text_prompt, ...rest } = await fields();
    expect(rest).toEqual({ rendering_speed: "DEFAULT", resolution: "1024x1024", seed: "42" });
    expect(text_prompt).toMatch(/^a vintage travel poster reading VISIT MARS\. Style: anime style.*Colour palette: #ff0000, #00ff00\. Avoid: blurry\.$/);
    expect(result.images).toHaveLength(1);
    expect(await size(result.images[0].data)).toEqual([1024, 1024]);
    // What was sent, as sent; the prompt Ideogram answers it used (its magic prompt) is the image's own.
    expect(result.sent).toEqual({ prompt: text_prompt, seed: 42 });
    expect(result.images[0]).toMatchObject({ seed: 42, revisedPrompt: `${text_prompt} (magic)` });
    expect(fetchResult).toHaveBeenCalledTimes(1);
    expect(fetchResult.mock.calls[0][0]).toMatch(new RegExp(`^${fake.url}/api/images/ephemeral/`));
    expect(result).toMatchObject({ model: "ideogram-v4", costUsd: 0.06 });
  });

  it("a 2K size is sent as the doubled resolution; 16:9 at 1K is 1280x720", async () => {
    const big = await provider.generate(request({ width: 2560, height: 1440, aspectRatio: "16:9", resolution: "2K" }), context());
    expect((await fields()).resolution).toBe("2560x1440");
    expect(await size(big.images[0].data)).toEqual([2560, 1440]);
    await provider.generate(request({ width: 1280, height: 720, aspectRatio: "16:9" }), context());
    expect((await fields(1)).resolution).toBe("1280x720");
  });

  it("n images are n calls (4.0 makes one per call), each with the next seed", async () => {
    const wide = new IdeogramProvider({ apiKey: fake.apiKey, baseUrl: fake.url, models: MODELS.map((m) => (m.id === "ideogram-v4" ? { ...m, capabilities: { ...m.capabilities, maxImages: 3 } } : m)) });
    const result = await wide.generate(request({ n: 3, seed: 7 }), context());
    expect(fake.requests.map((r) => r.path)).toEqual(Array(3).fill("/v1/ideogram-v4/generate"));
    expect((await Promise.all([0, 1, 2].map((i) => fields(i)))).map((f) => f.seed).sort()).toEqual(["7", "8", "9"]);
    expect(result.images).toHaveLength(3);
    expect(result.costUsd).toBeCloseTo(0.18);
  });
});

describe("every live model generates", () => {
  it.each([
    ["ideogram-v4", "/v1/ideogram-v4/generate", "DEFAULT", 0.06],
    ["ideogram-v4-turbo", "/v1/ideogram-v4/generate", "TURBO", 0.03],
    ["ideogram-v4-quality", "/v1/ideogram-v4/generate", "QUALITY", 0.1],
    ["ideogram-v3", "/v1/ideogram-v3/generate", "DEFAULT", 0.06],
    ["ideogram-v3-turbo", "/v1/ideogram-v3/generate", "TURBO", 0.03],
    ["ideogram-v3-quality", "/v1/ideogram-v3/generate", "QUALITY", 0.09],
  ])("%s → %s at %s, $%s an image", async (model, path, speed, price) => {
    const v4 = model.startsWith("ideogram-v4");
    const result = await provider.generate(request({ model, width: 864, height: 1152, aspectRatio: "3:4" }), context());
    expect(fake.requests[0].path).toBe(path);
    expect(await fields()).toMatchObject(v4 ? { rendering_speed: speed, resolution: "864x1152" } : { rendering_speed: speed, aspect_ratio: "3x4", num_images: "1" });
    expect(await size(result.images[0].data)).toEqual([864, 1152]);
    expect(result.costUsd).toBeCloseTo(price as number);
  });
});

describe("Ideogram 3.0 where 4.0 has no equivalent", () => {
  it("sends the documented 3.0 fields: palette as color_palette members, negative_prompt, style_type, num_images", async () => {
    const result = await provider.generate(
      v3({ model: "ideogram-v3-turbo", aspectRatio: "16:9", width: 1312, height: 736, n: 2, seed: 42, negativePrompt: "blurry", style: "photorealistic", palette: ["#ff0000", "#00ff00", "#0000ff"] }),
      context(),
    );
    expect(fake.requests[0].path).toBe("/v1/ideogram-v3/generate");
    const { color_palette, ...rest } = await fields();
    expect(rest).toEqual({
      prompt: "a vintage travel poster reading VISIT MARS", rendering_speed: "TURBO", num_images: "2", seed: "42",
      negative_prompt: "blurry", style_type: "REALISTIC", aspect_ratio: "16x9",
    });
    expect(JSON.parse(color_palette as string)).toEqual({
      members: [{ color_hex: "#ff0000", color_weight: 1 }, { color_hex: "#00ff00", color_weight: 0.67 }, { color_hex: "#0000ff", color_weight: 0.33 }],
    });
    expect(result.images).toHaveLength(2);
    for (const image of result.images) expect(await size(image.data)).toEqual([1312, 736]);
    expect(result.images.map((i) => i.seed)).toEqual([42, 43]);
    // The negative prompt and style went as fields: the prompt sent has neither in its words.
    expect(result.sent).toEqual({ prompt: rest.prompt, seed: 42 });
    expect(result).toMatchObject({ model: "ideogram-v3-turbo", costUsd: 0.06 });
  });

  it("a transparent background uses generate-transparent (its own price), with the palette said in the prompt", async () => {
    const result = await provider.generate(v3({ background: "transparent", palette: ["#123456"], style: "icon", n: 2 }), context());
    expect(fake.requests[0].path).toBe("/v1/ideogram-v3/generate-transparent");
    const sent = await fields();
    expect(sent.color_palette).toBeUndefined();
    expect(sent.style_type).toBeUndefined();
    expect(sent.prompt).toContain("#123456");
    const { data } = await sharp(result.images[0].data).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    expect(data[3]).toBe(0);
    expect(result.costUsd).toBeCloseTo(0.14);
  });

  it("edit with a mask inpaints: our white area becomes Ideogram's black, resized to the source", async () => {
    const source = await sourceImage(300, 200);
    const mask = await ourMask(10, 10, 40, 150, 100); // covers (20..100, 20..100) at the source's scale
    const result = await provider.edit(v3({ prompt: "a red balloon", source, mask, negativePrompt: "text" }), context());
    expect(fake.requests[0].path).toBe("/v1/ideogram-v3/inpaint");
    const sent = await fields();
    expect(sent.negative_prompt).toBeUndefined();
    expect(sent.prompt).toBe("a red balloon. Avoid: text.");
    expect(result.sent).toEqual({ prompt: sent.prompt });
    const sentMask = await file("mask");
    expect(await size(sentMask)).toEqual([300, 200]);
    expect((await pixel(sentMask, 50, 50))[0]).toBe(0); // inside our white square: edit = black
    expect((await pixel(sentMask, 200, 150))[0]).toBe(255); // outside: keep = white
    expect(await pixel(result.images[0].data, 50, 50)).toEqual([EDIT_PAINT.r, EDIT_PAINT.g, EDIT_PAINT.b]);
    expect(await pixel(result.images[0].data, 200, 150)).toEqual([0x20, 0x60, 0xa0]);
  });

  it("variations on 3.0 remix with aspect_ratio and num_images", async () => {
    const source = await sourceImage();
    const result = await provider.variations(v3({ source, strength: 0.3, aspectRatio: "3:2", width: 1248, height: 832, n: 2 }), context());
    expect(fake.requests[0].path).toBe("/v1/ideogram-v3/remix");
    expect(await fields()).toMatchObject({ image_weight: "70", aspect_ratio: "3x2", num_images: "2" });
    expect(await size(result.images[0].data)).toEqual([1248, 832]);
  });
});

describe("Ideogram 4.0 remix (POST /v1/ideogram-v4/remix)", () => {
  it("variations send the source, text_prompt, image_weight from strength and the resolution; remix takes no seed", async () => {
    const source = await sourceImage();
    const result = await provider.variations(request({ source, strength: 0.3, seed: 5, aspectRatio: "3:2", width: 1248, height: 832 }), context());
    expect(fake.requests[0].path).toBe("/v1/ideogram-v4/remix");
    expect(await fields()).toEqual({ text_prompt: "a vintage travel poster reading VISIT MARS", rendering_speed: "DEFAULT", resolution: "1248x832", image_weight: "70" });
    expect(result.sent).toEqual({ prompt: "a vintage travel poster reading VISIT MARS" }); // no seed: remix takes none
    expect((await file("image")).equals(source.data)).toBe(true);
    expect(await size(result.images[0].data)).toEqual([1248, 832]);
    await provider.variations(request({ source, strength: 1 }), context());
    expect((await fields(1)).image_weight).toBe("1");
  });

  it("edit without a mask is a 4.0 remix guided by the prompt (keeping the composition when asked)", async () => {
    await provider.edit(request({ prompt: "as a watercolour", source: await sourceImage(), strength: 0.6, preserveStructure: true }), context());
    expect(fake.requests[0].path).toBe("/v1/ideogram-v4/remix");
    expect(await fields()).toMatchObject({ text_prompt: "as a watercolour. Keep the composition, layout and perspective of the original image.", image_weight: "40" });
  });
});

describe("refusals before anything is sent", () => {
  it("sizes, counts, seeds and capabilities the model does not have; retired and unknown ids", async () => {
    const source = await sourceImage();
    const mask = await ourMask(0, 0, 10, 150, 100);
    const cases: Array<[string, () => Promise<unknown>, RegExp]> = [
      ["v4 size off its list", () => provider.generate(request({ width: 1312, height: 736, aspectRatio: "16:9" }), context()), /does not make 1312×736/],
      ["v4 at 4K", () => provider.generate(request({ width: 4096, height: 4096 }), context()), /does not make/],
      ["v3 ratio", () => provider.generate(v3({ aspectRatio: "7:5" }), context()), /aspect ratio 7:5/],
      ["v3 n=9", () => provider.generate(v3({ n: 9 }), context()), /1–8 images/],
      ["v4 n=2", () => provider.generate(request({ n: 2 }), context()), /one image per call, not 2/],
      ["seed", () => provider.generate(request({ seed: -1 }), context()), /seeds/],
      ["v4 mask", () => provider.edit(request({ source, mask }), context()), /cannot edit with a mask/],
      ["v4 transparent", () => provider.generate(request({ background: "transparent" }), context()), /cannot make transparent/],
      ["no source", () => provider.variations(request(), context()), /needs a source/],
      ["unknown id", () => provider.generate(request({ model: "ideogram-v9" }), context()), /Unknown Ideogram model/],
      ["retired id", () => provider.generate(request({ model: "ideogram-v2" }), context()), /retired \(its successor is ideogram-v4\)/],
    ];
    for (const [name, call, message] of cases) {
      const error = await failure(call());
      expect(error.kind, name).toBe("bad_request");
      expect(error.message, name).toMatch(message);
    }
    expect(fake.requests).toHaveLength(0);
  });
});

describe("safety, failures and life cycle", () => {
  it("skips images flagged unsafe; none left or a 422 → content_policy", async () => {
    const partly = await provider.generate(v3({ prompt: `a ${PARTLY_UNSAFE_WORD} poster`, n: 3 }), context());
    expect(partly.images).toHaveLength(2);
    expect(fetchResult).toHaveBeenCalledTimes(2);
    expect(partly.costUsd).toBeCloseTo(0.18);
    expect((await failure(provider.generate(request({ prompt: `an ${UNSAFE_WORD} poster` }), context()))).kind).toBe("content_policy");
    const refused = await failure(provider.generate(request({ prompt: `a ${REFUSED_WORD} poster` }), context()));
    expect(refused).toMatchObject({ kind: "content_policy", status: 422 });
    expect(refused.message).toContain("failed safety check");
  });

  it("trusts is_image_safe even when an unsafe entry still carries a url", async () => {
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#fff" } }).png().toBuffer();
    const [bad, good] = [fake.serveFile("/api/images/ephemeral/bad.png", png, "image/png"), fake.serveFile("/api/images/ephemeral/good.png", png, "image/png")];
    const entry = (url: string, safe: boolean) => ({ url, prompt: "p", resolution: "1024x1024", is_image_safe: safe, seed: 1 });
    fake.queue("POST /v1/ideogram-v3/generate", { status: 200, body: { created: "2026-12-01T00:00:00Z", data: [entry(bad, false), entry(good, true)] } });
    const result = await provider.generate(v3({ n: 2 }), context());
    expect(result.images).toHaveLength(1);
    expect(fetchResult.mock.calls).toEqual([[good]]);
  });

  it("429 with Retry-After → rate_limited, and the retry layer's next attempt succeeds", async () => {
    fake.queue("POST /v1/ideogram-v4/generate", { status: 429, retryAfter: 0 });
    const retries: number[] = [];
    const result = await withRetries("ideogram", (signal) => provider.generate(request(), context(signal)), { timeoutMs: 5000, maxRetries: 2, baseDelayMs: 1, onRetry: ({ error }) => retries.push(error.status!) }, new AbortController().signal);
    expect(retries).toEqual([429]);
    expect(result.images).toHaveLength(1);
    expect(fake.requests).toHaveLength(2);
    fake.queue("POST /v1/ideogram-v4/generate", { status: 429, retryAfter: 12 });
    expect(await failure(provider.generate(request(), context()))).toMatchObject({ kind: "rate_limited", status: 429, retryAfter: 12 });
  });

  it("500 → server (retryable), one request", async () => {
    fake.queue("POST /v1/ideogram-v4/generate", { status: 500 });
    const error = await failure(provider.generate(request(), context()));
    expect(error).toMatchObject({ kind: "server", status: 500, retryable: true });
    expect(fake.requests).toHaveLength(1);
    expect(fetchResult).not.toHaveBeenCalled();
  });

  it("a hanging call ends fast as canceled on abort and as timeout on a timeout signal", async () => {
    fake.queue("POST /v1/ideogram-v4/remix", { hang: true }, { hang: true });
    const source = await sourceImage();
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    expect((await failure(provider.variations(request({ source }), context(controller.signal)))).kind).toBe("canceled");
    expect((await failure(provider.variations(request({ source }), context(AbortSignal.timeout(150))))).kind).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("a version Ideogram has taken away answers 404 → model_not_found naming the model; the other version still serves", async () => {
    fake.retire("ideogram-v4");
    try {
      const gone = await failure(provider.generate(request({ model: "ideogram-v4-turbo" }), context()));
      expect(gone).toMatchObject({ kind: "model_not_found", model: "ideogram-v4-turbo", status: 404, retryable: false });
      expect(gone.message).toContain("/v1/ideogram-v4/generate answered 404");
      const remix = await failure(provider.variations(request({ source: await sourceImage() }), context()));
      expect(remix).toMatchObject({ kind: "model_not_found", model: "ideogram-v4" });
      expect((await provider.generate(v3(), context())).images).toHaveLength(1);
    } finally {
      fake.restore("ideogram-v4");
    }
    expect((await provider.generate(request(), context())).images).toHaveLength(1);
  });

  it("reports an endpoint's Deprecation (and Sunset) headers as a life-cycle signal", async () => {
    const onModelStatus = vi.fn();
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#fff" } }).png().toBuffer();
    const url = fake.serveFile("/api/images/ephemeral/old.png", png, "image/png");
    fake.queue("POST /v1/ideogram-v4/generate", {
      status: 200,
      body: { created: "2026-12-01T00:00:00Z", data: [{ url, prompt: "p", resolution: "1024x1024", is_image_safe: true, seed: 1 }], response_type: "url", notice: "This endpoint is deprecated. Use POST /v2/image/generate/ideogram-4 instead." },
      headers: { deprecation: "@1777420800", sunset: "Wed, 30 Jun 2027 00:00:00 GMT" },
    });
    await provider.generate(request(), context(undefined, { onModelStatus }));
    expect(onModelStatus).toHaveBeenCalledWith({ model: "ideogram-v4", status: "deprecated", shutdownDate: "2027-06-30", message: expect.stringContaining("/v2/image/generate/ideogram-4"), source: "response" });
    await provider.generate(request(), context(undefined, { onModelStatus }));
    expect(onModelStatus).toHaveBeenCalledTimes(1); // an ordinary answer carries no signal
  });

  it("a wrong key → auth; health checks GET /models with the key", async () => {
    const wrong = new IdeogramProvider({ apiKey: "nope", baseUrl: fake.url, models: MODELS });
    expect((await failure(wrong.generate(request(), context()))).kind).toBe("auth");
    expect(await wrong.health(new AbortController().signal)).toMatchObject({ healthy: false, message: expect.stringContaining("401") });
    expect(await provider.health(new AbortController().signal)).toEqual({ healthy: true });
    expect(fake.requests.at(-1)).toMatchObject({ method: "GET", path: "/models" });
    expect(fake.requests.at(-1)!.headers["api-key"]).toBe(fake.apiKey);
    expect(new IdeogramProvider({ apiKey: "", models: MODELS }).isConfigured()).toBe(false);
  });

  it("no request of this file ever reached a retired model", () => {
    // Ideogram has no model field: the version is the path, and only the live versions' paths were ever called.
    seen.push(...fake.requests.map((r) => r.path));
    expect(seen.length).toBeGreaterThan(30);
    expect(seen.filter((path) => path.startsWith("/v1/") && !/^\/v1\/ideogram-v[34]\//.test(path))).toEqual([]);
  });
});
