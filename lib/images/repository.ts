import "server-only";
import { db, isPostgres, type ImageRow, type Prisma } from "@/lib/db";
import { afterCursor } from "@/lib/db-cursor";
import { AppError } from "@/lib/errors";
import { imageDtoInclude, type ImageDtoRow } from "./dto";

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

export async function findOwnedImageWithRenditions(ownerId: string, id: string) {
  const row = await db().image.findFirst({ where: { id, ownerId }, include: { renditions: true } });
  if (!row) throw new AppError("not_found", `Image ${id} not found`);
  return row;
}

export async function assertOwnedCollection(ownerId: string, collectionId: string): Promise<void> {
  const found = await db().collection.findFirst({ where: { id: collectionId, ownerId }, select: { id: true } });
  if (!found) throw new AppError("not_found", `Collection ${collectionId} not found`);
}

/** What narrows the gallery: the filters of `GET /api/v1/images`, and of the bulk actions' `{filter}`. */
export interface ImageFilter {
  ownerId: string;
  q?: string;
  kind?: string;
  provider?: string;
  collectionId?: string;
  favorite?: boolean;
  /** createdAt ≥ this instant. */
  createdFrom?: Date;
  /** createdAt < this instant. */
  createdBefore?: Date;
}

export interface ListImagesQuery extends ImageFilter {
  limit: number;
  cursor?: { createdAt: Date; id: string };
}

/** The words of a gallery search, lower-cased, each once. */
export const searchWords = (q: string | undefined): string[] => [...new Set((q ?? "").toLowerCase().split(/\s+/).filter(Boolean))];

/** Whether a row's search text holds every word of a search (the SQLite wildcard re-check). */
const hasEveryWord = (searchText: string | null, q: string) => searchWords(q).every((word) => searchText?.includes(word));

/** The images a filter matches: never those in the trash (they show only in the trash's own listing). */
function filterWhere(query: ImageFilter): { where: Prisma.ImageWhereInput; needle?: string } {
  const where: Prisma.ImageWhereInput = { ownerId: query.ownerId, deletedAt: null };
  if (query.kind) where.kind = query.kind;
  if (query.provider) where.provider = query.provider;
  if (query.collectionId) where.collections = { some: { collectionId: query.collectionId } };
  if (query.favorite !== undefined) where.favorite = query.favorite;
  if (query.createdFrom || query.createdBefore) {
    where.createdAt = {
      ...(query.createdFrom ? { gte: query.createdFrom } : {}),
      ...(query.createdBefore ? { lt: query.createdBefore } : {}),
    };
  }
  const needle = query.q?.toLowerCase();
  // Every word must appear, in any order: "sunrise lake" finds "misty alpine lake at sunrise" (one LIKE per word,
  // each served by PostgreSQL's trigram index). Prisma's `contains` is a LIKE that leaves `%` and `_` live.
  // PostgreSQL escapes them with a backslash; SQLite's LIKE has no escape character there, so its wildcard hits
  // are filtered out below.
  const words = searchWords(needle);
  if (words.length) where.AND = words.map((word) => ({ searchText: { contains: isPostgres() ? word.replace(/[\\%_]/g, "\\$&") : word } }));
  return { where, needle };
}

/** Whether rows the database matched must be filtered again here (SQLite's LIKE with a live `%` or `_`). */
const postFiltered = (needle: string | undefined): needle is string => Boolean(needle && !isPostgres() && /[%_]/.test(needle));

/** Newest first, keyset-paginated on (createdAt, id): page 1,000 costs what page 1 costs. */
export async function listImageRows(query: ListImagesQuery): Promise<ImageDtoRow[]> {
  const { where, needle } = filterWhere(query);
  const page = (cursor: ListImagesQuery["cursor"], take: number) => {
    const keyset: Prisma.ImageWhereInput = cursor ? afterCursor(cursor) : {};
    return db().image.findMany({ where: { AND: [where, keyset] }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take, include: imageDtoInclude });
  };
  if (!postFiltered(needle)) return page(query.cursor, query.limit);
  const hits: ImageDtoRow[] = [];
  const batch = Math.max(query.limit, 100);
  let cursor = query.cursor;
  for (;;) {
    const rows = await page(cursor, batch);
    hits.push(...rows.filter((r) => hasEveryWord(r.searchText, needle)));
    if (hits.length >= query.limit || rows.length < batch) return hits.slice(0, query.limit);
    cursor = rows[rows.length - 1];
  }
}

/** How many images a filter matches (the gallery's "All 198 matching"). */
export async function countImages(filter: ImageFilter): Promise<number> {
  const { where, needle } = filterWhere(filter);
  if (!postFiltered(needle)) return db().image.count({ where });
  let count = 0;
  let cursor: ListImagesQuery["cursor"];
  for (;;) {
    const rows = await db().image.findMany({
      where: { AND: [where, cursor ? afterCursor(cursor) : {}] },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 1000,
      select: { id: true, createdAt: true, searchText: true },
    });
    count += rows.filter((r) => hasEveryWord(r.searchText, needle)).length;
    if (rows.length < 1000) return count;
    cursor = rows[rows.length - 1];
  }
}

/**
 * The ids a filter matches, newest first, at most `max` + 1 of them (so a caller can tell "more than max"):
 * the bulk actions' `{filter}`. Listed page by page as the gallery lists them, so they match what it shows.
 */
export async function matchingImageIds(filter: ImageFilter, max: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: ListImagesQuery["cursor"];
  while (ids.length <= max) {
    const rows = await listImageRows({ ...filter, limit: 500, cursor });
    ids.push(...rows.map((r) => r.id));
    if (rows.length < 500) break;
    cursor = rows[rows.length - 1];
  }
  return ids.slice(0, max + 1);
}

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
