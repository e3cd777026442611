// The trash: DELETE moves an image there (files, lineage and collections kept; gone from every listing), restore
// brings it back whole, ?purge=true and DELETE /api/v1/trash delete for good, and the worker's periodic purge
// removes what has been there longer than TRASH_RETENTION_DAYS (rows and files, nothing else). Bulk delete and
// the zip download take a filter with exceptions as well as ids.
import { existsSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getCollection } from "@/app/api/v1/collections/[id]/route";
import { POST as bulkDeleteRoute } from "@/app/api/v1/images/bulk-delete/route";
import { POST as bulkRestoreRoute } from "@/app/api/v1/images/bulk-restore/route";
import { POST as downloadRoute } from "@/app/api/v1/images/download/route";
import { GET as lineageRoute } from "@/app/api/v1/images/[id]/lineage/route";
import { POST as cropRoute } from "@/app/api/v1/images/[id]/crop/route";
import { POST as restoreRoute } from "@/app/api/v1/images/[id]/restore/route";
import { POST as variationsRoute } from "@/app/api/v1/images/[id]/variations/route";
import { DELETE as deleteRoute, GET as getRoute } from "@/app/api/v1/images/[id]/route";
import { GET as listRoute } from "@/app/api/v1/images/route";
import { DELETE as emptyTrashRoute } from "@/app/api/v1/trash/route";
import { db } from "@/lib/db";
import type { ImageDto } from "@/lib/images";
import { sweepOrphanFiles } from "@/lib/images/orphans";
import { startTrashPurges, stopTrashPurges } from "@/lib/images/trash";
import { expectError, expectJson, send } from "../support/http";
import { ensureLocalUser, ensureUser, keysOf, seedImage, storedPath, tick } from "../support/studio";

type Page = { items: ImageDto[]; nextCursor: string | null; total?: number };
type Detail = ImageDto & { children: Array<{ id: string }> };

const one = (id: string, options: Record<string, unknown> = {}) => ({ params: { id }, ...options });
const listIds = async (query = "") => (await expectJson<Page>(await send(listRoute, `/api/v1/images${query}`))).items.map((i) => i.id);
const getImage = async (id: string) => expectJson<Detail>(await send(getRoute, `/api/v1/images/${id}`, one(id)));
const trash = async (id: string, query = "") => send(deleteRoute, `/api/v1/images/${id}${query}`, one(id, { method: "DELETE" }));
const filesExist = (keys: string[]) => keys.map((key) => existsSync(storedPath(key)));
const day = 86_400_000;

beforeAll(async () => {
  await ensureLocalUser();
  await ensureUser("other");
});

