// gpt-image-2.6's animated GIF through the OpenAI adapter and the real `openai` SDK, against tests/fakes/openai.ts.
// Documents followed (December 2026; OpenAI's own reference pages could not be consulted for these fields):
//   - https://replicate.com/openai/gpt-image-2.6-sunburst/versions/c1c2516fdfb9b23b559026b099f697e019953b5873de95bf81ab415b4ff171e3/api
//     and https://replicate.com/openai/gpt-image-2.6-flare/versions/87277bd4d6e1d6d37d87aad069d13c328179b7bc7d81f6a4ed69deca13614a70/api
//     (`output_format` "gif" returns an animated GIF; `frame_count` integer 2–16, default 9)
//   - https://docs.comfy.org/built-in-nodes/OpenAIGPTImageGIFNode (`frame_duration_ms` 20–2000, step 10, default 200;
//     the size is each frame's; frames billed in bands 2–8, 9, 10–12, 13–16; "Size too large for this frame count")
//   - https://raw.githubusercontent.com/openai/codex/rust-v0.168.0/codex-rs/ext/image-generation/imagegen_gif_description.md
//     (OpenAI's Codex: 2–16 frames, defaults 9 frames / 200 ms, fields frame_count and frame_duration_ms)
//   - https://docs.apiyi.com/en/live/2026-11/gpt-image-2-6-gif-size-table (frame sides multiples of 16; 8,294,400 px
//     budget, 3840 px edge; square-frame caps 960 / 816 / 720 for 2–9 / 10–12 / 13–16 frames; GIF from edits too)
//   - https://dev.to/super_lewis/animated-gifs-and-markup-guided-edits-with-the-gpt-image-26-api-real-timings-and-per-call-cost-2jmd
//     (one sheet for all frames: six 1024×1024 frames refused, a 4096 px sheet)
//   - https://www.skills.sh/varghq/skills/gpt-image-gif (b64_json of a real animated GIF; one image's price)
// Unconfirmed (see lib/providers/openai-gif.ts): the grid per band, the price (one picture of the sheet), GIF on
// edits, streaming a GIF, how OpenAI answers 1 or 17 frames, the answer's `output_format` value.
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { OUTPUT_TOKENS, recordingContext, startFakeOpenAI, type FakeOpenAI } from "@/tests/fakes/openai";
import { animationSizeError, maxSquareFrame } from "./animation";
import { catalogModels } from "./catalog";
import { OpenAIProvider } from "./openai";
import { ProviderError, type GenerateRequest, type SourceImage } from "./types";

let fake: FakeOpenAI;
let provider: OpenAIProvider;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
  fake.forms.length = 0;
  provider = new OpenAIProvider({ apiKey: "sk-test", baseUrl: fake.baseUrl, models: catalogModels("openai") });
});

