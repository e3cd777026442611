// The collection_boards migration on a database that has data: a database at the migration before it, with
// images in collections, is migrated; every membership is on the join table, and the images are untouched.
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error: plain ESM scripts shared with the start command
import { applyMigrations } from "../../scripts/migrate.mjs";
import { beforeMigration } from "../support/migration-db";

const boards = "collection_boards";
const { target, url, migrateToBefore, withDb, columnsOf, dropDatabase } = beforeMigration(boards);

afterAll(dropDatabase);

describe(`the ${boards} migration (${target})`, () => {
  it("keeps every image's collection as a membership, and every image", async () => {
    await migrateToBefore();
    const now = new Date("2026-12-01T10:00:00.000Z");
    const stamp = target === "sqlite" ? now.getTime() : now;
    await withDb(async (run) => {
      await run(`INSERT INTO "User" ("id", "updatedAt") VALUES ($1, $2)`, ["u1", stamp]);
      for (const c of ["col_a", "col_b"]) await run(`INSERT INTO "Collection" ("id", "ownerId", "name", "slug", "updatedAt") VALUES ($1, $2, $3, $4, $5)`, [c, "u1", c, c, stamp]);
      const images: Array<[string, string | null]> = [["img_1", "col_a"], ["img_2", "col_a"], ["img_3", "col_b"], ["img_4", null]];
      for (const [id, collectionId] of images) {
        await run(
          `INSERT INTO "Image" ("id", "ownerId", "kind", "collectionId", "storageKey", "format", "mimeType", "bytes", "width", "height", "checksum", "prompt", "createdAt")
           VALUES ($1, $2, 'uploaded', $3, $4, 'png', 'image/png', 10, 4, 3, 'x', $5, $6)`,
          [id, "u1", collectionId, `k/${id}`, `prompt of ${id}`, stamp],
        );
      }
    });

    const applied: string[] = await applyMigrations(url, { quiet: true });
    expect(applied.some((name) => name.endsWith(`_${boards}`))).toBe(true);

    await withDb(async (run) => {
      const memberships = await run(`SELECT "collectionId", "imageId", "addedAt" FROM "CollectionImage" ORDER BY "imageId"`);
      expect(memberships.map((m) => [m.imageId, m.collectionId])).toEqual([
        ["img_1", "col_a"],
        ["img_2", "col_a"],
        ["img_3", "col_b"],
      ]);
      // the membership dates from when the image was made (it was in the collection since then, as far as we know)
      expect(memberships.every((m) => new Date(m.addedAt as string | number | Date).getTime() === now.getTime())).toBe(true);
      const rows = await run(`SELECT "id", "prompt", "width" FROM "Image" ORDER BY "id"`);
      expect(rows).toEqual(["img_1", "img_2", "img_3", "img_4"].map((id) => ({ id, prompt: `prompt of ${id}`, width: 4 })));
      expect(await columnsOf(run, "Image")).not.toContain("collectionId");
      // deleting a collection now takes only its memberships
      await run(`DELETE FROM "Collection" WHERE "id" = $1`, ["col_a"]);
      expect((await run(`SELECT "imageId" FROM "CollectionImage"`)).map((m) => m.imageId)).toEqual(["img_3"]);
      expect(await run(`SELECT COUNT(*) AS n FROM "Image"`)).toEqual([{ n: target === "sqlite" ? 4 : "4" }]);
    });
  });
});
