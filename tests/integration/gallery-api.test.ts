// The gallery's API: favourites, the date filter, bulk delete and the zip download of a selection.
import { readFileSync } from "node:fs";
import { unzipSync, strFromU8 } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as bulkDelete } from "@/app/api/v1/images/bulk-delete/route";
import { POST as download } from "@/app/api/v1/images/download/route";
import { GET as getImage, PATCH as patchImage } from "@/app/api/v1/images/[id]/route";
import { GET as list } from "@/app/api/v1/images/route";
import { imageDtoInclude } from "@/lib/images/dto";
import { db } from "@/lib/db";
import type { ImageDto } from "@/lib/images";
import { expectBytes, expectError, expectJson, send } from "../support/http";
import { solidImage } from "../support/images";
import { ensureLocalUser, ensureUser, keysOf, seedImage, storedFiles, storedPath, upload } from "../support/studio";

type Page = { items: ImageDto[]; nextCursor: string | null };

const ids = async (query: string) => (await expectJson<Page>(await send(list, `/api/v1/images${query}`))).items.map((i) => i.id);
const patch = (id: string, json: unknown) => send(patchImage, `/api/v1/images/${id}`, { method: "PATCH", json, params: { id } });

/** All ids of a listing, following nextCursor `limit` at a time. */
async function allIds(query: string, limit: number): Promise<string[]> {
  const found: string[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 50; pages++) {
    const page: Page = await expectJson<Page>(
      await send(list, `/api/v1/images?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`),
    );
    found.push(...page.items.map((i) => i.id));
    cursor = page.nextCursor;
    if (!cursor) return found;
  }
  throw new Error("the cursor never ended");
}

beforeAll(async () => {
  await ensureLocalUser();
  await ensureUser("other");
});

describe("favourites", () => {
  let starred: ImageDto;
  let plain: ImageDto;
  let col: string;

  beforeAll(async () => {
    col = (await db().collection.create({ data: { id: "col_fav", ownerId: "local", name: "Fav", slug: "fav" } })).id;
    starred = await upload(await solidImage(30, 20, [200, 10, 10]), { name: "star.png", collectionId: col });
    plain = await upload(await solidImage(30, 20, [10, 200, 10]), { name: "plain.png", collectionId: col });
  });

  it("are off for a new image, and the DTO says so", async () => {
    expect(starred.favorite).toBe(false);
    const got = await expectJson<ImageDto>(await send(getImage, `/api/v1/images/${plain.id}`, { params: { id: plain.id } }));
    expect(got.favorite).toBe(false);
  });

  it("PATCH {favorite} stars and unstars, leaving the collection alone", async () => {
    const on = await expectJson<ImageDto>(await patch(starred.id, { favorite: true }));
    expect(on).toMatchObject({ id: starred.id, favorite: true, collectionId: col });
    const off = await expectJson<ImageDto>(await patch(plain.id, { favorite: false }));
    expect(off.favorite).toBe(false);
    // Both fields at once.
    const both = await expectJson<ImageDto>(await patch(plain.id, { favorite: true, collectionId: null }));
    expect(both).toMatchObject({ favorite: true, collectionId: null });
    await expectJson(await patch(plain.id, { favorite: false, collectionId: col }));
  });

  it("favorite=true lists only the starred ones, favorite=false the others", async () => {
    expect(await ids(`?collectionId=${col}&favorite=true`)).toEqual([starred.id]);
    expect(await ids(`?collectionId=${col}&favorite=false`)).toEqual([plain.id]);
    expect(await ids(`?collectionId=${col}`)).toEqual([plain.id, starred.id]);
  });

  it("refuses a favourite that is not a boolean, in the query and in the body", async () => {
    const query = await expectError(await send(list, "/api/v1/images?favorite=yes"), 400, "invalid_request");
    expect(query.message + JSON.stringify(query.details)).toMatch(/favorite/);
    const body = await expectError(await patch(starred.id, { favorite: "yes" }), 400, "invalid_request");
    expect(JSON.stringify(body.details)).toMatch(/favorite/);
  });

  it("cannot star someone else's image (404, unchanged)", async () => {
    const theirs = await seedImage({ ownerId: "other", prompt: "their picture" });
    await expectError(await patch(theirs.id, { favorite: true }), 404, "not_found");
    expect((await db().image.findUniqueOrThrow({ where: { id: theirs.id } })).favorite).toBe(false);
  });
});