const request = (over: Partial<GenerateRequest> = {}): GenerateRequest => ({
  prompt: "a paper boat bobbing on a night sea", model: "gpt-image-2.6-flare", width: 512, height: 512, aspectRatio: "1:1", n: 1,
  animation: { frames: 6, frameDurationMs: 150 }, ...over,
});
const body = () => fake.requests.at(-1)!.json as Record<string, unknown>;
const failure = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
};
/** Frames, per-frame delays and the first pixel of each frame, decoded by sharp. */
async function frames(data: Buffer) {
  const meta = await sharp(data, { animated: true }).metadata();
  const { data: strip, info } = await sharp(data, { animated: true }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const pageHeight = info.pageHeight ?? info.height;
  const pixels = Array.from({ length: meta.pages ?? 1 }, (_, i) => strip.readUInt32BE(i * info.width * pageHeight * 4 + ((pageHeight / 2) * info.width + info.width / 2) * 4));
  return { format: meta.format, pages: meta.pages, delay: meta.delay, loop: meta.loop, width: info.width, pageHeight, pixels };
}

describe("OpenAIProvider: animated GIF (gpt-image-2.6)", () => {
  it.each(["gpt-image-2.6-flare", "gpt-image-2.6-sunburst"])("%s: sends output_format gif, frame_count, frame_duration_ms and returns the GIF with every frame", async (model) => {
    const { context } = recordingContext(fake);
    const result = await provider.generate(request({ model }), context);
    expect(body()).toEqual({ model, prompt: "a paper boat bobbing on a night sea", n: 1, size: "512x512", quality: "medium", output_format: "gif", frame_count: 6, frame_duration_ms: 150 });
    expect(result.images).toHaveLength(1);
    const image = result.images[0];
    expect(image.mimeType).toBe("image/gif");
    expect(image.params).toEqual({ animation: { frames: 6, frameDurationMs: 150 } });
    const decoded = await frames(image.data);
    expect(decoded).toMatchObject({ format: "gif", pages: 6, width: 512, pageHeight: 512, delay: [150, 150, 150, 150, 150, 150] });
    expect(new Set(decoded.pixels).size).toBe(6); // six different frames, not one picture repeated
    // Billed as one picture of the sheet: 6 frames are drawn 4×2, 2048×1024 px.
    const sheetTokens = Math.round(OUTPUT_TOKENS["gpt-image-2.5"].medium * ((2048 * 1024) / 1024 ** 2));
    expect(result.usage?.outputTokens).toBe(sheetTokens);
  });

  it("sends no stream for a GIF even with a progress listener, and keeps a transparent background", async () => {
    const { context } = recordingContext(fake, { onProgress: () => {} });
    const result = await provider.generate(request({ background: "transparent", animation: { frames: 9, frameDurationMs: 200 }, width: 640, height: 640 }), context);
    expect(body()).toMatchObject({ output_format: "gif", frame_count: 9, frame_duration_ms: 200, background: "transparent", size: "640x640" });
    expect(body().stream).toBeUndefined();
    const meta = await sharp(result.images[0].data, { animated: true }).metadata();
    expect(meta).toMatchObject({ format: "gif", pages: 9, hasAlpha: true });
  });

  it("estimates a GIF as one picture of its sheet: more frames in a bigger band cost more, frames of one band the same", () => {
    const at = (frames: number, side = 512) => provider.estimateCost(request({ animation: { frames, frameDurationMs: 200 }, width: side, height: side }));
    expect(at(2)).toBe(at(8)); // 2–8: the same 4×2 sheet
    expect(at(9)).toBeGreaterThan(at(8));
    expect(at(12)).toBeGreaterThan(at(9));
    expect(at(16)).toBeGreaterThan(at(12));
    const still = provider.estimateCost(request({ animation: undefined, width: 2048, height: 1024 }));
    expect(at(8)).toBeCloseTo(still, 9); // eight 512 px frames = one 2048×1024 picture
  });

  it("sends the GIF fields on an edit with reference images (multipart)", async () => {
    const reference: SourceImage & { imageId: string } = { imageId: "img_ref", data: await sharp({ create: { width: 64, height: 64, channels: 3, background: "#c33" } }).png().toBuffer(), mimeType: "image/png", width: 64, height: 64 };
    const result = await provider.generate(request({ references: [reference], animation: { frames: 4, frameDurationMs: 500 } }), recordingContext(fake).context);
    expect(fake.forms.at(-1)!.fields).toMatchObject({ output_format: "gif", frame_count: "4", frame_duration_ms: "500", size: "512x512" });
    expect(await frames(result.images[0].data)).toMatchObject({ pages: 4, delay: [500, 500, 500, 500] });
  });

  it("refuses before sending what the frames cannot fit, with the cap for that frame count", async () => {
    const cases: Array<[number, number, RegExp]> = [
      [6, 1024, /6 frames of 1024×1024 are drawn on one 4096×2048 sheet, longer than 3,840 px; at 2–8 frames a square frame may be at most 960×960/],
      [10, 832, /at 10–12 frames a square frame may be at most 816×816/],
      [16, 736, /at 13–16 frames a square frame may be at most 720×720/],
    ];
    for (const [frameCount, side, message] of cases) {
      const error = await failure(provider.generate(request({ animation: { frames: frameCount, frameDurationMs: 200 }, width: side, height: side }), recordingContext(fake).context));
      expect(error.kind).toBe("bad_request");
      expect(error.message).toMatch(message);
    }
    expect((await failure(provider.generate(request({ animation: { frames: 17, frameDurationMs: 200 } }), recordingContext(fake).context))).message).toMatch(/2–16 frames, not 17/);
    expect((await failure(provider.generate(request({ animation: { frames: 4, frameDurationMs: 25 } }), recordingContext(fake).context))).message).toMatch(/20–2000 ms in steps of 10/);
    expect((await failure(provider.generate(request({ model: "gpt-image-2.5-flare" }), recordingContext(fake).context))).message).toBe("gpt-image-2.5-flare does not make animated GIFs");
    expect(fake.requests.filter((r) => r.path.includes("/images/"))).toHaveLength(0);
  });

  it("the studio's caps match the reported ones (960 / 816 / 720), and the largest frames pass the fake service", async () => {
    const spec = catalogModels("openai").find((m) => m.id === "gpt-image-2.6-flare")!.capabilities.animation!;
    expect([2, 8, 9, 10, 12, 13, 16].map((f) => maxSquareFrame(spec, f))).toEqual([960, 960, 960, 816, 816, 720, 720]);
    for (const [frameCount, side] of [[9, 960], [12, 816], [16, 720]]) {
      expect(animationSizeError(spec, frameCount, side, side)).toBeNull();
      const result = await provider.generate(request({ animation: { frames: frameCount, frameDurationMs: 100 }, width: side, height: side }), recordingContext(fake).context);
      expect((await sharp(result.images[0].data, { animated: true }).metadata()).pages).toBe(frameCount);
    }
    // Two animations of nine 960 px frames would draw twice the budget.
    expect(animationSizeError(spec, 9, 960, 960, 2)).toMatch(/2 of them .* exceed the 8,294,400 px a request may draw; at 9 frames and 2 animations a square frame may be at most 672×672/);
  });

  it("the fake service refuses what OpenAI refuses (checked by sending directly): a 2.5 model, 17 frames, a sheet over 3840 px", async () => {
    const post = (json: object) => fetch(`${fake.baseUrl}/images/generations`, { method: "POST", headers: { authorization: "Bearer sk-test", "content-type": "application/json" }, body: JSON.stringify({ prompt: "a boat", n: 1, output_format: "gif", ...json }) });
    for (const [json, param] of [
      [{ model: "gpt-image-2.5-flare", size: "512x512" }, "output_format"],
      [{ model: "gpt-image-2.6-flare", size: "512x512", frame_count: 17 }, "frame_count"],
      [{ model: "gpt-image-2.6-flare", size: "512x512", frame_duration_ms: 15 }, "frame_duration_ms"],
      [{ model: "gpt-image-2.6-flare", size: "1024x1024", frame_count: 6 }, "size"],
    ] as const) {
      const res = await post(json);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { type: "invalid_request_error", param } });
    }
  });
});
