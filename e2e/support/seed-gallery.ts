/**
 * Rows for the gallery specs, written straight into the end-to-end server's SQLite file (E2E_DATA_DIR/studio.db):
 * copies of a real stored image (same storage keys, so every copy has real files to serve) with other prompts,
 * providers or dates — thousands in a second, where making them through the API would take minutes.
 *
 * Copies share their template's files: remove them with `deleteSeededRows` (rows only), never through the API,
 * which would delete the shared files under the other copies.
 */
import path from "node:path";
import Database from "better-sqlite3";

const dataDir = () => {
  const dir = process.env.E2E_DATA_DIR;
  if (!dir) throw new Error("E2E_DATA_DIR is not set: run the specs through playwright.config.ts");
  return dir;
};

function open() {
  const sqlite = new Database(path.join(dataDir(), "studio.db"), { fileMustExist: true });
  // The server holds the same file: wait for its write lock rather than fail.
  sqlite.pragma("busy_timeout = 10000");
  return sqlite;
}

/** How Prisma's SQLite adapter writes a DateTime (text that sorts in time order). */
export const sqliteTime = (at: Date) => at.toISOString().replace("Z", "+00:00");

export interface RowChange {
  prompt?: string | null;
  provider?: string | null;
  model?: string | null;
  kind?: "generated" | "uploaded" | "processed";
  collectionId?: string | null;
  favorite?: boolean;
  createdAt?: Date;
}

/**
 * Copies the image `templateId` (and its renditions) `count` times; `change(i)` says what copy i differs in.
 * Answers the new ids, in the order made. The search text follows the prompt, as the app keeps it.
 */
export function cloneImageRows(templateId: string, count: number, change: (i: number) => RowChange, idPrefix = "seed"): string[] {
  const sqlite = open();
  try {
    const template = sqlite.prepare(`SELECT * FROM "Image" WHERE id = ?`).get(templateId) as Record<string, unknown> | undefined;
    if (!template) throw new Error(`no image ${templateId} to copy`);
    const renditions = sqlite.prepare(`SELECT * FROM "ImageRendition" WHERE "imageId" = ?`).all(templateId) as Record<string, unknown>[];
    const columns = Object.keys(template);
    const insert = sqlite.prepare(`INSERT INTO "Image" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`);
    const renditionColumns = renditions.length ? Object.keys(renditions[0]) : [];
    const insertRendition = renditions.length
      ? sqlite.prepare(`INSERT INTO "ImageRendition" (${renditionColumns.map((c) => `"${c}"`).join(", ")}) VALUES (${renditionColumns.map(() => "?").join(", ")})`)
      : null;
    // Collections are boards (CollectionImage): a copy joins one by a membership row.
    const join = sqlite.prepare(`INSERT INTO "CollectionImage" ("collectionId", "imageId", "addedAt") VALUES (?, ?, ?)`);
    const templateBoards = (sqlite.prepare(`SELECT "collectionId" FROM "CollectionImage" WHERE "imageId" = ?`).all(templateId) as Array<{ collectionId: string }>).map((b) => b.collectionId);
    const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const ids: string[] = [];
    sqlite.transaction(() => {
      for (let i = 0; i < count; i++) {
        const id = `img_${idPrefix}${tag}${String(i).padStart(5, "0")}`;
        const c = change(i);
        const prompt = c.prompt === undefined ? (template.prompt as string | null) : c.prompt;
        const row: Record<string, unknown> = {
          ...template,
          id,
          prompt,
          effectivePrompt: prompt,
          searchText: prompt ? prompt.toLowerCase() : null,
          ...(c.provider !== undefined && { provider: c.provider }),
          ...(c.model !== undefined && { model: c.model }),
          ...(c.kind !== undefined && { kind: c.kind }),
          ...(c.favorite !== undefined && { favorite: c.favorite ? 1 : 0 }),
          jobId: null,
          createdAt: sqliteTime(c.createdAt ?? new Date()),
        };
        insert.run(columns.map((k) => row[k] ?? null));
        // A copy is on its template's boards, unless told otherwise (null: on none).
        for (const board of c.collectionId === undefined ? templateBoards : c.collectionId ? [c.collectionId] : []) join.run(board, id, row.createdAt);
        for (const [n, r] of renditions.entries()) {
          const copy: Record<string, unknown> = { ...r, id: `rnd_${idPrefix}${tag}${String(i).padStart(5, "0")}_${n}`, imageId: id };
          insertRendition!.run(renditionColumns.map((k) => copy[k] ?? null));
        }
        ids.push(id);
      }
    })();
    return ids;
  } finally {
    sqlite.close();
  }
}

/** Removes seeded copies (rows and their rendition rows; the shared files stay with their template). */
export function deleteSeededRows(ids: string[]) {
  if (!ids.length) return;
  const sqlite = open();
  try {
    const dropRenditions = sqlite.prepare(`DELETE FROM "ImageRendition" WHERE "imageId" = ?`);
    const dropMemberships = sqlite.prepare(`DELETE FROM "CollectionImage" WHERE "imageId" = ?`);
    const drop = sqlite.prepare(`DELETE FROM "Image" WHERE id = ?`);
    sqlite.transaction(() => {
      for (const id of ids) {
        dropRenditions.run(id);
        dropMemberships.run(id);
        drop.run(id);
      }
    })();
  } finally {
    sqlite.close();
  }
}

/**
 * The row of an image as stored (to check what the UI changed), with `collectionIds` (its boards, the most recently
 * added first) and `collectionId` (the first of them, or null) as the API shows them.
 */
export function imageRow(id: string): Record<string, unknown> | undefined {
  const sqlite = new Database(path.join(dataDir(), "studio.db"), { readonly: true, fileMustExist: true });
  try {
    const row = sqlite.prepare(`SELECT * FROM "Image" WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
    if (!row) return undefined;
    const boards = sqlite.prepare(`SELECT "collectionId" FROM "CollectionImage" WHERE "imageId" = ? ORDER BY "addedAt" DESC, "collectionId"`).all(id) as Array<{ collectionId: string }>;
    const collectionIds = boards.map((b) => b.collectionId);
    return { ...row, collectionIds, collectionId: collectionIds[0] ?? null };
  } finally {
    sqlite.close();
  }
}
