// Reference images through the Ideogram adapter against tests/fakes/ideogram.ts. Follows (developer.ideogram.ai, v1
// endpoints the adapter speaks, checked December 2026):
//   - remix-v4 (POST /v1/ideogram-v4/remix): "image (file, required) — The initial image binary (max 25MB)",
//     text_prompt, image_weight, resolution, rendering_speed — one image, no style references; generate-v4 takes none.
//   - remix-v3 (POST /v1/ideogram-v3/remix): "image … The image to remix binary (max size 10MB)", image_weight 1–100,
//     and "style_reference_images — A set of images to use as style references (maximum total size 10MB across all
//     style references). The images should be in JPEG, PNG or WebP format."; generate-v3 and edit-v3 list the same
//     field ("style_codes … Cannot be used in conjunction with style_reference_images").
//   - developer.ideogram.ai/api-reference/images/remix (v2 overview): "ideogram-3 — … up to 10
//     style_reference_images"; docs.ideogram.ai/create/style-reference: "Add up to 10 images … Ideogram 4.5, Ideogram
//     4.0 and the partner models have no style reference setting."
// So: 4.0 takes one input image (a generation from one reference is a remix of it); 3.0 takes the remix image plus
// up to 10 style references (11 in all). No label field anywhere: labels go into the prompt.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ideogramModels, startFakeIdeogram, type FakeIdeogram } from "@/tests/fakes/ideogram";
import { COLOURS, nearest, references, solid } from "@/tests/fakes/references";
import { fetchResultUrl } from "./fetch-result";
import { IdeogramProvider } from "./ideogram";
import { selectCandidates } from "./selection";
import { ProviderError, type GenerateRequest, type ModelInfo, type ProviderContext } from "./types";

const MODELS = ideogramModels();
let fake: FakeIdeogram;
let provider: IdeogramProvider;
beforeAll(async () => {
  fake = await startFakeIdeogram();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
  fake.inputs.length = 0;
  provider = new IdeogramProvider({ apiKey: fake.apiKey, baseUrl: fake.url, models: MODELS });
});

const context: ProviderContext = {
  signal: new AbortController().signal,
  fetchResult: (url) => fetchResultUrl(url, { provider: "ideogram", allowedHosts: ["127.0.0.1"], allowPrivate: true, maxBytes: 20_000_000, timeoutMs: 5000, signal: AbortSignal.timeout(5000) }),
};
const request = (over: Partial<GenerateRequest> = {}): GenerateRequest => ({
  prompt: "a poster in this look", model: "ideogram-v3", width: 1024, height: 1024, aspectRatio: "1:1", n: 1, ...over,
});
const last = () => fake.inputs.at(-1)!;
const failure = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
};

