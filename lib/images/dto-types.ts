/**
 * The API's image (with its gallery page and lineage), collection, palette and job records as JSON (docs/api.md
 * "Images", "Collections", "Palettes", "Generation"): one definition for the server, which maps rows to them
 * (lib/images/dto.ts, ./query.ts, ./job-dto.ts), and the browser, which reads them (components/api/types.ts,
 * components/api/generation.ts, components/lineage/tree-layout.ts). Types only, no imports but
 * types: the browser bundle takes nothing from here.
 */
import type { JobErrorCode } from "@/lib/error-codes";
import type { JobStatus } from "@/lib/jobs/job-status";
import type { PaletteColor, PaletteType } from "@/lib/processing/palette-extract";
import type { DigitalSourceType } from "@/lib/provenance/source-type";

export type { JobStatus };

export type ImageKind = "generated" | "uploaded" | "processed";

/** How a parent was used to make its child: the one edited or varied, an input reference, a refinement's mask. */
export type ParentRole = "source" | "reference" | "mask";

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

/** An image as the API shows it (docs/api.md "Images"). */
export interface ImageDto {
  id: string;
  kind: ImageKind;
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

/** A direct child of an image as `GET /api/v1/images/{id}` lists it (what a lineage strip needs to draw it). */
export type ImageChildDto = Pick<ImageDto, "id" | "kind" | "operation" | "width" | "height" | "thumbnailUrl" | "placeholder" | "createdAt">;

/** An edge of the lineage graph: `child` was made from `parent` in `role` (`GET /api/v1/images/{id}/lineage`). */
export interface LineageEdge {
  parent: string;
  child: string;
  role: ParentRole;
  position: number;
  label: string | null;
}

/** A page of the gallery or the trash (`GET /api/v1/images`), newest first; `total` only when asked for. */
export interface ImagePageDto {
  items: ImageDto[];
  /** The cursor of the next page; null on the last one. */
  nextCursor: string | null;
  total?: number;
}

/** A descendant in the lineage's tree view, with the images made from it nested under it. */
export type LineageNodeDto = ImageDto & { children: LineageNodeDto[] };

/**
 * The family of an image (`GET /api/v1/images/{id}/lineage`): every image once in `nodes` with the `edges` between
 * them; `ancestors` (oldest first) and `descendants` (nested, each under its first parent in the family) are the
 * tree view older clients read.
 */
export interface LineageDto {
  image: ImageDto;
  nodes: ImageDto[];
  edges: LineageEdge[];
  ancestors: ImageDto[];
  descendants: LineageNodeDto[];
}

/** A collection (board) as the API shows it (docs/api.md "Collections"). */
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

/** A palette as the API shows it (docs/api.md "Palettes"). */
export interface PaletteDto {
  id: string;
  imageId: string | null;
  name: string;
  type: PaletteType | "custom";
  colors: PaletteColor[];
  createdAt: string;
}

/**
 * A job's error as the API shows it: a code of lib/error-codes.ts ("partial" on a succeeded job that made fewer
 * images than asked), the sentence, and where one code covers several cases its details (a provider_error's
 * `reason`, a budget_exceeded's `limit`).
 */
export interface JobErrorDto {
  code: JobErrorCode;
  message: string;
  details?: unknown;
}

/** A job as the API shows it (docs/api.md "Generation"). */
export interface JobDto {
  id: string;
  type: string;
  status: JobStatus;
  progress: number;
  provider: string | null;
  model: string | null;
  images: ImageDto[];
  error: JobErrorDto | null;
  costUsd: number | null;
  /**
   * The model asked for was retired and its successor served (or will serve): {provider, requested, served,
   * reason: "retired", retiredOn?}. Each image's params.modelMigration records the same.
   */
  modelMigration: Record<string, unknown> | null;
  /** What was reserved of the daily budget while the job runs. */
  reservedUsd: number;
  attempts: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}
