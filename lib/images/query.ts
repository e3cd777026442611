import "server-only";
import { z } from "zod";
import type { CurrentUser } from "@/lib/auth/current-user";
import { decodeCursor, pageOf } from "@/lib/db-cursor";
import { orderedParents, toImageDto } from "./dto";
import type { ImagePageDto, LineageDto, LineageEdge, LineageNodeDto } from "./dto-types";
import { toPaletteDto } from "./palettes";
import { countImages, listImageRows } from "./repositories/gallery";
import { findOwnedImage } from "./repositories/images";
import { ancestorsOf, childrenOf, descendantsOf, liveImagesAmong } from "./repositories/lineage";
import { imagePaletteRows } from "./repositories/palettes";
import { listTrash } from "./trash";

const dateOnly = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A bound of the date filter: an ISO date (`2026-11-21`, a whole UTC day) or date-time (`2026-11-21T10:00:00Z`,
 * an instant). Answers the first instant it covers and the first instant after it.
 */
const isoDate = (name: string) =>
  z
    .string()
    .trim()
    .max(40)
    .transform((text, ctx) => {
      const at = new Date(dateOnly.test(text) ? `${text}T00:00:00.000Z` : text);
      if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(at.getTime())) {
        ctx.addIssue({ code: "custom", message: `${name} must be an ISO date (2026-11-21) or date-time (2026-11-21T10:00:00Z)` });
        return z.NEVER;
      }
      return { start: at, end: dateOnly.test(text) ? new Date(at.getTime() + 86_400_000) : new Date(at.getTime() + 1) };
    });

/** The gallery's filters, as query parameters (`GET /api/v1/images`) or as the bulk actions' `{filter}` object. */
const filterFields = {
  q: z.string().trim().max(500).optional(),
  kind: z.enum(["generated", "uploaded", "processed"]).optional(),
  provider: z.string().max(100).optional(),
  collectionId: z.string().max(100).optional(),
  /** `true`: only starred images; `false`: only the others. */
  favorite: z
    .union([z.boolean(), z.enum(["true", "false"])], { error: "favorite must be true or false" })
    .transform((v) => v === true || v === "true")
    .optional(),
  /** Created at or after this date (a date alone: from the start of that UTC day). */
  from: isoDate("from").optional(),
  /** Created at or before this date (a date alone: up to the end of that UTC day). */
  to: isoDate("to").optional(),
};

function createdRange<T extends { from?: { start: Date }; to?: { end: Date } }>({ from, to, ...rest }: T, ctx: z.RefinementCtx) {
  const createdFrom = from?.start;
  const createdBefore = to?.end;
  if (createdFrom && createdBefore && createdFrom >= createdBefore) {
    ctx.addIssue({ code: "custom", path: ["from"], message: "from must not be after to" });
    return z.NEVER;
  }
  return { ...rest, createdFrom, createdBefore };
}

/** A filter in a request body (bulk actions by filter): the list's filters, nothing else. */
export const imageFilterBody = z.object(filterFields, { error: "filter must be an object of the gallery's filters" }).strict().transform(createdRange);
export type ImageFilterInput = z.output<typeof imageFilterBody>;

export const listImagesQuery = z
  .object({
    limit: z.coerce.number().int().min(1, "limit must be 1–100").max(100, "limit must be 1–100").default(24),
    cursor: z.string().max(200).optional(),
    ...filterFields,
    /** `true`: the answer also says how many images match the filters in all (`total`). */
    total: z
      .enum(["true", "false"], { error: "total must be true or false" })
      .transform((v) => v === "true")
      .optional(),
    /** `true`: the trash instead of the gallery (newest deleted first; the other filters do not apply). */
    trash: z
      .enum(["true", "false"], { error: "trash must be true or false" })
      .transform((v) => v === "true")
      .optional(),
  })
  .transform(createdRange);

export type ListImagesOptions = z.output<typeof listImagesQuery> & { user: CurrentUser; baseUrl: string };

/** The repository's filter of a parsed filter. */
export const filterOf = (ownerId: string, f: ImageFilterInput) => ({
  ownerId,
  q: f.q || undefined,
  kind: f.kind,
  provider: f.provider,
  collectionId: f.collectionId,
  favorite: f.favorite,
  createdFrom: f.createdFrom,
  createdBefore: f.createdBefore,
});

