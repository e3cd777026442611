// The finishing tools through the REST API (docs/api.md "Tools"; issue 16): upscale, remove background, expand as
// jobs making a child of the image, served by the local renderer here (the remote adapters have their own tests
// against the fakes), and describe / enhance as text calls. Bad parameters are refused before any job exists:
// nothing stored, nothing reserved.
import sharp from "sharp";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as generate } from "@/app/api/v1/generations/route";
import { POST as describeRoute } from "@/app/api/v1/images/[id]/describe/route";
import { POST as expandRoute } from "@/app/api/v1/images/[id]/expand/route";
import { POST as removeBackground } from "@/app/api/v1/images/[id]/remove-background/route";
import { DELETE as deleteImage, GET as getImage } from "@/app/api/v1/images/[id]/route";
import { POST as upscaleRoute } from "@/app/api/v1/images/[id]/upscale/route";
import { POST as submitJob } from "@/app/api/v1/jobs/route";
import { POST as enhance } from "@/app/api/v1/prompts/enhance/route";
import { db } from "@/lib/db";
import { waitForGeneration } from "@/lib/images/generation-wait";
import { resetEnvForTests } from "@/lib/env";
import { LocalProvider } from "@/lib/providers/local";
import { setProvidersForTests } from "@/lib/providers/registry";
import { storage } from "@/lib/storage";
import { expectError, expectJson, send } from "../support/http";
import { drawRaw, jpegPhotoLike } from "../support/images";
import { ensureLocalUser, ensureUser, seedImage, snapshot, storedFiles, upload } from "../support/studio";

type Image = { id: string; kind: string; seed: number | null; parentId: string | null; parents: Array<{ id: string; role: string }>; width: number; height: number; hasAlpha: boolean; format: string; provider: string; prompt: string | null; notices: string[]; params: Record<string, unknown> | null; operation: { type: string; params: Record<string, unknown> } | null };
type Job = { id: string; type: string; status: string; provider: string; images: Image[]; error: { code: string; message: string } | null; costUsd: number };

beforeAll(async () => {
  await ensureLocalUser();
  await ensureUser("someone-else");
});
beforeEach(() => {
  Object.assign(process.env, { DAILY_BUDGET_USD: "5", RATE_LIMIT_PER_MINUTE: "1000", PROVIDER_FALLBACK_ORDER: "", MAX_OUTPUT_MEGAPIXELS: "50" });
  resetEnvForTests();
  setProvidersForTests([new LocalProvider()]);
});