describe("Ideogram: reference images", () => {
  it("3.0 generation: the first reference is the remix image, the rest style_reference_images in order; labels in the prompt", async () => {
    const result = await provider.generate(request({ references: await references(3, ["the logo", undefined, "the palette"]) }), context);
    expect(result.images).toHaveLength(1);
    expect(last().endpoint).toBe("ideogram-v3/remix");
    expect(last().images.map((i) => i.field)).toEqual(["image", "style_reference_images", "style_reference_images"]);
    expect(last().images.map((i) => nearest(i.colour))).toEqual(COLOURS.slice(0, 3));
    expect(last().prompt).toBe("a poster in this look Reference images, in order: image 1 is the logo; image 3 is the palette.");
  });

  it("4.0 generation from one reference: a v4 remix of it", async () => {
    await provider.generate(request({ model: "ideogram-v4", references: await references(1, ["the sketch"]) }), context);
    expect(last().endpoint).toBe("ideogram-v4/remix");
    expect(last().images.map((i) => [i.field, nearest(i.colour)])).toEqual([["image", COLOURS[0]]]);
    expect(last().prompt).toBe("a poster in this look Reference images, in order: image 1 is the sketch.");
  });

  it("3.0 refinement: the source is the remix image, every reference a style reference; with a mask, inpaint gets them too", async () => {
    const source = await solid("#808080", 1024, 1024);
    await provider.edit(request({ source, references: await references(2) }), context);
    expect(last().endpoint).toBe("ideogram-v3/remix");
    expect(last().images.map((i) => i.width)).toEqual([1024, 64, 80]);
    expect(last().images.slice(1).map((i) => nearest(i.colour))).toEqual(COLOURS.slice(0, 2));
    const mask = await solid("#ffffff", 1024, 1024);
    await provider.edit(request({ source, mask, references: await references(1, ["the texture"]) }), context);
    expect(last().endpoint).toBe("ideogram-v3/inpaint");
    expect(last().images.map((i) => i.field)).toEqual(["image", "style_reference_images"]);
    expect(last().prompt).toContain("image 2 is the texture");
  });

  it("no references: generate as before (no image, no style references, the prompt unchanged)", async () => {
    await provider.generate(request(), context);
    expect(last().endpoint).toBe("ideogram-v3/generate");
    expect(last().images).toEqual([]);
    expect(last().prompt).toBe("a poster in this look");
    await provider.generate(request({ model: "ideogram-v4" }), context);
    expect(last().endpoint).toBe("ideogram-v4/generate");
  });

  it("the limits: 4.0 one image, 3.0 the remix image + 10 style references — selection, the adapter and the fake refuse more", async () => {
    const select = (model: string, references: number, operation: "generate" | "edit" = "generate") =>
      selectCandidates([provider], { fallbackOrder: [] }, { provider: "ideogram", model, needs: { operation, n: 1, references } });
    expect(select("ideogram-v4", 1)).toHaveLength(1);
    expect(() => select("ideogram-v4", 2)).toThrow(/ideogram-v4 takes at most 1 reference images/);
    expect(() => select("ideogram-v4-turbo", 1, "edit")).toThrow(/ideogram-v4-turbo does not take reference images/);
    expect(select("ideogram-v3", 11)).toHaveLength(1);
    expect(select("ideogram-v3-quality", 10, "edit")).toHaveLength(1);
    expect(() => select("ideogram-v3", 12)).toThrow(/ideogram-v3 takes at most 11 reference images/);
    expect(() => select("ideogram-v3", 11, "edit")).toThrow(/at most 10 reference images besides the source \(11 input images in all\)/);

    const before = fake.requests.length;
    expect((await failure(provider.generate(request({ model: "ideogram-v4", references: await references(2) }), context))).message).toMatch(/at most 1 input images/);
    expect((await failure(provider.edit(request({ source: await solid("#808080"), references: await references(11) }), context))).message).toMatch(/at most 11 input images/);
    expect(fake.requests.length).toBe(before);

    // The fake refuses what the API refuses (400 with Ideogram's {error}): an 11th style reference, any on 4.0.
    const lax = new IdeogramProvider({ apiKey: fake.apiKey, baseUrl: fake.url, models: MODELS.map((m): ModelInfo => ({ ...m, capabilities: { ...m.capabilities, maxReferenceImages: 20 } })) });
    const tooMany = await failure(lax.generate(request({ references: await references(12) }), context));
    expect(tooMany.status).toBe(400);
    expect(tooMany.message).toMatch(/style_reference_images takes at most 10 images/);
    expect((await failure(lax.edit(request({ model: "ideogram-v4", source: await solid("#808080"), references: await references(1) }), context))).message).toMatch(/takes one input image/);
    expect(fake.inputs).toHaveLength(0);
    const form = new FormData();
    const png = new Blob([new Uint8Array((await solid("#ff0000")).data)], { type: "image/png" });
    form.set("image", png, "image.png");
    form.set("text_prompt", "a poster");
    form.append("style_reference_images", png, "style.png");
    const raw = await fetch(`${fake.url}/v1/ideogram-v4/remix`, { method: "POST", headers: { "Api-Key": fake.apiKey }, body: form });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toEqual({ error: "style_reference_images is not a field of ideogram-v4/remix" });
  });
});
