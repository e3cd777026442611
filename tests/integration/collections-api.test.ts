// Collections CRUD, unique slugs, images joining and leaving, and deleting a collection keeps its images.
import { beforeAll, describe, expect, it } from "vitest";
import { DELETE as deleteCollection, GET as getCollection, PATCH as patchCollection } from "@/app/api/v1/collections/[id]/route";
import { GET as listCollections, POST as createCollection } from "@/app/api/v1/collections/route";
import { PATCH as patchImage } from "@/app/api/v1/images/[id]/route";
import { GET as listImages } from "@/app/api/v1/images/route";
import { db } from "@/lib/db";
import type { CollectionDto, ImageDto } from "@/lib/images";
import { expectError, expectJson, send } from "../support/http";
import { solidImage } from "../support/images";
import { ensureLocalUser, snapshot, tick, upload } from "../support/studio";

const create = async (body: unknown) => expectJson<CollectionDto>(await send(createCollection, "/api/v1/collections", { json: body }), 201);
const boardsOf = async (imageId: string) =>
  (await db().collectionImage.findMany({ where: { imageId }, orderBy: { collectionId: "asc" } })).map((m) => m.collectionId);
const one = (id: string, init: { method?: string; json?: unknown } = {}) => ({ ...init, params: { id } });

beforeAll(ensureLocalUser);

describe("collections", () => {
  it("creates with a slug made from the name, unique per owner", async () => {
    const first = await create({ name: "My Set", description: "  Holiday pictures " });
    expect(first).toMatchObject({ name: "My Set", slug: "my-set", description: "Holiday pictures", imageCount: 0, coverThumbnailUrls: [] });
    expect(first.id).toMatch(/^col_/);
    expect(Date.parse(first.createdAt)).not.toBeNaN();
    expect((await create({ name: "My Set" })).slug).toBe("my-set-2");
    expect((await create({ name: "my  set!" })).slug).toBe("my-set-3");
    expect((await create({ name: "Café Crème" })).slug).toBe("cafe-creme");
    expect((await create({ name: "!!!" })).slug).toBe("collection");
  });

  it("lists newest first, gets one, and renames (the slug follows, still unique)", async () => {
    const a = await create({ name: "Alpha" });
    await tick();
    const b = await create({ name: "Beta" });
    const list = await expectJson<{ items: CollectionDto[] }>(await send(listCollections, "/api/v1/collections"));
    const ids = list.items.map((c) => c.id);
    expect(ids.indexOf(b.id)).toBeLessThan(ids.indexOf(a.id));
    expect(ids[0]).toBe(b.id);

    expect(await expectJson(await send(getCollection, `/api/v1/collections/${a.id}`, one(a.id)))).toEqual(a);

    const renamed = await expectJson<CollectionDto>(
      await send(patchCollection, `/api/v1/collections/${b.id}`, one(b.id, { method: "PATCH", json: { name: "Alpha" } })),
    );
    expect(renamed).toMatchObject({ id: b.id, name: "Alpha", slug: "alpha-2" });
    const same = await expectJson<CollectionDto>(
      await send(patchCollection, `/api/v1/collections/${b.id}`, one(b.id, { method: "PATCH", json: { name: "Alpha", description: "d" } })),
    );
    expect(same).toMatchObject({ slug: "alpha-2", description: "d" }); // renaming to its own name keeps its slug
  });

  it("validates bodies with 400 and the zod issues", async () => {
    for (const body of [{}, { name: "" }, { name: "   " }, { name: "x".repeat(101) }, { name: 5 }]) {
      const error = await expectError(await send(createCollection, "/api/v1/collections", { json: body }), 400, "invalid_request");
      expect(error.message).toMatch(/name/);
      expect(Array.isArray(error.details)).toBe(true);
    }
    const c = await create({ name: "Strict" });
    const res = await send(patchCollection, `/api/v1/collections/${c.id}`, one(c.id, { method: "PATCH", json: { slug: "hack" } }));
    await expectError(res, 400, "invalid_request");
  });

  it("images join with PATCH {collectionId}, are counted and listed, and leave with null", async () => {
    const c = await create({ name: "Join" });
    const img = await upload(await solidImage(30, 30, [1, 2, 3]));
    const joined = await expectJson<ImageDto>(
      await send(patchImage, `/api/v1/images/${img.id}`, one(img.id, { method: "PATCH", json: { collectionId: c.id } })),
    );
    expect(joined).toMatchObject({ id: img.id, collectionId: c.id });
    expect(await boardsOf(img.id)).toEqual([c.id]);

    const shown = await expectJson<CollectionDto>(await send(getCollection, `/api/v1/collections/${c.id}`, one(c.id)));
    expect(shown.imageCount).toBe(1);
    expect(shown.coverThumbnailUrls).toEqual([`http://test.local/api/v1/images/${img.id}/file?variant=thumbnail`]);
    const listed = await expectJson<{ items: ImageDto[] }>(await send(listImages, `/api/v1/images?collectionId=${c.id}`));
    expect(listed.items.map((i) => i.id)).toEqual([img.id]);

    const unknown = await send(patchImage, `/api/v1/images/${img.id}`, one(img.id, { method: "PATCH", json: { collectionId: "col_nope" } }));
    await expectError(unknown, 404, "not_found");
    expect(await boardsOf(img.id)).toEqual([c.id]);

    const left = await expectJson<ImageDto>(
      await send(patchImage, `/api/v1/images/${img.id}`, one(img.id, { method: "PATCH", json: { collectionId: null } })),
    );
    expect(left.collectionId).toBeNull();
  });

  it("deleting a collection answers 204 and keeps its images, outside any collection", async () => {
    const c = await create({ name: "Doomed" });
    const a = await upload(await solidImage(20, 20, [9, 9, 9]), { collectionId: c.id });
    const b = await upload(await solidImage(20, 20, [8, 8, 8]), { collectionId: c.id });
    const before = await snapshot();

    const res = await send(deleteCollection, `/api/v1/collections/${c.id}`, one(c.id, { method: "DELETE" }));
    expect(res.status).toBe(204);
    expect(res.headers.get("x-request-id")).toMatch(/^req_/);

    expect(await db().collection.findUnique({ where: { id: c.id } })).toBeNull();
    expect(await db().image.count({ where: { id: { in: [a.id, b.id] } } })).toBe(2);
    expect([await boardsOf(a.id), await boardsOf(b.id)]).toEqual([[], []]);
    expect(await snapshot()).toEqual(before); // no image row or file lost

    await expectError(await send(getCollection, `/api/v1/collections/${c.id}`, one(c.id)), 404, "not_found");
    await expectError(await send(deleteCollection, `/api/v1/collections/${c.id}`, one(c.id, { method: "DELETE" })), 404, "not_found");
  });
});
