// POST /api/generate (the single-shot worker contract) and icon generation, with the local renderer.
import { beforeAll, describe, expect, it } from "vitest";
import sharp from "sharp";
import { POST as compat } from "@/app/api/generate/route";
import { POST as createCollection } from "@/app/api/v1/collections/route";
import { POST as generate } from "@/app/api/v1/generations/route";
import { GET as file } from "@/app/api/v1/images/[id]/file/route";
import { db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { LocalProvider } from "@/lib/providers/local";
import { setProvidersForTests } from "@/lib/providers/registry";
import { send } from "../support/http";

beforeAll(() => {
  resetEnvForTests();
  setProvidersForTests([new LocalProvider()]);
});

describe("POST /api/generate", () => {
  it("generates, waits and answers in the worker contract's shape, joining the named project", async () => {
    const collection = (await (await send(createCollection, "/api/v1/collections", { json: { name: "Launch Art" } })).json()) as { id: string; slug: string };
    const res = await send(compat, "/api/generate", {
      json: { prompt: "rocket over a desert at dawn", instance_id: "inst-7", project_id: collection.slug, options: { aspect_ratio: "16:9", style: "illustration" } },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, any>;
    expect(body).toMatchObject({ success: true, request_id: res.headers.get("x-request-id"), metadata: { provider: "local", model: "local-v1", format: "png" } });
    expect(body.metadata.dimensions).toMatch(/^\d+x\d+$/);
    expect(typeof body.metadata.generation_time_ms).toBe("number");
    expect(new Date(body.timestamp).getTime()).toBeGreaterThan(0);
    const image = await db().image.findFirstOrThrow({ where: { storageKey: body.r2_path }, include: { collections: { select: { collectionId: true } } } });
    expect(image).toMatchObject({ instanceId: "inst-7", style: "illustration" });
    expect(image.collections.map((c) => c.collectionId)).toEqual([collection.id]);
    expect(body.image_url).toContain(image.id);
  });

  it("answers errors as {success:false, error, request_id} with the right status", async () => {
    const missing = await send(compat, "/api/generate", { json: { prompt: "x", project_id: "nope" } });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ success: false, error: { code: "not_found" }, request_id: missing.headers.get("x-request-id") });
    const empty = await send(compat, "/api/generate", { json: { prompt: "" } });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ success: false, error: { code: "invalid_request" } });
  });
});

describe("imageType icon", () => {
  it("makes a square, transparent icon with the standard icon sizes", async () => {
    const res = await send(generate, "/api/v1/generations?wait=true", { json: { prompt: "a paper plane", imageType: "icon" } });
    expect(res.status).toBe(201);
    const job = (await res.json()) as { images: Array<{ id: string; width: number; height: number; hasAlpha: boolean; style: string }> };
    const icon = job.images[0];
    expect(icon.width).toBe(icon.height);
    expect(icon).toMatchObject({ hasAlpha: true, style: "icon" });
    const variants = await db().imageRendition.findMany({ where: { imageId: icon.id }, select: { variant: true } });
    expect(variants.map((v) => v.variant)).toEqual(expect.arrayContaining(["icon-16", "icon-32", "icon-180", "icon-512"]));
    const small = await send(file, `/api/v1/images/${icon.id}/file?variant=icon-32`, { params: { id: icon.id } });
    expect(small.headers.get("content-type")).toBe("image/png");
    const meta = await sharp(Buffer.from(await small.arrayBuffer())).metadata();
    expect([meta.width, meta.height, meta.hasAlpha]).toEqual([32, 32, true]);
    const corner = await sharp(Buffer.from(await (await send(file, `/api/v1/images/${icon.id}/file`, { params: { id: icon.id } })).arrayBuffer()))
      .extract({ left: 0, top: 0, width: 1, height: 1 })
      .raw()
      .toBuffer();
    expect(corner[3]).toBe(0); // transparent background
    expect((await send(file, `/api/v1/images/${icon.id}/file?variant=icon-999`, { params: { id: icon.id } })).status).toBe(404);
  });
});
