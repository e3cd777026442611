// A test database stopped just before one migration, to check that migration on existing data: the committed
// migrations before it are applied, the test inserts rows in the old shape, then applies the rest.
import Database from "better-sqlite3";
import path from "node:path";
import pg from "pg";
import { expect } from "vitest";
// @ts-expect-error: plain ESM scripts shared with the start command
import { migrationsList, noFilters, openEngine, targetOf } from "../../scripts/lib/engine.mjs";

const postgresBaseUrl = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export type Run = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

/** A fresh database (a PostgreSQL schema, or a SQLite file) for checking the migration called `migration`. */
export function beforeMigration(migration: string) {
  const target: "sqlite" | "postgres" = process.env.TEST_DATABASE === "postgres" ? "postgres" : "sqlite";
  const schema = `t_${migration.slice(0, 12)}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
  const url = target === "postgres" ? `${postgresBaseUrl}?schema=${schema}` : `file:${path.join(process.env.DATA_DIR!, `before-${migration}.db`)}`;

  /** Applies the committed migrations that come before `migration`. */
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
  async function withDb<T>(fn: (run: Run) => Promise<T>): Promise<T> {
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

  /** The column names of a table. */
  const columnsOf = (run: Run, table: string) =>
    run(
      target === "sqlite" ? `SELECT name FROM pragma_table_info('${table}')` : `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = $1 AND table_name = '${table}'`,
      target === "sqlite" ? [] : [schema],
    ).then((rows) => rows.map((r) => r.name as string));

  /** Drops the PostgreSQL schema (the SQLite file lives in the test's DATA_DIR). */
  async function dropDatabase() {
    if (target !== "postgres") return;
    const client = new pg.Client({ connectionString: postgresBaseUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  }

  return { target, url, migrateToBefore, withDb, columnsOf, dropDatabase };
}
