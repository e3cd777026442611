import "server-only";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaClient as SqliteClient } from "@/generated/prisma/sqlite/client";
import { PrismaClient as PostgresClient } from "@/generated/prisma/postgres/client";
import { env } from "@/lib/env";

/**
 * The only Prisma client of the app, on SQLite (embedded default) or PostgreSQL (DATABASE_URL=postgres://…).
 * Both generated clients come from the same models; the SQLite client's types stand for both.
 */
export type Db = SqliteClient;
export type { Prisma, Image as ImageRow, ImageRendition as RenditionRow, Collection as CollectionRow } from "@/generated/prisma/sqlite/client";

const globalForDb = globalThis as unknown as { imageStudioDb?: Db };

function createClient(): Db {
  const config = env();
  if (config.databaseTarget === "postgres") {
    const url = new URL(config.databaseUrl);
    const schema = url.searchParams.get("schema") ?? undefined;
    url.searchParams.delete("schema");
    // Raw SQL (budget reservations, rate limits) names tables unqualified: the search path points at the schema.
    const options = schema ? `-c search_path="${schema}",public` : undefined;
    const adapter = new PrismaPg({ connectionString: url.toString(), max: config.DATABASE_POOL_SIZE, options }, { schema });
    return new PostgresClient({ adapter }) as unknown as Db;
  }
  const file = config.databaseUrl.replace(/^file:/, "");
  mkdirSync(path.dirname(file), { recursive: true });
  return new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: file }) });
}

export function db(): Db {
  globalForDb.imageStudioDb ??= createClient();
  return globalForDb.imageStudioDb;
}

/** True on PostgreSQL, where text search can be made case-insensitive natively. */
export const isPostgres = () => env().databaseTarget === "postgres";

/** Closes the connection (tests, scripts). */
export async function disconnectDb(): Promise<void> {
  await globalForDb.imageStudioDb?.$disconnect();
  globalForDb.imageStudioDb = undefined;
}
