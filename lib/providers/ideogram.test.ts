// Follows the public Ideogram API reference v3 (developer.ideogram.ai/api-reference: "Generate with Ideogram 3.0",
// "Remix with Ideogram 3.0", "Inpaint with Ideogram 3.0", "Generate with Ideogram 3.0 (Transparent Background)",
// "List models"): multipart POSTs with the `Api-Key` header, result URLs to download, 422 safety errors. The
// adapter's real fetch code runs against the local fake in tests/fakes/ideogram.ts.
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { EDIT_PAINT, PARTLY_UNSAFE_WORD, REFUSED_WORD, UNSAFE_WORD, formOf, startFakeIdeogram, type FakeIdeogram } from "@/tests/fakes/ideogram";
import { fetchResultUrl } from "./fetch-result";
import { IdeogramProvider } from "./ideogram";
import { type GenerateRequest, type ProviderContext, type SourceImage } from "./types";
import { imageSize, providerFailure } from "@/tests/support/provider-asserts";

let fake: FakeIdeogram;
let provider: IdeogramProvider;
let fetchResult: ReturnType<typeof vi.fn<ProviderContext["fetchResult"]>>;

beforeAll(async () => {
  fake = await startFakeIdeogram();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
  provider = new IdeogramProvider({ apiKey: fake.apiKey, baseUrl: `${fake.url}/` });
  fetchResult = vi.fn((url: string) =>
    fetchResultUrl(url, { provider: "ideogram", allowedHosts: ["127.0.0.1"], allowPrivate: true, maxBytes: 20_000_000, timeoutMs: 5000, signal: AbortSignal.timeout(5000) }),
  );
});

const context = (signal: AbortSignal = new AbortController().signal): ProviderContext => ({ signal, fetchResult });
const request = (overrides: Partial<GenerateRequest> = {}): GenerateRequest => ({
  prompt: "a vintage travel poster reading VISIT MARS",
  model: "ideogram-v3",
  width: 1024,
  height: 1024,
  aspectRatio: "1:1",
  n: 1,
  ...overrides,
});
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

