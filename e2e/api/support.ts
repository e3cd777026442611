/**
 * Helpers for the HTTP API specs: the docs/api.md error shape, and what the server's data directory holds
 * (rows in the SQLite file, files in local storage) so a spec can prove a bad request left nothing behind.
 */
import path from "node:path";
import Database from "better-sqlite3";
import { expect, type APIRequestContext, type APIResponse } from "@playwright/test";
import { listStoredFiles } from "../../tests/support/stored-files";

const dataDir = () => {
  const dir = process.env.E2E_DATA_DIR;
  if (!dir) throw new Error("E2E_DATA_DIR is not set: run the specs through playwright.config.ts");
  return dir;
};

/** Rows of the image, job and palette tables, read from the server's SQLite file (read-only). */
export function countRows(): { images: number; renditions: number; jobs: number; palettes: number } {
  const file = path.join(dataDir(), "studio.db");
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const count = (table: string) => (sqlite.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
    return { images: count("Image"), renditions: count("ImageRendition"), jobs: count("Job"), palettes: count("Palette") };
  } finally {
    sqlite.close();
  }
}

/** Every stored file (relative path), ignoring the health probe's transient `health/` directory. */
export const storedFiles = () => listStoredFiles(path.join(dataDir(), "storage"));

export const dataState = () => ({ ...countRows(), files: storedFiles() });

/** Asserts the docs/api.md error shape, the status and code, a helpful message, and returns the error. */
export async function expectApiError(res: APIResponse, status: number, code: string, message: RegExp) {
  const text = await res.text();
  expect(res.status(), text).toBe(status);
  expect(res.headers()["content-type"]).toMatch(/^application\/json/);
  const requestId = res.headers()["x-request-id"];
  expect(requestId).toMatch(/^req_[\w-]+$/);
  const body = JSON.parse(text);
  expect(Object.keys(body)).toEqual(["error"]);
  expect(body.error).toMatchObject({ code, requestId });
  expect(typeof body.error.message).toBe("string");
  expect(body.error.message).toMatch(message);
  expect(text).not.toMatch(/\bat .+\.(ts|js):\d+|node_modules|prisma/i); // no stack trace, no SQL internals
  return body.error as { code: string; message: string; requestId: string; details?: unknown };
}

/**
 * Runs a bad request and checks the server shrugged it off: still healthy, and no row or file added or lost.
 */
export async function expectNoTrace(request: APIRequestContext, badRequest: () => Promise<void>) {
  const before = dataState();
  await badRequest();
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect((await health.json()).status).toBe("healthy");
  expect(dataState()).toEqual(before);
}
