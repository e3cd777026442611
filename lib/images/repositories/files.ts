import "server-only";
import { db } from "@/lib/db";

/** The storage keys rows reference: what the orphan sweep must never remove. */

/** The keys of the files of the images among `imageIds` (originals and renditions). */
export async function keysOfImages(imageIds: string[]): Promise<Set<string>> {
  const rows = await db().image.findMany({
    where: { id: { in: imageIds } },
    select: { storageKey: true, renditions: { select: { storageKey: true } } },
  });
  return new Set(rows.flatMap((r) => [r.storageKey, ...r.renditions.map((x) => x.storageKey)]));
}

/** The keys among `keys` that some image or rendition row names, in whatever folder. */
export async function namedKeys(keys: string[]): Promise<Set<string>> {
  const [images, renditions] = await Promise.all([
    db().image.findMany({ where: { storageKey: { in: keys } }, select: { storageKey: true } }),
    db().imageRendition.findMany({ where: { storageKey: { in: keys } }, select: { storageKey: true } }),
  ]);
  return new Set([...images, ...renditions].map((r) => r.storageKey));
}

/**
 * Runs `work` while this process holds PostgreSQL's transaction-level advisory lock `key` (tried, not waited for):
 * null when another process holds it. The lock lives as long as the transaction; `work`'s own queries use other
 * connections of the pool.
 */
export function withAdvisoryXactLock<T>(key: bigint, work: () => Promise<T>, options: { maxWait: number; timeout: number }): Promise<T | null> {
  return db().$transaction(async (tx) => {
    const [{ locked }] = await tx.$queryRawUnsafe<Array<{ locked: boolean }>>("SELECT pg_try_advisory_xact_lock($1::bigint) AS locked", key.toString());
    return locked ? work() : null;
  }, options);
}
