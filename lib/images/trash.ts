import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import { decodeCursor, encodeCursor } from "@/lib/db-cursor";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { toImageDto, type ImageDto } from "./dto";
import { listTrashRows } from "./repositories/gallery";
import { ownedImageIdsAmong } from "./repositories/images";
import { deleteStillMatching, markRestored, markTrashed, purgeCandidates, type PurgeSelector } from "./repositories/trash";
import { removeFiles } from "./store";

/**
 * The trash. Deleting an image moves it here (`deletedAt` set): its row, files, lineage and collections stay, it
 * leaves every listing, and its owner can restore it whole. A worker purges what has been in the trash for
 * TRASH_RETENTION_DAYS (rows, then files); "Delete forever" and "Empty trash" purge at once.
 */

/** Images purged per statement. */
const PURGE_BATCH = 200;

export interface TrashResult {
  /** Ids moved to the trash (or already in it), in the order asked. */
  deleted: string[];
  /** Ids that name no image of the caller, in the order asked. */
  notFound: string[];
}

/** Moves images of the caller to the trash; one already there keeps its first `deletedAt` (its purge date). */
export async function trashImages(user: CurrentUser, ids: string[]): Promise<TrashResult> {
  const owned = await ownedImageIdsAmong(user.id, ids);
  if (owned.size) await markTrashed(user.id, [...owned]);
  return { deleted: ids.filter((id) => owned.has(id)), notFound: ids.filter((id) => !owned.has(id)) };
}

export interface RestoreResult {
  /** Ids back in the gallery (or never in the trash), in the order asked. */
  restored: string[];
  notFound: string[];
}

/** Takes images of the caller out of the trash, with their lineage and collections as they were. */
export async function restoreImages(user: CurrentUser, ids: string[]): Promise<RestoreResult> {
  const owned = await ownedImageIdsAmong(user.id, ids);
  if (owned.size) await markRestored(user.id, [...owned]);
  return { restored: ids.filter((id) => owned.has(id)), notFound: ids.filter((id) => !owned.has(id)) };
}

/**
 * Deletes for good the images `selector` matches, `PURGE_BATCH` at a time: rows first (children keep living without a
 * parent; renditions and palettes go with their image), then every file of theirs. A failure in between leaves at
 * worst files no row names, which the orphan sweep removes; never a row without its file. Answers the ids purged.
 */
export async function purgeImages(selector: PurgeSelector, max = Number.POSITIVE_INFINITY): Promise<string[]> {
  const purged: string[] = [];
  while (purged.length < max) {
    const rows = await purgeCandidates(selector, Math.min(PURGE_BATCH, max - purged.length));
    if (!rows.length) break;
    const ids = rows.map((r) => r.id);
    // Still matching at the delete: one restored meanwhile stays, with its files.
    const deleted = await deleteStillMatching(selector, ids);
    const gone = rows.filter((r) => deleted.has(r.id));
    await removeFiles(gone.flatMap((r) => [r.storageKey, ...r.renditions.map((x) => x.storageKey)]));
    purged.push(...gone.map((r) => r.id));
    if (rows.length < PURGE_BATCH) break;
  }
  return purged;
}

/** Empties the caller's trash: every image in it, deleted for good. */
export async function emptyTrash(user: CurrentUser): Promise<{ purged: number }> {
  const purged = await purgeImages({ ownerId: user.id, trashed: true });
  return { purged: purged.length };
}

/** The trash, newest deleted first, keyset-paginated on (deletedAt, id); each image says when it is purged. */
export async function listTrash(options: { user: CurrentUser; limit: number; cursor?: string; baseUrl: string }): Promise<{ items: ImageDto[]; nextCursor: string | null }> {
  const after = options.cursor ? decodeCursor(options.cursor) : null;
  const rows = await listTrashRows(options.user.id, after, options.limit + 1);
  const page = rows.slice(0, options.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => toImageDto(r, options.baseUrl)),
    nextCursor: rows.length > options.limit && last ? encodeCursor({ createdAt: last.deletedAt!, id: last.id }) : null,
  };
}

/** One purge of expired trash now (every owner's): images deleted more than TRASH_RETENTION_DAYS ago. */
export async function purgeExpiredTrash(now = new Date()): Promise<{ purged: string[] }> {
  const before = new Date(now.getTime() - env().TRASH_RETENTION_DAYS * 86_400_000);
  const purged = await purgeImages({ trashedBefore: before });
  if (purged.length) log.info("trash: images past their retention deleted for good", { count: purged.length });
  return { purged };
}

/** Minutes between two purges of expired trash by a worker (the retention is counted in days: hourly is plenty). */
const PURGE_INTERVAL_MS = 60 * 60_000;
/** The start-up purge waits this long, so a process that starts and stops at once (a test, a CLI) does not purge. */
const FIRST_PURGE_DELAY_MS = 30_000;

const globalForTrash = globalThis as unknown as { imageStudioTrashPurge?: { timer?: NodeJS.Timeout; running?: Promise<unknown> } };

/**
 * Starts this process's periodic purge of expired trash (lib/images/worker.ts), as the orphan sweep is scheduled:
 * first after a short delay, then hourly. Calling it again is harmless; the timers never keep a process alive.
 */
export function startTrashPurges(options: { firstDelayMs?: number; intervalMs?: number } = {}): void {
  if (globalForTrash.imageStudioTrashPurge) return;
  const state: { timer?: NodeJS.Timeout; running?: Promise<unknown> } = {};
  globalForTrash.imageStudioTrashPurge = state;
  const run = () => {
    state.running = purgeExpiredTrash()
      .catch((error) => log.warn("trash purge failed; it runs again later", { error }))
      .finally(() => {
        if (globalForTrash.imageStudioTrashPurge !== state) return;
        state.timer = setTimeout(run, options.intervalMs ?? PURGE_INTERVAL_MS);
        state.timer.unref();
      });
  };
  state.timer = setTimeout(run, options.firstDelayMs ?? FIRST_PURGE_DELAY_MS);
  state.timer.unref();
}

/** Stops the periodic purge (waiting for one under way). */
export async function stopTrashPurges(): Promise<void> {
  const state = globalForTrash.imageStudioTrashPurge;
  globalForTrash.imageStudioTrashPurge = undefined;
  if (!state) return;
  clearTimeout(state.timer);
  await state.running;
}
