// Upload, read and delete of images through the route handlers, against the real database, disk and sharp.
import { existsSync, readFileSync } from "node:fs";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { DELETE, GET as getOne } from "@/app/api/v1/images/[id]/route";
import { POST as resize } from "@/app/api/v1/images/[id]/resize/route";
import { POST as uploadRoute } from "@/app/api/v1/images/route";
import { db } from "@/lib/db";
import { expectError, expectJson, send, uploadForm } from "../support/http";
import { exifHasGps, jpegWithPrivateMetadata, privateMetadata, quadrants, red, green, blue, white, solidImage } from "../support/images";
import { ensureLocalUser, keysOf, snapshot, storedFiles, storedPath, upload } from "../support/studio";

const params = (id: string) => ({ params: { id } });

beforeAll(ensureLocalUser);

describe("POST /api/v1/images (upload)", () => {
  it("answers 201 with the image record of docs/api.md and a Location header", async () => {
    const res = await send(uploadRoute, "/api/v1/images", {
      body: uploadForm(await quadrants(80, 60, [red, green, blue, white]), { name: "../../etc/quad.png", type: "image/png" }),
    });
    const image = await expectJson<Record<string, unknown>>(res, 201);
    expect(res.headers.get("location")).toBe(`/api/v1/images/${image.id}`);
    expect(image).toMatchObject({
      kind: "uploaded",
      parentId: null,
      collectionId: null,
      width: 80,
      height: 60,
      format: "png",
      hasAlpha: false,
      originalName: "quad.png", // the path part of the client's name is dropped
      prompt: null,
      operation: null,
    });
    expect(image.id).toMatch(/^img_[0-9a-z]{20}$/);
    expect(image.url).toBe(`http://test.local/api/v1/images/${image.id}/file`);
    expect(image.thumbnailUrl).toBe(`http://test.local/api/v1/images/${image.id}/file?variant=thumbnail`);
    expect(image.previewUrl).toBe(`http://test.local/api/v1/images/${image.id}/file?variant=preview`);
    expect(typeof image.placeholder).toBe("string");
    expect(new Date(image.createdAt as string).getTime()).toBeGreaterThan(Date.now() - 60_000);

    const row = await db().image.findUniqueOrThrow({ where: { id: image.id as string }, include: { renditions: true } });
    expect(row.ownerId).toBe("local");
    expect(image.bytes).toBe(readFileSync(storedPath(row.storageKey)).length);
    expect(row.renditions.map((r) => r.variant).sort()).toEqual(["preview", "thumbnail"]);
    for (const key of [row.storageKey, ...row.renditions.map((r) => r.storageKey)]) {
      expect(existsSync(storedPath(key)), key).toBe(true);
    }
    const thumb = row.renditions.find((r) => r.variant === "thumbnail")!;
    const meta = await sharp(readFileSync(storedPath(thumb.storageKey))).metadata();
    expect(meta.format).toBe("webp");
    expect([meta.width, meta.height]).toEqual([thumb.width, thumb.height]);
  });

  it("stores the original without EXIF, GPS, XMP or ICC metadata", async () => {
    const source = await jpegWithPrivateMetadata(120, 90);
    const before = await sharp(source).metadata();
    expect(exifHasGps(before.exif)).toBe(true); // the fixture really carries what must be stripped
    expect(before.xmp).toBeDefined();
    expect(before.icc).toBeDefined();

    const image = await upload(source, { name: "phone.jpg" });
    expect(image).toMatchObject({ format: "jpeg", width: 120, height: 90 });
    const stored = readFileSync(storedPath((await keysOf(image.id))[0]));
    const meta = await sharp(stored).metadata();
    expect(meta.format).toBe("jpeg");
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    const raw = stored.toString("latin1");
    for (const secret of Object.values(privateMetadata)) expect(raw).not.toContain(secret);
  });

  it("joins a collection named in the form, and refuses an unknown one with 404 and no leftovers", async () => {
    const collection = await db().collection.create({ data: { id: "col_upload", ownerId: "local", name: "Up", slug: "up" } });
    const image = await upload(await solidImage(20, 20, red), { collectionId: collection.id });
    expect(image.collectionId).toBe(collection.id);

    const before = await snapshot();
    const res = await send(uploadRoute, "/api/v1/images", {
      body: uploadForm(await solidImage(20, 20, red), { fields: { collectionId: "col_missing" } }),
    });
    const error = await expectError(res, 404, "not_found");
    expect(error.message).toContain("col_missing");
    expect(await snapshot()).toEqual(before);
  });
});