describe("the date filter (from / to on createdAt)", () => {
  const rows: Record<string, string> = {};
  let col: string;

  beforeAll(async () => {
    col = (await db().collection.create({ data: { id: "col_dates", ownerId: "local", name: "Dates", slug: "dates" } })).id;
    const dates = {
      oct31: "2026-10-31T23:59:59.999Z",
      nov1a: "2026-11-01T00:00:00.000Z",
      nov1b: "2026-11-01T12:30:00.000Z",
      nov2: "2026-11-02T08:00:00.000Z",
      nov3: "2026-11-03T00:00:00.000Z",
    };
    for (const [name, at] of Object.entries(dates)) {
      const row = await seedImage({ prompt: `dated ${name}`, collectionId: col });
      await db().image.update({ where: { id: row.id }, data: { createdAt: new Date(at) } });
      rows[name] = row.id;
    }
    // Someone else's image on the same day is never listed.
    const theirs = await seedImage({ ownerId: "other", prompt: "dated other" });
    await db().image.update({ where: { id: theirs.id }, data: { createdAt: new Date(dates.nov1b) } });
  });

  const inCol = (query: string) => ids(`?collectionId=${col}&${query}`);

  it("takes whole UTC days for dates: from is inclusive from 00:00, to includes its whole day", async () => {
    expect(await inCol("from=2026-11-01&to=2026-11-01")).toEqual([rows.nov1b, rows.nov1a]);
    expect(await inCol("from=2026-11-02")).toEqual([rows.nov3, rows.nov2]);
    expect(await inCol("to=2026-10-31")).toEqual([rows.oct31]);
    expect(await inCol("from=2026-11-01&to=2026-11-02")).toEqual([rows.nov2, rows.nov1b, rows.nov1a]);
  });

  it("takes date-times as instants, both ends inclusive", async () => {
    expect(await inCol("from=2026-11-01T12:30:00Z&to=2026-11-03T00:00:00.000Z")).toEqual([rows.nov3, rows.nov2, rows.nov1b]);
    expect(await inCol(`from=${encodeURIComponent("2026-11-01T13:30:00+01:00")}&to=2026-11-01T12:30:00Z`)).toEqual([rows.nov1b]);
  });

  it("keeps keyset pagination exact inside a date range", async () => {
    expect(await allIds(`collectionId=${col}&from=2026-11-01&to=2026-11-03`, 1)).toEqual([rows.nov3, rows.nov2, rows.nov1b, rows.nov1a]);
    expect(await allIds(`collectionId=${col}&from=2026-11-01&to=2026-11-03`, 3)).toEqual([rows.nov3, rows.nov2, rows.nov1b, rows.nov1a]);
  });

  it("refuses dates that are not ISO, and a from after to", async () => {
    for (const bad of ["from=yesterday", "to=11/02/2026", "from=2026-13-45", "to=1730000000"]) {
      const error = await expectError(await send(list, `/api/v1/images?${bad}`), 400, "invalid_request");
      expect(JSON.stringify(error.details)).toMatch(/ISO date/);
    }
    const reversed = await expectError(await send(list, "/api/v1/images?from=2026-11-03&to=2026-11-01"), 400, "invalid_request");
    expect(JSON.stringify(reversed.details)).toMatch(/from must not be after to/);
  });
});

