// Per test file: a fresh data directory (SQLite file + local storage) or a fresh PostgreSQL schema, migrated
// with the same offline migration code the app's start command uses.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import pg from "pg";

export const postgresBaseUrl = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "image-studio-test-"));
process.env.DATA_DIR = dataDir;
const schema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
if (process.env.TEST_DATABASE === "postgres") {
  process.env.DATABASE_URL = `${postgresBaseUrl}?schema=${schema}`;
} else {
  delete process.env.DATABASE_URL;
}

/**
 * pg_trgm once per database, in `public`, as a deployment installs it: left to the first test schema's migration,
 * it would live in that schema and vanish with it (DROP SCHEMA … CASCADE) under the other test files' feet.
 */
async function ensureTrigramExtension() {
  const client = new pg.Client({ connectionString: postgresBaseUrl });
  await client.connect();
  try {
    await client.query("CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public");
  } catch (error) {
    // Two files racing to create it: one wins, which is all that is needed.
    const { rows } = await client.query("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'");
    if (!rows.length) throw error;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  if (process.env.TEST_DATABASE === "postgres") await ensureTrigramExtension();
  // @ts-expect-error: a plain ESM script shared with the start command
  const { applyMigrations } = await import("../../scripts/migrate.mjs");
  await applyMigrations(process.env.DATABASE_URL ?? `file:${path.join(dataDir, "studio.db")}`, { quiet: true });
  // As at server start: the job machinery shows jobs and images through the images layer (job events, webhooks).
  const { wireImageJobs } = await import("@/lib/images/worker");
  wireImageJobs();
});

afterAll(async () => {
  // Jobs a test left queued or running must not outlive its database.
  const { jobQueue } = await import("@/lib/jobs/worker");
  await jobQueue().stop();
  // The worker's sweeps and lease heartbeats, its queue (pg-boss's pool), the provider-slot session, webhook
  // deliveries, the event log's pending writes and the database connections.
  const { stopServices } = await import("@/lib/api/shutdown");
  await stopServices();
  if (process.env.TEST_DATABASE === "postgres") {
    const client = new pg.Client({ connectionString: postgresBaseUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    // pg-boss's schema beside it (lib/jobs/pg-queue.ts), when this file used the PostgreSQL queue.
    const { pgBossSchemaFor } = await import("@/lib/jobs/pg-queue");
    await client.query(`DROP SCHEMA IF EXISTS "${pgBossSchemaFor(process.env.DATABASE_URL!)}" CASCADE`);
    await client.end();
  }
  rmSync(dataDir, { recursive: true, force: true });
});
