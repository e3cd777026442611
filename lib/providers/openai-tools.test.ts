// The OpenAI adapter's finishing tools and text services against tests/fakes/openai.ts through the real `openai` SDK.
// Follows:
//   - OpenAI API reference — Images, edit (https://developers.openai.com/api/reference/resources/images/methods/edit)
//     and openai-node src/resources/images.ts: `mask` "whose fully transparent areas (e.g. where alpha is zero)
//     indicate where `image` should be edited … same dimensions as `image`"; `background: "transparent"` with png or
//     webp; free sizes (multiples of 16, 1:3–3:1, 655,360–8,294,400 px, longest side 3840)
//   - OpenAI API reference — Responses (https://developers.openai.com/api/reference/resources/responses/methods/create)
//     and the models page (https://developers.openai.com/api/docs/models/gpt-6-luna: $0.10 / $0.50 per 1M, image input).
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { recordingContext, startFakeOpenAI, type FakeOpenAI } from "@/tests/fakes/openai";
import { fakeDescription, fakeEnhancement } from "@/tests/fakes/text";
import { catalogModels } from "./catalog";
import { OpenAIProvider } from "./openai";
import { fitFreeSize } from "./openai-canvas";
import { freeSizeError } from "./sizes";
import { ProviderError, type GenerateRequest, type SourceImage } from "./types";

const FREE = { kind: "free", multipleOf: 16, maxSide: 3840, minPixels: 655_360, maxPixels: 8_294_400, maxRatio: 3 } as const;

let fake: FakeOpenAI;
let provider: OpenAIProvider;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
  fake.forms.length = 0;
  fake.resetModels();
  provider = new OpenAIProvider({ apiKey: "sk-test", baseUrl: fake.baseUrl, models: catalogModels("openai") });
});

const png = async (width: number, height: number, colour = "#3366cc", alpha = 1): Promise<SourceImage> => ({
  data: await sharp({ create: { width, height, channels: 4, background: { ...hexRgb(colour), alpha } } }).png().toBuffer(), mimeType: "image/png", width, height,
});
const hexRgb = (hex: string) => ({ r: parseInt(hex.slice(1, 3), 16), g: parseInt(hex.slice(3, 5), 16), b: parseInt(hex.slice(5, 7), 16) });
const failure = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
};

