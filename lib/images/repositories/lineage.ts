import "server-only";
import { db } from "@/lib/db";
import { imageDtoInclude, type ImageDtoRow } from "../dto";

/** The lineage graph's queries: an image's children, ancestors, descendants, and what its parents were. */

/** The images made from `parentId` (in any role), oldest first, not those in the trash. */
export async function childrenOf(ownerId: string, parentId: string) {
  return db().image.findMany({
    where: { ownerId, deletedAt: null, parents: { some: { parentId } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 500,
    include: imageDtoInclude,
  });
}

/**
 * Every ancestor of an image along the lineage graph (every parent, in every role), oldest first, one query per
 * generation, each image once (bounded: chains are short, cycles impossible by construction — a child
 * is always made after its parents). Those in the trash are not returned; the walk goes on past them.
 */
export async function ancestorsOf(ownerId: string, image: ImageDtoRow, maxImages = 1000): Promise<ImageDtoRow[]> {
  const found: ImageDtoRow[] = [];
  const seen = new Set([image.id]);
  let frontier = image.parents.map((p) => p.parentId);
  for (let depth = 0; frontier.length && depth < 100 && seen.size <= maxImages; depth++) {
    frontier = frontier.filter((id) => !seen.has(id));
    for (const id of frontier) seen.add(id);
    if (!frontier.length) break;
    const rows = await db().image.findMany({ where: { id: { in: frontier }, ownerId }, include: imageDtoInclude });
    found.push(...rows.filter((r) => !r.deletedAt));
    frontier = rows.flatMap((r) => r.parents.map((p) => p.parentId));
  }
  return found.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
}

/** All descendants of an image along the lineage graph, breadth first, one query per generation, each image once. */
export async function descendantsOf(ownerId: string, rootId: string, maxImages = 1000): Promise<ImageDtoRow[]> {
  const all: ImageDtoRow[] = [];
  const seen = new Set([rootId]);
  let frontier = [rootId];
  while (frontier.length && all.length < maxImages) {
    const rows = await db().image.findMany({
      where: { ownerId, deletedAt: null, id: { notIn: [...seen] }, parents: { some: { parentId: { in: frontier } } } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: maxImages - all.length,
      include: imageDtoInclude,
    });
    for (const r of rows) seen.add(r.id);
    all.push(...rows);
    frontier = rows.map((r) => r.id);
  }
  return all;
}

/** How many images (in or out of the trash) were made from `parentId`. */
export const countChildren = (ownerId: string, parentId: string) => db().image.count({ where: { parents: { some: { parentId } }, ownerId } });

/** Images of the owner among `ids`, not those in the trash (the other parents of a family's descendants). */
export const liveImagesAmong = (ownerId: string, ids: string[]): Promise<ImageDtoRow[]> =>
  db().image.findMany({ where: { ownerId, id: { in: ids }, deletedAt: null }, include: imageDtoInclude });

/** The marking-relevant fields of one of the owner's images, and its parents (null when gone). */
export const findMarkingRow = (ownerId: string, id: string) =>
  db().image.findFirst({
    where: { id, ownerId },
    select: { kind: true, digitalSourceType: true, parents: { select: { parentId: true, role: true } } },
  });

/** The checksums of the originals of images by id (those of the parents a new image records). */
export const imageChecksums = (ids: string[]) => db().image.findMany({ where: { id: { in: ids } }, select: { id: true, checksum: true } });
