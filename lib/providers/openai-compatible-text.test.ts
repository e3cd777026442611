// The OpenAI-compatible adapter's describe/enhance through POST /chat/completions against tests/fakes/openai-compatible.ts
// (its chat endpoint is tests/fakes/text.ts), through the real `openai` SDK. Follows the chat completions reference
// (https://developers.openai.com/api/reference/resources/chat/completions/methods/create): system + user messages,
// `image_url` parts with base64 data URLs, `max_tokens`; answers in choices[0].message.content.
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RECRAFT, SELF_HOSTED, startFakeCompatible, type FakeCompatible } from "@/tests/fakes/openai-compatible";
import { fakeDescription, fakeEnhancement } from "@/tests/fakes/text";
import { compatibleModelsFor } from "./catalog";
import { OpenAICompatibleProvider } from "./openai-compatible";
import { ProviderError, type ImageProvider, type ProviderContext } from "./types";

let box: FakeCompatible;
let recraft: FakeCompatible;
beforeAll(async () => {
  [box, recraft] = await Promise.all([startFakeCompatible(SELF_HOSTED, { apiKey: "box-key" }), startFakeCompatible(RECRAFT, { apiKey: "r-key" })]);
});
afterAll(() => Promise.all([box.close(), recraft.close()]));

const context = (): ProviderContext => ({ signal: new AbortController().signal, fetchResult: () => Promise.reject(new Error("unused")) });
const make = (fake: FakeCompatible, key: string, textModel?: string) =>
  new OpenAICompatibleProvider({ baseUrl: fake.baseUrl, apiKey: key, models: compatibleModelsFor(Object.keys(fake.server.models)), name: "GPU box", textModel });
const failure = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
};

describe("OpenAI-compatible text services", () => {
  it("are off without OPENAI_COMPATIBLE_TEXT_MODEL", async () => {
    const provider = make(box, "box-key");
    expect(provider.textServices()).toBeUndefined();
    expect((await failure(provider.enhancePrompt({ prompt: "a cat" }, context()))).kind).toBe("bad_request");
    expect(box.requests.some((r) => r.path.endsWith("/chat/completions"))).toBe(false);
    const asProvider: ImageProvider = provider;
    expect([asProvider.upscale, asProvider.removeBackground, asProvider.expand]).toEqual([undefined, undefined, undefined]);
  });

  it("describe: a system message and a user message with the picture as a data URL; the answer read as a prompt", async () => {
    const provider = make(box, "box-key", "qwen3-vl-8b-instruct");
    expect(provider.textServices()).toEqual({ model: "qwen3-vl-8b-instruct", describe: true, enhance: true, estimateUsd: 0 });
    const picture = await sharp({ create: { width: 640, height: 360, channels: 3, background: "#00ff00" } }).png().toBuffer();
    const result = await provider.describeImage({ data: picture, mimeType: "image/png", width: 640, height: 360 }, context());
    const sent = box.requests.at(-1)!;
    expect(sent.path).toBe("/v1/chat/completions");
    expect(sent.headers.authorization).toBe("Bearer box-key");
    const body = sent.json as { model: string; max_tokens: number; messages: Array<{ role: string; content: unknown }> };
    expect(body.model).toBe("qwen3-vl-8b-instruct");
    expect(body.max_tokens).toBe(1000);
    expect(body.messages.map((m) => m.role)).toEqual(["system", "user"]);
    const parts = body.messages[1].content as Array<{ type: string; image_url?: { url: string } }>;
    expect(parts[0].type).toBe("image_url");
    expect(parts[0].image_url!.url).toMatch(/^data:image\/png;base64,/);
    expect(result).toMatchObject({ text: fakeDescription({ field: "", mimeType: "", bytes: 0, width: 640, height: 360, colour: "#00ff00" }), model: "qwen3-vl-8b-instruct", costUsd: 0 });
    expect(result.text).toMatch(/landscape picture dominated by green/);
  });

  it("enhance, a refusal, a model the server lacks, and a server without chat completions", async () => {
    const provider = make(box, "box-key", "qwen3-vl-8b-instruct");
    expect((await provider.enhancePrompt({ prompt: "a tram", style: "pixel-art" }, context())).text).toBe(fakeEnhancement("a tram"));
    expect(((box.requests.at(-1)!.json as { messages: Array<{ content: string }> }).messages[0].content)).toMatch(/pixel art/);
    expect((await failure(provider.enhancePrompt({ prompt: "forbidden" }, context()))).kind).toBe("content_policy");
    const missing = await failure(make(box, "box-key", "llava-gone").enhancePrompt({ prompt: "a tram" }, context()));
    expect([missing.kind, missing.model]).toEqual(["model_not_found", "llava-gone"]);
    const none = await failure(make(recraft, "r-key", "anything").enhancePrompt({ prompt: "a tram" }, context()));
    expect(none.kind).toBe("bad_request");
    expect(none.message).toMatch(/no chat completions endpoint/);
  });
});
