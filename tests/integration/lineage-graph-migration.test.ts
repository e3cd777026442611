// The lineage_graph migration on a database that has data: a database at the migration before it, with parents
// (Image.parentId) and a refinement's mask image (operationParams.maskImageId), is migrated; every parent is a
// "source" edge with its checksum, every mask image a "mask" edge, and the images are untouched.
import Database from "better-sqlite3";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error: plain ESM scripts shared with the start command
import { applyMigrations } from "../../scripts/migrate.mjs";
// @ts-expect-error: plain ESM scripts shared with the start command
import { migrationsList, noFilters, openEngine, targetOf } from "../../scripts/lib/engine.mjs";

const postgresBaseUrl = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";

const migration = "lineage_graph";
const target = process.env.TEST_DATABASE === "postgres" ? "postgres" : "sqlite";
const schema = `t_graph_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
const url = target === "postgres" ? `${postgresBaseUrl}?schema=${schema}` : `file:${path.join(process.env.DATA_DIR!, "before-graph.db")}`;

/** Applies the committed migrations that come before lineage_graph. */
async function migrateToBefore() {
  const list = migrationsList(targetOf(url));
  const cut = list.migrationDirectories.findIndex((d: { path: string }) => d.path.endsWith(`_${migration}`));
  expect(cut).toBeGreaterThan(0);
  const { engine } = await openEngine(url);
  try {
    await engine.applyMigrations({ migrationsList: { ...list, migrationDirectories: list.migrationDirectories.slice(0, cut) }, filters: noFilters });
  } finally {
    engine.free?.();
  }
}

/** Runs SQL on the test database (positional parameters: `?` on SQLite, `$n` on PostgreSQL). */
async function withDb<T>(fn: (run: (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>) => Promise<T>): Promise<T> {
  if (target === "sqlite") {
    const file = new Database(url.replace(/^file:/, ""));
    file.pragma("foreign_keys = ON");
    try {
      return await fn(async (sql, params = []) => {
        const statement = file.prepare(sql.replace(/\$\d+/g, "?"));
        return statement.reader ? (statement.all(...params) as Record<string, unknown>[]) : (statement.run(...params), []);
      });
    } finally {
      file.close();
    }
  }
  const client = new pg.Client({ connectionString: postgresBaseUrl, options: `-c search_path="${schema}",public` });
  await client.connect();
  try {
    return await fn(async (sql, params = []) => (await client.query(sql, params)).rows);
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  if (target !== "postgres") return;
  const client = new pg.Client({ connectionString: postgresBaseUrl });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
});

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
      const columns = await run(
        target === "sqlite" ? `SELECT name FROM pragma_table_info('Image')` : `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'Image'`,
        target === "sqlite" ? [] : [schema],
      );
      expect(columns.map((c) => c.name)).not.toContain("parentId");
      // deleting a parent takes its edges only: the child stays
      await run(`DELETE FROM "Image" WHERE "id" = $1`, ["img_root"]);
      expect((await run(`SELECT "childId" FROM "ImageParent" ORDER BY "childId", "role" DESC`)).map((e) => e.childId)).toEqual(["img_grand", "img_grand"]);
      expect(await run(`SELECT COUNT(*) AS n FROM "Image"`)).toEqual([{ n: target === "sqlite" ? 5 : "5" }]);
    });
  });
});
