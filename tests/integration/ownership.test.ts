// Rows owned by another user are "not found" (404, never 403) on every image and collection route.
import { beforeAll, describe, expect, it } from "vitest";
import { DELETE as deleteCollection, GET as getCollection, PATCH as patchCollection } from "@/app/api/v1/collections/[id]/route";
import { GET as listCollections } from "@/app/api/v1/collections/route";
import { POST as crop } from "@/app/api/v1/images/[id]/crop/route";
import { GET as credentialsRoute } from "@/app/api/v1/images/[id]/credentials/route";
import { GET as exportRoute } from "@/app/api/v1/images/[id]/export/route";
import { GET as file } from "@/app/api/v1/images/[id]/file/route";
import { POST as filter } from "@/app/api/v1/images/[id]/filter/route";
import { GET as lineage } from "@/app/api/v1/images/[id]/lineage/route";
import { POST as processRoute } from "@/app/api/v1/images/[id]/process/route";
import { POST as resize } from "@/app/api/v1/images/[id]/resize/route";
import { POST as upscaleRoute } from "@/app/api/v1/images/[id]/upscale/route";
import { POST as removeBackgroundRoute } from "@/app/api/v1/images/[id]/remove-background/route";
import { POST as expandRoute } from "@/app/api/v1/images/[id]/expand/route";
import { POST as describeRoute } from "@/app/api/v1/images/[id]/describe/route";
import { DELETE as deleteImage, GET as getImage, PATCH as patchImage } from "@/app/api/v1/images/[id]/route";
import { GET as urlRoute } from "@/app/api/v1/images/[id]/url/route";
import { GET as listImages, POST as uploadRoute } from "@/app/api/v1/images/route";
import type { ImageRow } from "@/lib/db";
import { db } from "@/lib/db";
import { imageDtoInclude } from "@/lib/images/dto";
import type { CollectionDto, ImageDto } from "@/lib/images";
import { expectError, expectJson, send, uploadForm, type Handler } from "../support/http";
import { solidImage } from "../support/images";
import { ensureLocalUser, ensureUser, seedImage, snapshot, upload } from "../support/studio";

let foreign: ImageRow;
let foreignChild: Awaited<ReturnType<typeof seedImage>>;
let foreignCollectionId: string;
let mine: ImageDto;

beforeAll(async () => {
  await ensureLocalUser();
  await ensureUser("other");
  foreignCollectionId = (await db().collection.create({ data: { id: "col_other", ownerId: "other", name: "Theirs", slug: "theirs" } })).id;
  foreign = await seedImage({ ownerId: "other", prompt: "their secret picture", collectionId: foreignCollectionId });
  foreignChild = await seedImage({ ownerId: "other", kind: "processed", parentId: foreign.id });
  mine = await upload(await solidImage(40, 40, [5, 5, 5]));
});

type Case = { name: string; handler: Handler<{ id: string }>; path: string; method?: string; json?: unknown };

const imageCases = (id: string): Case[] => [
  { name: "GET image", handler: getImage, path: `/api/v1/images/${id}` },
  { name: "PATCH image", handler: patchImage, path: `/api/v1/images/${id}`, method: "PATCH", json: { collectionId: null } },
  { name: "DELETE image", handler: deleteImage, path: `/api/v1/images/${id}`, method: "DELETE" },
  { name: "GET file", handler: file, path: `/api/v1/images/${id}/file` },
  { name: "GET thumbnail", handler: file, path: `/api/v1/images/${id}/file?variant=thumbnail` },
  { name: "GET url", handler: urlRoute, path: `/api/v1/images/${id}/url` },
  { name: "GET export", handler: exportRoute, path: `/api/v1/images/${id}/export?format=png` },
  { name: "GET credentials", handler: credentialsRoute, path: `/api/v1/images/${id}/credentials` },
  { name: "GET lineage", handler: lineage, path: `/api/v1/images/${id}/lineage` },
  { name: "POST resize", handler: resize, path: `/api/v1/images/${id}/resize`, json: { width: 10 } },
  { name: "POST crop", handler: crop, path: `/api/v1/images/${id}/crop`, json: { x: 0, y: 0, width: 5, height: 5 } },
  { name: "POST filter", handler: filter, path: `/api/v1/images/${id}/filter`, json: { type: "grayscale" } },
  { name: "POST process", handler: processRoute, path: `/api/v1/images/${id}/process`, json: { operations: [{ op: "filter", type: "invert" }] } },
  { name: "POST upscale", handler: upscaleRoute, path: `/api/v1/images/${id}/upscale`, json: { factor: 2 } },
  { name: "POST remove-background", handler: removeBackgroundRoute, path: `/api/v1/images/${id}/remove-background`, json: {} },
  { name: "POST expand", handler: expandRoute, path: `/api/v1/images/${id}/expand`, json: { factor: 1.5 } },
  { name: "POST describe", handler: describeRoute, path: `/api/v1/images/${id}/describe`, json: {} },
];

