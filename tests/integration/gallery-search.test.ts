// Gallery search: every word of `q` must appear, in any order, case-insensitively; still keyset-paginated, and
// combined with the other filters (a collection through the join). On SQLite and PostgreSQL.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as list } from "@/app/api/v1/images/route";
import { db } from "@/lib/db";
import type { ImageDto } from "@/lib/images";
import { expectJson, send } from "../support/http";
import { ensureLocalUser, ensureUser, seedImage, tick } from "../support/studio";

type Page = { items: ImageDto[]; nextCursor: string | null };
const ids: Record<string, string> = {};
const search = async (q: string, extra = "") =>
  (await expectJson<Page>(await send(list, `/api/v1/images?q=${encodeURIComponent(q)}${extra}`))).items.map((i) => i.id);

beforeAll(async () => {
  await ensureLocalUser();
  await ensureUser("other");
  await db().collection.create({ data: { id: "col_search", ownerId: "local", name: "S", slug: "s" } });
  const prompts: Record<string, string> = {
    misty: "Misty alpine lake at sunrise",
    city: "sunrise over the city",
    dusk: "a lake at dusk",
    water: "100% pure_water lake",
    sunrises: "two sunrises above a lakeside cabin",
  };
  for (const [key, prompt] of Object.entries(prompts)) {
    ids[key] = (await seedImage({ prompt, ...(key === "dusk" || key === "misty" ? { collectionId: "col_search" } : {}) })).id;
    await tick();
  }
  await seedImage({ ownerId: "other", prompt: "misty alpine lake at sunrise" }); // someone else's: never found
});

describe("search (all words, any order)", () => {
  it("finds a prompt holding every word, whatever their order and case", async () => {
    expect(await search("sunrise lake")).toEqual([ids.sunrises, ids.misty]); // "lakeside", "sunrises": words inside words match too
    expect(await search("lake sunrise")).toEqual([ids.sunrises, ids.misty]);
    expect(await search("  LAKE   Misty ")).toEqual([ids.misty]);
    expect(await search("alpine sunrise lake misty")).toEqual([ids.misty]);
    expect(await search("sunrise lake city")).toEqual([]);
    expect(await search("sunrise")).toEqual([ids.sunrises, ids.city, ids.misty]);
  });

  it("takes % and _ literally in every word", async () => {
    expect(await search("lake 100%")).toEqual([ids.water]);
    expect(await search("pure_water lake")).toEqual([ids.water]);
    expect(await search("pure%water")).toEqual([]);
    expect(await search("lake _")).toEqual([ids.water]);
  });

  it("pages through the matches with the cursor, newest first, and combines with the collection filter", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const body: Page = await expectJson<Page>(
        await send(list, `/api/v1/images?q=${encodeURIComponent("lake a")}&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`),
      );
      expect(body.items.length).toBeLessThanOrEqual(1);
      seen.push(...body.items.map((i) => i.id));
      cursor = body.nextCursor;
      expect(seen.length).toBeLessThan(10);
    } while (cursor);
    expect(seen).toEqual([ids.sunrises, ids.water, ids.dusk, ids.misty]);
    expect(await search("lake a", "&collectionId=col_search")).toEqual([ids.dusk, ids.misty]);
    expect(await search("sunrise lake", "&collectionId=col_search")).toEqual([ids.misty]);
  });
});