describe("POST /api/v1/images/bulk-delete", () => {
  it("with purge: true deletes the caller's images and all their files; foreign and unknown ids are reported and left alone", async () => {
    const mine = [await upload(await solidImage(40, 30, [1, 2, 3]), { name: "a.png" }), await upload(await solidImage(40, 30, [4, 5, 6]), { name: "b.png" })];
    const child = await seedImage({ kind: "processed", parentId: mine[0].id });
    const theirs = await seedImage({ ownerId: "other", prompt: "keep me" });
    const myKeys = (await Promise.all(mine.map((m) => keysOf(m.id)))).flat();
    const theirKeys = await keysOf(theirs.id);
    expect(myKeys.length).toBeGreaterThanOrEqual(4);
    for (const key of [...myKeys, ...theirKeys]) expect(storedFiles()).toContain(key);

    const res = await send(bulkDelete, "/api/v1/images/bulk-delete", {
      json: { ids: [mine[0].id, theirs.id, "img_nope", mine[1].id, mine[0].id], purge: true },
    });
    const body = await expectJson<{ deleted: string[]; notFound: string[] }>(res);
    expect(body).toEqual({ deleted: [mine[0].id, mine[1].id], notFound: [theirs.id, "img_nope"], purged: true });

    expect(await db().image.count({ where: { id: { in: mine.map((m) => m.id) } } })).toBe(0);
    expect(await db().imageRendition.count({ where: { imageId: { in: mine.map((m) => m.id) } } })).toBe(0);
    const files = storedFiles();
    for (const key of myKeys) expect(files).not.toContain(key);
    // The foreign image: row and files untouched.
    expect(await db().image.findUniqueOrThrow({ where: { id: theirs.id }, include: imageDtoInclude })).toEqual(theirs);
    for (const key of theirKeys) expect(files).toContain(key);
    // A child of a deleted image lives on without a parent.
    expect(await db().image.findUniqueOrThrow({ where: { id: child.id } })).toBeTruthy();
    expect(await db().imageParent.count({ where: { childId: child.id } })).toBe(0);
  });

  it("answers every id as not found when none is the caller's, deleting nothing", async () => {
    const theirs = await seedImage({ ownerId: "other" });
    const before = storedFiles();
    const body = await expectJson<{ deleted: string[]; notFound: string[] }>(
      await send(bulkDelete, "/api/v1/images/bulk-delete", { json: { ids: [theirs.id] } }),
    );
    expect(body).toEqual({ deleted: [], notFound: [theirs.id], purged: false });
    expect(storedFiles()).toEqual(before);
  });

  it("takes 1 to 500 ids", async () => {
    const none = await expectError(await send(bulkDelete, "/api/v1/images/bulk-delete", { json: { ids: [] } }), 400, "invalid_request");
    expect(JSON.stringify(none.details)).toMatch(/at least one/);
    const many = Array.from({ length: 501 }, (_, i) => `img_${i}`);
    const over = await expectError(await send(bulkDelete, "/api/v1/images/bulk-delete", { json: { ids: many } }), 400, "invalid_request");
    expect(JSON.stringify(over.details)).toMatch(/at most 500/);
    await expectError(await send(bulkDelete, "/api/v1/images/bulk-delete", { json: {} }), 400, "invalid_request");
    await expectError(await send(bulkDelete, "/api/v1/images/bulk-delete", { json: { ids: "img_1" } }), 400, "invalid_request");
    await expectError(await send(bulkDelete, "/api/v1/images/bulk-delete", { json: { ids: [1, 2] } }), 400, "invalid_request");
    // Exactly 500 unknown ids is a valid request.
    const ok = await expectJson<{ deleted: string[]; notFound: string[] }>(
      await send(bulkDelete, "/api/v1/images/bulk-delete", { json: { ids: many.slice(0, 500) } }),
    );
    expect(ok.deleted).toEqual([]);
    expect(ok.notFound).toHaveLength(500);
  });
});

