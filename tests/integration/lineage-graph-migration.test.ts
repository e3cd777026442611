// The lineage_graph migration on a database that has data: a database at the migration before it, with parents
// (Image.parentId) and a refinement's mask image (operationParams.maskImageId), is migrated; every parent is a
// "source" edge with its checksum, every mask image a "mask" edge, and the images are untouched.
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error: plain ESM scripts shared with the start command
import { applyMigrations } from "../../scripts/migrate.mjs";
import { beforeMigration } from "../support/migration-db";

const migration = "lineage_graph";
const { target, url, migrateToBefore, withDb, columnsOf, dropDatabase } = beforeMigration(migration);

afterAll(dropDatabase);

describe(`the ${migration} migration (${target})`, () => {
  it("keeps every parent as a source edge and every refinement's mask image as a mask edge", async () => {
    await migrateToBefore();
    const now = new Date("2026-12-01T10:00:00.000Z");
    const stamp = (offset: number) => (target === "sqlite" ? now.getTime() + offset : new Date(now.getTime() + offset));
    await withDb(async (run) => {
      await run(`INSERT INTO "User" ("id", "updatedAt") VALUES ($1, $2)`, ["u1", stamp(0)]);
      // root ← child ← grandchild (a refinement with a mask image); an unrelated image; a refinement whose mask was deleted
      const images: Array<[string, string | null, object | null]> = [
        ["img_root", null, null],
        ["img_mask", null, null],
        ["img_child", "img_root", { width: 2 }],
        ["img_grand", "img_child", { prompt: "p", maskImageId: "img_mask" }],
        ["img_lone", null, null],
        ["img_lost_mask", "img_root", { prompt: "p", maskImageId: "img_gone" }],
      ];
      for (const [i, [id, parentId, operationParams]] of images.entries()) {
        await run(
          `INSERT INTO "Image" ("id", "ownerId", "kind", "parentId", "storageKey", "format", "mimeType", "bytes", "width", "height", "checksum", "operationParams", "createdAt")
           VALUES ($1, $2, $3, $4, $5, 'png', 'image/png', 10, 4, 3, $6, $7, $8)`,
          [id, "u1", parentId ? "processed" : "uploaded", parentId, `k/${id}`, `sum-${id}`, operationParams ? JSON.stringify(operationParams) : null, stamp(i)],
        );
      }
    });

    const applied: string[] = await applyMigrations(url, { quiet: true });
    expect(applied.some((name) => name.endsWith(`_${migration}`))).toBe(true);

    await withDb(async (run) => {
      const edges = await run(`SELECT "childId", "parentId", "role", "position", "checksum", "createdAt" FROM "ImageParent" ORDER BY "childId", "role" DESC`);
      expect(edges.map((e) => [e.childId, e.parentId, e.role, Number(e.position), e.checksum])).toEqual([
        ["img_child", "img_root", "source", 0, "sum-img_root"],
        ["img_grand", "img_child", "source", 0, "sum-img_child"],
        ["img_grand", "img_mask", "mask", 0, "sum-img_mask"],
        ["img_lost_mask", "img_root", "source", 0, "sum-img_root"],
      ]);
      // an edge dates from when its child was made
      expect(new Date(edges[0].createdAt as string | number | Date).getTime()).toBe(now.getTime() + 2);
      const rows = await run(`SELECT "id", "checksum", "width" FROM "Image" ORDER BY "id"`);
      expect(rows.map((r) => r.id)).toEqual(["img_child", "img_grand", "img_lone", "img_lost_mask", "img_mask", "img_root"]);
      expect(await columnsOf(run, "Image")).not.toContain("parentId");
      // deleting a parent takes its edges only: the child stays
      await run(`DELETE FROM "Image" WHERE "id" = $1`, ["img_root"]);
      expect((await run(`SELECT "childId" FROM "ImageParent" ORDER BY "childId", "role" DESC`)).map((e) => e.childId)).toEqual(["img_grand", "img_grand"]);
      expect(await run(`SELECT COUNT(*) AS n FROM "Image"`)).toEqual([{ n: target === "sqlite" ? 5 : "5" }]);
    });
  });
});
