// The Google adapter's expand and text services against tests/fakes/google.ts through the real @google/genai SDK.
// Follows ai.google.dev "Image generation" (editing by instruction with the picture inline, no mask;
// imageConfig.aspectRatio/imageSize and their pixel tables), "Image understanding" / "Text generation"
// (generateContent with inlineData and text parts, systemInstruction, thinkingConfig.thinkingLevel, text answers,
// usageMetadata) and "Gemini deprecations" (gemini-3.8-flash GA 2026-09-02, no shutdown announced; the 2.0 Flash
// models shut down: 404 NOT_FOUND).
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { geminiPixels, startFakeGoogle, type FakeGoogle } from "@/tests/fakes/google";
import { fakeDescription, fakeEnhancement } from "@/tests/fakes/text";
import { buildCatalog } from "./catalog";
import { googleCatalog } from "./catalog/google";
import { GoogleProvider } from "./google";
import { EMPTY_GREY } from "./google-tools";
import { ProviderError, type GenerateRequest, type ModelInfo, type ProviderContext } from "./types";

const models: ModelInfo[] = buildCatalog(googleCatalog, []).map(({ provider: _provider, ...info }) => info as ModelInfo);

let fake: FakeGoogle;
let provider: GoogleProvider;
beforeAll(async () => {
  fake = await startFakeGoogle();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
  fake.inputs.length = 0;
  provider = new GoogleProvider({ apiKey: fake.apiKey, baseUrl: fake.url, models });
});

const context = (): ProviderContext => ({ signal: new AbortController().signal, fetchResult: () => Promise.reject(new Error("inline answers only")) });
const failure = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
};

