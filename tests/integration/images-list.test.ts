// GET /api/v1/images: newest first, keyset pagination, prompt search and filters.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as list } from "@/app/api/v1/images/route";
import { db } from "@/lib/db";
import type { ImageDto } from "@/lib/images";
import { expectError, expectJson, send } from "../support/http";
import { ensureLocalUser, ensureUser, seedImage, tick } from "../support/studio";

type Page = { items: ImageDto[]; nextCursor: string | null };

const page = async (query: string) => expectJson<Page>(await send(list, `/api/v1/images${query}`));

/** Follows nextCursor until the end; returns every page's ids. */
async function allPages(query: string, limit: number): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | null = null;
  do {
    const sep = query ? "&" : "?";
    const body: Page = await page(`${query}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    pages.push(body.items.map((i) => i.id));
    expect(body.items.length).toBeLessThanOrEqual(limit);
    cursor = body.nextCursor;
    expect(pages.length).toBeLessThan(20); // a cursor that loops would never end
  } while (cursor);
  return pages;
}

const created: string[] = []; // ids in creation order (oldest first)
let collectionId: string;

beforeAll(async () => {
  await ensureLocalUser();
  await ensureUser("other");
  collectionId = (await db().collection.create({ data: { id: "col_list", ownerId: "local", name: "L", slug: "l" } })).id;
  const specs = [
    { prompt: "A Red Fox in the snow", kind: "generated" as const },
    { prompt: "blue whale, deep ocean", kind: "generated" as const, collectionId },
    { prompt: null, kind: "uploaded" as const },
    { prompt: "a RED balloon over Paris", kind: "generated" as const, collectionId },
    { prompt: "green hills", kind: "processed" as const },
  ];
  for (const spec of specs) {
    const row = await seedImage({ kind: spec.kind, prompt: spec.prompt ?? undefined, collectionId: spec.collectionId });
    created.push(row.id);
    await tick();
  }
  // Someone else's picture matches every query but must never be listed.
  await seedImage({ ownerId: "other", prompt: "red fox red balloon" });
});

describe("GET /api/v1/images", () => {
  it("lists newest first", async () => {
    const body = await page("");
    expect(body.items.map((i) => i.id)).toEqual([...created].reverse());
    expect(body.nextCursor).toBeNull();
    const times = body.items.map((i) => Date.parse(i.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("pages with limit=2 across 3 pages: no duplicate, no gap, nextCursor null at the end", async () => {
    const pages = await allPages("", 2);
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(pages.flat()).toEqual([...created].reverse());
  });

  it("keeps pages exact when several rows share one createdAt (ties broken by id)", async () => {
    const same = new Date("2020-01-01T00:00:00.000Z");
    await db().image.updateMany({ where: { id: { in: created.slice(0, 4) } }, data: { createdAt: same } });
    try {
      const pages = await allPages("", 2);
      expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
      const ids = pages.flat();
      expect(new Set(ids).size).toBe(5);
      expect(ids[0]).toBe(created[4]); // the one left untouched is the newest
      expect(ids.slice(1)).toEqual(created.slice(0, 4).sort().reverse());
    } finally {
      for (const [i, id] of created.entries()) {
        await db().image.update({ where: { id }, data: { createdAt: new Date(Date.now() - (created.length - i) * 1000) } });
      }
    }
  });

  it("searches prompts case-insensitively with q", async () => {
    const red = await page("?q=RED");
    expect(red.items.map((i) => i.id)).toEqual([created[3], created[0]]);
    expect((await page("?q=fox")).items.map((i) => i.prompt)).toEqual(["A Red Fox in the snow"]);
    expect((await page("?q=Deep%20Ocean")).items.map((i) => i.id)).toEqual([created[1]]);
    expect((await page("?q=zebra")).items).toEqual([]);
  });

  it("paginates search results too", async () => {
    const pages = await allPages("?q=red", 1);
    expect(pages).toEqual([[created[3]], [created[0]]]);
  });

  it("filters by kind", async () => {
    expect((await page("?kind=uploaded")).items.map((i) => i.id)).toEqual([created[2]]);
    expect((await page("?kind=processed")).items.map((i) => i.kind)).toEqual(["processed"]);
    expect((await page("?kind=generated")).items.map((i) => i.id)).toEqual([created[3], created[1], created[0]]);
    const error = await expectError(await send(list, "/api/v1/images?kind=drawn"), 400, "invalid_request");
    expect(error.details).toBeInstanceOf(Array);
  });

  it("filters by collectionId, alone and combined with q", async () => {
    expect((await page(`?collectionId=${collectionId}`)).items.map((i) => i.id)).toEqual([created[3], created[1]]);
    expect((await page(`?collectionId=${collectionId}&q=whale`)).items.map((i) => i.id)).toEqual([created[1]]);
    expect((await page("?collectionId=col_none")).items).toEqual([]);
  });

  it("treats LIKE wildcards and backslashes in q as plain characters", async () => {
    const col = (await db().collection.create({ data: { id: "col_wild", ownerId: "local", name: "W", slug: "w" } })).id;
    const prompts = ["100% cotton shirt", "snake_case label", "back\\slash art", "plain red cup"];
    const ids: Record<string, string> = {};
    for (const prompt of prompts) ids[prompt] = (await seedImage({ prompt, collectionId: col })).id;
    const search = async (q: string) =>
      (await page(`?collectionId=${col}&q=${encodeURIComponent(q)}`)).items.map((i) => i.prompt).sort();
    expect(await search("%")).toEqual(["100% cotton shirt"]);
    expect(await search("0% c")).toEqual(["100% cotton shirt"]);
    expect(await search("_")).toEqual(["snake_case label"]);
    expect(await search("e_c")).toEqual(["snake_case label"]);
    expect(await search("\\")).toEqual(["back\\slash art"]);
    expect(await search("r_d")).toEqual([]);
    // the wildcard path still pages exactly
    expect((await allPages("?q=%25", 1)).flat()).toEqual([ids["100% cotton shirt"]]);
  });

  it("answers 400 for a cursor it never issued, and for a bad limit", async () => {
    for (const cursor of ["garbage", Buffer.from("[1,2]").toString("base64url"), Buffer.from('["not a date","x"]').toString("base64url")]) {
      const error = await expectError(await send(list, `/api/v1/images?cursor=${cursor}`), 400, "invalid_request");
      expect(error.message).toMatch(/cursor/);
    }
    for (const limit of ["0", "101", "abc", "2.5"]) {
      const error = await expectError(await send(list, `/api/v1/images?limit=${limit}`), 400, "invalid_request");
      expect(error.message).toMatch(/limit/);
    }
  });
});
