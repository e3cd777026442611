// Reference images through the OpenAI adapter (real `openai` SDK) against tests/fakes/openai.ts. Follows:
//   - openai/openai-node src/resources/images.ts (HEAD 7b7d6ca, 2026-08-21), ImageEditParamsBase.image: "The
//     image(s) to edit. Must be a supported image file or an array of images. For the GPT image models (…
//     gpt-image-2 …) each image should be a png, webp, or jpg file less than 50MB. You can provide up to 16 images."
//     and .mask: "If there are multiple images provided, the mask will be applied on the first image." — so the source
//     goes first, the references after it; an array is sent as repeated `image[]` parts (src/internal/uploads.ts:
//     `key + '[]'` for array entries).
//   - community.openai.com/t/…/1380585 (OpenAI staff answer): gpt-image-2 image input is `POST /v1/images/edits` with
//     `-F "image[]=@input.png"`; generations (JSON) take no image.
//   - docs.apiyi.com/api-capabilities/gpt-image-2/image-edit (secondary): the order of `image[]` is what "image 1 /
//     image 2" in the prompt refer to — hence referenceLegend's numbering (offset 1 when the source is image 1).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { recordingContext, startFakeOpenAI, type FakeOpenAI } from "@/tests/fakes/openai";
import { COLOURS, nearest, references, solid } from "@/tests/fakes/references";
import { AppError } from "@/lib/errors";
import { catalogModels } from "./catalog";
import { OpenAIProvider } from "./openai";
import { selectCandidates } from "./selection";
import { ProviderError, type GenerateRequest } from "./types";

let fake: FakeOpenAI;
let provider: OpenAIProvider;
beforeAll(async () => {
  fake = await startFakeOpenAI({ azure: { apiKey: "azure-key", deployments: { "my-images": "gpt-image-2" } } });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
  fake.forms.length = 0;
  fake.inputs.length = 0;
  provider = new OpenAIProvider({ apiKey: "sk-test", baseUrl: fake.baseUrl, models: catalogModels("openai") });
});

const request = (over: Partial<GenerateRequest> = {}): GenerateRequest => ({
  prompt: "put the fox in the scene", model: "gpt-image-2.6-flare", width: 1024, height: 1024, aspectRatio: "1:1", n: 1, ...over,
});
const colours = (i = -1) => fake.inputs.at(i)!.map((image) => nearest(image.colour));
const failure = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
};

