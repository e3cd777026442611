import "server-only";
import { z } from "zod";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db, type CollectionRow } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { imageFileUrl } from "./dto";

export const collectionInput = z.object({
  name: z.string({ error: "name is required" }).trim().min(1, "name must not be empty").max(100, "name must be at most 100 characters"),
  description: z.string().trim().max(1000, "description must be at most 1000 characters").nullish(),
});
export const collectionPatch = collectionInput.partial();

export interface CollectionDto {
  id: string;
  name: string;
  slug: string;
  description: string | null;
  imageCount: number;
  /** Thumbnails of the newest images (up to 4), for a cover. */
  coverThumbnailUrls: string[];
  createdAt: string;
  updatedAt: string;
}

async function toDto(row: CollectionRow, baseUrl: string): Promise<CollectionDto> {
  const [imageCount, newest] = await Promise.all([
    db().image.count({ where: { collectionId: row.id, ownerId: row.ownerId } }),
    db().image.findMany({
      where: { collectionId: row.id, ownerId: row.ownerId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 4,
      select: { id: true },
    }),
  ]);
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    description: row.description,
    imageCount,
    coverThumbnailUrls: newest.map((i) => imageFileUrl(baseUrl, i.id, "thumbnail")),
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
  const taken = new Set(
    (
      await db().collection.findMany({
        where: { ownerId, slug: { startsWith: base }, ...(exceptId ? { id: { not: exceptId } } : {}) },
        select: { slug: true },
      })
    ).map((c) => c.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

async function findOwned(ownerId: string, id: string): Promise<CollectionRow> {
  const row = await db().collection.findFirst({ where: { id, ownerId } });
  if (!row) throw new AppError("not_found", `Collection ${id} not found`);
  return row;
}

export async function listCollections({ user, baseUrl }: { user: CurrentUser; baseUrl: string }) {
  const rows = await db().collection.findMany({ where: { ownerId: user.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  return { items: await Promise.all(rows.map((r) => toDto(r, baseUrl))) };
}

export async function createCollection(options: { user: CurrentUser; baseUrl: string } & z.output<typeof collectionInput>) {
  const row = await db().collection.create({
    data: {
      id: newId("col"),
      ownerId: options.user.id,
      name: options.name,
      slug: await uniqueSlug(options.user.id, options.name),
      description: options.description ?? null,
    },
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
  const updated = await db().collection.update({
    where: { id: row.id },
    data: {
      ...(options.name !== undefined ? { name: options.name, slug: await uniqueSlug(row.ownerId, options.name, row.id) } : {}),
      ...(options.description !== undefined ? { description: options.description ?? null } : {}),
    },
  });
  return toDto(updated, options.baseUrl);
}

/** Deletes a collection; its images stay in the gallery, outside any collection. */
export async function deleteCollection(options: { user: CurrentUser; collectionId: string }): Promise<void> {
  const row = await findOwned(options.user.id, options.collectionId);
  await db().collection.delete({ where: { id: row.id } });
}
