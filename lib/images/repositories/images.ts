import "server-only";
import { db, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { imageDtoInclude, type ImageDtoRow } from "../dto";

/** Data access for images. Every query is scoped by owner: a foreign id is simply "not found". */

export async function findOwnedImage(ownerId: string, id: string): Promise<ImageDtoRow> {
  const row = await db().image.findFirst({ where: { id, ownerId }, include: imageDtoInclude });
  if (!row) throw new AppError("not_found", `Image ${id} not found`);
  return row;
}

/** An owned image to work on (process, vary, refine, recolour): one in the trash must be restored first (409). */
export async function findLiveOwnedImage(ownerId: string, id: string): Promise<ImageDtoRow> {
  const row = await findOwnedImage(ownerId, id);
  if (row.deletedAt) throw new AppError("conflict", `Image ${id} is in the trash: restore it (POST /api/v1/images/${id}/restore) before working on it.`);
  return row;
}

/** An image by id whoever owns it, or null (the job machinery's events, which are scoped by their job). */
export const findImage = (id: string): Promise<ImageDtoRow | null> => db().image.findUnique({ where: { id }, include: imageDtoInclude });

/** The images a job made, oldest first, not those in the trash. */
export const imagesOfJob = (jobId: string): Promise<ImageDtoRow[]> =>
  db().image.findMany({ where: { jobId, deletedAt: null }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], include: imageDtoInclude });

export async function findOwnedImageWithRenditions(ownerId: string, id: string) {
  const row = await db().image.findFirst({ where: { id, ownerId }, include: { renditions: true } });
  if (!row) throw new AppError("not_found", `Image ${id} not found`);
  return row;
}

/** One of the owner's images as its row alone, or null (a job's source or mask, loaded when the job runs). */
export const findOwnedImageRow = (ownerId: string, id: string) => db().image.findFirst({ where: { id, ownerId } });

/** The size of one of the owner's images, or null (a refinement's mask, checked against its source). */
export const findOwnedImageSize = (ownerId: string, id: string) =>
  db().image.findFirst({ where: { id, ownerId }, select: { id: true, width: true, height: true } });

/** Where an image's original is stored (the compatibility route's `r2_path`). */
export const imageStorageKey = async (id: string): Promise<string> =>
  (await db().image.findUniqueOrThrow({ where: { id }, select: { storageKey: true } })).storageKey;

/** The ids among `ids` that name images of the owner (in the trash or not). */
export async function ownedImageIdsAmong(ownerId: string, ids: string[]): Promise<Set<string>> {
  return new Set((await db().image.findMany({ where: { ownerId, id: { in: ids } }, select: { id: true } })).map((r) => r.id));
}

/** The owner's images among `ids` as references are checked: checksum, and whether each is in the trash. */
export const referenceCandidates = (ownerId: string, ids: string[]) =>
  db().image.findMany({ where: { ownerId, id: { in: ids } }, select: { id: true, checksum: true, deletedAt: true } });

/** Where the originals of the owner's images among `ids` are stored. */
export const ownedStorageKeys = (ownerId: string, ids: string[]) => db().image.findMany({ where: { ownerId, id: { in: ids } }, select: { id: true, storageKey: true } });

/** The animated images among `ids` (more than one frame), with their frame counts. */
export const animatedAmong = (ids: string[]) => db().image.findMany({ where: { id: { in: ids }, frames: { gt: 1 } }, select: { id: true, frames: true } });

/** What a picture's credentials need of a stored image (its original's key, format, marking), by id. */
export const pictureRows = (ids: string[]) => db().image.findMany({ where: { id: { in: ids } }, select: { id: true, storageKey: true, format: true, digitalSourceType: true } });

/** The same of one image, or null. */
export const findPictureRow = (id: string) => db().image.findUnique({ where: { id }, select: { storageKey: true, format: true, digitalSourceType: true } });

/**
 * The owner's images among `ids` that are not in the trash, to download: each with the file of `variant` ("original"
 * names no rendition, so none is found and the original is used).
 */
export const downloadRows = (ownerId: string, ids: string[], variant: string) =>
  db().image.findMany({
    where: { ownerId, id: { in: ids }, deletedAt: null },
    include: { renditions: { where: { variant }, select: { storageKey: true, format: true, bytes: true } }, ...imageDtoInclude },
  });

/** Stores a new image row with its renditions, lineage edges and memberships (nested creates), one statement. */
export const insertImageWithLineage = (data: Prisma.ImageUncheckedCreateInput): Promise<ImageDtoRow> => db().image.create({ data, include: imageDtoInclude });

/** Changes an image's own fields (star, rating). */
export const updateImageFields = (id: string, data: Prisma.ImageUpdateInput): Promise<ImageDtoRow> => db().image.update({ where: { id }, data, include: imageDtoInclude });
