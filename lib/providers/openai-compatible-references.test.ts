// Reference images on an OpenAI-compatible server (tests/fakes/openai-compatible.ts). Such servers document nothing
// common about several input images, so the built-in entries take none (COMPATIBLE_CAPABILITIES has no
// maxReferenceImages); an operator whose server takes them sets maxReferenceImages on the model's catalog entry, and
// the adapter then sends them as OpenAI's own API does (openai/openai-node src/resources/images.ts,
// ImageEditParamsBase.image: "an array of images", sent as repeated `image[]`; the mask "applied on the first image").
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SELF_HOSTED, startFakeCompatible, type FakeCompatible } from "@/tests/fakes/openai-compatible";
import { COLOURS, nearest, references, solid } from "@/tests/fakes/references";
import { buildCatalog, parseOverrides } from "./catalog";
import { compatibleCatalog } from "./catalog/openai-compatible";
import { OpenAICompatibleProvider } from "./openai-compatible";
import { selectCandidates } from "./selection";
import { ProviderError, type GenerateRequest, type ModelInfo, type ProviderContext } from "./types";

const models = (operatorJson?: string): ModelInfo[] =>
  buildCatalog(compatibleCatalog({ OPENAI_COMPATIBLE_MODELS: "sdxl-turbo,flux-schnell" }), operatorJson ? [{ where: "MODEL_CATALOG", entries: parseOverrides(operatorJson, "MODEL_CATALOG") }] : [])
    .filter((e) => e.provider === "openai-compatible")
    .map(({ provider: _provider, ...model }) => model as ModelInfo);
const WITH_REFERENCES = JSON.stringify([{ provider: "openai-compatible", id: "flux-schnell", capabilities: { maxReferenceImages: 4 } }]);

let fake: FakeCompatible;
let provider: OpenAICompatibleProvider;
beforeAll(async () => {
  const server = structuredClone(SELF_HOSTED);
  server.models["flux-schnell"].maxInputImages = 4;
  fake = await startFakeCompatible(server);
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
  fake.inputs.length = 0;
  provider = new OpenAICompatibleProvider({ baseUrl: fake.baseUrl, models: models(WITH_REFERENCES), name: "GPU box" });
});

const context: ProviderContext = { signal: new AbortController().signal, fetchResult: () => Promise.reject(new Error("b64_json answers only")) };
const request = (over: Partial<GenerateRequest> = {}): GenerateRequest => ({
  prompt: "a lighthouse in this style", model: "flux-schnell", width: 768, height: 512, aspectRatio: "3:2", n: 1, ...over,
});
const failure = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
};

describe("OpenAI-compatible: reference images where the catalog entry allows them", () => {
  it("a generation with references goes to /images/edits as image[] in order, labels as a legend", async () => {
    await provider.generate(request({ references: await references(3, [undefined, "the lighthouse"]) }), context);
    expect(fake.requests.at(-1)!.path).toBe("/v1/images/edits");
    expect(fake.inputs.at(-1)!.images.map((i) => [i.field, nearest(i.colour)])).toEqual(COLOURS.slice(0, 3).map((c) => ["image[]", c]));
    expect(fake.inputs.at(-1)!.prompt).toBe("a lighthouse in this style Reference images, in order: image 2 is the lighthouse.");
  });

  it("an edit sends the source first, then the references", async () => {
    await provider.edit(request({ source: await solid("#808080", 128, 128), references: await references(1, ["the sky"]) }), context);
    expect(fake.inputs.at(-1)!.images.map((i) => i.width)).toEqual([128, 64]);
    expect(fake.inputs.at(-1)!.prompt).toMatch(/image 2 is the sky\.$/);
  });

  it("no references: unchanged (JSON generation; an edit with the one `image`)", async () => {
    await provider.generate(request(), context);
    expect(fake.requests.at(-1)!.path).toBe("/v1/images/generations");
    await provider.edit(request({ source: await solid("#808080", 128, 128) }), context);
    expect(fake.inputs.at(-1)!.images.map((i) => i.field)).toEqual(["image"]);
    expect(fake.inputs.at(-1)!.prompt).toBe("a lighthouse in this style");
  });

  it("the limit: none by default, the entry's number otherwise — selection, the adapter and the server refuse more", async () => {
    const select = (model: string, references: number) =>
      selectCandidates([provider], { fallbackOrder: [] }, { provider: "openai-compatible", model, needs: { operation: "generate", n: 1, references } });
    expect(() => select("sdxl-turbo", 1)).toThrow(/sdxl-turbo does not take reference images/);
    expect(select("flux-schnell", 4)).toHaveLength(1);
    expect(() => select("flux-schnell", 5)).toThrow(/flux-schnell takes at most 4 reference images/);

    expect((await failure(provider.generate(request({ model: "sdxl-turbo", references: await references(1) }), context))).message).toMatch(/does not take reference images/);
    expect((await failure(provider.generate(request({ references: await references(5) }), context))).message).toMatch(/at most 4 input images/);
    expect(fake.requests).toHaveLength(0);

    const lax = new OpenAICompatibleProvider({ baseUrl: fake.baseUrl, models: models(JSON.stringify([{ provider: "openai-compatible", id: "flux-schnell", capabilities: { maxReferenceImages: 8 } }])), name: "GPU box" });
    const refused = await failure(lax.generate(request({ references: await references(5) }), context));
    expect(refused.status).toBe(400);
    expect(refused.message).toMatch(/at most 4 input images, not 5/);
  });
});
