// Collections as boards: an image on several collections, membership endpoints, rename and delete (images stay),
// the gallery filter through the join, and the migration that moved `Image.collectionId` onto the join table.
import { beforeAll, describe, expect, it } from "vitest";
import { DELETE as deleteCollection, GET as getCollection, PATCH as patchCollection } from "@/app/api/v1/collections/[id]/route";
import { DELETE as removeImages, POST as addImages } from "@/app/api/v1/collections/[id]/images/route";
import { POST as createCollection } from "@/app/api/v1/collections/route";
import { GET as getImage, PATCH as patchImage } from "@/app/api/v1/images/[id]/route";
import { GET as listImages } from "@/app/api/v1/images/route";
import { db } from "@/lib/db";
import type { CollectionDto, ImageDto } from "@/lib/images";
import { expectError, expectJson, send } from "../support/http";
import { ensureLocalUser, ensureUser, seedImage, snapshot, tick } from "../support/studio";

const create = async (name: string) => expectJson<CollectionDto>(await send(createCollection, "/api/v1/collections", { json: { name } }), 201);
const one = (id: string, init: { method?: string; json?: unknown } = {}) => ({ ...init, params: { id } });
const add = (collectionId: string, imageIds: string[]) => send(addImages, `/api/v1/collections/${collectionId}/images`, one(collectionId, { json: { imageIds } }));
const remove = (collectionId: string, imageIds: string[]) =>
  send(removeImages, `/api/v1/collections/${collectionId}/images`, one(collectionId, { method: "DELETE", json: { imageIds } }));
const image = async (id: string) => expectJson<ImageDto>(await send(getImage, `/api/v1/images/${id}`, one(id)));
const listed = async (query: string) => (await expectJson<{ items: ImageDto[] }>(await send(listImages, `/api/v1/images${query}`))).items.map((i) => i.id);

beforeAll(async () => {
  await ensureLocalUser();
  await ensureUser("other");
});

describe("an image on several boards", () => {
  it("joins two collections, shows both in its DTO, and leaves one", async () => {
    const [trips, blues] = [await create("Trips"), await create("Blues")];
    const img = await seedImage({ prompt: "a blue lake" });
    const other = await seedImage({ prompt: "a red barn" });

    const afterTrips = await expectJson<CollectionDto>(await add(trips.id, [img.id, other.id]));
    expect(afterTrips.imageCount).toBe(2);
    await tick();
    expect((await expectJson<CollectionDto>(await add(blues.id, [img.id]))).imageCount).toBe(1);

    // the most recent board first; `collectionId` is that one, for clients that know only one
    expect(await image(img.id)).toMatchObject({ collectionIds: [blues.id, trips.id], collectionId: blues.id });
    expect(await listed(`?collectionId=${trips.id}`)).toEqual([other.id, img.id]);
    expect(await listed(`?collectionId=${blues.id}`)).toEqual([img.id]);

    // adding again is harmless, and brings that board to the front
    await tick();
    expect((await expectJson<CollectionDto>(await add(trips.id, [img.id]))).imageCount).toBe(2);
    expect(await image(img.id)).toMatchObject({ collectionIds: [trips.id, blues.id], collectionId: trips.id });

    const afterRemove = await expectJson<CollectionDto>(await remove(trips.id, [img.id]));
    expect(afterRemove.imageCount).toBe(1);
    expect(await image(img.id)).toMatchObject({ collectionIds: [blues.id], collectionId: blues.id });
    expect(await listed(`?collectionId=${trips.id}`)).toEqual([other.id]);
    expect(await listed(`?collectionId=${blues.id}`)).toEqual([img.id]);
  });

  it("PATCH {collectionId} adds to that board and keeps the others; null leaves every board", async () => {
    const [a, b] = [await create("Old client A"), await create("Old client B")];
    const img = await seedImage({ prompt: "kept", collectionId: a.id });
    const joined = await expectJson<ImageDto>(await send(patchImage, `/api/v1/images/${img.id}`, one(img.id, { method: "PATCH", json: { collectionId: b.id } })));
    expect(joined).toMatchObject({ collectionId: b.id, collectionIds: [b.id, a.id] });
    const left = await expectJson<ImageDto>(await send(patchImage, `/api/v1/images/${img.id}`, one(img.id, { method: "PATCH", json: { collectionId: null } })));
    expect(left).toMatchObject({ collectionId: null, collectionIds: [] });
    expect(await db().collection.count({ where: { id: { in: [a.id, b.id] } } })).toBe(2);
  });

  it("renaming changes the slug; deleting a board keeps its images and their other boards", async () => {
    const [doomed, kept] = [await create("Doomed board"), await create("Kept board")];
    const renamed = await expectJson<CollectionDto>(
      await send(patchCollection, `/api/v1/collections/${doomed.id}`, one(doomed.id, { method: "PATCH", json: { name: "Summer 2026" } })),
    );
    expect(renamed).toMatchObject({ id: doomed.id, name: "Summer 2026", slug: "summer-2026" });

    const both = await seedImage({ prompt: "on two boards" });
    const only = await seedImage({ prompt: "on one board" });
    await add(doomed.id, [both.id, only.id]);
    await add(kept.id, [both.id]);
    const before = await snapshot();

    expect((await send(deleteCollection, `/api/v1/collections/${doomed.id}`, one(doomed.id, { method: "DELETE" }))).status).toBe(204);
    await expectError(await send(getCollection, `/api/v1/collections/${doomed.id}`, one(doomed.id)), 404, "not_found");
    expect(await snapshot()).toEqual(before); // every image row and file is still there
    expect(await image(both.id)).toMatchObject({ collectionIds: [kept.id], collectionId: kept.id });
    expect(await image(only.id)).toMatchObject({ collectionIds: [], collectionId: null });
    expect(await listed(`?collectionId=${kept.id}`)).toEqual([both.id]);
  });

  it("refuses someone else's images or board with 404, and a malformed body with 400, changing nothing", async () => {
    const mine = await create("Mine");
    const img = await seedImage({ prompt: "mine" });
    const theirs = await seedImage({ ownerId: "other", prompt: "theirs" });
    const theirBoard = await db().collection.create({ data: { id: "col_theirs_board", ownerId: "other", name: "T", slug: "t" } });

    await expectError(await add(mine.id, [img.id, theirs.id]), 404, "not_found");
    await expectError(await add(theirBoard.id, [img.id]), 404, "not_found");
    await expectError(await remove(theirBoard.id, [img.id]), 404, "not_found");
    await expectError(await add(mine.id, []), 400, "invalid_request");
    await expectError(await send(addImages, `/api/v1/collections/${mine.id}/images`, one(mine.id, { json: { imageIds: [img.id], extra: 1 } })), 400, "invalid_request");
    expect(await db().collectionImage.count({ where: { OR: [{ collectionId: mine.id }, { imageId: theirs.id }] } })).toBe(0);
  });
});
