// Variations and refinements (docs/api.md "Generation"; issue [4/7]): jobs that start from an existing picture, through
// the local renderer and fake OpenAI / Replicate / Ideogram / Google servers speaking their documented APIs through
// the real SDKs; each result is a child of its source with the operation recorded; bad input charges nothing.
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as generate } from "@/app/api/v1/generations/route";
import { GET as lineage } from "@/app/api/v1/images/[id]/lineage/route";
import { POST as refine } from "@/app/api/v1/images/[id]/refine/route";
import { DELETE as deleteImage, GET as getImage } from "@/app/api/v1/images/[id]/route";
import { POST as variations } from "@/app/api/v1/images/[id]/variations/route";
import { POST as submitJob } from "@/app/api/v1/jobs/route";
import { db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { catalogModels } from "@/lib/providers/catalog";
import { GoogleProvider } from "@/lib/providers/google";
import { IdeogramProvider } from "@/lib/providers/ideogram";
import { LocalProvider } from "@/lib/providers/local";
import { OpenAIProvider } from "@/lib/providers/openai";
import { setProvidersForTests } from "@/lib/providers/registry";
import { ReplicateProvider } from "@/lib/providers/replicate";
import { startFakeGoogle, type FakeGoogle } from "../fakes/google";
import { formOf, ideogramModels, startFakeIdeogram, type FakeIdeogram } from "../fakes/ideogram";
import { FLAT_MODEL, openAIModels, startFakeOpenAI, type FakeOpenAI } from "../fakes/openai";
import { replicateModels, startFakeReplicate, type FakeReplicate } from "../fakes/replicate";
import { expectError, expectJson, send } from "../support/http";
import { drawRaw, jpegPhotoLike, pixelAt } from "../support/images";
import { ensureLocalUser, ensureUser, seedImage, snapshot, upload } from "../support/studio";

let openai: FakeOpenAI;
let replicate: FakeReplicate;
let ideogram: FakeIdeogram;
let google: FakeGoogle;

type Image = { id: string; kind: string; parentId: string | null; width: number; height: number; prompt: string | null; effectivePrompt: string | null; provider: string; model: string; seed: number | null; operation: { type: string; params: Record<string, unknown> } | null; url: string };
type Job = { id: string; type: string; status: string; provider: string; model: string; images: Image[]; costUsd: number; error: { code: string; message: string } | null };

const local = () => new LocalProvider();
const openAI = () => new OpenAIProvider({ apiKey: "sk-test", baseUrl: openai.baseUrl, models: openAIModels() });
const replicateFlux = () =>
  new ReplicateProvider({
    apiToken: replicate.token,
    baseUrl: replicate.baseUrl,
    models: replicateModels(),
    pollIntervalMs: 20,
  });
const ideogramV3 = () => new IdeogramProvider({ apiKey: ideogram.apiKey, baseUrl: ideogram.url, models: ideogramModels() });
const gemini = (models = catalogModels("google")) => new GoogleProvider({ apiKey: google.apiKey, baseUrl: google.url, models });

beforeAll(async () => {
  [openai, replicate, ideogram, google] = await Promise.all([startFakeOpenAI(), startFakeReplicate({ processingPolls: 1 }), startFakeIdeogram(), startFakeGoogle()]);
  Object.assign(process.env, { OPENAI_BASE_URL: openai.baseUrl, REPLICATE_BASE_URL: replicate.baseUrl, IDEOGRAM_BASE_URL: ideogram.url, GOOGLE_GENAI_BASE_URL: google.url });
  await ensureLocalUser();
});
afterAll(async () => {
  await Promise.all([openai.close(), replicate.close(), ideogram.close(), google.close()]);
});
beforeEach(() => {
  Object.assign(process.env, { ALLOW_PRIVATE_PROVIDER_URLS: "true", PROVIDER_TIMEOUT_SECONDS: "10", PROVIDER_MAX_RETRIES: "1", DAILY_BUDGET_USD: "5", RATE_LIMIT_PER_MINUTE: "1000", PROVIDER_FALLBACK_ORDER: "" });
  resetEnvForTests();
  setProvidersForTests([local(), openAI(), replicateFlux(), ideogramV3(), gemini()]);
});

const variationsOf = (id: string, json: unknown, headers: Record<string, string> = {}) =>
  send(variations, `/api/v1/images/${id}/variations?wait=true`, { json, headers, params: { id } });
const refineOf = (id: string, json: unknown, headers: Record<string, string> = {}) => send(refine, `/api/v1/images/${id}/refine?wait=true`, { json, headers, params: { id } });
const succeeded = async (res: Response) => {
  const job = await expectJson<Job>(res, 201);
  expect(job.status, JSON.stringify(job.error)).toBe("succeeded");
  return job;
};

async function localPicture(prompt = "A red fox in a snowy forest", seed = 11): Promise<Image> {
  const res = await send(generate, "/api/v1/generations?wait=true", { json: { prompt, seed, provider: "local", width: 256, height: 192 } });
  return (await succeeded(res)).images[0];
}

const bytesOf = async (image: Image) => (await db().image.findUniqueOrThrow({ where: { id: image.id } })).checksum;

describe("POST /api/v1/images/{id}/variations", () => {
  it("makes n variations of a local picture as its children, each different, at the source's size", async () => {
    const source = await localPicture();
    const job = await succeeded(await variationsOf(source.id, { n: 3, strength: 0.6, provider: "local" }));
    expect(job).toMatchObject({ type: "variations", provider: "local", costUsd: 0 });
    expect(job.images).toHaveLength(3);
    const checksums = new Set([await bytesOf(source), ...(await Promise.all(job.images.map(bytesOf)))]);
    expect(checksums.size).toBe(4);
    for (const image of job.images) {
      expect(image).toMatchObject({ kind: "generated", parentId: source.id, width: 256, height: 192, prompt: source.prompt, provider: "local" });
      expect(image.operation).toEqual({ type: "variations", params: { strength: 0.6, n: 3 } });
    }
    // Consecutive seeds, fixed when the job was accepted, none the source's.
    const seeds = job.images.map((i) => i.seed!).sort((a, b) => a - b);
    expect(seeds[1] - seeds[0]).toBe(1);
    expect(seeds).not.toContain(source.seed);

    const detail = await expectJson<{ children: Array<{ id: string; operation: { type: string } }> }>(await send(getImage, `/api/v1/images/${source.id}`, { params: { id: source.id } }));
    expect(detail.children.map((c) => c.id).sort()).toEqual(job.images.map((i) => i.id).sort());
    expect(detail.children.every((c) => c.operation.type === "variations")).toBe(true);
  });

  it("a low strength stays closer to the source than a high one", async () => {
    const source = await localPicture("Rolling green hills under a pale sky", 5);
    const near = (await succeeded(await variationsOf(source.id, { n: 1, strength: 0.1, seed: 900, provider: "local" }))).images[0];
    const far = (await succeeded(await variationsOf(source.id, { n: 1, strength: 1, seed: 900, provider: "local" }))).images[0];
    const distance = async (image: Image) => meanAbsDiff(await fileOf(source), await fileOf(image));
    expect(await distance(near)).toBeLessThan(await distance(far));
  });

  it("works on an uploaded picture (no prompt) with the local renderer", async () => {
    const source = await upload(await jpegPhotoLike(320, 240), { name: "photo.jpg" });
    const job = await succeeded(await variationsOf(source.id, { n: 2, provider: "local" }));
    expect(job.provider).toBe("local");
    expect(job.images.map((i) => i.parentId)).toEqual([source.id, source.id]);
    expect(job.images[0]).toMatchObject({ width: 320, height: 240, operation: { type: "variations", params: { strength: 0.75, n: 2 } } });
  });

  it("OpenAI: variations are an edit with the source as the reference (the variations endpoint went with dall-e-2)", async () => {
    const source = await seedImage({ width: 1024, height: 1024, prompt: "a teapot" });
    const before = openai.requests.length;
    const gpt = await succeeded(await variationsOf(source.id, { n: 2, provider: "openai", model: "gpt-image-2.6-flare", strength: 0.2 }));
    expect(gpt).toMatchObject({ provider: "openai", model: "gpt-image-2.6-flare" });
    expect(gpt.images).toHaveLength(2);
    expect(gpt.images[0]).toMatchObject({ parentId: source.id, width: 1024, height: 1024 });
    const paths = openai.requests.slice(before).map((r) => `${r.method} ${r.path}`);
    expect(paths).toEqual(["POST /v1/images/edits"]); // both images from one call
    const editForm = openai.forms.at(-1)!;
    expect(editForm.fields).toMatchObject({ model: "gpt-image-2.6-flare", n: "2", size: "1024x1024" });
    expect(String(editForm.fields.prompt)).toMatch(/variation of the reference image: a teapot.*very close/i);
    expect(openai.imageModels()).not.toContain("dall-e-2");
  });

  it("Replicate FLUX.2: variations from the source in input_images, one prediction per image", async () => {
    const source = await seedImage({ width: 160, height: 90, prompt: "a harbour at dawn" });
    const before = replicate.predictions.size;
    const job = await succeeded(await variationsOf(source.id, { n: 2, strength: 0.4, provider: "replicate" }));
    expect(job).toMatchObject({ provider: "replicate", model: "flux-2-pro" });
    expect(job.images).toHaveLength(2);
    const predictions = [...replicate.predictions.values()].slice(before);
    expect(predictions.map((p) => p.model)).toEqual(["black-forest-labs/flux-2-pro", "black-forest-labs/flux-2-pro"]);
    for (const prediction of predictions) {
      expect(prediction.input).toMatchObject({ aspect_ratio: "custom", prompt: expect.stringContaining("a harbour at dawn") });
      expect(prediction.input.input_images).toEqual([expect.stringMatching(/^data:image\/png;base64,/)]);
    }
    expect(job.images[0]).toMatchObject({ width: predictions[0].input.width, height: predictions[0].input.height });
  });

  it("Ideogram: a remix whose image weight follows the strength", async () => {
    const source = await seedImage({ width: 100, height: 100, prompt: "a lantern" });
    const before = ideogram.requests.length;
    const job = await succeeded(await variationsOf(source.id, { n: 1, strength: 0.25, provider: "ideogram" }));
    expect(job.images[0].parentId).toBe(source.id);
    const request = ideogram.requests.slice(before).find((r) => r.path.endsWith("/remix"))!;
    expect(request).toBeTruthy();
    const form = await formOf(request);
    expect(Number(form.get("image_weight"))).toBeGreaterThan(50);
  });

  it("Gemini: variations by instruction with the source picture inline, one request per image", async () => {
    const source = await seedImage({ width: 120, height: 80, prompt: "a lantern" });
    const before = google.requests.length;
    const job = await succeeded(await variationsOf(source.id, { n: 2, strength: 0.2, provider: "google" }));
    expect(job).toMatchObject({ provider: "google", model: "gemini-nano-banana-2.1" });
    expect(job.images.every((i) => i.parentId === source.id && i.model === "gemini-nano-banana-2.1")).toBe(true);
    const calls = google.requests.slice(before);
    expect(calls).toHaveLength(2);
    for (const call of calls) {
      expect(call.path).toBe("/v1beta/models/gemini-nano-banana-2.1:generateContent");
      const parts = (call.json as { contents: Array<{ parts: Array<{ inlineData?: unknown; text?: string }> }> }).contents[0].parts;
      expect(parts[0].inlineData).toBeTruthy();
      expect(parts[1].text).toMatch(/very close/);
    }
    expect(google.notFoundCalls()).toHaveLength(0);
  });

  it("Gemini: a model Google shut down while the studio runs is noticed (404) and its successor serves", async () => {
    const source = await seedImage({ width: 120, height: 80, prompt: "a kite" });
    google.retire("gemini-3.1-flash-image");
    try {
      const before = google.requests.length;
      const job = await succeeded(await variationsOf(source.id, { n: 1, provider: "google", model: "gemini-3.1-flash-image" }));
      expect(job).toMatchObject({ provider: "google", model: "gemini-nano-banana-2.1" });
      expect(job.images[0].model).toBe("gemini-nano-banana-2.1");
      const paths = google.requests.slice(before).map((r) => r.path);
      expect(paths[0]).toBe("/v1beta/models/gemini-3.1-flash-image:generateContent");
      expect(paths.at(-1)).toBe("/v1beta/models/gemini-nano-banana-2.1:generateContent");
      // Learned for every later request: the retired id is not sent again.
      const again = await succeeded(await variationsOf(source.id, { n: 1, provider: "google", model: "gemini-3.1-flash-image" }));
      expect(again.model).toBe("gemini-nano-banana-2.1");
      expect(google.notFoundCalls().filter((r) => r.path.includes("gemini-3.1-flash-image"))).toHaveLength(1);
    } finally {
      google.restore("gemini-3.1-flash-image");
    }
  });

  it("without native variations, a known prompt is generated again with other seeds", async () => {
    // An operator's catalog change (MODEL_CATALOG) that takes native variations away from a Gemini model.
    const lite = "gemini-3.1-flash-lite-image";
    const withoutVariations = catalogModels("google").map((m) => (m.id === lite ? { ...m, capabilities: { ...m.capabilities, variations: false } } : m));
    setProvidersForTests([local(), openAI(), replicateFlux(), ideogramV3(), gemini(withoutVariations)]);
    const source = await seedImage({ width: 100, height: 100, prompt: "a paper boat", seed: 3 });
    const before = google.requests.length;
    const job = await succeeded(await variationsOf(source.id, { n: 2, provider: "google", model: lite }));
    expect(job.images).toHaveLength(2);
    expect(job.images.every((i) => i.parentId === source.id && i.prompt === "a paper boat")).toBe(true);
    // One image per Gemini request: two text-only generateContent calls, no source image sent.
    const calls = google.requests.slice(before);
    expect(calls).toHaveLength(2);
    expect(calls.every((r) => r.path === `/v1beta/models/${lite}:generateContent`)).toBe(true);
    expect(calls.every((r) => JSON.stringify(r.json).includes("a paper boat") && !JSON.stringify(r.json).includes("inlineData"))).toBe(true);
    // An uploaded picture has no prompt to generate again: the same model is refused with a reason.
    const uploaded = await upload(await jpegPhotoLike(64, 64));
    const error = await expectError(await variationsOf(uploaded.id, { provider: "google", model: lite }), 400, "invalid_request");
    expect(error.message).toMatch(/cannot make variations/);
  });

  it("the same Idempotency-Key returns the same job; another body with it is a 409", async () => {
    const source = await localPicture("A quiet library", 21);
    const headers = { "idempotency-key": "var-key-1" };
    const first = await succeeded(await variationsOf(source.id, { n: 2, provider: "local" }, headers));
    const again = await succeeded(await variationsOf(source.id, { n: 2, provider: "local" }, headers));
    expect(again.id).toBe(first.id);
    expect(await db().image.count({ where: { parents: { some: { parentId: source.id } } } })).toBe(2);
    await expectError(await variationsOf(source.id, { n: 3, provider: "local" }, headers), 409, "conflict");
  });
});

describe("POST /api/v1/images/{id}/refine", () => {
  it("refines a local picture by prompt with the local renderer, recording the effective prompt", async () => {
    const source = await localPicture("A red fox in a snowy forest", 31);
    const job = await succeeded(await refineOf(source.id, { prompt: "at night under the northern lights", strength: 0.7, provider: "local" }));
    expect(job).toMatchObject({ type: "refine", provider: "local" });
    const [image] = job.images;
    expect(image).toMatchObject({ parentId: source.id, prompt: "at night under the northern lights", width: 256, height: 192 });
    expect(image.operation).toEqual({ type: "refine", params: { prompt: "at night under the northern lights", strength: 0.7, preserveStructure: true } });
    expect(image.effectivePrompt).toContain("at night under the northern lights");
    expect(await bytesOf(image)).not.toBe(await bytesOf(source));
  });

  it("with a mask, only the white area changes", async () => {
    const source = await upload(await jpegPhotoLike(128, 128), { name: "photo.jpg" });
    // White (change) on the right half, black (keep) on the left.
    const mask = await upload(await drawRaw(128, 128, (x) => (x >= 64 ? [255, 255, 255] : [0, 0, 0])).png().toBuffer(), { name: "mask.png" });
    const job = await succeeded(await refineOf(source.id, { prompt: "a bright yellow sun", strength: 1, maskImageId: mask.id, provider: "local" }));
    const [image] = job.images;
    expect(image.operation?.params).toMatchObject({ maskImageId: mask.id });
    const before = await fileOf(source);
    const after = await fileOf(image);
    const kept = await pixelAt(after, 16, 64);
    const original = await pixelAt(before, 16, 64);
    for (const c of ["r", "g", "b"] as const) expect(Math.abs(kept[c] - original[c])).toBeLessThanOrEqual(6);
    expect(diff(await crop(before, 80), await crop(after, 80))).toBeGreaterThan(10);
  });

  it("gpt-image-2.6 edits with the mask; Ideogram inpaints; FLUX.2 edits by instruction", async () => {
    const source = await seedImage({ width: 64, height: 64, prompt: "a plain wall" });
    const mask = await seedImage({ width: 64, height: 64, color: [255, 255, 255] });
    const openaiJob = await succeeded(await refineOf(source.id, { prompt: "add a window", maskImageId: mask.id, provider: "openai" }));
    expect(openaiJob).toMatchObject({ provider: "openai", model: "gpt-image-2.6-flare" });
    const form = openai.forms.at(-1)!;
    expect(Object.keys(form.files).sort()).toEqual(["image", "mask"]);
    expect(String(form.fields.prompt)).toMatch(/^add a window.*Keep the composition/);

    const before = ideogram.requests.length;
    await succeeded(await refineOf(source.id, { prompt: "add a door", maskImageId: mask.id, provider: "ideogram" }));
    expect(ideogram.requests.slice(before).some((r) => r.path.endsWith("/inpaint"))).toBe(true);

    const flux = await succeeded(await refineOf(source.id, { prompt: "paint it blue", strength: 0.3, provider: "replicate", preserveStructure: false }));
    expect(flux.model).toBe("flux-2-pro");
    const prediction = [...replicate.predictions.values()].at(-1)!;
    expect(prediction.input.input_images).toEqual([expect.stringMatching(/^data:image\/png;base64,/)]);
    expect(String(prediction.input.prompt)).toMatch(/^paint it blue Stay very close/);
    expect(String(prediction.input.prompt)).not.toMatch(/Keep the composition/);
    expect(flux.images[0].operation?.params).toMatchObject({ preserveStructure: false });
  });

  it("automatic selection skips models that cannot edit with a mask", async () => {
    process.env.PROVIDER_FALLBACK_ORDER = "replicate,openai";
    resetEnvForTests();
    const source = await seedImage({ width: 64, height: 64, prompt: "a plain wall" });
    const mask = await seedImage({ width: 64, height: 64, color: [255, 255, 255] });
    const job = await succeeded(await refineOf(source.id, { prompt: "add ivy", maskImageId: mask.id }));
    expect(job.provider).toBe("openai"); // FLUX cannot restrict an edit to a mask
  });
});

describe("bad input: a clear 400/404, nothing stored or charged", () => {
  it.each([
    ["strength above 1", "variations", { strength: 1.5 }, /strength must be from 0 to 1/],
    ["strength below 0", "refine", { prompt: "x", strength: -0.1 }, /strength must be from 0 to 1/],
    ["n 0", "variations", { n: 0 }, /n must be 1–10/],
    ["no refine prompt", "refine", {}, /prompt is required/],
    ["an unknown field", "variations", { colour: "red" }, /colour/],
    ["an unknown provider", "variations", { provider: "dreamer" }, /Unknown provider "dreamer"/],
    ["a named model that cannot edit", "refine", { prompt: "x", provider: "openai", model: FLAT_MODEL }, /cannot edit images/],
    ["a named model that cannot edit with a mask", "refine", { prompt: "x", provider: "replicate", maskImageId: "MASK" }, /cannot edit with a mask/],
    ["a mask of another size", "refine", { prompt: "x", maskImageId: "SMALL" }, /mask is 32×32 but the image is 64×64/],
    ["a mask that is not one of the user's images", "refine", { prompt: "x", maskImageId: "img_nope" }, /not one of your images/],
    ["a mask that belongs to someone else", "refine", { prompt: "x", maskImageId: "FOREIGN" }, /not one of your images/],
  ])("%s → 400", async (_name, operation, json, message) => {
    await ensureUser("other");
    const source = await seedImage({ width: 64, height: 64, prompt: "a wall" });
    const ids: Record<string, string> = {
      MASK: (await seedImage({ width: 64, height: 64 })).id,
      SMALL: (await seedImage({ width: 32, height: 32 })).id,
      FOREIGN: (await seedImage({ width: 64, height: 64, ownerId: "other" })).id,
    };
    const body = JSON.parse(JSON.stringify(json), (key, value) => (key === "maskImageId" ? (ids[value] ?? value) : value));
    const before = { ...(await snapshot()), jobs: await db().job.count(), usage: await db().usageEntry.count(), budget: await budgetReserved() };
    const res = operation === "variations" ? await variationsOf(source.id, body) : await refineOf(source.id, body);
    const error = await expectError(res, 400, "invalid_request");
    expect(`${error.message} ${JSON.stringify(error.details ?? "")}`).toMatch(message);
    expect({ ...(await snapshot()), jobs: await db().job.count(), usage: await db().usageEntry.count(), budget: await budgetReserved() }).toEqual(before);
  });

  it("a foreign or unknown image id → 404", async () => {
    await ensureUser("other");
    const foreign = await seedImage({ ownerId: "other", prompt: "theirs" });
    const before = await db().job.count();
    for (const id of [foreign.id, "img_missing"]) {
      await expectError(await variationsOf(id, {}), 404, "not_found");
      await expectError(await refineOf(id, { prompt: "mine now" }), 404, "not_found");
    }
    expect(await db().job.count()).toBe(before);
  });
});

describe("work packages and lineage", () => {
  it("POST /api/v1/jobs takes variations and refine packages with an imageId", async () => {
    const source = await localPicture("A sailing ship", 41);
    const res = await send(submitJob, "/api/v1/jobs", { json: { type: "variations", imageId: source.id, n: 2, provider: "local" } });
    const job = await expectJson<Job>(res, 202);
    expect(job.type).toBe("variations");
    const refined = await expectJson<Job>(await send(submitJob, "/api/v1/jobs", { json: { type: "refine", imageId: source.id, prompt: "in a storm", provider: "local" } }), 202);
    expect(refined.type).toBe("refine");
    const missing = await expectError(await send(submitJob, "/api/v1/jobs", { json: { type: "refine", prompt: "in a storm" } }), 400, "invalid_request");
    expect(JSON.stringify(missing)).toMatch(/imageId/);
  });

  it("the family tree spans generations, and deleting a parent keeps its children", async () => {
    const root = await localPicture("A castle on a hill", 51);
    const [child] = (await succeeded(await variationsOf(root.id, { n: 1, provider: "local" }))).images;
    const [grandchild] = (await succeeded(await refineOf(child.id, { prompt: "in autumn", provider: "local" }))).images;
    const tree = await expectJson<{ ancestors: Image[]; image: Image; descendants: Array<Image & { children: Image[] }> }>(
      await send(lineage, `/api/v1/images/${child.id}/lineage`, { params: { id: child.id } }),
    );
    expect(tree.ancestors.map((a) => a.id)).toEqual([root.id]);
    expect(tree.descendants.map((d) => d.id)).toEqual([grandchild.id]);
    expect(tree.descendants[0].operation?.type).toBe("refine");

    const res = await send(deleteImage, `/api/v1/images/${child.id}?purge=true`, { method: "DELETE", params: { id: child.id } });
    expect(res.status).toBe(204);
    expect(res.headers.get("x-orphaned-children")).toBe("1");
    const orphan = await expectJson<Image>(await send(getImage, `/api/v1/images/${grandchild.id}`, { params: { id: grandchild.id } }));
    expect(orphan.parentId).toBeNull();
    expect(orphan.operation?.type).toBe("refine");
  });

  it("a job whose source was deleted before it ran fails with not_found, charges nothing, stores nothing", async () => {
    const { runJob, setJobQueueForTests } = await import("@/lib/jobs/worker");
    const { jobHandlers } = await import("@/lib/images/job-handlers");
    const held: string[] = [];
    // A queue that only records: the job stays queued until the test runs it.
    setJobQueueForTests({ enqueue: async (id: string) => void held.push(id), start: () => {}, stop: async () => {} });
    try {
      const source = await seedImage({ width: 64, height: 64, prompt: "A windmill" });
      const accepted = await expectJson<Job>(await send(variations, `/api/v1/images/${source.id}/variations`, { json: { n: 2, provider: "openai", model: "gpt-image-2.6-flare" }, params: { id: source.id } }), 202);
      expect(new Set(held)).toEqual(new Set([accepted.id])); // the worker's start-up recovery may enqueue it again
      expect(await budgetReserved()).toBeGreaterThan(0);
      await db().image.delete({ where: { id: source.id } });
      const calls = openai.requests.length;
      await runJob(accepted.id, jobHandlers);
      const job = await db().job.findUniqueOrThrow({ where: { id: accepted.id } });
      expect(job).toMatchObject({ status: "failed", error: { code: "not_found" } });
      expect(await db().image.count({ where: { jobId: job.id } })).toBe(0);
      expect(openai.requests.length).toBe(calls);
      const days = await db().budgetDay.findMany();
      expect(days.reduce((sum, d) => sum + d.reservedMicroUsd, 0)).toBe(0);
    } finally {
      setJobQueueForTests(undefined);
    }
  });
});

async function budgetReserved() {
  const days = await db().budgetDay.findMany();
  return days.reduce((sum, d) => sum + d.reservedMicroUsd + d.spentMicroUsd, 0);
}

async function fileOf(image: { id: string }): Promise<Buffer> {
  const { storage } = await import("@/lib/storage");
  const row = await db().image.findUniqueOrThrow({ where: { id: image.id } });
  return storage().get(row.storageKey);
}

/** The right part of an image from column x on, as raw RGB. */
async function crop(bytes: Buffer, x: number): Promise<Buffer> {
  const meta = await sharp(bytes).metadata();
  return sharp(bytes).extract({ left: x, top: 0, width: meta.width! - x, height: meta.height! }).removeAlpha().raw().toBuffer();
}

/** Mean absolute difference per channel of two encoded images of the same size. */
async function meanAbsDiff(a: Buffer, b: Buffer): Promise<number> {
  const raw = (x: Buffer) => sharp(x).removeAlpha().raw().toBuffer();
  return diff(await raw(a), await raw(b));
}

function diff(a: Buffer, b: Buffer): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
  return sum / a.length;
}
