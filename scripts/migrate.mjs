// Applies the committed migrations of the configured database (DATABASE_URL, else SQLite under DATA_DIR),
// offline, through Prisma's wasm schema engine. The records land in `_prisma_migrations` exactly as
// `prisma migrate deploy` writes them, so both tools agree on a database's history.
import { migrationsList, noFilters, openEngine, defaultDatabaseUrl, targetOf } from "./lib/engine.mjs";

/** Applies pending migrations; returns the names applied. */
export async function applyMigrations(url = defaultDatabaseUrl(), { quiet = false } = {}) {
  const target = targetOf(url);
  const { engine } = await openEngine(url);
  try {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList: migrationsList(target), filters: noFilters });
    if (!quiet) {
      const where = target === "sqlite" ? url.replace(/^file:/, "") : redact(url);
      console.log(
        appliedMigrationNames.length
          ? `Applied ${appliedMigrationNames.length} migration(s) to ${where}: ${appliedMigrationNames.join(", ")}`
          : `Database ${where} is up to date.`,
      );
    }
    return appliedMigrationNames;
  } finally {
    engine.free?.();
  }
}

function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "the database";
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  applyMigrations().then(
    () => process.exit(0),
    (error) => {
      console.error(`Migration failed: ${error?.message ?? error}`);
      process.exit(1);
    },
  );
}