describe("another user's image", () => {
  it.each(imageCases("{foreign}").map((c) => c.name))("%s answers 404 not_found and changes nothing", async (name) => {
    const c = imageCases(foreign.id).find((x) => x.name === name)!;
    const before = await snapshot();
    const res = await send(c.handler, c.path, { method: c.method, json: c.json, params: { id: foreign.id } });
    const error = await expectError(res, 404, "not_found");
    expect(error.message).toBe(`Image ${foreign.id} not found`); // the same words as for an id that does not exist
    expect(await snapshot()).toEqual(before);
    const row = await db().image.findUniqueOrThrow({ where: { id: foreign.id }, include: imageDtoInclude });
    expect(row).toEqual(foreign);
  });

  it("is answered exactly like an id that does not exist", async () => {
    const missing = await send(getImage, "/api/v1/images/img_missing", { params: { id: "img_missing" } });
    const theirs = await send(getImage, `/api/v1/images/${foreign.id}`, { params: { id: foreign.id } });
    const [a, b] = [await expectError(missing, 404, "not_found"), await expectError(theirs, 404, "not_found")];
    expect(b.message.replace(foreign.id, "ID")).toBe(a.message.replace("img_missing", "ID"));
  });

  it("never shows up in the list, a search, or a collection filter", async () => {
    const all = await expectJson<{ items: ImageDto[] }>(await send(listImages, "/api/v1/images?limit=100"));
    expect(all.items.map((i) => i.id)).toEqual([mine.id]);
    const search = await expectJson<{ items: ImageDto[] }>(await send(listImages, "/api/v1/images?q=secret"));
    expect(search.items).toEqual([]);
    const inTheirs = await expectJson<{ items: ImageDto[] }>(await send(listImages, `/api/v1/images?collectionId=${foreignCollectionId}`));
    expect(inTheirs.items).toEqual([]);
  });

  it("is not reachable through my own image's lineage", async () => {
    // Even if a row of mine pointed at their image, the lineage must not reveal it.
    const stray = await seedImage({ kind: "processed", parentId: foreign.id });
    const body = await expectJson<{ ancestors: ImageDto[] }>(await send(lineage, `/api/v1/images/${stray.id}/lineage`, { params: { id: stray.id } }));
    expect(body.ancestors).toEqual([]);
    const theirLineage = await send(lineage, `/api/v1/images/${foreign.id}/lineage`, { params: { id: foreign.id } });
    await expectError(theirLineage, 404, "not_found");
  });

  it("does not show their child of my image in my image's children or descendants", async () => {
    const theirs = await seedImage({ ownerId: "other", kind: "processed", parentId: mine.id });
    const one = await expectJson<{ children: { id: string }[] }>(await send(getImage, `/api/v1/images/${mine.id}`, { params: { id: mine.id } }));
    expect(one.children.map((c) => c.id)).not.toContain(theirs.id);
    const tree = await expectJson<{ descendants: ImageDto[] }>(await send(lineage, `/api/v1/images/${mine.id}/lineage`, { params: { id: mine.id } }));
    expect(tree.descendants).toEqual([]);
    expect(foreignChild.parents.map((p) => p.parentId)).toEqual([foreign.id]); // their own tree is intact
  });
});

describe("another user's collection", () => {
  const cases = (id: string): Case[] => [
    { name: "GET collection", handler: getCollection, path: `/api/v1/collections/${id}` },
    { name: "PATCH collection", handler: patchCollection, path: `/api/v1/collections/${id}`, method: "PATCH", json: { name: "Mine now" } },
    { name: "DELETE collection", handler: deleteCollection, path: `/api/v1/collections/${id}`, method: "DELETE" },
  ];

  it.each(cases("{foreign}").map((c) => c.name))("%s answers 404 not_found and changes nothing", async (name) => {
    const c = cases(foreignCollectionId).find((x) => x.name === name)!;
    const res = await send(c.handler, c.path, { method: c.method, json: c.json, params: { id: foreignCollectionId } });
    const error = await expectError(res, 404, "not_found");
    expect(error.message).toBe(`Collection ${foreignCollectionId} not found`);
    expect(await db().collection.findUniqueOrThrow({ where: { id: foreignCollectionId } })).toMatchObject({ name: "Theirs", ownerId: "other" });
  });

  it("is not listed", async () => {
    const body = await expectJson<{ items: CollectionDto[] }>(await send(listCollections, "/api/v1/collections"));
    expect(body.items.map((c) => c.id)).not.toContain(foreignCollectionId);
  });

  it("cannot be joined by my image (PATCH or upload): 404, nothing saved", async () => {
    const patch = await send(patchImage, `/api/v1/images/${mine.id}`, {
      method: "PATCH",
      json: { collectionId: foreignCollectionId },
      params: { id: mine.id },
    });
    await expectError(patch, 404, "not_found");
    expect(await db().collectionImage.count({ where: { imageId: mine.id } })).toBe(0);

    const before = await snapshot();
    const res = await send(uploadRoute, "/api/v1/images", {
      body: uploadForm(await solidImage(10, 10, [1, 1, 1]), { fields: { collectionId: foreignCollectionId } }),
    });
    await expectError(res, 404, "not_found");
    expect(await snapshot()).toEqual(before);
    expect(await db().collectionImage.count({ where: { collectionId: foreignCollectionId } })).toBe(1);
  });
});
