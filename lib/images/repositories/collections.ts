import "server-only";
import { db, type CollectionRow } from "@/lib/db";
import { AppError } from "@/lib/errors";

/** Data access for collections (boards) and their memberships. Every query is scoped by owner. */

export const findOwnedCollectionRow = (ownerId: string, id: string): Promise<CollectionRow | null> => db().collection.findFirst({ where: { id, ownerId } });

export async function assertOwnedCollection(ownerId: string, collectionId: string): Promise<void> {
  const found = await db().collection.findFirst({ where: { id: collectionId, ownerId }, select: { id: true } });
  if (!found) throw new AppError("not_found", `Collection ${collectionId} not found`);
}

/** The id of the owner's collection named by id or slug (older clients' `project_id`), or null. */
export async function findCollectionIdByIdOrSlug(ownerId: string, idOrSlug: string): Promise<string | null> {
  const row = await db().collection.findFirst({ where: { ownerId, OR: [{ id: idOrSlug }, { slug: idOrSlug }] }, select: { id: true } });
  return row?.id ?? null;
}

/** The owner's collections, newest first. */
export const listCollectionRows = (ownerId: string): Promise<CollectionRow[]> =>
  db().collection.findMany({ where: { ownerId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });

/** The slugs of the owner's collections that start with `base` (but `exceptId`'s). */
export async function slugsStartingWith(ownerId: string, base: string, exceptId?: string): Promise<Set<string>> {
  const rows = await db().collection.findMany({
    where: { ownerId, slug: { startsWith: base }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { slug: true },
  });
  return new Set(rows.map((c) => c.slug));
}

export const insertCollection = (data: { id: string; ownerId: string; name: string; slug: string; description: string | null }): Promise<CollectionRow> =>
  db().collection.create({ data });

export const updateCollectionRow = (id: string, data: { name?: string; slug?: string; description?: string | null }): Promise<CollectionRow> =>
  db().collection.update({ where: { id }, data });

export async function deleteCollectionRow(id: string): Promise<void> {
  await db().collection.delete({ where: { id } });
}

/**
 * A board's count and cover: how many of its images are out of the trash (those in the trash keep their
 * memberships but are not shown), and the ids of the newest 4 of them.
 */
export async function collectionContents(ownerId: string, collectionId: string): Promise<{ imageCount: number; newestIds: string[] }> {
  const onBoard = { ownerId, deletedAt: null, collections: { some: { collectionId } } };
  const [imageCount, newest] = await Promise.all([
    db().image.count({ where: onBoard }),
    db().image.findMany({
      where: onBoard,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 4,
      select: { id: true },
    }),
  ]);
  return { imageCount, newestIds: newest.map((i) => i.id) };
}

/** Adds (or refreshes: now the most recent) memberships of images in a collection, in one transaction. */
export async function upsertMemberships(collectionId: string, imageIds: string[]): Promise<void> {
  const addedAt = new Date();
  await db().$transaction(
    imageIds.map((imageId) =>
      db().collectionImage.upsert({
        where: { collectionId_imageId: { collectionId, imageId } },
        create: { collectionId, imageId, addedAt },
        update: { addedAt },
      }),
    ),
  );
}

/** Takes images off one board. */
export async function deleteMemberships(collectionId: string, imageIds: string[]): Promise<void> {
  await db().collectionImage.deleteMany({ where: { collectionId, imageId: { in: imageIds } } });
}

/** Takes an image off every board. */
export async function deleteAllMemberships(imageId: string): Promise<void> {
  await db().collectionImage.deleteMany({ where: { imageId } });
}
