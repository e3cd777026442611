import "server-only";
import { db, isPostgres, type Prisma } from "@/lib/db";
import { afterCursor } from "@/lib/db-cursor";
import { imageDtoInclude, type ImageDtoRow } from "../dto";

/** The gallery's queries: the images a filter matches, listed, counted, or as ids; and the trash's listing. */

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

/** The trash, newest deleted first, keyset-paginated on (deletedAt, id): `limit` rows after `after`. */
export async function listTrashRows(ownerId: string, after: { createdAt: Date; id: string } | null, take: number): Promise<ImageDtoRow[]> {
  const keyset: Prisma.ImageWhereInput = after
    ? { OR: [{ deletedAt: { lt: after.createdAt } }, { deletedAt: after.createdAt, id: { lt: after.id } }] }
    : {};
  return db().image.findMany({
    where: { ownerId, deletedAt: { not: null }, ...keyset },
    orderBy: [{ deletedAt: "desc" }, { id: "desc" }],
    take,
    include: imageDtoInclude,
  });
}