const at = (id: string, op: string) => `/api/v1/images/${id}/${op}?wait=true`;
const upscale = (id: string, json: unknown) => send(upscaleRoute, at(id, "upscale"), { json, params: { id } });
const cutOut = (id: string, json: unknown = {}) => send(removeBackground, at(id, "remove-background"), { json, params: { id } });
const expand = (id: string, json: unknown) => send(expandRoute, at(id, "expand"), { json, params: { id } });
const succeeded = async (res: Response) => {
  const job = await expectJson<Job>(res, 201);
  expect(job.status, JSON.stringify(job.error)).toBe("succeeded");
  return job;
};
const rawOf = async (id: string) => {
  const row = await db().image.findUniqueOrThrow({ where: { id } });
  return sharp(await storage().get(row.storageKey)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
};

/** A product shot: a shaded disc on a plain light background (what the local cut-out is for). */
const productShot = (w = 160, h = 120) =>
  drawRaw(w, h, (x, y) => {
    const d = Math.hypot(x - w / 2, y - h / 2);
    return d < 40 ? [200 - d, 60, 40] : [244, 244, 240];
  }).png().toBuffer();

async function localPicture(): Promise<Image> {
  const res = await send(generate, "/api/v1/generations?wait=true", { json: { prompt: "A lighthouse on a cliff at dusk", seed: 5, provider: "local", width: 128, height: 96 } });
  return (await succeeded(res)).images[0];
}

describe("POST /api/v1/images/{id}/upscale", () => {
  it("doubles a picture with the basic local resample, as its child, labelled basic", async () => {
    const source = await localPicture();
    const job = await succeeded(await upscale(source.id, { factor: 2 }));
    expect(job.type).toBe("upscale");
    const [result] = job.images;
    expect([result.width, result.height]).toEqual([256, 192]);
    expect(result.provider).toBe("local");
    expect([result.kind, result.seed]).toEqual(["processed", null]); // image processing, not a new draw
    expect(result.parentId).toBe(source.id);
    expect(result.parents).toEqual([expect.objectContaining({ id: source.id, role: "source" })]);
    expect(result.operation).toEqual({ type: "upscale", params: { factor: 2, mode: "basic", kind: "basic" } });
    expect(result.prompt).toBe(source.prompt);
    expect(result.notices.join(" ")).toMatch(/basic|resampl/i);
    expect(job.costUsd).toBe(0);
  });

  it("×4 through a work package too", async () => {
    const source = await localPicture();
    const accepted = await expectJson<Job>(await send(submitJob, "/api/v1/jobs", { json: { type: "upscale", imageId: source.id, factor: 4 } }), 202);
    expect(accepted.type).toBe("upscale");
    const job = await waitForGeneration(accepted.id, "http://test.local");
    expect(job.status).toBe("succeeded");
    expect([job.images[0].width, job.images[0].height]).toEqual([512, 384]);
  });

  it("refuses factor 3, an output over the pixel limit, and modes that contradict the provider — before any job", async () => {
    const source = await localPicture();
    const before = await snapshot();
    const files = await storedFiles();
    expect((await expectError(await upscale(source.id, { factor: 3 }), 400, "invalid_request")).message).toMatch(/factor must be 2 or 4/);
    Object.assign(process.env, { MAX_OUTPUT_MEGAPIXELS: "0.1" });
    resetEnvForTests();
    const tooBig = await expectError(await upscale(source.id, { factor: 4 }), 400, "invalid_request");
    expect(tooBig.message).toMatch(/512×384.*0\.1 MP limit/);
    Object.assign(process.env, { MAX_OUTPUT_MEGAPIXELS: "50" });
    resetEnvForTests();
    expect((await expectError(await upscale(source.id, { factor: 2, mode: "basic", provider: "openai" }), 400, "invalid_request")).message).toMatch(/basic.*local/);
    expect((await expectError(await upscale(source.id, { factor: 2, mode: "provider" }), 400, "invalid_request")).message).toMatch(/No configured provider upscales.*IDEOGRAM_API_KEY/);
    expect(await snapshot()).toEqual(before);
    expect(await storedFiles()).toEqual(files);
  });

  it("is 404 for another owner's image and 409 for a trashed one", async () => {
    const foreign = await seedImage({ ownerId: "someone-else", prompt: "theirs" });
    await expectError(await upscale(foreign.id, { factor: 2 }), 404, "not_found");
    const source = await localPicture();
    await send(deleteImage, `/api/v1/images/${source.id}`, { method: "DELETE", params: { id: source.id } });
    await expectError(await upscale(source.id, { factor: 2 }), 409, "conflict");
  });
});

describe("POST /api/v1/images/{id}/remove-background", () => {
  it("cuts a product shot out onto transparency (PNG by default, WebP when asked)", async () => {
    const source = await upload(await productShot(), { name: "product.png" });
    const job = await succeeded(await cutOut(source.id));
    const [png] = job.images;
    expect(png.hasAlpha).toBe(true);
    expect(png.format).toBe("png");
    expect(png.operation).toEqual({ type: "remove-background", params: { format: "png" } });
    const { data, info } = await rawOf(png.id);
    const alphaAt = (x: number, y: number) => data[(y * info.width + x) * 4 + 3];
    expect(alphaAt(2, 2)).toBe(0); // background corner
    expect(alphaAt(80, 60)).toBe(255); // the disc's centre
    const webp = (await succeeded(await cutOut(source.id, { format: "webp" }))).images[0];
    expect(webp.format).toBe("webp");
    expect(webp.hasAlpha).toBe(true);
  });

  it("fails a busy photograph's job with the local method's reason, storing and charging nothing", async () => {
    const source = await upload(await jpegPhotoLike(160, 120), { name: "photo.jpg" });
    const files = (await storedFiles()).length;
    const error = await expectError(await cutOut(source.id), 502, "provider_error");
    expect(error.message).toMatch(/plain/i);
    const job = await db().job.findFirstOrThrow({ where: { type: "remove-background" }, orderBy: { createdAt: "desc" } });
    expect(job.status).toBe("failed");
    expect(await db().image.count({ where: { jobId: job.id } })).toBe(0);
    expect((await storedFiles()).length).toBe(files);
  });

  it("refuses an unknown format", async () => {
    const source = await localPicture();
    await expectError(await cutOut(source.id, { format: "jpeg" }), 400, "invalid_request");
  });
});

describe("POST /api/v1/images/{id}/expand", () => {
  it("zooms out ×2 keeping the original's pixels exactly, centred", async () => {
    const source = await localPicture();
    const job = await succeeded(await expand(source.id, { factor: 2 }));
    const [result] = job.images;
    expect([result.width, result.height]).toEqual([256, 192]);
    expect(result.operation?.params).toMatchObject({ left: 64, right: 64, top: 48, bottom: 48, original: { width: 128, height: 96 } });
    const original = await rawOf(source.id);
    const grown = await rawOf(result.id);
    for (let y = 0; y < 96; y += 7) {
      for (let x = 0; x < 128; x += 5) {
        const o = (y * 128 + x) * 4;
        const g = ((y + 48) * 256 + x + 64) * 4;
        expect([...grown.data.subarray(g, g + 4)]).toEqual([...original.data.subarray(o, o + 4)]);
      }
    }
    // The new area is filled, not left transparent.
    expect(grown.data[(5 * 256 + 5) * 4 + 3]).toBe(255);
  });

  it("pans left by pixels and reaches an aspect ratio by growing the short side", async () => {
    const source = await localPicture();
    const pan = (await succeeded(await expand(source.id, { left: 64, prompt: "more sea" }))).images[0];
    expect([pan.width, pan.height]).toEqual([192, 96]);
    expect(pan.operation?.params).toMatchObject({ left: 64, right: 0, top: 0, bottom: 0, prompt: "more sea" });
    const wide = (await succeeded(await expand(source.id, { aspectRatio: "16:9" }))).images[0];
    expect([wide.width, wide.height]).toEqual([171, 96]);
  });

  it("refuses nothing to add, two ways at once, the same shape and a canvas over the limit", async () => {
    const source = await localPicture();
    const before = await snapshot();
    await expectError(await expand(source.id, { left: 0, right: 0 }), 400, "invalid_request");
    await expectError(await expand(source.id, {}), 400, "invalid_request");
    await expectError(await expand(source.id, { factor: 2, left: 10 }), 400, "invalid_request");
    await expectError(await expand(source.id, { factor: 5 }), 400, "invalid_request");
    expect((await expectError(await expand(source.id, { aspectRatio: "4:3" }), 400, "invalid_request")).message).toMatch(/already 4:3/);
    expect((await expectError(await expand(source.id, { left: 16_300 }), 400, "invalid_request")).message).toMatch(/MP limit|MAX_IMAGE_SIDE/);
    expect(await snapshot()).toEqual(before);
  });
});

describe("describe and enhance", () => {
  it("describe says what to connect when no provider can see pictures", async () => {
    const source = await localPicture();
    const error = await expectError(await send(describeRoute, `/api/v1/images/${source.id}/describe`, { json: {}, params: { id: source.id } }), 400, "invalid_request");
    expect(error.message).toMatch(/GEMINI_API_KEY/);
  });

  it("enhance offline is labelled local, keeps the words, and a generation keeps the original", async () => {
    const res = await send(enhance, "/api/v1/prompts/enhance", { json: { prompt: "a red bicycle", style: "photorealistic" } });
    const suggestion = await expectJson<{ prompt: string; original: string; source: string; local: boolean; notice: string }>(res, 200);
    expect(suggestion).toMatchObject({ original: "a red bicycle", source: "local", local: true });
    expect(suggestion.prompt.startsWith("a red bicycle")).toBe(true);
    expect(suggestion.prompt.length).toBeGreaterThan("a red bicycle".length + 20);
    expect(suggestion.notice).toMatch(/offline/i);
    const again = await expectJson<{ prompt: string }>(await send(enhance, "/api/v1/prompts/enhance", { json: { prompt: "a red bicycle", style: "photorealistic" } }), 200);
    expect(again.prompt).toBe(suggestion.prompt);
    const job = await succeeded(
      await send(generate, "/api/v1/generations?wait=true", { json: { prompt: suggestion.prompt, provider: "local", width: 64, height: 64, enhancedFrom: { prompt: suggestion.original, source: suggestion.source } } }),
    );
    const image = await expectJson<Image>(await send(getImage, `/api/v1/images/${job.images[0].id}`, { params: { id: job.images[0].id } }), 200);
    expect(image.prompt).toBe(suggestion.prompt);
    expect(image.params?.enhancedFrom).toEqual({ prompt: "a red bicycle", source: "local" });
  });

  it("enhance refuses an empty prompt and an unknown provider", async () => {
    await expectError(await send(enhance, "/api/v1/prompts/enhance", { json: { prompt: "  " } }), 400, "invalid_request");
    await expectError(await send(enhance, "/api/v1/prompts/enhance", { json: { prompt: "a cat", provider: "nope" } }), 400, "invalid_request");
  });
});