/** A canvas grown around a red 600×600 picture, as the job makes it (new area transparent, mask white there). */
async function expandRequest(g: { left: number; right: number; top: number; bottom: number }, model = "gemini-nano-banana-2.1"): Promise<GenerateRequest> {
  const original = { width: 600, height: 600 };
  const width = 600 + g.left + g.right;
  const height = 600 + g.top + g.bottom;
  const red = await sharp({ create: { ...original, channels: 4, background: { r: 255, g: 0, b: 0, alpha: 1 } } }).png().toBuffer();
  const canvas = await sharp({ create: { width, height, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).composite([{ input: red, left: g.left, top: g.top }]).png().toBuffer();
  const mask = await sharp({ create: { width, height, channels: 3, background: "#ffffff" } }).composite([{ input: await sharp({ create: { ...original, channels: 3, background: "#000000" } }).png().toBuffer(), left: g.left, top: g.top }]).png().toBuffer();
  return {
    prompt: "a red door in a white wall", model, width, height, aspectRatio: "1:1", n: 1,
    source: { data: canvas, mimeType: "image/png", width, height }, mask: { data: mask, mimeType: "image/png", width, height },
    tool: { operation: "expand", geometry: g, original },
  };
}

describe("Gemini expand by instruction", () => {
  it("sends the canvas padded to the nearest ratio's table pixels, empty area grey, no mask, and answers at the canvas size", async () => {
    const request = await expandRequest({ left: 300, right: 300, top: 0, bottom: 0 }); // 1200×600 → 21:9 (1584×672) is nearest of 16:9 / 21:9
    const result = await provider.expand(request, context());
    const body = fake.requests.at(-1)!.json as { contents: Array<{ parts: Array<{ text?: string; inlineData?: { data: string } }> }>; generationConfig: { imageConfig: { aspectRatio: string; imageSize?: string }; responseModalities: string[] } };
    const { aspectRatio, imageSize } = body.generationConfig.imageConfig;
    expect(body.generationConfig.responseModalities).toEqual(["IMAGE"]);
    expect(aspectRatio).toBe("16:9");
    expect(imageSize).toBe("1K");
    const parts = body.contents[0].parts;
    expect(parts.map((p) => (p.inlineData ? "image" : "text"))).toEqual(["image", "text"]);
    expect(parts[1].text).toMatch(/^Outpaint this picture\. The plain grey left, right, top and bottom margins \(the picture itself is about \d+×\d+ px\)/);
    expect(parts[1].text).toMatch(/The scene: a red door in a white wall$/);
    expect(result.sent).toEqual({ prompt: parts[1].text });
    expect(JSON.stringify(body)).not.toMatch(/mask/i);
    // The picture sent: the table's pixels, red in the middle, grey (no transparency) at the sides.
    const sent = sharp(Buffer.from(parts[0].inlineData!.data, "base64"));
    const [tw, th] = geminiPixels("16:9");
    const meta = await sent.metadata();
    expect([meta.width, meta.height]).toEqual([tw, th]);
    const { data } = await sent.removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const px = (x: number, y: number) => [...data.subarray((y * tw + x) * 3, (y * tw + x) * 3 + 3)];
    const grey = parseInt(EMPTY_GREY.slice(1, 3), 16);
    expect(px(5, th / 2)).toEqual([grey, grey, grey]);
    expect(px(tw - 5, th / 2)).toEqual([grey, grey, grey]);
    expect(px(tw / 2, th / 2)).toEqual([255, 0, 0]);
    const out = await sharp(result.images[0].data).metadata();
    expect([out.width, out.height]).toEqual([1200, 600]);
    expect(result.costUsd).toBeGreaterThan(0);
  });

  it("prices an expand at the size class it will send, and refuses a model without expand or a retired one", async () => {
    const request = await expandRequest({ left: 0, right: 0, top: 300, bottom: 300 });
    expect(provider.estimateCost(request)).toBeCloseTo((1120 * 30) / 1e6, 6);
    const retired = await failure(provider.expand({ ...request, model: "gemini-2.5-flash-image" }, context()));
    expect(retired.kind).toBe("bad_request");
    expect(fake.requests).toHaveLength(0);
    for (const m of models.filter((x) => x.lifecycle.status !== "retired")) {
      expect(m.capabilities.expand).toBe(true);
      expect(m.capabilities.removeBackground).toBeUndefined();
      expect(m.capabilities.upscale).toBeUndefined();
    }
  });

  it("maps a model retired while running (404 NOT_FOUND)", async () => {
    fake.retire("gemini-3-pro-image");
    try {
      const error = await failure(provider.expand(await expandRequest({ left: 0, right: 400, top: 0, bottom: 0 }, "gemini-3-pro-image"), context()));
      expect([error.kind, error.model]).toEqual(["model_not_found", "gemini-3-pro-image"]);
    } finally {
      fake.restore("gemini-3-pro-image");
    }
  });
});

describe("Gemini text services", () => {
  it("describes with GEMINI_TEXT_MODEL's default: the picture inline, text output, low thinking, the cost from usage", async () => {
    expect(provider.textServices()).toEqual({ model: "gemini-3.8-flash", describe: true, enhance: true, estimateUsd: expect.any(Number) });
    const picture = await sharp({ create: { width: 300, height: 600, channels: 3, background: "#0000ff" } }).jpeg().toBuffer();
    const result = await provider.describeImage({ data: picture, mimeType: "image/jpeg", width: 300, height: 600 }, context());
    const sent = fake.requests.at(-1)!;
    expect(sent.path).toBe("/v1beta/models/gemini-3.8-flash:generateContent");
    const body = sent.json as { systemInstruction: { parts: Array<{ text: string }> }; generationConfig: Record<string, unknown>; contents: Array<{ parts: Array<Record<string, unknown>> }> };
    expect(body.systemInstruction.parts[0].text).toMatch(/prompt text only/);
    expect(body.generationConfig).toEqual({ thinkingConfig: { thinkingLevel: "LOW" } });
    expect(Object.keys(body.contents[0].parts[0])).toEqual(["inlineData"]);
    expect(result.text).toBe(fakeDescription({ field: "", mimeType: "", bytes: 0, width: 300, height: 600, colour: "#0000ff" }));
    expect(result.text).toMatch(/portrait picture dominated by blue/);
    expect(result.costUsd).toBeCloseTo((result.usage!.inputTokens! * 0.75 + result.usage!.outputTokens! * 3.75) / 1e6, 9);
  });

  it("enhances with the style hint, cleans the answer, maps blocks and retired text models", async () => {
    const result = await provider.enhancePrompt({ prompt: "a fox", style: "anime" }, context());
    expect(result.text).toBe(fakeEnhancement("a fox"));
    expect((fake.requests.at(-1)!.json as { systemInstruction: { parts: Array<{ text: string }> } }).systemInstruction.parts[0].text).toMatch(/anime style/);
    fake.queue(/generateContent$/, { status: 200, body: { candidates: [{ content: { role: "model", parts: [{ text: "Planning…", thought: true }, { text: "**Prompt:** “A fox in a snowy forest, anime key visual”" }] }, finishReason: "STOP" }] } });
    expect((await provider.enhancePrompt({ prompt: "a fox" }, context())).text).toBe("A fox in a snowy forest, anime key visual");
    expect((await failure(provider.enhancePrompt({ prompt: "forbidden words" }, context()))).kind).toBe("content_policy");
    const old = new GoogleProvider({ apiKey: fake.apiKey, baseUrl: fake.url, models, textModel: "gemini-2.0-flash" });
    const gone = await failure(old.enhancePrompt({ prompt: "a fox" }, context()));
    expect([gone.kind, gone.model]).toEqual(["model_not_found", "gemini-2.0-flash"]);
    expect(new GoogleProvider({ apiKey: fake.apiKey, baseUrl: fake.url, models, textModel: "off" }).textServices()).toBeUndefined();
  });
});
