// Painted masks (issue [6/7] "The studio"): POST /api/v1/images/{id}/refine with `mask`, a PNG data URL of the
// source's size painted in the browser, instead of `maskImageId`. Checked and normalised when the request arrives,
// kept with the job (its input), used by the worker, recorded as `mask: "painted"`; bad masks are a 400 that
// stores, queues and charges nothing.
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as refine } from "@/app/api/v1/images/[id]/refine/route";
import { POST as submitJob } from "@/app/api/v1/jobs/route";
import { db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { LocalProvider } from "@/lib/providers/local";
import { setProvidersForTests } from "@/lib/providers/registry";
import { ReplicateProvider } from "@/lib/providers/replicate";
import { storage } from "@/lib/storage";
import { replicateModels } from "../fakes/replicate";
import { expectError, expectJson, send } from "../support/http";
import { drawRaw, jpegPhotoLike, pixelAt, solidImage } from "../support/images";
import { ensureLocalUser, keysOf, seedImage, snapshot, storedFiles, upload } from "../support/studio";

type Image = { id: string; parentId: string | null; width: number; height: number; operation: { type: string; params: Record<string, unknown> } | null };
type Job = { id: string; type: string; status: string; provider: string; images: Image[]; error: { code: string; message: string } | null };

// A Replicate provider that is configured but never called: FLUX edits without masks, so selection refuses it.
const replicateFlux = () =>
  new ReplicateProvider({
    apiToken: "r8_test",
    baseUrl: "http://127.0.0.1:9",
    models: replicateModels(),
  });

beforeAll(async () => {
  await ensureLocalUser();
});
beforeEach(() => {
  Object.assign(process.env, { PROVIDER_TIMEOUT_SECONDS: "20", PROVIDER_MAX_RETRIES: "0", DAILY_BUDGET_USD: "5", RATE_LIMIT_PER_MINUTE: "1000", PROVIDER_FALLBACK_ORDER: "" });
  resetEnvForTests();
  setProvidersForTests([new LocalProvider(), replicateFlux()]);
});
afterAll(() => {
  setProvidersForTests(undefined);
});

const refineOf = (id: string, json: unknown, query = "?wait=true") => send(refine, `/api/v1/images/${id}/refine${query}`, { json, params: { id } });
const dataUrl = (bytes: Uint8Array, type = "image/png") => `data:${type};base64,${Buffer.from(bytes).toString("base64")}`;

/** A black/white mask as the studio's brush exports it: white (change) where `paint(x, y)`, black elsewhere. */
const paintedPng = (width: number, height: number, paint: (x: number, y: number) => boolean) =>
  drawRaw(width, height, (x, y) => (paint(x, y) ? [255, 255, 255, 255] : [0, 0, 0, 255]), 4).png().toBuffer();

async function fileOf(image: { id: string }): Promise<Buffer> {
  const row = await db().image.findUniqueOrThrow({ where: { id: image.id } });
  return storage().get(row.storageKey);
}

/** Mean absolute difference per channel inside a rectangle of two images of the same size. */
async function regionDiff(a: Buffer, b: Buffer, region: { left: number; top: number; width: number; height: number }): Promise<number> {
  const raw = (x: Buffer) => sharp(x).removeAlpha().extract(region).raw().toBuffer();
  const [p, q] = await Promise.all([raw(a), raw(b)]);
  let sum = 0;
  for (let i = 0; i < p.length; i++) sum += Math.abs(p[i] - q[i]);
  return sum / p.length;
}

async function budgetUsed() {
  const days = await db().budgetDay.findMany();
  return days.reduce((sum, d) => sum + d.reservedMicroUsd + d.spentMicroUsd, 0);
}
/** Waits until the job has ended (the worker runs in this process); answers its status. */
async function finished(jobId: string): Promise<string> {
  for (let i = 0; i < 400; i++) {
    const { status } = await db().job.findUniqueOrThrow({ where: { id: jobId } });
    if (!["queued", "running"].includes(status)) return status;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`job ${jobId} did not finish`);
}

const state = async () => ({ ...(await snapshot()), jobs: await db().job.count(), usage: await db().usageEntry.count(), budget: await budgetUsed() });

describe("a painted mask", () => {
  it("limits the change to its white area (local renderer), is recorded as painted, and leaves no file behind", async () => {
    const source = await upload(await jpegPhotoLike(160, 120), { name: "photo.jpg" });
    // Painted: the top half (change); the bottom half stays black (keep).
    const mask = dataUrl(await paintedPng(160, 120, (_x, y) => y < 60));
    const before = storedFiles();

    const job = await expectJson<Job>(await refineOf(source.id, { prompt: "a bright yellow sun", strength: 1, mask, provider: "local" }), 201);
    expect(job.status, JSON.stringify(job.error)).toBe("succeeded");
    expect(job).toMatchObject({ type: "refine", provider: "local" });
    const [image] = job.images;
    expect(image).toMatchObject({ parentId: source.id, width: 160, height: 120 });
    expect(image.operation).toEqual({ type: "refine", params: { prompt: "a bright yellow sun", strength: 1, preserveStructure: true, mask: "painted" } });

    const original = await fileOf(source);
    const refined = await fileOf(image);
    // Below the painted area (clear of the softened edge) the pixels are the source's…
    expect(await regionDiff(original, refined, { left: 0, top: 72, width: 160, height: 48 })).toBeLessThan(2);
    for (const [x, y] of [[10, 110], [150, 100], [80, 80]] as const) {
      const [was, is] = await Promise.all([pixelAt(original, x, y), pixelAt(refined, x, y)]);
      for (const c of ["r", "g", "b"] as const) expect(Math.abs(is[c] - was[c]), `${c} at ${x},${y}`).toBeLessThanOrEqual(6);
    }
    // …and inside it they changed.
    expect(await regionDiff(original, refined, { left: 0, top: 0, width: 160, height: 48 })).toBeGreaterThan(10);

    // The only new files are the result's own (original and renditions): the mask was never a file.
    const added = storedFiles().filter((f) => !before.includes(f));
    expect(added.sort()).toEqual((await keysOf(image.id)).sort());
  });

  it("is kept with the job as a single-channel PNG of the source's size (transparency = keep)", async () => {
    const source = await seedImage({ width: 96, height: 64, prompt: "a wall" });
    // An RGBA drawing: white strokes on a transparent canvas, as a caller might send it.
    const drawn = await drawRaw(96, 64, (x) => (x >= 48 ? [255, 255, 255, 255] : [0, 0, 0, 0]), 4).png().toBuffer();
    const accepted = await expectJson<Job>(await refineOf(source.id, { prompt: "ivy on the right", mask: dataUrl(drawn), provider: "local" }, ""), 202);
    const row = await db().job.findUniqueOrThrow({ where: { id: accepted.id } });
    const kept = Buffer.from((row.input as { derive: { mask: string } }).derive.mask, "base64");
    const meta = await sharp(kept).metadata();
    expect({ format: meta.format, width: meta.width, height: meta.height, channels: meta.channels }).toEqual({ format: "png", width: 96, height: 64, channels: 1 });
    const raw = await sharp(kept).extractChannel(0).raw().toBuffer();
    expect([raw[10], raw[47], raw[48], raw[95], raw[64 * 96 - 1]]).toEqual([0, 0, 255, 255, 255]);
    // Flat black and white compress to very little.
    expect(kept.length).toBeLessThan(2048);
    // The API's view of the job never carries its input.
    expect(JSON.stringify(accepted)).not.toContain((row.input as { derive: { mask: string } }).derive.mask.slice(0, 24));
    expect(await finished(accepted.id)).toBe("succeeded");
  });

  it("works in a refine work package (POST /api/v1/jobs) too", async () => {
    const source = await seedImage({ width: 64, height: 48, prompt: "a wall" });
    const mask = dataUrl(await paintedPng(64, 48, (x) => x < 32));
    const job = await expectJson<Job>(await send(submitJob, "/api/v1/jobs", { json: { type: "refine", imageId: source.id, prompt: "moss", mask, provider: "local" } }), 202);
    expect(await finished(job.id)).toBe("succeeded");
    const [image] = await db().image.findMany({ where: { jobId: job.id }, include: { parents: { select: { parentId: true, role: true } } } });
    expect(image).toMatchObject({ parents: [{ parentId: source.id, role: "source" }], operationType: "refine", operationParams: { mask: "painted" } });
  });
});

describe("bad painted masks: a clear 400, nothing stored, queued or charged", () => {
  it.each([
    ["a data URL that is not an image", async () => dataUrl(Buffer.from("this is plain text, certainly not a picture")), /mask is not an image/],
    ["a PNG that does not decode", async () => dataUrl((await paintedPng(64, 48, () => true)).subarray(0, 60)), /mask is not an image/],
    ["a JPEG labelled as PNG", async () => dataUrl(await solidImage(64, 48, [255, 255, 255], "jpeg")), /mask must be a PNG/],
    ["another kind of data URL", async () => dataUrl(await paintedPng(64, 48, () => true), "image/jpeg"), /PNG data URL/],
    ["not base64", async () => "data:image/png;base64,%%%not-base64%%%", /not valid base64/],
    ["a mask of another size", async () => dataUrl(await paintedPng(32, 32, () => true)), /mask is 32×32 but the image is 64×48/],
    ["a mask over 2 MB", async () => `data:image/png;base64,${"A".repeat(2_900_000)}`, /at most 2 MB/],
  ])("%s → 400", async (_name, makeMask, message) => {
    const source = await seedImage({ width: 64, height: 48, prompt: "a wall" });
    const mask = await makeMask();
    const before = await state();
    const error = await expectError(await refineOf(source.id, { prompt: "x", mask, provider: "local" }), 400, "invalid_request");
    expect(error.message).toMatch(message);
    expect(JSON.stringify(error.details)).toContain("mask");
    expect(await state()).toEqual(before);
  });

  it("both mask and maskImageId → 400", async () => {
    const source = await seedImage({ width: 64, height: 48, prompt: "a wall" });
    const picked = await seedImage({ width: 64, height: 48, color: [255, 255, 255] });
    const before = await state();
    const error = await expectError(await refineOf(source.id, { prompt: "x", mask: dataUrl(await paintedPng(64, 48, () => true)), maskImageId: picked.id }), 400, "invalid_request");
    expect(error.message).toMatch(/either mask .* or maskImageId .* not both/);
    expect(await state()).toEqual(before);
  });

  it("a named model that cannot edit with a mask → 400, as with maskImageId", async () => {
    const source = await seedImage({ width: 64, height: 48, prompt: "a wall" });
    const before = await state();
    const error = await expectError(await refineOf(source.id, { prompt: "x", mask: dataUrl(await paintedPng(64, 48, () => true)), provider: "replicate" }), 400, "invalid_request");
    expect(error.message).toMatch(/cannot edit with a mask/);
    expect(await state()).toEqual(before);
  });

  it("a body over the refine route's 3 MB limit → 413", async () => {
    const source = await seedImage({ width: 64, height: 48, prompt: "a wall" });
    const before = await state();
    await expectError(await refineOf(source.id, { prompt: "x", mask: `data:image/png;base64,${"A".repeat(3_200_000)}` }), 413, "payload_too_large");
    expect(await state()).toEqual(before);
  });
});
