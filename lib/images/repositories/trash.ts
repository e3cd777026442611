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

/** The next `take` images `where` matches, by id, with the keys of their files. */
export const purgeCandidates = (where: Prisma.ImageWhereInput, take: number) =>
  db().image.findMany({
    where,
    select: { id: true, storageKey: true, renditions: { select: { storageKey: true } } },
    orderBy: [{ id: "asc" }],
    take,
  });

/**
 * Deletes the rows among `ids` that `where` still matches (one restored meanwhile stays), and answers the ids of
 * `ids` that are gone afterwards.
 */
export async function deleteStillMatching(where: Prisma.ImageWhereInput, ids: string[]): Promise<Set<string>> {
  await db().image.deleteMany({ where: { AND: [where, { id: { in: ids } }] } });
  const left = new Set((await db().image.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((r) => r.id));
  return new Set(ids.filter((id) => !left.has(id)));
}
