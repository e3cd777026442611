import "server-only";
import { isPostgres } from "@/lib/db";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { storage } from "@/lib/storage";
import { keysOfImages, namedKeys, withAdvisoryXactLock } from "./repositories/files";
import { keysBeingStored, removeFiles } from "./store";

/**
 * The orphan sweep. `storeImage` writes an image's files first and its row after, so a process killed between the
 * two (SIGKILL, OOM, power) leaves `original`, `preview`, `thumbnail`… that no row names, forever. A worker sweeps
 * them: at start (after a short delay) and every ORPHAN_SWEEP_INTERVAL_MINUTES, it lists the stored files under the
 * app's own folders and removes those that no Image or ImageRendition row references and that are older than
 * ORPHAN_SWEEP_MIN_AGE_MINUTES (a file written minutes ago may belong to an image being stored right now in another
 * process; this process's own writes in flight are never removed, whatever the age).
 *
 * On PostgreSQL one process sweeps at a time (a transaction-level advisory lock; the others skip their turn). On
 * SQLite there is no lock: two sweeps at once only delete the same orphans twice, which is harmless.
 */

/** The folders the app writes to (lib/storage/keys.ts, and the health probe); nothing else in a bucket is touched. */
const SWEPT_PREFIXES = ["u/", "health/"];
/** Keys looked up in the database at once. */
const BATCH = 200;
/** A bigint advisory lock key of its own ("orphans" in ASCII); the provider slots use the two-int4 key space. */
const LOCK_KEY = BigInt("0x6f727068616e73");
/** The start-up sweep waits this long, so a process that starts and stops at once (a test, a CLI) does not sweep. */
const FIRST_SWEEP_DELAY_MS = 30_000;

export interface OrphanSweepResult {
  /** "locked": another process was sweeping; nothing was done. */
  skipped?: "locked";
  /** Files listed. */
  scanned: number;
  /** Files younger than the minimum age, or being written by this process: left for a later sweep. */
  tooNew: number;
  /** Keys removed. */
  removed: string[];
}

/** One sweep now. `minAgeMs` defaults to ORPHAN_SWEEP_MIN_AGE_MINUTES; tests pass 0. */
export async function sweepOrphanFiles(options: { minAgeMs?: number } = {}): Promise<OrphanSweepResult> {
  const minAgeMs = options.minAgeMs ?? env().ORPHAN_SWEEP_MIN_AGE_MINUTES * 60_000;
  // Never "sweep everything" by accident (a missing setting would make the age NaN).
  if (!Number.isFinite(minAgeMs) || minAgeMs < 0) throw new Error(`orphan sweep: invalid minimum age ${minAgeMs} ms`);
  if (!isPostgres()) return sweep(minAgeMs);
  // The lock lives as long as the transaction; the sweep's own queries use other connections of the pool.
  const swept = await withAdvisoryXactLock(LOCK_KEY, () => sweep(minAgeMs), { maxWait: 10_000, timeout: 6 * 3600_000 });
  return swept ?? { skipped: "locked" as const, scanned: 0, tooNew: 0, removed: [] };
}

async function sweep(minAgeMs: number): Promise<OrphanSweepResult> {
  const result: OrphanSweepResult = { scanned: 0, tooNew: 0, removed: [] };
  const writing = keysBeingStored();
  let batch: string[] = [];
  const flush = async () => {
    const orphans = await unreferenced(batch);
    batch = [];
    // Checked again right before removal: a store in this process may have started on a key meanwhile (it cannot:
    // keys are random and new, but the check costs nothing).
    const doomed = orphans.filter((key) => !writing.has(writtenKey(key)));
    await removeFiles(doomed);
    result.removed.push(...doomed);
  };
  for (const prefix of SWEPT_PREFIXES) {
    for await (const object of storage().list(prefix)) {
      result.scanned++;
      // Ages by this process's clock against the storage's times; a clock behind the storage's only keeps files longer.
      if (Date.now() - object.modifiedAt.getTime() < minAgeMs || writing.has(writtenKey(object.key))) {
        result.tooNew++;
        continue;
      }
      batch.push(object.key);
      if (batch.length >= BATCH) await flush();
    }
  }
  if (batch.length) await flush();
  if (result.removed.length) {
    log.warn("orphan sweep removed stored files that no image row references", {
      count: result.removed.length,
      keys: result.removed.slice(0, 20),
    });
  }
  return result;
}

/** The keys of `keys` that no row references: first by their image's row (primary key), then by exact key. */
async function unreferenced(keys: string[]): Promise<string[]> {
  const imageIds = [...new Set(keys.map(imageIdOf).filter((id): id is string => !!id))];
  const referenced = imageIds.length ? await keysOfImages(imageIds) : new Set<string>();
  const candidates = keys.filter((key) => !referenced.has(key));
  if (!candidates.length) return [];
  // Rare (only files about to go): make sure no row anywhere names the key, whatever folder it sits in.
  const named = await namedKeys(candidates);
  return candidates.filter((key) => !named.has(key));
}

/** The key a file belongs to: local disk writes `<key>.<random hex>.tmp` first, then renames it (local.ts). */
function writtenKey(key: string): string {
  return key.replace(/\.[0-9a-f]+\.tmp$/, "");
}

/** `u/<owner>/<image>/<file>` → `<image>`. */
function imageIdOf(key: string): string | undefined {
  const parts = key.split("/");
  return parts.length === 4 && parts[0] === "u" ? parts[2] : undefined;
}

const globalForOrphans = globalThis as unknown as { imageStudioOrphanSweep?: { timer?: NodeJS.Timeout; running?: Promise<unknown> } };

/**
 * Starts this process's periodic sweep (lib/images/worker.ts): first after a short delay, then every
 * ORPHAN_SWEEP_INTERVAL_MINUTES; 0 turns it off. Calling it again is harmless; the timers never keep a process alive.
 */
export function startOrphanSweeps(options: { firstDelayMs?: number } = {}): void {
  const minutes = env().ORPHAN_SWEEP_INTERVAL_MINUTES;
  if (!minutes || globalForOrphans.imageStudioOrphanSweep) return;
  const state: { timer?: NodeJS.Timeout; running?: Promise<unknown> } = {};
  globalForOrphans.imageStudioOrphanSweep = state;
  const run = () => {
    state.running = sweepOrphanFiles()
      .catch((error) => log.warn("orphan sweep failed; it runs again later", { error }))
      .finally(() => {
        if (globalForOrphans.imageStudioOrphanSweep !== state) return;
        state.timer = setTimeout(run, minutes * 60_000);
        state.timer.unref();
      });
  };
  state.timer = setTimeout(run, options.firstDelayMs ?? FIRST_SWEEP_DELAY_MS);
  state.timer.unref();
}

/** Stops the periodic sweep (waiting for one under way). */
export async function stopOrphanSweeps(): Promise<void> {
  const state = globalForOrphans.imageStudioOrphanSweep;
  globalForOrphans.imageStudioOrphanSweep = undefined;
  if (!state) return;
  clearTimeout(state.timer);
  await state.running;
}