describe("generate (POST /v1/ideogram-v3/generate)", () => {
  it("sends the documented fields, our palette as color_palette members, and downloads each URL via fetchResult", async () => {
    const result = await provider.generate(
      request({ model: "ideogram-v3-turbo", aspectRatio: "16:9", n: 2, seed: 42, negativePrompt: "blurry", style: "photorealistic", palette: ["#ff0000", "#00ff00", "#0000ff"] }),
      context(),
    );
    expect(fake.requests).toHaveLength(1);
    const sent = fake.requests[0];
    expect(sent.path).toBe("/v1/ideogram-v3/generate");
    expect(sent.headers["api-key"]).toBe(fake.apiKey);
    expect(sent.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
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
    expect(result.images[0].revisedPrompt).toBe("a vintage travel poster reading VISIT MARS (magic)");
    expect(fetchResult).toHaveBeenCalledTimes(2);
    for (const [url] of fetchResult.mock.calls) expect(url).toMatch(new RegExp(`^${fake.url}/api/images/direct/`));
    expect(result).toMatchObject({ model: "ideogram-v3-turbo", costUsd: 0.06 });
  });

  it.each([
    ["ideogram-v3", "DEFAULT", "9:16", [736, 1312], 0.06],
    ["ideogram-v3-quality", "QUALITY", "3:1", [1536, 512], 0.09],
  ])("%s renders at %s; %s answers %j", async (model, speed, aspectRatio, pixels, price) => {
    const result = await provider.generate(request({ model, aspectRatio, style: "anime" }), context());
    const sent = await fields();
    expect(sent).toMatchObject({ rendering_speed: speed, aspect_ratio: aspectRatio.replace(":", "x"), style_type: "FICTION" });
    expect(sent.prompt).toContain("anime style");
    expect(await size(result.images[0].data)).toEqual(pixels);
    expect(result.costUsd).toBeCloseTo(price as number);
  });

  it("a transparent background uses generate-transparent, with the palette said in the prompt", async () => {
    const result = await provider.generate(request({ background: "transparent", palette: ["#123456"], style: "icon" }), context());
    expect(fake.requests[0].path).toBe("/v1/ideogram-v3/generate-transparent");
    const sent = await fields();
    expect(sent.color_palette).toBeUndefined();
    expect(sent.style_type).toBeUndefined();
    expect(sent.prompt).toContain("#123456");
    const meta = await sharp(result.images[0].data).metadata();
    expect(meta.hasAlpha).toBe(true);
    const { data } = await sharp(result.images[0].data).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    expect(data[3]).toBe(0);
  });

  it("refuses what Ideogram cannot do before sending anything", async () => {
    for (const bad of [{ aspectRatio: "7:5" }, { n: 9 }, { model: "ideogram-v2" }, { seed: -1 }]) {
      expect((await failure(provider.generate(request(bad), context()))).kind).toBe("bad_request");
    }
    expect((await failure(provider.variations(request(), context()))).kind).toBe("bad_request");
    expect(fake.requests).toHaveLength(0);
  });
});

describe("remix and inpaint", () => {
  it("variations remix the source with image_weight from strength", async () => {
    const source = await sourceImage();
    const result = await provider.variations(request({ source, strength: 0.3, aspectRatio: "3:2", n: 2 }), context());
    expect(fake.requests[0].path).toBe("/v1/ideogram-v3/remix");
    expect(await fields()).toMatchObject({ image_weight: "70", aspect_ratio: "3x2", num_images: "2" });
    expect((await file("image")).equals(source.data)).toBe(true);
    expect(await size(result.images[0].data)).toEqual([1248, 832]);
    await provider.variations(request({ source, strength: 1 }), context());
    expect((await fields(1)).image_weight).toBe("1");
  });

  it("edit with a mask inpaints: our white area becomes Ideogram's black, resized to the source", async () => {
    const source = await sourceImage(300, 200);
    const mask = await ourMask(10, 10, 40, 150, 100); // covers (20..100, 20..100) at the source's scale
    const result = await provider.edit(request({ prompt: "a red balloon", source, mask, negativePrompt: "text" }), context());
    expect(fake.requests[0].path).toBe("/v1/ideogram-v3/inpaint");
    const sent = await fields();
    expect(sent.negative_prompt).toBeUndefined();
    expect(sent.prompt).toBe("a red balloon Avoid: text.");
    const sentMask = await file("mask");
    expect(await size(sentMask)).toEqual([300, 200]);
    expect((await pixel(sentMask, 50, 50))[0]).toBe(0); // inside our white square: edit = black
    expect((await pixel(sentMask, 200, 150))[0]).toBe(255); // outside: keep = white
    expect(await pixel(result.images[0].data, 50, 50)).toEqual([EDIT_PAINT.r, EDIT_PAINT.g, EDIT_PAINT.b]);
    expect(await pixel(result.images[0].data, 200, 150)).toEqual([0x20, 0x60, 0xa0]);
  });

  it("edit without a mask is a remix guided by the prompt", async () => {
    const source = await sourceImage();
    await provider.edit(request({ prompt: "as a watercolour", source, strength: 0.6 }), context());
    expect(fake.requests[0].path).toBe("/v1/ideogram-v3/remix");
    expect(await fields()).toMatchObject({ prompt: "as a watercolour", image_weight: "40" });
  });
});

describe("safety and failures", () => {
  it("skips images flagged unsafe; none left or a 422 → content_policy", async () => {
    const partly = await provider.generate(request({ prompt: `a ${PARTLY_UNSAFE_WORD} poster`, n: 3 }), context());
    expect(partly.images).toHaveLength(2);
    expect(fetchResult).toHaveBeenCalledTimes(2);
    expect(partly.costUsd).toBeCloseTo(0.18);
    expect((await failure(provider.generate(request({ prompt: `an ${UNSAFE_WORD} poster`, n: 2 }), context()))).kind).toBe("content_policy");
    const refused = await failure(provider.generate(request({ prompt: `a ${REFUSED_WORD} poster` }), context()));
    expect(refused).toMatchObject({ kind: "content_policy", status: 422 });
    expect(refused.message).toContain("failed safety check");
  });

  it("trusts is_image_safe even when an unsafe entry still carries a url", async () => {
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#fff" } }).png().toBuffer();
    const [bad, good] = [fake.serveFile("/api/images/direct/bad", png, "image/png"), fake.serveFile("/api/images/direct/good", png, "image/png")];
    const entry = (url: string, safe: boolean) => ({ url, prompt: "p", resolution: "64x64", is_image_safe: safe, seed: 1 });
    fake.queue("POST /v1/ideogram-v3/generate", { status: 200, body: { created: "2026-11-21T00:00:00Z", data: [entry(bad, false), entry(good, true)] } });
    const result = await provider.generate(request({ n: 2 }), context());
    expect(result.images).toHaveLength(1);
    expect(fetchResult.mock.calls).toEqual([[good]]);
  });

  it("429 with Retry-After → rate_limited with retryAfter; 500 → server; one request each", async () => {
    fake.queue("POST /v1/ideogram-v3/generate", { status: 429, retryAfter: 12 }, { status: 500 });
    const limited = await failure(provider.generate(request(), context()));
    expect(limited).toMatchObject({ kind: "rate_limited", status: 429, retryAfter: 12 });
    expect(fake.requests).toHaveLength(1);
    const server = await failure(provider.generate(request(), context()));
    expect(server).toMatchObject({ kind: "server", status: 500 });
    expect(fake.requests).toHaveLength(2);
    expect(fetchResult).not.toHaveBeenCalled();
  });

  it("a hanging call ends fast as canceled on abort and as timeout on a timeout signal", async () => {
    fake.queue("POST /v1/ideogram-v3/remix", { hang: true }, { hang: true });
    const source = await sourceImage();
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    expect((await failure(provider.variations(request({ source }), context(controller.signal)))).kind).toBe("canceled");
    expect((await failure(provider.variations(request({ source }), context(AbortSignal.timeout(150))))).kind).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("a wrong key → auth; health checks GET /models with the key", async () => {
    const wrong = new IdeogramProvider({ apiKey: "nope", baseUrl: fake.url });
    expect((await failure(wrong.generate(request(), context()))).kind).toBe("auth");
    expect(await wrong.health(new AbortController().signal)).toMatchObject({ healthy: false, message: expect.stringContaining("401") });
    expect(await provider.health(new AbortController().signal)).toEqual({ healthy: true });
    expect(fake.requests.at(-1)).toMatchObject({ method: "GET", path: "/models" });
    expect(fake.requests.at(-1)!.headers["api-key"]).toBe(fake.apiKey);
    expect(new IdeogramProvider({ apiKey: "" }).isConfigured()).toBe(false);
  });
});
