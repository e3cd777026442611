import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * A throwaway Image Studio for one benchmark: a fresh DATA_DIR (SQLite file + local storage) migrated with the
 * app's own offline migration script, then the services loaded, and the single-user owner resolved the way a
 * route resolves it. Call `close()` at the end (disconnects and removes the directory unless BENCH_KEEP_DATA=1).
 */
export async function openStudio() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "image-studio-bench-"));
  try {
    return await setUp(dataDir);
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

async function setUp(dataDir: string) {
  process.env.DATA_DIR = dataDir;
  delete process.env.DATABASE_URL; // always the embedded SQLite database under DATA_DIR
  delete process.env.STORAGE_DIR; // and local storage under DATA_DIR/storage
  process.env.STORAGE_DRIVER = "local";
  process.env.AUTH_MODE = "single-user";
  process.env.LOG_LEVEL ??= "warn";

  const { applyMigrations } = (await import(pathToFileURL(path.join(projectRoot, "scripts/migrate.mjs")).href)) as {
    applyMigrations(url: string, options?: { quiet?: boolean }): Promise<string[]>;
  };
  await applyMigrations(`file:${path.join(dataDir, "studio.db")}`, { quiet: true });

  // Only now the services: their configuration is read from process.env on first use. A second studio in the
  // same process (another benchmark module) must not reuse the first one's parsed env, storage root, database
  // connection or cached owner.
  const { resetEnvForTests } = await import("@/lib/env");
  const { storage, setStorageForTests } = await import("@/lib/storage");
  const { db, disconnectDb } = await import("@/lib/db");
  const { getCurrentUser, forgetLocalUserForTests } = await import("@/lib/auth/current-user");
  resetEnvForTests();
  setStorageForTests(undefined);
  await disconnectDb();
  forgetLocalUserForTests();
  const images = await import("@/lib/images");
  const processing = await import("@/lib/processing");
  const user = await getCurrentUser(new Request("http://localhost:3000/bench"));

  return {
    dataDir,
    user,
    baseUrl: "http://localhost:3000",
    images,
    processing,
    storage,
    db,
    async close() {
      await disconnectDb();
      if (process.env.BENCH_KEEP_DATA !== "1") rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type Studio = Awaited<ReturnType<typeof setUp>>;