describe("trash and restore", () => {
  it("DELETE keeps files, lineage and collections; the image leaves every listing; restore brings it back whole", async () => {
    const board = await db().collection.create({ data: { id: "col_trash", ownerId: "local", name: "Board", slug: "board" } });
    const parent = await seedImage({ prompt: "trash lineage parent", collectionId: board.id });
    await tick();
    const child = await seedImage({ prompt: "trash lineage child", kind: "processed", parentId: parent.id, collectionId: board.id });
    const keys = await keysOf(parent.id);
    const before = Date.now();

    const res = await trash(parent.id);
    expect(res.status).toBe(204);
    expect(filesExist(keys)).toEqual(keys.map(() => true));

    // Gone from the gallery, its search, its collection's listing and count, the child's lineage and the zip.
    expect(await listIds()).not.toContain(parent.id);
    expect(await listIds()).toContain(child.id);
    expect(await listIds("?q=lineage")).toEqual([child.id]);
    expect(await listIds(`?collectionId=${board.id}`)).toEqual([child.id]);
    expect((await expectJson<Page>(await send(listRoute, "/api/v1/images?q=lineage&total=true"))).total).toBe(1);
    expect((await expectJson<{ imageCount: number }>(await send(getCollection, `/api/v1/collections/${board.id}`, one(board.id)))).imageCount).toBe(1);
    const lineage = await expectJson<{ ancestors: ImageDto[] }>(await send(lineageRoute, `/api/v1/images/${child.id}/lineage`, one(child.id)));
    expect(lineage.ancestors.map((a) => a.id)).toEqual([]);
    await expectError(await send(downloadRoute, "/api/v1/images/download", { json: { ids: [parent.id] } }), 404, "not_found");

    // The owner still reads it by id, and it says it is in the trash and when it goes.
    const shown = await getImage(parent.id);
    expect(Date.parse(shown.deletedAt!)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(shown.purgeAt!) - Date.parse(shown.deletedAt!)).toBe(30 * day);
    expect(shown.children.map((c) => c.id)).toEqual([child.id]); // its children are not in the trash
    const trashed = await expectJson<Page>(await send(listRoute, "/api/v1/images?trash=true"));
    expect(trashed.items.map((i) => i.id)).toEqual([parent.id]);
    expect(trashed.items[0].purgeAt).toBe(shown.purgeAt);
    // Someone else's image in their trash: not found here, untouched.
    const theirs = await seedImage({ ownerId: "other", prompt: "their trashed picture" });
    await db().image.update({ where: { id: theirs.id }, data: { deletedAt: new Date() } });
    await expectError(await send(restoreRoute, `/api/v1/images/${theirs.id}/restore`, one(theirs.id, { method: "POST" })), 404, "not_found");
    await expectError(await trash(theirs.id, "?purge=true"), 404, "not_found");
    expect((await db().image.findUniqueOrThrow({ where: { id: theirs.id } })).deletedAt).not.toBeNull();
    expect((await expectJson<Page>(await send(listRoute, "/api/v1/images?trash=true"))).items.map((i) => i.id)).toEqual([parent.id]);
    await db().image.delete({ where: { id: theirs.id } });

    const restored = await expectJson<Detail>(await send(restoreRoute, `/api/v1/images/${parent.id}/restore`, one(parent.id, { method: "POST" })));
    expect(restored.deletedAt).toBeNull();
    expect(restored.purgeAt).toBeNull();
    expect(restored.collectionIds).toEqual([board.id]);
    expect(restored.children.map((c) => c.id)).toEqual([child.id]);
    expect((await getImage(child.id)).parentId).toBe(parent.id);
    expect(await listIds(`?collectionId=${board.id}`)).toEqual([child.id, parent.id]);
    expect((await expectJson<Page>(await send(listRoute, "/api/v1/images?trash=true"))).items).toEqual([]);
    expect(filesExist(keys)).toEqual(keys.map(() => true));
  });

  it("DELETE ?purge=true deletes rows and files for good; children stay without a parent", async () => {
    const parent = await seedImage({ prompt: "purged parent" });
    const child = await seedImage({ prompt: "purged child", kind: "processed", parentId: parent.id });
    const keys = await keysOf(parent.id);
    const res = await trash(parent.id, "?purge=true");
    expect(res.status).toBe(204);
    expect(res.headers.get("x-orphaned-children")).toBe("1");
    expect(await db().image.count({ where: { id: parent.id } })).toBe(0);
    expect(await db().imageRendition.count({ where: { imageId: parent.id } })).toBe(0);
    expect(filesExist(keys)).toEqual(keys.map(() => false));
    expect((await getImage(child.id)).parentId).toBeNull();
    await expectError(await trash(child.id, "?purge=yes"), 400, "invalid_request");
  });

  it("work on a trashed image is refused (409, restore first) and makes nothing; after restore it works", async () => {
    const image = await seedImage({ prompt: "trash no work" });
    expect((await trash(image.id)).status).toBe(204);
    const [imagesBefore, jobsBefore] = await Promise.all([db().image.count(), db().job.count()]);
    const crop = { x: 0, y: 0, width: 8, height: 8 };
    const refused = await expectError(await send(cropRoute, `/api/v1/images/${image.id}/crop`, one(image.id, { json: crop })), 409, "conflict");
    expect(refused.message).toContain("is in the trash");
    await expectError(await send(variationsRoute, `/api/v1/images/${image.id}/variations`, one(image.id, { json: { n: 1 } })), 409, "conflict");
    expect([await db().image.count(), await db().job.count()]).toEqual([imagesBefore, jobsBefore]);

    expect((await send(restoreRoute, `/api/v1/images/${image.id}/restore`, one(image.id, { method: "POST" }))).status).toBe(200);
    expect((await send(cropRoute, `/api/v1/images/${image.id}/crop`, one(image.id, { json: crop }))).status).toBe(201);
  });

  it("DELETE /api/v1/trash empties the caller's trash only", async () => {
    const mine = [await seedImage({ prompt: "empty me 1" }), await seedImage({ prompt: "empty me 2" })];
    const kept = await seedImage({ prompt: "not trashed" });
    const theirs = await seedImage({ ownerId: "other", prompt: "their trash" });
    await db().image.update({ where: { id: theirs.id }, data: { deletedAt: new Date() } });
    for (const image of mine) expect((await trash(image.id)).status).toBe(204);
    const keys = (await Promise.all(mine.map((i) => keysOf(i.id)))).flat();
    const answer = await expectJson<{ purged: number }>(await send(emptyTrashRoute, "/api/v1/trash", { method: "DELETE" }));
    expect(answer.purged).toBe(2);
    expect(await db().image.count({ where: { id: { in: mine.map((i) => i.id) } } })).toBe(0);
    expect(filesExist(keys)).toEqual(keys.map(() => false));
    expect(await db().image.count({ where: { id: { in: [kept.id, theirs.id] } } })).toBe(2);
    await db().image.delete({ where: { id: theirs.id } });
  });
});

