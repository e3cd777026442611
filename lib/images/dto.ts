import "server-only";
import type { ImageRow, Prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { parseDigitalSourceType, type DigitalSourceType } from "@/lib/provenance/source-type";

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

/** How a parent was used to make its child. */
export const parentRoles = ["source", "reference", "mask"] as const;
export type ParentRole = (typeof parentRoles)[number];

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

/** One of an image's parents, as the API shows it. */
export interface ParentDto {
  id: string;
  role: ParentRole;
  /** Order within the role, as sent to the provider (references: 0, 1, 2…). */
  position: number;
  label: string | null;
  /** sha-256 of the parent's original as it was used (with the id, what reproduces the result). */
  checksum: string | null;
}

/** The one parent older clients know (`parentId`), from the ordered parents: the source, else the first reference; never the mask. */
export const parentIdOf = (parents: ParentDto[]): string | null => parents.find((p) => p.role !== "mask")?.id ?? null;

/** Parents in the order a person reads them: the source, the references in the order they were given, the mask. */
export function orderedParents(edges: ParentEdgeRow[]): ParentDto[] {
  const rank = (role: string) => Math.max(0, parentRoles.indexOf(role as ParentRole));
  return [...edges]
    .sort((a, b) => rank(a.role) - rank(b.role) || a.position - b.position)
    .map((e) => ({ id: e.parentId, role: e.role as ParentRole, position: e.position, label: e.label, checksum: e.checksum }));
}

/** An image as the API shows it (docs/api.md "Images"). */
export interface ImageDto {
  id: string;
  kind: "generated" | "uploaded" | "processed";
  /** The picture it was made from: its source, or (made from references only) its first reference; null if none. */
  parentId: string | null;
  /** Every picture it was made from, with the role each played (the lineage graph's edges to it). */
  parents: ParentDto[];
  /** The collection it was most recently added to (null when on no board): kept for clients of one collection. */
  collectionId: string | null;
  /** Every collection (board) it is on, most recently added first. */
  collectionIds: string[];
  /** The job that made it (the images of one generation share it: the gallery shows them together), or null. */
  jobId: string | null;
  width: number;
  height: number;
  format: string;
  bytes: number;
  hasAlpha: boolean;
  /** Frames of an animated GIF/WebP (`width`×`height` is one frame; `url` plays it); 1 for a still. */
  frames: number;
  url: string;
  previewUrl: string;
  thumbnailUrl: string;
  /** ThumbHash (base64) to paint while the thumbnail loads. */
  placeholder: string | null;
  originalName: string | null;
  prompt: string | null;
  effectivePrompt: string | null;
  negativePrompt: string | null;
  provider: string | null;
  model: string | null;
  seed: number | null;
  style: string | null;
  params: unknown;
  /**
   * What to know about the picture, in words: e.g. the local renderer's "Drawn offline: the local renderer does
   * not know 'headphones' — connect a provider for this." Empty when there is nothing to say.
   */
  notices: string[];
  costUsd: number | null;
  operation: { type: string; params: unknown } | null;
  /**
   * How its pixels were made (IPTC digital source type, the AI marking its files carry): "trainedAlgorithmicMedia",
   * "compositeWithTrainedAlgorithmicMedia", "algorithmicMedia", "compositeSynthetic"; null when not known to
   * contain AI-made pixels (an upload that declares nothing).
   */
  digitalSourceType: DigitalSourceType | null;
  /** Starred by its owner (the gallery's favourites). */
  favorite: boolean;
  /** Its owner's rating, 1–5, or null when not rated. */
  rating: number | null;
  createdAt: string;
  /** When its owner moved it to the trash (null: not in the trash). */
  deletedAt: string | null;
  /** When a worker deletes it for good, TRASH_RETENTION_DAYS after `deletedAt` (null: not in the trash). */
  purgeAt: string | null;
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