describe("POST /api/v1/images/download", () => {
  let images: ImageDto[];

  beforeAll(async () => {
    const col = (await db().collection.create({ data: { id: "col_zip", ownerId: "local", name: "Zip", slug: "zip" } })).id;
    const parent = await seedImage({ prompt: "Café au lait — on a table!", provider: "openai", model: "gpt-image-1", seed: 42, collectionId: col, width: 90, height: 60 });
    const child = await seedImage({ kind: "processed", parentId: parent.id, prompt: "Café au lait — on a table!", collectionId: col });
    const uploaded = await upload(await solidImage(1600, 900, [20, 140, 90], "jpeg"), { name: "holiday photo.jpg" });
    images = [
      await expectJson<ImageDto>(await send(getImage, `/api/v1/images/${parent.id}`, { params: { id: parent.id } })),
      await expectJson<ImageDto>(await send(getImage, `/api/v1/images/${child.id}`, { params: { id: child.id } })),
      uploaded,
    ];
  });

  const originalBytes = async (id: string) => {
    const row = await db().image.findUniqueOrThrow({ where: { id } });
    return readFileSync(storedPath(row.storageKey));
  };

  it("streams a zip of the originals with readable, unique names and a manifest", async () => {
    const ask = [images[0].id, images[1].id, images[2].id, images[0].id];
    const res = await send(download, "/api/v1/images/download", { json: { ids: ask } });
    expect(res.headers.get("content-type")).toBe("application/zip");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="image-studio-\d{8}-\d{6}-3\.zip"$/);
    expect(res.headers.get("content-length")).toBeNull(); // streamed
    const zip = unzipSync(new Uint8Array(await expectBytes(res)));

    const names = Object.keys(zip);
    expect(names).toEqual([
      `cafe-au-lait-on-a-table-${images[0].id}.png`,
      `cafe-au-lait-on-a-table-${images[1].id}.png`,
      `holiday-photo-${images[2].id}.jpg`,
      "manifest.json",
    ]);
    for (const [i, image] of images.entries()) {
      expect(Buffer.from(zip[names[i]]).equals(await originalBytes(image.id)), names[i]).toBe(true);
      expect(zip[names[i]].byteLength).toBe(image.bytes);
    }

    const manifest = JSON.parse(strFromU8(zip["manifest.json"]));
    expect(manifest).toMatchObject({ variant: "original", count: 3 });
    expect(manifest.images).toHaveLength(3);
    expect(manifest.images[0]).toMatchObject({
      id: images[0].id,
      file: names[0],
      prompt: "Café au lait — on a table!",
      provider: "openai",
      model: "gpt-image-1",
      seed: 42,
      parentId: null,
    });
    expect(manifest.images[1]).toMatchObject({ id: images[1].id, kind: "processed", parentId: images[0].id });
    expect(manifest.images[2]).toMatchObject({ id: images[2].id, prompt: null, provider: null, model: null, seed: null, parentId: null, originalName: "holiday photo.jpg" });
  });

  it("takes the previews with variant=preview (the original where none was made)", async () => {
    // A small WebP original is its own preview: no rendition, so the zip holds the original.
    const webp = await upload(await solidImage(50, 40, [90, 90, 200], "webp"), { name: "small.webp" });
    const ask = [images[2].id, images[0].id, webp.id];
    const res = await send(download, "/api/v1/images/download", { json: { ids: ask, variant: "preview" } });
    const zip = unzipSync(new Uint8Array(await expectBytes(res)));
    const expected: Record<string, Buffer> = {};
    for (const id of ask) {
      const row = await db().image.findUniqueOrThrow({ where: { id }, include: { renditions: true } });
      const file = row.renditions.find((r) => r.variant === "preview") ?? row;
      const label = id === images[2].id ? "holiday-photo" : id === webp.id ? "small" : "cafe-au-lait-on-a-table";
      expected[`${label}-${id}.${file.format === "jpeg" ? "jpg" : file.format}`] = readFileSync(storedPath(file.storageKey));
    }
    expect(Object.keys(expected)[0]).toMatch(/\.webp$/);
    expect(Object.keys(expected)[2]).toBe(`small-${webp.id}.webp`);
    expect(Object.keys(zip)).toEqual([...Object.keys(expected), "manifest.json"]);
    for (const [name, bytes] of Object.entries(expected)) expect(Buffer.from(zip[name]).equals(bytes), name).toBe(true);
    expect(Buffer.from(zip[`small-${webp.id}.webp`]).equals(await originalBytes(webp.id))).toBe(true);
    expect(JSON.parse(strFromU8(zip["manifest.json"])).variant).toBe("preview");
  });

  it("refuses the whole request when an id is unknown or someone else's, and says which", async () => {
    const theirs = await seedImage({ ownerId: "other", prompt: "private" });
    const res = await send(download, "/api/v1/images/download", { json: { ids: [images[0].id, theirs.id, "img_missing"] } });
    const error = await expectError(res, 404, "not_found");
    expect(error.message).toContain(theirs.id);
    expect(error.message).toContain("img_missing");
    expect(error.message).not.toContain(images[0].id);
    expect(error.details).toEqual({ notFound: [theirs.id, "img_missing"] });
  });

  it("takes 1 to 500 ids and only the known variants", async () => {
    const many = Array.from({ length: 501 }, (_, i) => `img_${i}`);
    const over = await expectError(await send(download, "/api/v1/images/download", { json: { ids: many } }), 400, "invalid_request");
    expect(JSON.stringify(over.details)).toMatch(/at most 500/);
    await expectError(await send(download, "/api/v1/images/download", { json: { ids: [] } }), 400, "invalid_request");
    await expectError(await send(download, "/api/v1/images/download", { json: { ids: [images[0].id], variant: "raw" } }), 400, "invalid_request");
    await expectError(
      await send(download, "/api/v1/images/download", { body: "ids=x", headers: { "content-type": "application/x-www-form-urlencoded" } }),
      415,
      "unsupported_media_type",
    );
  });

  it("reads the storage as the client reads the archive (a cancelled download stops early)", async () => {
    const res = await send(download, "/api/v1/images/download", { json: { ids: images.map((i) => i.id) } });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    // The local file header of the first entry.
    expect(Array.from(first.value!.subarray(0, 4))).toEqual([0x50, 0x4b, 0x03, 0x04]);
    await reader.cancel();
  });
});
