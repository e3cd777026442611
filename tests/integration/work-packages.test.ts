// POST /api/v1/jobs: the work package types, and a job of an unknown type failing in the worker.
import { beforeAll, describe, expect, it } from "vitest";
import { POST as createCollection } from "@/app/api/v1/collections/route";
import { GET as getJob } from "@/app/api/v1/jobs/[id]/route";
import { POST as submit } from "@/app/api/v1/jobs/route";
import { db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { startImageWorker } from "@/lib/images";
import { jobQueue, waitForJob } from "@/lib/jobs/worker";
import { LocalProvider } from "@/lib/providers/local";
import { setProvidersForTests } from "@/lib/providers/registry";
import { expectError, send } from "../support/http";

type Job = { id: string; type: string; status: string; images: Array<{ collectionId: string; width: number; height: number; hasAlpha: boolean }>; error: { code: string; message: string } | null };

beforeAll(() => {
  resetEnvForTests();
  setProvidersForTests([new LocalProvider()]);
});

async function finished(id: string): Promise<Job> {
  await waitForJob(id, 30_000);
  return (await (await send(getJob, `/api/v1/jobs/${id}`, { params: { id } })).json()) as Job;
}

describe("POST /api/v1/jobs", () => {
  it("runs a collection-image package as an icon into its collection", async () => {
    const collection = (await (await send(createCollection, "/api/v1/collections", { json: { name: "App icons" } })).json()) as { id: string };
    const res = await send(submit, "/api/v1/jobs", { json: { type: "collection-image", collectionId: collection.id, prompt: "a compass", imageType: "icon" } });
    expect(res.status).toBe(202);
    const job = await finished(((await res.json()) as Job).id);
    expect(job).toMatchObject({ type: "collection-image", status: "succeeded" });
    expect(job.images[0]).toMatchObject({ collectionId: collection.id, hasAlpha: true });
    expect(job.images[0].width).toBe(job.images[0].height);
  });

  it("runs a generate package", async () => {
    const res = await send(submit, "/api/v1/jobs", { json: { type: "generate", prompt: "sea stacks at dusk", n: 2 } });
    const job = await finished(((await res.json()) as Job).id);
    expect(job).toMatchObject({ type: "generate", status: "succeeded" });
    expect(job.images).toHaveLength(2);
  });

  it("refuses unknown types and incomplete packages with 400", async () => {
    const unknown = await expectError(await send(submit, "/api/v1/jobs", { json: { type: "sculpture", prompt: "x" } }), 400, "invalid_request");
    expect(unknown.message).toBe('Unknown job type "sculpture": use one of generate, collection-image, variations, refine, upscale, remove-background, expand');
    const noCollection = await expectError(await send(submit, "/api/v1/jobs", { json: { type: "collection-image", prompt: "x" } }), 400, "invalid_request");
    expect(noCollection.message).toMatch(/needs a collectionId/);
    await expectError(await send(submit, "/api/v1/jobs", { json: { prompt: "x" } }), 400, "invalid_request");
  });

  it("fails a queued job of a type no worker knows, with a clear error", async () => {
    await db().user.upsert({ where: { id: "local" }, create: { id: "local", role: "admin" }, update: {} });
    const job = await db().job.create({ data: { id: "job_mystery_1", ownerId: "local", type: "mystery", status: "queued", input: {} } });
    await startImageWorker();
    await jobQueue().enqueue(job.id, { ownerId: "local" });
    const done = await finished(job.id);
    expect(done).toMatchObject({ status: "failed", error: { code: "invalid_request", message: 'Unknown job type "mystery"' } });
  });

  it("fails a generate job whose stored input is damaged, naming what is wrong, and releases its reservation", async () => {
    await db().user.upsert({ where: { id: "local" }, create: { id: "local", role: "admin" }, update: {} });
    // An old or corrupt row: no candidates, a prompt that is not text.
    const input = { prompt: 42, n: 1, imageType: "image", budgetDay: "2026-12-07" };
    const job = await db().job.create({ data: { id: "job_corrupt_1", ownerId: "local", type: "generate", status: "queued", input } });
    await startImageWorker();
    await jobQueue().enqueue(job.id, { ownerId: "local" });
    const done = await finished(job.id);
    expect(done).toMatchObject({ status: "failed", error: { code: "invalid_request" } });
    expect(done.error!.message).toMatch(/^The job's stored input cannot be read \(prompt: .*candidates: .*\); it is damaged or from another version/);
    expect(done.images).toEqual([]);
    expect(await db().image.count({ where: { jobId: job.id } })).toBe(0);
  });
});
