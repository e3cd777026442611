import "server-only";
import { z } from "zod";
import type { CurrentUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";
import { toImageDto, type ImageDto } from "./dto";
import { ancestorsOf, childrenOf, descendantsOf, findOwnedImage, listImageRows } from "./repository";

export const listImagesQuery = z.object({
  limit: z.coerce.number().int().min(1, "limit must be 1–100").max(100, "limit must be 1–100").default(24),
  cursor: z.string().max(200).optional(),
  q: z.string().trim().max(500).optional(),
  kind: z.enum(["generated", "uploaded", "processed"]).optional(),
  provider: z.string().max(100).optional(),
  collectionId: z.string().max(100).optional(),
});

export type ListImagesOptions = z.output<typeof listImagesQuery> & { user: CurrentUser; baseUrl: string };

const encodeCursor = (row: { createdAt: Date; id: string }) =>
  Buffer.from(JSON.stringify([row.createdAt.toISOString(), row.id])).toString("base64url");

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    const createdAt = new Date(at);
    if (typeof id !== "string" || Number.isNaN(createdAt.getTime())) throw new Error("bad cursor");
    return { createdAt, id };
  } catch {
    throw new AppError("invalid_request", "cursor is not one this API returned: pass nextCursor from the previous page");
  }
}

/** A page of the gallery, newest first, with the cursor of the next page (null on the last one). */
export async function listImages(options: ListImagesOptions): Promise<{ items: ImageDto[]; nextCursor: string | null }> {
  const rows = await listImageRows({
    ownerId: options.user.id,
    limit: options.limit + 1,
    cursor: options.cursor ? decodeCursor(options.cursor) : undefined,
    q: options.q || undefined,
    kind: options.kind,
    provider: options.provider,
    collectionId: options.collectionId,
  });
  const page = rows.slice(0, options.limit);
  return {
    items: page.map((r) => toImageDto(r, options.baseUrl)),
    nextCursor: rows.length > options.limit ? encodeCursor(page[page.length - 1]) : null,
  };
}

export interface GetImageOptions {
  user: CurrentUser;
  imageId: string;
  baseUrl: string;
}

/** One image with its direct children (id, operation, and what a lineage strip needs to draw them). */
export async function getImage({ user, imageId, baseUrl }: GetImageOptions) {
  const row = await findOwnedImage(user.id, imageId);
  const children = await childrenOf(user.id, row.id);
  return {
    ...toImageDto(row, baseUrl),
    children: children.map((c) => {
      const child = toImageDto(c, baseUrl);
      const { id, kind, operation, width, height, thumbnailUrl, placeholder, createdAt } = child;
      return { id, kind, operation, width, height, thumbnailUrl, placeholder, createdAt };
    }),
  };
}

type TreeNode = ImageDto & { children: TreeNode[] };

/** The family tree: ancestors (oldest first), the image, and its descendants nested by parent. */
export async function getLineage({ user, imageId, baseUrl }: GetImageOptions) {
  const row = await findOwnedImage(user.id, imageId);
  const [ancestors, descendants] = await Promise.all([ancestorsOf(user.id, row), descendantsOf(user.id, row.id)]);
  const nodes = new Map<string, TreeNode>(descendants.map((d) => [d.id, { ...toImageDto(d, baseUrl), children: [] }]));
  const roots: TreeNode[] = [];
  for (const d of descendants) {
    const node = nodes.get(d.id)!;
    if (d.parentId === row.id) roots.push(node);
    else nodes.get(d.parentId!)?.children.push(node);
  }
  return { ancestors: ancestors.map((a) => toImageDto(a, baseUrl)), image: toImageDto(row, baseUrl), descendants: roots };
}
