// Drives Prisma's own schema engine (the wasm build from npm) through a driver adapter, so migrations can be
// applied and created with no native engine download. Shared by scripts/migrate.mjs, scripts/create-migration.mjs
// and the schema tests.
import { readdirSync, readFileSync, existsSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from "@prisma/driver-adapter-utils";
import { composeSchema } from "../prisma-schemas.mjs";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** Which database a URL names: "postgres" for postgres:// URLs, otherwise "sqlite". */
export function targetOf(url) {
  return /^postgres(ql)?:/.test(url ?? "") ? "postgres" : "sqlite";
}

/** The database URL the app would use (DATABASE_URL, else the SQLite file under DATA_DIR). */
export function defaultDatabaseUrl() {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const dataDir = resolve(process.env.DATA_DIR || "./data");
  return `file:${join(dataDir, "studio.db")}`;
}

/** The `schema` parameter of a PostgreSQL URL (Prisma's convention), default "public". */
export function postgresSchemaOf(url) {
  try {
    return new URL(url).searchParams.get("schema") || "public";
  } catch {
    return "public";
  }
}

/** A migration-aware driver adapter factory for a URL. */
export async function adapterFactoryFor(url) {
  if (targetOf(url) === "postgres") {
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const u = new URL(url);
    const schema = u.searchParams.get("schema") || undefined;
    u.searchParams.delete("schema");
    // Unqualified migration SQL lands in the first schema of the search path; `public` stays reachable for
    // extensions installed there (pg_trgm's operator classes).
    const options = schema ? `-c search_path="${schema}",public` : undefined;
    return new PrismaPg({ connectionString: u.toString(), options }, { schema });
  }
  const { PrismaBetterSqlite3 } = await import("@prisma/adapter-better-sqlite3");
  const file = url.replace(/^file:/, "");
  if (file !== ":memory:") mkdirSync(dirname(resolve(file)), { recursive: true });
  return new PrismaBetterSqlite3({ url: file });
}

export const migrationsDir = (target) => join(root, "prisma", target, "migrations");

/** Reads the committed migrations of a target in the shape the engine expects. */
export function migrationsList(target) {
  const baseDir = migrationsDir(target);
  const dirs = existsSync(baseDir)
    ? readdirSync(baseDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  const lockPath = join(baseDir, "migration_lock.toml");
  return {
    baseDir,
    lockfile: { path: "migration_lock.toml", content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((name) => {
      const file = join(baseDir, name, "migration.sql");
      return {
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: existsSync(file)
            ? { tag: "ok", value: readFileSync(file, "utf8") }
            : { tag: "error", value: `${file} is missing` },
        },
      };
    }),
  };
}

export const noFilters = { externalTables: [], externalEnums: [] };

/**
 * A stand-in database for diffing schema text against schema text, which needs no real connection: the engine
 * only asks PostgreSQL whether the schema exists and which version it is. Anything else is refused.
 */
function offlineAdapterFactory(target) {
  const provider = target === "postgres" ? "postgres" : "sqlite";
  const adapter = {
    provider,
    adapterName: "image-studio-offline",
    async queryRaw(query) {
      if (provider === "postgres" && query.sql.includes("server_version_num")) {
        return {
          columnNames: ["exists", "version", "numeric_version"],
          columnTypes: [ColumnTypeEnum.Boolean, ColumnTypeEnum.Text, ColumnTypeEnum.Int32],
          rows: [[true, "PostgreSQL 15.0", 150000]],
        };
      }
      throw new Error(`offline schema diff ran a query it should not need: ${query.sql}`);
    },
    async executeRaw(query) {
      throw new Error(`offline schema diff tried to change a database: ${query.sql}`);
    },
    async executeScript() {
      throw new Error("offline schema diff tried to run a script");
    },
    async startTransaction() {
      throw new Error("offline schema diff tried to open a transaction");
    },
    async dispose() {},
  };
  return { provider, adapterName: adapter.adapterName, connect: async () => adapter, connectToShadowDb: async () => adapter };
}

/** Wraps an adapter factory so every connection it hands out can be closed afterwards. */
function trackConnections(factory) {
  const connections = [];
  const track = (open) => async (...args) => {
    const connection = await open(...args);
    connections.push(connection);
    return connection;
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connections,
    connect: track(factory.connect.bind(factory)),
    connectToShadowDb: track(factory.connectToShadowDb.bind(factory)),
  };
}

let wasmModule;
/** The package is built for bundlers (`import * as wasm from "….wasm"`); Node needs it instantiated by hand. */
async function loadWasmEngine() {
  if (wasmModule) return wasmModule;
  const bg = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  const wasmPath = join(root, "node_modules/@prisma/schema-engine-wasm/schema_engine_bg.wasm");
  const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), { "./schema_engine_bg.js": bg });
  bg.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start?.();
  return (wasmModule = bg);
}

/**
 * Opens the schema engine with the target's current schema loaded: on a database (url), or on no database at
 * all (`{ offline: "sqlite" | "postgres" }`), which is enough to diff schema text against schema text.
 */
export async function openEngine(url) {
  const offline = typeof url === "object" ? url.offline : undefined;
  const target = offline ?? targetOf(url);
  const { SchemaEngine } = await loadWasmEngine();
  const factory = trackConnections(offline ? offlineAdapterFactory(offline) : await adapterFactoryFor(url));
  const schema = composeSchema(target);
  const logs = [];
  const engine = await SchemaEngine.new(
    { datamodels: [[`prisma/${target}/schema.prisma`, schema]] },
    (log) => logs.push(log),
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  // free() releases the wasm side only; the driver connections it opened are ours to close (an open SQLite
  // connection of the engine would otherwise keep the file locked for the rest of the process).
  const free = engine.free.bind(engine);
  engine.free = () => {
    free();
    for (const connection of factory.connections.splice(0)) connection.dispose?.().catch?.(() => {});
  };
  return { engine, target, schema, logs };
}
