/** The creative loop as the browser calls it (docs/api.md "Generation" and "Palettes"): variations, refinement, palettes. */
import { apiFetch } from "./client";
import { idempotencyKey, type Job } from "./generation";
import type { ImagePage, Palette, PaletteType, StudioImage } from "./types";

const imagePath = (imageId: string, rest: string) => `/api/v1/images/${encodeURIComponent(imageId)}/${rest}`;

/** The body of POST /api/v1/images/{id}/variations. */
export interface VariationsRequest {
  /** 1–10 (default 3). */
  n?: number;
  /** 0: stay very close to the source; 1: free reinterpretation (default 0.75). */
  strength?: number;
  provider?: string;
  model?: string;
  seed?: number;
}

/** The body of POST /api/v1/images/{id}/refine. */
export interface RefineRequest {
  prompt: string;
  /** 0–1 (default 0.5). */
  strength?: number;
  /** Keep the composition (default true). */
  preserveStructure?: boolean;
  /** An image of the source's exact size: white = change, black = keep. */
  maskImageId?: string;
  /** 1–4 (default 1). */
  n?: number;
  provider?: string;
}

/** Starts a job making variations of the image (202 and the queued job). */
export const createVariations = (imageId: string, body: VariationsRequest) =>
  apiFetch<Job>(imagePath(imageId, "variations"), { method: "POST", json: body, headers: { "Idempotency-Key": idempotencyKey() } });

/** Starts a job refining the image by prompt (202 and the queued job). */
export const createRefinement = (imageId: string, body: RefineRequest) =>
  apiFetch<Job>(imagePath(imageId, "refine"), { method: "POST", json: body, headers: { "Idempotency-Key": idempotencyKey() } });

export const paletteTypes: readonly PaletteType[] = ["dominant", "vibrant", "muted"];
export const minPaletteColors = 1;
export const maxPaletteColors = 16;

/** Extracts the image's palettes of several types from one decode (one per type, in the order asked). */
export const extractPalettes = (imageId: string, body: { types?: readonly PaletteType[]; numColors?: number }) =>
  apiFetch<Palette[]>(imagePath(imageId, "palettes/batch"), { method: "POST", json: body });

/** The palettes already taken from the image, oldest first. */
export const fetchImagePalettes = (imageId: string, signal?: AbortSignal) => apiFetch<Palette[]>(imagePath(imageId, "palettes"), { signal });

/** The body of POST /api/v1/images/{id}/apply-palette: a stored palette or colours given inline. */
export type ApplyPaletteRequest = ({ paletteId: string; colors?: never } | { colors: string[]; paletteId?: never }) & {
  /** 0–1 (default 1). */
  strength?: number;
  format?: "png" | "jpeg" | "webp" | "avif";
};

/** Recolours the image toward a palette: the new (processed) child image. */
export const applyPalette = (imageId: string, body: ApplyPaletteRequest) =>
  apiFetch<StudioImage>(imagePath(imageId, "apply-palette"), { method: "POST", json: body });

export const paletteExportFormats = [
  { format: "css", label: "CSS" },
  { format: "tailwind", label: "Tailwind" },
  { format: "json", label: "JSON" },
  { format: "png", label: "PNG" },
] as const;
export type PaletteExportFormat = (typeof paletteExportFormats)[number]["format"];

/** A palette as a file (an attachment): CSS custom properties, a Tailwind theme, JSON or a swatch PNG. */
export const paletteExportUrl = (paletteId: string, format: PaletteExportFormat) =>
  `/api/v1/palettes/${encodeURIComponent(paletteId)}/export?format=${format}`;

/** One page of the caller's images, newest first. */
export const fetchImagePage = (params: { limit?: number; cursor?: string; kind?: string } = {}, signal?: AbortSignal) => {
  const query = new URLSearchParams();
  if (params.limit) query.set("limit", String(params.limit));
  if (params.cursor) query.set("cursor", params.cursor);
  if (params.kind) query.set("kind", params.kind);
  return apiFetch<ImagePage>(`/api/v1/images${query.size ? `?${query}` : ""}`, { signal });
};