describe("the worker's purge of expired trash", () => {
  it("deletes the rows and files of images past TRASH_RETENTION_DAYS, and nothing else; the orphan sweep leaves trashed files alone", async () => {
    const expired = await seedImage({ prompt: "expired trash" });
    const recent = await seedImage({ prompt: "recent trash" });
    const alive = await seedImage({ prompt: "alive" });
    const child = await seedImage({ prompt: "child of expired", kind: "processed", parentId: expired.id });
    await db().image.update({ where: { id: expired.id }, data: { deletedAt: new Date(Date.now() - 31 * day) } });
    await db().image.update({ where: { id: recent.id }, data: { deletedAt: new Date(Date.now() - 29 * day) } });
    const [expiredKeys, recentKeys, aliveKeys] = await Promise.all([keysOf(expired.id), keysOf(recent.id), keysOf(alive.id)]);

    // The orphan sweep, at any age, counts a trashed image's files as referenced.
    const swept = await sweepOrphanFiles({ minAgeMs: 0 });
    expect(swept.removed.filter((key) => [...expiredKeys, ...recentKeys].includes(key))).toEqual([]);

    // The worker's schedule, as startImageWorker starts it (first run at once here).
    startTrashPurges({ firstDelayMs: 0 });
    for (let i = 0; i < 100 && (await db().image.count({ where: { id: expired.id } })); i++) await tick(50);
    await stopTrashPurges();

    expect(await db().image.count({ where: { id: expired.id } })).toBe(0);
    expect(await db().imageRendition.count({ where: { imageId: expired.id } })).toBe(0);
    expect(filesExist(expiredKeys)).toEqual(expiredKeys.map(() => false));
    expect(await db().image.count({ where: { id: { in: [recent.id, alive.id, child.id] } } })).toBe(3);
    expect(filesExist([...recentKeys, ...aliveKeys])).toEqual([...recentKeys, ...aliveKeys].map(() => true));
    expect((await getImage(child.id)).parentId).toBeNull();
    expect((await getImage(recent.id)).deletedAt).not.toBeNull();
    await db().image.update({ where: { id: recent.id }, data: { deletedAt: null } });
  });
});

