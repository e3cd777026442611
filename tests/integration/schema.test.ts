// Proves that the committed migrations produce exactly the schema that prisma/models.prisma describes, on the
// target this project runs (SQLite or PostgreSQL): the database migrated by the setup is compared, catalog
// entry by catalog entry, with a reference database built straight from the models.
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error: plain ESM scripts shared with the CLI
import { pendingMigrationSql, schemaSql } from "../../scripts/create-migration.mjs";

const target = process.env.TEST_DATABASE === "postgres" ? "postgres" : "sqlite";

describe(`migrations (${target})`, () => {
  it("have no model change left unmigrated", async () => {
    expect(await pendingMigrationSql(target)).toBe("");
  });

  it("produce the same schema as the Prisma models", async () => {
    const modelsSql: string = await schemaSql(target);
    expect(modelsSql).toContain('CREATE TABLE "Image"');
    const [migrated, reference] = target === "sqlite" ? await sqliteCatalogs(modelsSql) : await postgresCatalogs(modelsSql);
    expect(Object.keys(migrated).sort()).toEqual(["ApiKey", "AuthAccount", "BudgetDay", "Collection", "CollectionImage", "Image", "ImageParent", "ImageRendition", "Job", "JobEvent", "ModelLifecycle", "Palette", "ProviderAudit", "ProviderSetting", "RateLimitWindow", "SigningIdentity", "UsageEntry", "User", "WebhookDelivery", "WebhookReceipt"]);
    expect(migrated).toEqual(reference);
  });
});

type Catalog = Record<string, unknown>;

async function sqliteCatalogs(modelsSql: string): Promise<[Catalog, Catalog]> {
  const migrated = new Database(path.join(process.env.DATA_DIR!, "studio.db"), { readonly: true });
  const reference = new Database(":memory:");
  reference.exec(modelsSql);
  const catalog = (db: Database.Database): Catalog => {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name")
      .all() as { name: string }[];
    return Object.fromEntries(
      tables.map(({ name }) => {
        const indexes = (db.prepare(`PRAGMA index_list("${name}")`).all() as { name: string; unique: number; origin: string }[])
          .map((i) => ({
            name: i.name,
            unique: i.unique,
            origin: i.origin,
            columns: (db.prepare(`PRAGMA index_info("${i.name}")`).all() as { name: string }[]).map((c) => c.name),
          }))
          .sort((a, b) => a.name.localeCompare(b.name));
        return [
          name,
          {
            // Column order is not part of the schema (an added column lands last): compare by name.
            columns: (db.prepare(`PRAGMA table_xinfo("${name}")`).all() as { cid?: number; name: string }[])
              .map(({ cid: _cid, ...column }) => column)
              .sort((a, b) => a.name.localeCompare(b.name)),
            indexes,
            foreignKeys: db.prepare(`PRAGMA foreign_key_list("${name}")`).all(),
          },
        ];
      }),
    );
  };
  try {
    return [catalog(migrated), catalog(reference)];
  } finally {
    migrated.close();
    reference.close();
  }
}

let referenceSchema: string | undefined;
const client = () => new pg.Client({ connectionString: process.env.DATABASE_URL!.replace(/\?.*$/, "") });

async function postgresCatalogs(modelsSql: string): Promise<[Catalog, Catalog]> {
  const migratedSchema = new URL(process.env.DATABASE_URL!).searchParams.get("schema")!;
  referenceSchema = `${migratedSchema}_ref`;
  const c = client();
  await c.connect();
  try {
    await c.query(`CREATE SCHEMA "${referenceSchema}"`);
    await c.query(`SET search_path TO "${referenceSchema}", public`);
    await c.query(modelsSql);
    return [await postgresCatalog(c, migratedSchema), await postgresCatalog(c, referenceSchema)];
  } finally {
    await c.end();
  }
}

async function postgresCatalog(c: pg.Client, schema: string): Promise<Catalog> {
  const columns = await c.query(
    `SELECT table_name, column_name, data_type, is_nullable, column_default
       FROM information_schema.columns WHERE table_schema = $1 AND table_name <> '_prisma_migrations'
      ORDER BY table_name, column_name`,
    [schema],
  );
  const indexes = await c.query(
    `SELECT tablename, indexname, indexdef AS def FROM pg_indexes
      WHERE schemaname = $1 AND tablename <> '_prisma_migrations' ORDER BY tablename, indexname`,
    [schema],
  );
  const constraints = await c.query(
    `SELECT rel.relname AS table, con.conname AS name, con.contype AS type,
            pg_get_constraintdef(con.oid) AS def
       FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid JOIN pg_namespace n ON n.oid = rel.relnamespace
      WHERE n.nspname = $1 AND rel.relname <> '_prisma_migrations' ORDER BY 1, 2`,
    [schema],
  );
  // Definitions name their schema; the two schemas differ only by name.
  const unqualify = (def: string) => def.split(`"${schema}".`).join("").split(`${schema}.`).join("");
  for (const row of [...indexes.rows, ...constraints.rows]) row.def = unqualify(row.def);
  const catalog: Catalog = {};
  const entry = (table: string) => (catalog[table] ??= { columns: [], indexes: [], constraints: [] }) as Record<string, unknown[]>;
  for (const row of columns.rows) entry(row.table_name).columns.push(row);
  for (const row of indexes.rows) entry(row.tablename).indexes.push(row);
  for (const row of constraints.rows) entry(row.table).constraints.push(row);
  return catalog;
}

afterAll(async () => {
  if (!referenceSchema) return;
  const c = client();
  await c.connect();
  await c.query(`DROP SCHEMA IF EXISTS "${referenceSchema}" CASCADE`);
  await c.end();
});
