// Reference images through the Replicate adapter (real `replicate` SDK) against tests/fakes/replicate.ts. Follows:
//   - replicate.com/black-forest-labs/flux-2-pro/versions/285631b5…/api (input schema): "input_images — array,
//     default [] — List of input images for image-to-image generation. Maximum 8 images. Must be jpeg, png, gif, or
//     webp."; aspect_ratio "match_input_image" matches "the first input image" (so the source of an edit goes first).
//   - replicate.com/black-forest-labs/flux-2-flex (model page, as mirrored by cloudernative.com and api.core.today):
//     "support for ten reference images"; its schema's input_images holds 10.
//   - replicate/replicate-javascript README ("file inputs … as a data URL" for inline files; URLs are fetched by
//     Replicate): data URIs of the bytes we hold, never URLs of our storage (see lib/providers/replicate.ts).
//   - docs.bfl.ai/quick_start/pricing: FLUX.2 bills each input megapixel ([pro] $0.015, [flex] $0.05), so the estimate
//     counts every reference like the source.
//   - Replicate answers an input that breaks the schema with 422 {title: "Input validation failed", detail, status}.
// FLUX.1 models take no input_images (flux-dev's one `image` is an img2img source): no reference images.
import { afterEach, describe, expect, it } from "vitest";
import { receivedImages, replicateModels, startFakeReplicate, type FakeReplicate } from "@/tests/fakes/replicate";
import { COLOURS, nearest, references, solid } from "@/tests/fakes/references";
import { ReplicateProvider } from "./replicate";
import { selectCandidates } from "./selection";
import { ProviderError, type GenerateRequest, type ModelInfo } from "./types";

const MODELS = replicateModels();
let fake: FakeReplicate;
async function setup(models: ModelInfo[] = MODELS) {
  fake = await startFakeReplicate({ startingPolls: 0, processingPolls: 0 });
  return new ReplicateProvider({ apiToken: fake.token, baseUrl: fake.baseUrl, models, pollIntervalMs: 10 });
}
afterEach(async () => {
  await fake?.close();
});

const request = (over: Partial<GenerateRequest> = {}): GenerateRequest => ({
  prompt: "the dog in the garden", model: "flux-2-pro", width: 1024, height: 1024, aspectRatio: "1:1", n: 1, ...over,
});
const context = () => ({ signal: new AbortController().signal, fetchResult: async (url: string) => {
  const answer = await fetch(url);
  return { data: Buffer.from(await answer.arrayBuffer()), mimeType: answer.headers.get("content-type") };
} });
const lastInput = () => [...fake.predictions.values()].at(-1)!.input;
const lastImages = async () => receivedImages([...fake.predictions.values()].at(-1)!);
const failure = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
};

describe("Replicate FLUX.2: reference images", () => {
  it("a generation sends the references as input_images data URIs of the given bytes, in order, labels in the prompt", async () => {
    const provider = await setup();
    const refs = await references(3, ["the dog", undefined, "the garden"]);
    const result = await provider.generate(request({ references: refs }), context());
    expect(result.images).toHaveLength(1);
    const input = lastInput();
    expect((input.input_images as string[]).every((uri) => uri.startsWith("data:image/"))).toBe(true);
    // The very bytes handed over (already downscaled by the studio): nothing re-encoded.
    expect((input.input_images as string[]).map((uri) => Buffer.from(uri.split(",")[1], "base64").equals(refs[(input.input_images as string[]).indexOf(uri)].data))).toEqual([true, true, true]);
    const received = await lastImages();
    expect(received.map((i) => nearest(i.colour))).toEqual(COLOURS.slice(0, 3));
    expect(received.map((i) => i.mimeType)).toEqual(["image/png", "image/jpeg", "image/png"]);
    expect(input.prompt).toBe("the dog in the garden Reference images, in order: image 1 is the dog; image 3 is the garden.");
  });

  it("an edit sends the source first, then the references; the legend counts the source as image 1", async () => {
    const provider = await setup();
    await provider.edit(request({ model: "flux-2-flex", source: await solid("#808080", 256, 256), references: await references(2, ["the dog"]) }), context());
    const received = await lastImages();
    expect(received.map((i) => i.width)).toEqual([256, 64, 80]);
    expect(received.slice(1).map((i) => nearest(i.colour))).toEqual(COLOURS.slice(0, 2));
    expect(lastInput().prompt).toBe("the dog in the garden Reference images, in order: image 2 is the dog.");
  });

  it("no references: the input is as before (no input_images on a generation, the source alone on an edit)", async () => {
    const provider = await setup();
    await provider.generate(request(), context());
    expect(lastInput()).not.toHaveProperty("input_images");
    expect(lastInput().prompt).toBe("the dog in the garden");
    await provider.edit(request({ source: await solid("#0000ff", 128, 128) }), context());
    expect((lastInput().input_images as string[])).toHaveLength(1);
  });

  it("the estimate bills every input megapixel: each reference like the source", async () => {
    const provider = await setup();
    const plain = provider.estimateCost(request());
    const big = { ...(await solid("#ff0000", 1536, 1536)), imageId: "big" }; // 2.25 MP → 3 billed
    expect(provider.estimateCost(request({ references: [big] }))).toBeCloseTo(plain + 3 * 0.015, 6);
    expect(provider.estimateCost(request({ model: "flux-2-flex", references: [big, big] }))).toBeCloseTo(provider.estimateCost(request({ model: "flux-2-flex" })) + 6 * 0.05, 6);
  });

  it("the limits: pro 8 and flex 10 input images, FLUX.1 none — selection, the adapter and the fake refuse", async () => {
    const provider = await setup();
    const select = (model: string, references: number, operation: "generate" | "edit" = "generate") =>
      selectCandidates([provider], { fallbackOrder: [] }, { provider: "replicate", model, needs: { operation, n: 1, references } });
    expect(select("flux-2-pro", 8)).toHaveLength(1);
    expect(() => select("flux-2-pro", 9)).toThrow(/flux-2-pro takes at most 8 reference images/);
    expect(() => select("flux-2-pro", 8, "edit")).toThrow(/at most 7 reference images besides the source \(8 input images in all\)/);
    expect(select("flux-2-flex", 10)).toHaveLength(1);
    expect(() => select("flux-2-flex", 11)).toThrow(/flux-2-flex takes at most 10 reference images/);
    for (const model of ["flux-1.1-pro", "flux-dev", "flux-schnell"]) expect(() => select(model, 1)).toThrow(new RegExp(`${model} does not take reference images`));

    const before = fake.modelsCalled().length;
    const refused = await failure(provider.generate(request({ references: await references(9) }), context()));
    expect(refused.kind).toBe("bad_request");
    expect(refused.message).toMatch(/at most 8 input images/);
    expect((await failure(provider.edit(request({ model: "flux-dev", source: await solid("#808080"), references: await references(1) }), context()))).message).toMatch(/does not take reference images/);
    expect(fake.modelsCalled().length).toBe(before);

    // The fake checks the schema's maximum like Replicate: 422 Input validation failed.
    await fake.close();
    const lax = await setup(MODELS.map((m) => ({ ...m, capabilities: { ...m.capabilities, maxReferenceImages: 20 } })));
    const answered = await failure(lax.generate(request({ references: await references(9) }), context()));
    expect(answered.kind).toBe("bad_request");
    expect(answered.status).toBe(422);
    expect(answered.message).toMatch(/input_images: takes at most 8 images/);
    const flex = await failure(lax.generate(request({ model: "flux-2-flex", references: await references(11) }), context()));
    expect(flex.message).toMatch(/at most 10 images/);
  });
});