describe("bulk actions by filter", () => {
  it("bulk-delete {filter, except} trashes every match but the exceptions; bulk-restore and purge by filter", async () => {
    const made: string[] = [];
    for (let i = 0; i < 7; i++) {
      made.unshift((await seedImage({ prompt: `bulkfilter sunset ${i}`, kind: i < 5 ? "generated" : "uploaded" })).id);
      await tick();
    }
    const generated = made.filter((_, i) => i >= 2); // newest first: the two uploaded ones are the newest
    await seedImage({ ownerId: "other", prompt: "bulkfilter sunset theirs" });
    const filter = { q: "bulkfilter", kind: "generated" };
    const counted = await expectJson<Page>(await send(listRoute, "/api/v1/images?q=bulkfilter&kind=generated&total=true&limit=2"));
    expect(counted.total).toBe(5);
    expect(counted.items).toHaveLength(2);

    const except = [generated[1]];
    const answer = await expectJson<{ deleted: string[]; notFound: string[]; purged: boolean }>(
      await send(bulkDeleteRoute, "/api/v1/images/bulk-delete", { json: { filter, except } }),
    );
    expect(answer).toEqual({ deleted: generated.filter((id) => id !== generated[1]), notFound: [], purged: false });
    expect(await listIds("?q=bulkfilter")).toEqual([made[0], made[1], generated[1]]);
    expect((await expectJson<Page>(await send(listRoute, "/api/v1/images?trash=true&limit=100"))).items.map((i) => i.id).sort()).toEqual(answer.deleted.sort());

    const restored = await expectJson<{ restored: string[] }>(await send(bulkRestoreRoute, "/api/v1/images/bulk-restore", { json: { ids: answer.deleted } }));
    expect(restored.restored).toEqual(answer.deleted);
    expect(await listIds("?q=bulkfilter")).toEqual(made);

    // The zip by filter: the same images the gallery shows for it, minus the exceptions.
    const zip = await send(downloadRoute, "/api/v1/images/download", { json: { filter: { q: "bulkfilter" }, except: [made[0]] } });
    expect(zip.status).toBe(200);
    expect(zip.headers.get("x-image-count")).toBe("6");
    await zip.body?.cancel();

    // For good, by filter: rows and files.
    const keys = (await Promise.all(made.map(keysOf))).flat();
    const purged = await expectJson<{ deleted: string[]; purged: boolean }>(
      await send(bulkDeleteRoute, "/api/v1/images/bulk-delete", { json: { filter: { q: "bulkfilter" }, purge: true } }),
    );
    expect(purged).toMatchObject({ deleted: made, purged: true });
    expect(filesExist(keys)).toEqual(keys.map(() => false));
    expect(await db().image.count({ where: { ownerId: "other", prompt: { contains: "bulkfilter" } } })).toBe(1);
  });

  it("refuses a filter matching more than 5,000 images as a whole, naming the count; nothing is moved", async () => {
    // Rows only (no files): the refusal comes before any row or file is touched.
    const rows = Array.from({ length: 5001 }, (_, i) => ({
      id: `img_cap${String(i).padStart(5, "0")}`,
      ownerId: "local",
      kind: "uploaded",
      storageKey: `u/local/img_cap${i}/original.png`,
      checksum: "0",
      format: "png",
      mimeType: "image/png",
      bytes: 1,
      width: 1,
      height: 1,
      prompt: "capfilter",
      searchText: "capfilter",
    }));
    for (let i = 0; i < rows.length; i += 1000) await db().image.createMany({ data: rows.slice(i, i + 1000) });
    const refused = await expectError(await send(bulkDeleteRoute, "/api/v1/images/bulk-delete", { json: { filter: { q: "capfilter" } } }), 400, "invalid_request");
    expect(refused.message).toMatch(/matches 5,001 images; one bulk action takes at most 5,000/);
    expect(refused.details).toEqual({ matching: 5001, max: 5000 });
    expect(await db().image.count({ where: { searchText: "capfilter", deletedAt: { not: null } } })).toBe(0);
    await expectError(await send(downloadRoute, "/api/v1/images/download", { json: { filter: { q: "capfilter" } } }), 400, "invalid_request");
    await db().image.deleteMany({ where: { searchText: "capfilter" } });
  });

  it("names the images by ids or by filter, never both or neither", async () => {
    for (const json of [{}, { ids: ["img_x"], filter: {} }, { ids: ["img_x"], except: ["img_y"] }, { filter: { colour: "red" } }]) {
      await expectError(await send(bulkDeleteRoute, "/api/v1/images/bulk-delete", { json }), 400, "invalid_request");
    }
  });
});