describe("GET /api/v1/images/{id}", () => {
  it("returns the image with its children (id, kind, operation, size, thumbnail)", async () => {
    const parent = await upload(await solidImage(100, 50, blue));
    const childRes = await send(resize, `/api/v1/images/${parent.id}/resize`, { json: { width: 50 }, ...params(parent.id) });
    const child = await expectJson<{ id: string }>(childRes, 201);

    const res = await send(getOne, `/api/v1/images/${parent.id}`, params(parent.id));
    const body = await expectJson<Record<string, unknown>>(res);
    expect(body).toMatchObject({ id: parent.id, kind: "uploaded", parentId: null, width: 100, height: 50 });
    expect(body.children).toEqual([
      {
        id: child.id,
        kind: "processed",
        operation: { type: "resize", params: { width: 50, maintainAspectRatio: true } },
        width: 50,
        height: 25,
        thumbnailUrl: `http://test.local/api/v1/images/${child.id}/file?variant=thumbnail`,
        placeholder: expect.any(String),
        createdAt: expect.any(String),
      },
    ]);

    const childBody = await expectJson<Record<string, unknown>>(await send(getOne, `/api/v1/images/${child.id}`, params(child.id)));
    expect(childBody).toMatchObject({ id: child.id, parentId: parent.id, width: 50, height: 25, children: [] });
  });

  it("answers 404 not_found for an unknown id", async () => {
    const error = await expectError(await send(getOne, "/api/v1/images/img_nope", params("img_nope")), 404, "not_found");
    expect(error.message).toBe("Image img_nope not found");
  });
});

describe("DELETE /api/v1/images/{id}", () => {
  it("?purge=true answers 204, removes the row and every file, and keeps the children with parentId null", async () => {
    const parent = await upload(await solidImage(300, 200, green));
    const child = await expectJson<{ id: string }>(
      await send(resize, `/api/v1/images/${parent.id}/resize`, { json: { width: 30 }, ...params(parent.id) }),
      201,
    );
    const parentKeys = await keysOf(parent.id);
    const childKeys = await keysOf(child.id);
    expect(parentKeys).toHaveLength(3); // original, preview, thumbnail
    const before = await snapshot();
    for (const key of [...parentKeys, ...childKeys]) expect(before.files).toContain(key);

    const res = await send(DELETE, `/api/v1/images/${parent.id}?purge=true`, { method: "DELETE", ...params(parent.id) });
    expect(res.status).toBe(204);
    expect(res.headers.get("x-request-id")).toMatch(/^req_/);
    expect(await res.text()).toBe("");

    expect(await db().image.findUnique({ where: { id: parent.id } })).toBeNull();
    expect(await db().imageRendition.count({ where: { imageId: parent.id } })).toBe(0);
    const after = await snapshot();
    expect(after.images).toBe(before.images - 1);
    expect(after.renditions).toBe(before.renditions - 2);
    expect(after.files).toEqual(before.files.filter((f) => !parentKeys.includes(f)));
    expect(storedFiles().some((f) => f.includes(parent.id))).toBe(false);

    await db().image.findUniqueOrThrow({ where: { id: child.id } });
    expect(await db().imageParent.count({ where: { childId: child.id } })).toBe(0);
    for (const key of childKeys) expect(existsSync(storedPath(key))).toBe(true);

    await expectError(await send(getOne, `/api/v1/images/${parent.id}`, params(parent.id)), 404, "not_found");
    const again = await send(DELETE, `/api/v1/images/${parent.id}`, { method: "DELETE", ...params(parent.id) });
    await expectError(again, 404, "not_found");
  });
});
