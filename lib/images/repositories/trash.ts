import "server-only";
import { db, type Prisma } from "@/lib/db";

/** The trash's writes: `deletedAt` set or cleared, and rows deleted for good. */

/** Moves the owner's images among `ids` to the trash; one already there keeps its first `deletedAt`. */
export async function markTrashed(ownerId: string, ids: string[]): Promise<void> {
  await db().image.updateMany({ where: { ownerId, id: { in: ids }, deletedAt: null }, data: { deletedAt: new Date() } });
}

/** Takes the owner's images among `ids` out of the trash. */
export async function markRestored(ownerId: string, ids: string[]): Promise<void> {
  await db().image.updateMany({ where: { ownerId, id: { in: ids }, deletedAt: { not: null } }, data: { deletedAt: null } });
}

/** Takes one of the owner's images out of the trash (whatever its `deletedAt`). */
export async function restoreOne(ownerId: string, id: string): Promise<void> {
  await db().image.updateMany({ where: { id, ownerId }, data: { deletedAt: null } });
}

/**
 * Which images a purge deletes for good: one of the owner's; the owner's among `ids`; everything in the owner's
 * trash; or every owner's images in the trash since `trashedBefore` or earlier.
 */
export type PurgeSelector =
  | { ownerId: string; id: string }
  | { ownerId: string; ids: string[] }
  | { ownerId: string; trashed: true }
  | { trashedBefore: Date };

function whereOf(selector: PurgeSelector): Prisma.ImageWhereInput {
  if ("id" in selector) return { id: selector.id, ownerId: selector.ownerId };
  if ("ids" in selector) return { ownerId: selector.ownerId, id: { in: selector.ids } };
  if ("trashed" in selector) return { ownerId: selector.ownerId, deletedAt: { not: null } };
  return { deletedAt: { not: null, lte: selector.trashedBefore } };
}

/** The next `take` images `selector` matches, by id, with the keys of their files. */
export const purgeCandidates = (selector: PurgeSelector, take: number) =>
  db().image.findMany({
    where: whereOf(selector),
    select: { id: true, storageKey: true, renditions: { select: { storageKey: true } } },
    orderBy: [{ id: "asc" }],
    take,
  });

/**
 * Deletes the rows among `ids` that `selector` still matches (one restored meanwhile stays), and answers the ids of
 * `ids` that are gone afterwards.
 */
export async function deleteStillMatching(selector: PurgeSelector, ids: string[]): Promise<Set<string>> {
  await db().image.deleteMany({ where: { AND: [whereOf(selector), { id: { in: ids } }] } });
  const left = new Set((await db().image.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((r) => r.id));
  return new Set(ids.filter((id) => !left.has(id)));
}
