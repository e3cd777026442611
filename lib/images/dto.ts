import "server-only";
import type { ImageRow, Prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { parseDigitalSourceType } from "@/lib/provenance/source-type";
import type { ImageDto, ParentDto, ParentRole } from "./dto-types";

export type { ImageDto, ParentDto, ParentRole } from "./dto-types";

/** When an image moved to the trash at `deletedAt` is purged: TRASH_RETENTION_DAYS later. */
export const purgeAtOf = (deletedAt: Date) => new Date(deletedAt.getTime() + env().TRASH_RETENTION_DAYS * 86_400_000);

/**
 * What an image query includes so its DTO can name its collections (boards: the memberships, most recently added
 * first) and its parents (the lineage graph's edges to it: source first, then references in order, then a mask).
 * Every row handed to `toImageDto` is loaded with it.
 */
export const imageDtoInclude = {
  collections: { select: { collectionId: true }, orderBy: [{ addedAt: "desc" }, { collectionId: "asc" }] },
  parents: { select: { parentId: true, role: true, position: true, label: true, checksum: true }, orderBy: [{ role: "desc" }, { position: "asc" }] },
} satisfies Prisma.ImageInclude;

/** How a parent was used to make its child, in the order a person reads them. */
export const parentRoles = ["source", "reference", "mask"] as const satisfies readonly ParentRole[];

/** An edge of the lineage graph as the row carries it. */
export interface ParentEdgeRow {
  parentId: string;
  role: string;
  position: number;
  label: string | null;
  checksum: string | null;
}

/** An image row with its collection memberships (most recently added first) and its parents. */
export type ImageDtoRow = ImageRow & { collections: Array<{ collectionId: string }>; parents: ParentEdgeRow[] };

/** The one parent older clients know (`parentId`), from the ordered parents: the source, else the first reference; never the mask. */
export const parentIdOf = (parents: ParentDto[]): string | null => parents.find((p) => p.role !== "mask")?.id ?? null;

/** Parents in the order a person reads them: the source, the references in the order they were given, the mask. */
export function orderedParents(edges: ParentEdgeRow[]): ParentDto[] {
  const rank = (role: string) => Math.max(0, parentRoles.indexOf(role as ParentRole));
  return [...edges]
    .sort((a, b) => rank(a.role) - rank(b.role) || a.position - b.position)
    .map((e) => ({ id: e.parentId, role: e.role as ParentRole, position: e.position, label: e.label, checksum: e.checksum }));
}

export function imageFileUrl(baseUrl: string, id: string, variant?: "preview" | "thumbnail"): string {
  return `${baseUrl}/api/v1/images/${id}/file${variant ? `?variant=${variant}` : ""}`;
}

export function toImageDto(row: ImageDtoRow, baseUrl: string): ImageDto {
  const collectionIds = row.collections.map((c) => c.collectionId);
  const parents = orderedParents(row.parents);
  return {
    id: row.id,
    kind: row.kind as ImageDto["kind"],
    parentId: parentIdOf(parents),
    parents,
    collectionId: collectionIds[0] ?? null,
    collectionIds,
    jobId: row.jobId ?? null,
    width: row.width,
    height: row.height,
    format: row.format,
    bytes: row.bytes,
    hasAlpha: row.hasAlpha,
    frames: row.frames ?? 1,
    url: imageFileUrl(baseUrl, row.id),
    previewUrl: imageFileUrl(baseUrl, row.id, "preview"),
    thumbnailUrl: imageFileUrl(baseUrl, row.id, "thumbnail"),
    placeholder: row.placeholder,
    originalName: row.originalName,
    prompt: row.prompt,
    effectivePrompt: row.effectivePrompt,
    negativePrompt: row.negativePrompt,
    provider: row.provider,
    model: row.model,
    seed: row.seed,
    style: row.style,
    params: row.params ?? null,
    notices: noticesOf(row.params),
    costUsd: row.costMicroUsd === null ? null : row.costMicroUsd / 1_000_000,
    operation: row.operationType ? { type: row.operationType, params: row.operationParams ?? {} } : null,
    digitalSourceType: parseDigitalSourceType(row.digitalSourceType),
    favorite: row.favorite ?? false,
    rating: row.rating ?? null,
    createdAt: row.createdAt.toISOString(),
    deletedAt: row.deletedAt ? row.deletedAt.toISOString() : null,
    purgeAt: row.deletedAt ? purgeAtOf(row.deletedAt).toISOString() : null,
  };
}

/** The notices a generation kept in the image's params (lib/images/generation-job.ts). */
function noticesOf(params: unknown): string[] {
  const notices = params && typeof params === "object" ? (params as { notices?: unknown }).notices : undefined;
  return Array.isArray(notices) ? notices.filter((n): n is string => typeof n === "string") : [];
}