/**
 * A page of the gallery, newest first, with the cursor of the next page (null on the last one), and with
 * `total: true` how many images the filters match in all. `trash: true` lists the trash instead.
 */
export async function listImages(options: ListImagesOptions): Promise<ImagePageDto> {
  if (options.trash) return listTrash(options);
  const filter = filterOf(options.user.id, options);
  const [rows, total] = await Promise.all([
    listImageRows({ ...filter, limit: options.limit + 1, cursor: options.cursor ? decodeCursor(options.cursor) : undefined }),
    options.total ? countImages(filter) : undefined,
  ]);
  const { page, nextCursor } = pageOf(rows, options.limit);
  return { items: page.map((r) => toImageDto(r, options.baseUrl)), nextCursor, ...(total === undefined ? {} : { total }) };
}

export interface GetImageOptions {
  user: CurrentUser;
  imageId: string;
  baseUrl: string;
}

/** One image with its direct children and its palettes (id, operation, and what a lineage strip needs to draw them). */
export async function getImage({ user, imageId, baseUrl }: GetImageOptions) {
  const row = await findOwnedImage(user.id, imageId);
  const [children, palettes] = await Promise.all([
    childrenOf(user.id, row.id),
    imagePaletteRows(user.id, row.id),
  ]);
  return {
    ...toImageDto(row, baseUrl),
    /** The palettes taken from this image (docs/api.md: the image record's `palette`, here all of them by type). */
    palettes: palettes.map(toPaletteDto),
    children: children.map((c) => {
      const child = toImageDto(c, baseUrl);
      const { id, kind, operation, width, height, thumbnailUrl, placeholder, createdAt } = child;
      return { id, kind, operation, width, height, thumbnailUrl, placeholder, createdAt };
    }),
  };
}

/**
 * The family of an image as a graph: every ancestor (along all parents: sources, references, masks), every
 * descendant and the other parents of those descendants, each once in `nodes`, with the `edges` between them. `ancestors` (oldest first) and `descendants`
 * (nested, each under its first parent in the family) are the tree view older clients read.
 */
export async function getLineage({ user, imageId, baseUrl }: GetImageOptions): Promise<LineageDto> {
  const row = await findOwnedImage(user.id, imageId);
  const [ancestorRows, descendantRows] = await Promise.all([ancestorsOf(user.id, row), descendantsOf(user.id, row.id)]);
  const known = new Set([row.id, ...ancestorRows.map((r) => r.id), ...descendantRows.map((r) => r.id)]);
  // The other parents of its descendants (the other references of a picture made from this one), one step: so the
  // graph shows everything each descendant was made from, without walking their own families.
  const coParentIds = [...new Set(descendantRows.flatMap((d) => d.parents.map((p) => p.parentId)))].filter((id) => !known.has(id));
  const coParents = coParentIds.length ? await liveImagesAmong(user.id, coParentIds) : [];
  const rows = [...ancestorRows, row, ...descendantRows, ...coParents];
  const ids = new Set(rows.map((r) => r.id));
  const edges: LineageEdge[] = rows.flatMap((r) =>
    orderedParents(r.parents)
      .filter((p) => ids.has(p.id))
      .map((p) => ({ parent: p.id, child: r.id, role: p.role, position: p.position, label: p.label })),
  );
  const dtos = new Map(rows.map((r) => [r.id, toImageDto(r, baseUrl)]));
  const tree = new Map<string, LineageNodeDto>(descendantRows.map((d) => [d.id, { ...dtos.get(d.id)!, children: [] }]));
  const roots: LineageNodeDto[] = [];
  for (const d of descendantRows) {
    const node = tree.get(d.id)!;
    const under = orderedParents(d.parents).find((p) => p.id === row.id || tree.has(p.id));
    if (!under || under.id === row.id) roots.push(node);
    else tree.get(under.id)!.children.push(node);
  }
  return {
    image: dtos.get(row.id)!,
    nodes: [...dtos.values()],
    edges,
    ancestors: ancestorRows.map((a) => dtos.get(a.id)!),
    descendants: roots,
  };
}