/** A grown canvas as the job makes it: the original at (left, top), the rest transparent; the mask white there. */
async function expandRequest(original: { width: number; height: number }, g: { left: number; right: number; top: number; bottom: number }): Promise<GenerateRequest> {
  const width = original.width + g.left + g.right;
  const height = original.height + g.top + g.bottom;
  const inner = await sharp({ create: { ...original, channels: 4, background: { r: 200, g: 40, b: 40, alpha: 1 } } }).png().toBuffer();
  const canvas = await sharp({ create: { width, height, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).composite([{ input: inner, left: g.left, top: g.top }]).png().toBuffer();
  const black = await sharp({ create: { ...original, channels: 3, background: "#000000" } }).png().toBuffer();
  const mask = await sharp({ create: { width, height, channels: 3, background: "#ffffff" } }).composite([{ input: black, left: g.left, top: g.top }]).greyscale().png().toBuffer();
  return {
    prompt: "a harbour at dawn", model: "gpt-image-2.6-flare", width, height, aspectRatio: "1:1", n: 1,
    source: { data: canvas, mimeType: "image/png", width, height }, mask: { data: mask, mimeType: "image/png", width, height },
    tool: { operation: "expand", geometry: g, original },
  };
}

describe("fitFreeSize", () => {
  it("gives valid gpt-image sizes that keep the picture's shape, padding beyond 3:1", () => {
    for (const [w, h, want] of [[1000, 700, 700_000], [3000, 600, 1_800_000], [512, 512, 4 * 512 * 512], [4000, 4000, 16_000_000], [300, 1200, 360_000]] as const) {
      const fit = fitFreeSize(FREE, w, h, want);
      expect(freeSizeError(FREE, fit.width, fit.height)).toBeNull();
      expect(Math.abs(fit.region.width / fit.region.height - w / h)).toBeLessThan(0.01 * (w / h));
      expect(fit.region.left + fit.region.width).toBeLessThanOrEqual(fit.width);
      expect(fit.region.top + fit.region.height).toBeLessThanOrEqual(fit.height);
    }
    const wide = fitFreeSize(FREE, 4000, 1000, 4_000_000); // 4:1 → a 3:1 room, the picture centred in it
    expect(wide.width / wide.height).toBeLessThanOrEqual(3);
    expect(wide.region.top).toBeGreaterThan(0);
  });
});

describe("OpenAI expand (mask edit)", () => {
  it("sends the canvas at a valid size with an OpenAI mask: transparent over the new area, opaque over the original", async () => {
    const request = await expandRequest({ width: 800, height: 600 }, { left: 200, right: 200, top: 0, bottom: 0 });
    const { context } = recordingContext(fake);
    const result = await provider.expand(request, context);
    const form = fake.forms.at(-1)!;
    expect(form.path).toBe("/v1/images/edits");
    expect(form.fields).toMatchObject({ model: "gpt-image-2.6-flare", n: "1", output_format: "png" });
    expect(form.fields.prompt).toMatch(/^Extend this picture outward.*The scene: a harbour at dawn$/);
    expect(result.sent).toEqual({ prompt: form.fields.prompt });
    const [sw, sh] = form.fields.size.split("x").map(Number);
    expect(freeSizeError(FREE, sw, sh)).toBeNull();
    expect(Math.abs(sw - 2 * sh)).toBeLessThanOrEqual(32); // the canvas's 2:1, give or take the 16-px rounding
    const mask = sharp(form.files.mask.data);
    const meta = await mask.metadata();
    expect([meta.width, meta.height, meta.hasAlpha]).toEqual([sw, sh, true]);
    const alpha = await mask.extractChannel(3).raw().toBuffer();
    const at = (x: number, y: number) => alpha[Math.round(y) * sw + Math.round(x)];
    const s = sw / 1200; // the canvas scale in the sent size
    expect(at(10, sh / 2)).toBe(0); // the new area on the left: edit
    expect(at(sw - 10, sh / 2)).toBe(0); // and on the right
    expect(at(600 * s, sh / 2)).toBe(255); // the original: keep
    expect(at(210 * s, sh / 2)).toBe(255);
    expect(at(190 * s, sh / 2)).toBe(0);
    const sent = await sharp(form.files.image.data).metadata();
    expect([sent.width, sent.height]).toEqual([sw, sh]);
    // The answer, cut back to the canvas geometry.
    const out = await sharp(result.images[0].data).metadata();
    expect([out.width, out.height]).toEqual([1200, 600]);
    expect(result.costUsd).toBeGreaterThan(0);
  });

  it("refuses an expand without its mask, before sending anything", async () => {
    const request = await expandRequest({ width: 800, height: 600 }, { left: 100, right: 0, top: 0, bottom: 0 });
    const error = await failure(provider.expand({ ...request, mask: undefined }, recordingContext(fake).context));
    expect(error.kind).toBe("bad_request");
    expect(fake.requests).toHaveLength(0);
  });
});

describe("OpenAI remove background", () => {
  it("asks for a transparent png with an instruction to keep the subject, and answers with alpha at the source's size", async () => {
    const source = await png(900, 700);
    const result = await provider.removeBackground(
      { prompt: "", model: "gpt-image-2.6-sunburst", width: 900, height: 700, aspectRatio: "9:7", n: 1, source, tool: { operation: "remove-background" } },
      recordingContext(fake).context,
    );
    const form = fake.forms.at(-1)!;
    expect(form.fields).toMatchObject({ background: "transparent", output_format: "png", model: "gpt-image-2.6-sunburst" });
    expect(form.fields.prompt).toMatch(/Remove the background.*Keep the main subject exactly as it is/);
    expect(result.sent).toEqual({ prompt: form.fields.prompt });
    expect(form.files.mask).toBeUndefined();
    const image = sharp(result.images[0].data);
    const meta = await image.metadata();
    expect([meta.format, meta.width, meta.height, meta.hasAlpha]).toEqual(["png", 900, 700, true]);
    const alpha = (await image.stats()).channels[3];
    expect(alpha.min).toBe(0); // transparent background
    expect(alpha.max).toBe(255); // opaque subject
    expect(result.images[0].notices?.[0]).toMatch(/redrew the picture/);
  });

  it("refuses an answer without transparency (the service ignored the background)", async () => {
    const opaque = await sharp({ create: { width: 1024, height: 768, channels: 3, background: "#808080" } }).png().toBuffer();
    fake.queue("POST /v1/images/edits", { status: 200, body: { created: 1, data: [{ b64_json: opaque.toString("base64") }], output_format: "png" } });
    const source = await png(1024, 768);
    const error = await failure(provider.removeBackground({ prompt: "", model: "gpt-image-2.6-flare", width: 1024, height: 768, aspectRatio: "4:3", n: 1, source, tool: { operation: "remove-background" } }, recordingContext(fake).context));
    expect(error.kind).toBe("server");
    expect(error.message).toMatch(/without a transparent background/);
  });

  it("maps a retired model's 404 and a moderation refusal", async () => {
    fake.retire("gpt-image-2.6-flare");
    const source = await png(1024, 1024);
    const req: GenerateRequest = { prompt: "", model: "gpt-image-2.6-flare", width: 1024, height: 1024, aspectRatio: "1:1", n: 1, source, tool: { operation: "remove-background" } };
    const gone = await failure(provider.removeBackground(req, recordingContext(fake).context));
    expect([gone.kind, gone.model]).toEqual(["model_not_found", "gpt-image-2.6-flare"]);
    fake.resetModels();
    const refused = await failure(provider.expand({ ...(await expandRequest({ width: 800, height: 800 }, { left: 0, right: 0, top: 200, bottom: 200 })), prompt: "forbidden things" }, recordingContext(fake).context));
    expect(refused.kind).toBe("content_policy");
  });
});

describe("OpenAI creative upscale", () => {
  it("asks for the larger size (valid, high quality) and answers at source × factor", async () => {
    const source = await png(640, 480);
    const result = await provider.upscale(
      { prompt: "a red fox", model: "gpt-image-2.6-flare", width: 1280, height: 960, aspectRatio: "4:3", n: 1, source, tool: { operation: "upscale", factor: 2, kind: "creative" } },
      recordingContext(fake).context,
    );
    const form = fake.forms.at(-1)!;
    const [w, h] = form.fields.size.split("x").map(Number);
    expect(freeSizeError(FREE, w, h)).toBeNull();
    expect(w * h).toBeGreaterThanOrEqual(1280 * 960);
    expect(Math.abs(w / h - 4 / 3)).toBeLessThan(0.02);
    expect(form.fields.quality).toBe("high");
    expect(form.fields.prompt).toMatch(/^Upscale this picture.*The picture shows: a red fox$/);
    expect(result.sent).toEqual({ prompt: form.fields.prompt });
    const meta = await sharp(result.images[0].data).metadata();
    expect([meta.width, meta.height]).toEqual([1280, 960]);
  });

  it("caps the size sent at the family's pixel limit, and refuses factors and kinds it does not serve", async () => {
    const source = await png(1200, 900);
    await provider.upscale({ prompt: "", model: "gpt-image-2.6-flare", width: 4800, height: 3600, aspectRatio: "4:3", n: 1, source, tool: { operation: "upscale", factor: 4, kind: "creative" } }, recordingContext(fake).context);
    const [w, h] = fake.forms.at(-1)!.fields.size.split("x").map(Number);
    expect(w * h).toBeLessThanOrEqual(8_294_400);
    expect(Math.max(w, h)).toBeLessThanOrEqual(3840);
    const count = fake.requests.length;
    const three = await failure(provider.upscale({ prompt: "", model: "gpt-image-2.6-flare", width: 3600, height: 2700, aspectRatio: "4:3", n: 1, source, tool: { operation: "upscale", factor: 3, kind: "creative" } }, recordingContext(fake).context));
    expect(three.kind).toBe("bad_request");
    const ai = await failure(provider.upscale({ prompt: "", model: "gpt-image-2.6-flare", width: 2400, height: 1800, aspectRatio: "4:3", n: 1, source, tool: { operation: "upscale", factor: 2, kind: "ai" } }, recordingContext(fake).context));
    expect(ai.message).toMatch(/creative/);
    expect(fake.requests.length).toBe(count);
  });
});

describe("OpenAI tool estimates and catalog", () => {
  it("declares the tools on every live gpt-image model and prices tool calls by the size sent", () => {
    for (const model of catalogModels("openai").filter((m) => m.lifecycle.status !== "retired")) {
      expect(model.capabilities).toMatchObject({ removeBackground: true, expand: true, upscale: { factors: [2, 4], kind: "creative", maxOutputPixels: 8_294_400 } });
    }
    const source = { data: Buffer.alloc(0), mimeType: "image/png", width: 1000, height: 1000 };
    const base = { prompt: "", model: "gpt-image-2.6-flare", aspectRatio: "1:1", n: 1, source };
    const x2 = provider.estimateCost({ ...base, width: 2000, height: 2000, tool: { operation: "upscale", factor: 2, kind: "creative" } });
    const x4 = provider.estimateCost({ ...base, width: 2880, height: 2880, tool: { operation: "upscale", factor: 4, kind: "creative" } });
    const cutout = provider.estimateCost({ ...base, width: 1000, height: 1000, tool: { operation: "remove-background" } });
    // High quality at ~2000×2000: 1756 tokens × 2 (√4 MP) × $30/1M ≈ $0.105, plus the input picture.
    expect(x2).toBeGreaterThan(0.1);
    expect(x2).toBeLessThan(0.13);
    expect(x4).toBeGreaterThan(x2);
    expect(cutout).toBeGreaterThan(0);
    expect(cutout).toBeLessThan(x2);
  });
});

describe("OpenAI text services (Responses API)", () => {
  it("describes a picture with the default text model: input_image as a data URL, low reasoning, store false", async () => {
    expect(provider.textServices()).toEqual({ model: "gpt-6-luna", describe: true, enhance: true, estimateUsd: expect.any(Number) });
    expect(provider.textServices()!.estimateUsd).toBeLessThan(0.002);
    const image = await png(800, 400, "#ff0000");
    const result = await provider.describeImage(image, recordingContext(fake).context);
    const sent = fake.requests.at(-1)!;
    expect(sent.path).toBe("/v1/responses");
    const body = sent.json as { model: string; reasoning: unknown; store: boolean; instructions: string; input: Array<{ role: string; content: Array<{ type: string; image_url?: string }> }> };
    expect(body).toMatchObject({ model: "gpt-6-luna", reasoning: { effort: "low" }, store: false });
    expect(body.instructions).toMatch(/prompt text only/);
    expect(body.input[0].content[0].type).toBe("input_image");
    expect(body.input[0].content[0].image_url).toMatch(/^data:image\/png;base64,/);
    expect(result.text).toBe(fakeDescription({ field: "", mimeType: "image/png", bytes: 0, width: 800, height: 400, colour: "#ff0000" }));
    expect(result.text).toMatch(/red/);
    expect(result.model).toBe("gpt-6-luna");
    expect(result.usage?.inputTokens).toBeGreaterThan(765);
    expect(result.costUsd).toBeCloseTo((result.usage!.inputTokens! * 0.1 + result.usage!.outputTokens! * 0.5) / 1e6, 9);
  });

  it("enhances a prompt with the style as a hint, and reads the answer as plain prompt text", async () => {
    const result = await provider.enhancePrompt({ prompt: "a lighthouse", style: "painting" }, recordingContext(fake).context);
    const body = fake.requests.at(-1)!.json as { instructions: string; input: Array<{ content: Array<{ text: string }> }> };
    expect(body.instructions).toMatch(/oil painting/);
    expect(body.input[0].content).toEqual([{ type: "input_text", text: "a lighthouse" }]);
    expect(result.text).toBe(fakeEnhancement("a lighthouse"));
    fake.queue("POST /v1/responses", {
      status: 200,
      body: { id: "resp_1", object: "response", status: "completed", model: "gpt-6-luna", output: [{ type: "message", id: "m", role: "assistant", status: "completed", content: [{ type: "output_text", text: 'Here is the prompt:\n"A lighthouse on a cliff, oil on canvas"', annotations: [] }] }], usage: { input_tokens: 10, output_tokens: 20, total_tokens: 30 } },
    });
    expect((await provider.enhancePrompt({ prompt: "a lighthouse" }, recordingContext(fake).context)).text).toBe("A lighthouse on a cliff, oil on canvas");
  });

  it("uses OPENAI_TEXT_MODEL, maps a retired one's 404 and a refusal, and can be switched off", async () => {
    const retired = new OpenAIProvider({ apiKey: "sk-test", baseUrl: fake.baseUrl, textModel: "gpt-4.5-preview" });
    expect(retired.textServices()?.model).toBe("gpt-4.5-preview");
    const gone = await failure(retired.enhancePrompt({ prompt: "a cat" }, recordingContext(fake).context));
    expect([gone.kind, gone.model]).toEqual(["model_not_found", "gpt-4.5-preview"]);
    const refused = await failure(provider.enhancePrompt({ prompt: "forbidden things" }, recordingContext(fake).context));
    expect(refused.kind).toBe("content_policy");
    expect(new OpenAIProvider({ apiKey: "sk-test", baseUrl: fake.baseUrl, textModel: "off" }).textServices()).toBeUndefined();
    expect(new OpenAIProvider({ baseUrl: fake.baseUrl }).textServices()).toBeUndefined(); // no key
  });
});
