import "server-only";
import { z } from "zod";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { CollectionRow } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { imageFileUrl } from "./dto";
import type { CollectionDto } from "./dto-types";
import {
  collectionContents,
  deleteAllMemberships,
  deleteCollectionRow,
  deleteMemberships,
  findOwnedCollectionRow,
  insertCollection,
  listCollectionRows,
  slugsStartingWith,
  updateCollectionRow,
  upsertMemberships,
} from "./repositories/collections";
import { ownedImageIdsAmong } from "./repositories/images";

export const collectionInput = z.object({
  name: z.string({ error: "name is required" }).trim().min(1, "name must not be empty").max(100, "name must be at most 100 characters"),
  description: z.string().trim().max(1000, "description must be at most 1000 characters").nullish(),
});
export const collectionPatch = collectionInput.partial();
/** `POST|DELETE /api/v1/collections/{id}/images`: the images to pin to (or take off) a board. */
export const collectionImagesBody = z
  .object({
    imageIds: z
      .array(z.string().min(1).max(100), { error: "imageIds must be a list of image ids" })
      .min(1, "imageIds must name at least one image")
      .max(500, "imageIds must name at most 500 images"),
  })
  .strict();

async function toDto(row: CollectionRow, baseUrl: string): Promise<CollectionDto> {
  // Images in the trash keep their memberships (a restore brings them back on their boards) but are not shown.
  const { imageCount, newestIds } = await collectionContents(row.ownerId, row.id);
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    description: row.description,
    imageCount,
    coverThumbnailUrls: newestIds.map((id) => imageFileUrl(baseUrl, id, "thumbnail")),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const slugify = (name: string) =>
  name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60) || "collection";

async function uniqueSlug(ownerId: string, name: string, exceptId?: string): Promise<string> {
  const base = slugify(name);
  const taken = await slugsStartingWith(ownerId, base, exceptId);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

async function findOwned(ownerId: string, id: string): Promise<CollectionRow> {
  const row = await findOwnedCollectionRow(ownerId, id);
  if (!row) throw new AppError("not_found", `Collection ${id} not found`);
  return row;
}

export async function listCollections({ user, baseUrl }: { user: CurrentUser; baseUrl: string }) {
  const rows = await listCollectionRows(user.id);
  return { items: await Promise.all(rows.map((r) => toDto(r, baseUrl))) };
}

export async function createCollection(options: { user: CurrentUser; baseUrl: string } & z.output<typeof collectionInput>) {
  const row = await insertCollection({
    id: newId("col"),
    ownerId: options.user.id,
    name: options.name,
    slug: await uniqueSlug(options.user.id, options.name),
    description: options.description ?? null,
  });
  return toDto(row, options.baseUrl);
}

export async function getCollection(options: { user: CurrentUser; collectionId: string; baseUrl: string }) {
  return toDto(await findOwned(options.user.id, options.collectionId), options.baseUrl);
}

export async function updateCollection(
  options: { user: CurrentUser; collectionId: string; baseUrl: string } & z.output<typeof collectionPatch>,
) {
  const row = await findOwned(options.user.id, options.collectionId);
  const updated = await updateCollectionRow(row.id, {
    ...(options.name !== undefined ? { name: options.name, slug: await uniqueSlug(row.ownerId, options.name, row.id) } : {}),
    ...(options.description !== undefined ? { description: options.description ?? null } : {}),
  });
  return toDto(updated, options.baseUrl);
}

/** Deletes a collection; its images stay in the gallery (and on their other boards): only the memberships go. */
export async function deleteCollection(options: { user: CurrentUser; collectionId: string }): Promise<void> {
  const row = await findOwned(options.user.id, options.collectionId);
  await deleteCollectionRow(row.id);
}

/** The caller's images among `imageIds`; any other id (unknown, or someone else's) is a 404 naming it. */
async function ownedImageIds(ownerId: string, imageIds: string[]): Promise<string[]> {
  const wanted = [...new Set(imageIds)];
  const found = await ownedImageIdsAmong(ownerId, wanted);
  const missing = wanted.filter((id) => !found.has(id));
  if (missing.length) throw new AppError("not_found", `Image${missing.length > 1 ? "s" : ""} ${missing.slice(0, 5).join(", ")} not found`);
  return wanted;
}

/**
 * Pins images to a board. An image already on it moves to the front of its collections (it becomes the image's
 * `collectionId`, the one older clients see). Answers the collection with its new count.
 */
export async function addImagesToCollection(options: { user: CurrentUser; collectionId: string; imageIds: string[]; baseUrl: string }) {
  const row = await findOwned(options.user.id, options.collectionId);
  const ids = await ownedImageIds(options.user.id, options.imageIds);
  await joinCollection(row.id, ids);
  return toDto(row, options.baseUrl);
}

/** Takes images off a board (they stay in the gallery and on their other boards). Ids not on it are ignored. */
export async function removeImagesFromCollection(options: { user: CurrentUser; collectionId: string; imageIds: string[]; baseUrl: string }) {
  const row = await findOwned(options.user.id, options.collectionId);
  const ids = await ownedImageIds(options.user.id, options.imageIds);
  await deleteMemberships(row.id, ids);
  return toDto(row, options.baseUrl);
}

/** Adds (or refreshes: now the most recent) memberships of images the caller owns in a collection the caller owns. */
export async function joinCollection(collectionId: string, imageIds: string[]): Promise<void> {
  await upsertMemberships(collectionId, imageIds);
}

/**
 * The single-collection form of older clients (`PATCH /api/v1/images/{id}` `{collectionId}`): a collection id
 * adds the image to that board (its other boards stay); null takes it off every board.
 */
export async function setImageCollection(imageId: string, collectionId: string | null): Promise<void> {
  if (collectionId) await joinCollection(collectionId, [imageId]);
  else await deleteAllMemberships(imageId);
}
