// Reference images through the Google adapter (real @google/genai SDK) against tests/fakes/google.ts. Follows:
//   - googleapis/js-genai src/types.ts (HEAD 6e9b35c, 2026-08-21): a `Content` is an ordered list of `Part`s, each
//     a `text` or an `inlineData {mimeType, data}` blob — text and pictures may be interleaved, so each picture is
//     named by the text part before it ("Image 2 (the red jacket):"); there is no label field.
//   - ai.google.dev/gemini-api/docs/image-generation ("Nano Banana" guide) as quoted in ../shared/PROVIDERS.md: input
//     images as inlineData parts, "up to 14" (documented for gemini-3.1-flash-image); editing by instruction with the
//     source in the request, no mask.
//   - secondary sources for the per-model limit, all saying 14 for the Gemini 3 image models and none less for any:
//     help.apiyi.com/en?p=17609 ("up to 14 reference images … Gemini 3.1 Flash Image … and Gemini 3 Pro Image"),
//     ngmc-docs "Nano Banana 2: up to 14 (10 objects + 4 characters)", pypi ultimate-gemini-mcp (3 Pro Image: 14).
//     Nothing found for gemini-nano-banana-2.1 or gemini-3.1-flash-lite-image: the catalog keeps 14 (unconfirmed).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeGoogle, type FakeGoogle } from "@/tests/fakes/google";
import { COLOURS, nearest, references, solid } from "@/tests/fakes/references";
import { buildCatalog } from "./catalog";
import { googleCatalog } from "./catalog/google";
import { GoogleProvider } from "./google";
import { selectCandidates } from "./selection";
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

const context: ProviderContext = { signal: new AbortController().signal, fetchResult: () => Promise.reject(new Error("inline answers only")) };
const request = (over: Partial<GenerateRequest> = {}): GenerateRequest => ({
  prompt: "the woman wearing the jacket on the beach", model: "gemini-nano-banana-2.1", width: 1024, height: 1024, aspectRatio: "1:1", n: 1, ...over,
});
/** The last call's parts as "text" strings and image colours, in order. */
const sequence = () => fake.inputs.at(-1)!.parts.map((p) => (p.image ? nearest(p.image.colour) : p.text));
const failure = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
};

describe("Gemini: reference images", () => {
  it("a generation sends each reference as inlineData in order, each named by the text part before it", async () => {
    const refs = await references(3, ["the red jacket", undefined, "the beach"]);
    const result = await provider.generate(request({ references: refs }), context);
    expect(result.images).toHaveLength(1);
    expect(sequence()).toEqual([
      "Image 1 (the red jacket):", COLOURS[0],
      "Image 2:", COLOURS[1],
      "Image 3 (the beach):", COLOURS[2],
      "the woman wearing the jacket on the beach",
    ]);
    // The types as made (PNG, JPEG, PNG) and the sizes as given.
    expect(fake.inputs.at(-1)!.parts.flatMap((p) => (p.image ? [[p.image.mimeType, p.image.width]] : []))).toEqual([["image/png", 64], ["image/jpeg", 80], ["image/png", 96]]);
  });

  it("an edit sends the source first (image 1), then the references numbered after it", async () => {
    const source = await solid("#808080", 256, 256);
    await provider.edit(request({ prompt: "put the jacket on her", source, references: await references(2, ["the red jacket"]) }), context);
    const parts = fake.inputs.at(-1)!.parts;
    expect(parts[0].text).toBe("Image 1 (the image to edit):");
    expect(parts[1].image?.width).toBe(256);
    expect(sequence().slice(2)).toEqual(["Image 2 (the red jacket):", COLOURS[0], "Image 3:", COLOURS[1], "put the jacket on her"]);
  });

  it("no references: the request is as before (the source and the text, no naming parts)", async () => {
    await provider.generate(request(), context);
    expect(sequence()).toEqual(["the woman wearing the jacket on the beach"]);
    await provider.edit(request({ prompt: "make it night", source: await solid("#0000ff", 128, 128) }), context);
    expect(sequence()).toEqual([COLOURS[2], "make it night"]);
  });

  it("the limit: 14 input images on every Gemini image model — selection, the adapter and the fake refuse more", async () => {
    for (const model of ["gemini-nano-banana-2.1", "gemini-3-pro-image", "gemini-3.1-flash-lite-image", "gemini-3.1-flash-image"]) {
      expect(models.find((m) => m.id === model)!.capabilities.maxReferenceImages).toBe(14);
    }
    const select = (references: number, operation: "generate" | "edit" = "generate") =>
      selectCandidates([provider], { fallbackOrder: [] }, { provider: "google", model: "gemini-3-pro-image", needs: { operation, n: 1, references } });
    expect(select(14)).toHaveLength(1);
    expect(() => select(15)).toThrow(/gemini-3-pro-image takes at most 14 reference images/);
    expect(() => select(14, "edit")).toThrow(/at most 13 reference images besides the source \(14 input images in all\)/);

    const before = fake.requests.length;
    const refused = await failure(provider.edit(request({ source: await solid("#808080"), references: await references(14) }), context));
    expect(refused.kind).toBe("bad_request");
    expect(refused.message).toMatch(/at most 14 input images/);
    expect(fake.requests.length).toBe(before);

    const lax = new GoogleProvider({ apiKey: fake.apiKey, baseUrl: fake.url, models: models.map((m) => ({ ...m, capabilities: { ...m.capabilities, maxReferenceImages: 20 } })) });
    const answered = await failure(lax.generate(request({ references: await references(15) }), context));
    expect(answered.kind).toBe("bad_request");
    expect(answered.status).toBe(400);
    expect(answered.message).toMatch(/at most 14 images/);
    expect(fake.inputs).toHaveLength(0);
  });
});
