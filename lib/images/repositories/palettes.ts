import "server-only";
import { db, type Prisma } from "@/lib/db";
import { afterCursor, type Keyset } from "@/lib/db-cursor";

/** Data access for palettes. Every query is scoped by owner. */

export type PaletteRow = Awaited<ReturnType<ReturnType<typeof db>["palette"]["findFirstOrThrow"]>>;

/** The owner's palettes of an image, oldest first; optionally only those of `numColors` colours and of `types`. */
export const imagePaletteRows = (ownerId: string, imageId: string, only?: { numColors: number; types: readonly string[] }): Promise<PaletteRow[]> =>
  only
    ? db().palette.findMany({ where: { ownerId, imageId, numColors: only.numColors, type: { in: [...only.types] } }, orderBy: { createdAt: "asc" } })
    : db().palette.findMany({ where: { ownerId, imageId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });

/** The owner's palettes, newest first, `take` after a cursor, optionally of one type. */
export async function listPaletteRows(ownerId: string, options: { type?: string; after?: Keyset; take: number }): Promise<PaletteRow[]> {
  const where: Prisma.PaletteWhereInput = { ownerId, ...(options.type ? { type: options.type } : {}) };
  if (options.after) Object.assign(where, afterCursor(options.after));
  return db().palette.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: options.take });
}

export const findOwnedPaletteRow = (ownerId: string, id: string): Promise<PaletteRow | null> => db().palette.findFirst({ where: { id, ownerId } });

/** Just the colours of one of the owner's palettes, or null. */
export const findPaletteColors = (ownerId: string, id: string) => db().palette.findFirst({ where: { id, ownerId }, select: { colors: true } });

export const insertPalette = (data: { id: string; ownerId: string; imageId?: string; name: string; type: string; numColors: number; colors: Prisma.InputJsonValue }): Promise<PaletteRow> =>
  db().palette.create({ data });

export async function deletePaletteRow(id: string): Promise<void> {
  await db().palette.delete({ where: { id } });
}