describe("OpenAI: reference images", () => {
  it("a generation with references goes to /images/edits with each reference as image[], in order", async () => {
    const refs = await references(3, ["the red jacket", undefined, "the beach"]);
    const result = await provider.generate(request({ references: refs }), recordingContext(fake).context);
    expect(result.images).toHaveLength(1);
    const call = fake.requests.at(-1)!;
    expect(call.path).toBe("/v1/images/edits");
    expect(fake.inputs.at(-1)!.map((i) => i.field)).toEqual(["image[]", "image[]", "image[]"]);
    expect(colours()).toEqual(COLOURS.slice(0, 3));
    // Types kept as made (PNG, JPEG, PNG), sizes as given.
    expect(fake.inputs.at(-1)!.map((i) => [i.mimeType, i.width])).toEqual([["image/png", 64], ["image/jpeg", 80], ["image/png", 96]]);
    const prompt = fake.forms.at(-1)!.fields.prompt;
    expect(prompt).toBe("put the fox in the scene Reference images, in order: image 1 is the red jacket; image 3 is the beach.");
    expect(fake.forms.at(-1)!.fields.mask).toBeUndefined();
  });

  it("one unlabelled reference: a single `image`, the prompt unchanged", async () => {
    await provider.generate(request({ references: await references(1) }), recordingContext(fake).context);
    expect(fake.inputs.at(-1)!.map((i) => i.field)).toEqual(["image"]);
    expect(fake.forms.at(-1)!.fields.prompt).toBe("put the fox in the scene");
  });

  it("a refinement sends the source first, then the references; the mask applies to the source (image 1)", async () => {
    const source = await solid("#808080", 512, 512);
    const mask = await solid("#ffffff", 512, 512);
    const refs = await references(2, ["the red jacket", "the hat"]);
    await provider.edit(request({ prompt: "dress him", source, mask, references: refs }), recordingContext(fake).context);
    expect(fake.requests.at(-1)!.path).toBe("/v1/images/edits");
    const received = fake.inputs.at(-1)!;
    expect(received.map((i) => i.width)).toEqual([512, 64, 80]);
    expect(received[0].colour).toMatch(/^#(..)\1\1$/); // the grey source leads
    expect(colours().slice(1)).toEqual(COLOURS.slice(0, 2));
    expect(fake.forms.at(-1)!.files.mask).toBeDefined(); // the fake checks it matches the first image's size
    expect(fake.forms.at(-1)!.fields.prompt).toBe("dress him Reference images, in order: image 2 is the red jacket; image 3 is the hat.");
  });

  it("variations send the source then the references, the legend offset by the source", async () => {
    await provider.variations(request({ prompt: "", source: await solid("#808080", 512, 512), references: await references(1, ["the palette"]) }), recordingContext(fake).context);
    expect(fake.inputs.at(-1)!.map((i) => i.width)).toEqual([512, 64]);
    expect(fake.forms.at(-1)!.fields.prompt).toMatch(/^Create a variation of the first image\..*image 2 is the palette\.$/);
  });

  it("Azure deployments take the same body: image[] in order on the deployment's edits path", async () => {
    const azure = new OpenAIProvider({ azure: { endpoint: fake.url, apiKey: "azure-key", deployment: "my-images", apiVersion: "2025-04-01-preview" }, models: catalogModels("openai") });
    await azure.generate(request({ model: "gpt-image-2", references: await references(2) }), recordingContext(fake).context);
    expect(fake.requests.at(-1)!.path).toBe("/openai/deployments/my-images/images/edits");
    expect(colours()).toEqual(COLOURS.slice(0, 2));
  });

  it("no references: the generation is the same JSON call as before (no edits, no legend)", async () => {
    await provider.generate(request(), recordingContext(fake).context);
    expect(fake.requests.at(-1)!.path).toBe("/v1/images/generations");
    expect(fake.requests.at(-1)!.json).toEqual({ model: "gpt-image-2.6-flare", prompt: "put the fox in the scene", n: 1, size: "1024x1024", quality: "medium", output_format: "png" });
    expect(fake.inputs).toHaveLength(0);
  });

  it("the limit: 16 input images in all — refused by selection, by the adapter before sending, and by the fake", async () => {
    const needs = (references: number, operation: "generate" | "edit" = "generate") => ({ provider: "openai", model: "gpt-image-2", needs: { operation, n: 1, references } });
    expect(selectCandidates([provider], { fallbackOrder: [] }, needs(16))).toHaveLength(1);
    expect(() => selectCandidates([provider], { fallbackOrder: [] }, needs(17))).toThrow(/gpt-image-2 takes at most 16 reference images/);
    expect(() => selectCandidates([provider], { fallbackOrder: [] }, needs(16, "edit"))).toThrow(/at most 15 reference images besides the source \(16 input images in all\)/);
    expect(() => selectCandidates([provider], { fallbackOrder: [] }, needs(17))).toThrow(AppError);

    const sent = fake.requests.length;
    const tooMany = await failure(provider.edit(request({ source: await solid("#808080", 64, 64), references: await references(16) }), recordingContext(fake).context));
    expect(tooMany.kind).toBe("bad_request");
    expect(tooMany.message).toMatch(/at most 16 input images/);
    expect(fake.requests.length).toBe(sent); // nothing was sent (or billed)

    // The fake refuses 17 as the service does (a model entry that claims more than the API takes).
    const lax = new OpenAIProvider({ apiKey: "sk-test", baseUrl: fake.baseUrl, models: catalogModels("openai").map((m) => ({ ...m, capabilities: { ...m.capabilities, maxReferenceImages: 32 } })) });
    const refused = await failure(lax.generate(request({ references: await references(17) }), recordingContext(fake).context));
    expect(refused.kind).toBe("bad_request");
    expect(refused.status).toBe(400);
    expect(refused.message).toMatch(/up to 16 images/);
  });
});
