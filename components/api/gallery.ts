/** The gallery's calls: pages of images with every filter, favourites, collections, bulk delete and zip download. */
import { apiFetch, errorFromBody, networkError, parseRetryAfter } from "./client";
import type { StudioImage } from "./types";

/** An image as the gallery lists it: the API's record (its star, rating and job included). */
export type GalleryImage = StudioImage;

export interface GalleryPage {
  items: GalleryImage[];
  nextCursor: string | null;
}

/** The list's query parameters, as `GET /api/v1/images` takes them (dates as ISO instants). */
export interface ImageQuery {
  q?: string;
  kind?: string;
  provider?: string;
  collectionId?: string;
  favorite?: boolean;
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string | null;
}

/** The most ids one bulk request takes. */
export const maxBulkIds = 500;

export function imagesUrl(query: ImageQuery): string {
  const params = new URLSearchParams();
  if (query.limit) params.set("limit", String(query.limit));
  for (const key of ["q", "kind", "provider", "collectionId", "from", "to"] as const) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  if (query.favorite) params.set("favorite", "true");
  if (query.cursor) params.set("cursor", query.cursor);
  return `/api/v1/images?${params}`;
}

export const fetchImagePage = (query: ImageQuery, signal?: AbortSignal) => apiFetch<GalleryPage>(imagesUrl(query), { signal });

export const setFavorite = (id: string, favorite: boolean) =>
  apiFetch<GalleryImage>(`/api/v1/images/${encodeURIComponent(id)}`, { method: "PATCH", json: { favorite } });

const chunks = <T>(all: T[], size: number) => Array.from({ length: Math.ceil(all.length / size) }, (_, i) => all.slice(i * size, (i + 1) * size));

/** Runs `task` over `items`, `parallel` at a time; answers each outcome in order. */
async function eachLimited<T, R>(items: T[], parallel: number, task: (item: T) => Promise<R>): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      try {
        results[i] = { status: "fulfilled", value: await task(items[i]) };
      } catch (reason) {
        results[i] = { status: "rejected", reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker));
  return results;
}

/** Puts images into a collection (null: out of any), a few requests at a time; answers what moved and what failed. */
export async function moveToCollection(ids: string[], collectionId: string | null) {
  const results = await eachLimited(ids, 4, (id) =>
    apiFetch<GalleryImage>(`/api/v1/images/${encodeURIComponent(id)}`, { method: "PATCH", json: { collectionId } }),
  );
  const moved = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
  const failed = results.flatMap((r, i) => (r.status === "rejected" ? [{ id: ids[i], error: r.reason as Error }] : []));
  return { moved, failed };
}

/** The most images one bulk action by filter takes (the server's maxFilterImages). */
export const maxFilterImages = 5000;

/**
 * What a bulk action takes: listed ids, or every image matching the gallery's filters (the list's query, without
 * paging) minus the ids unticked.
 */
export type BulkTarget = { ids: string[] } | { filter: ImageQuery; except: string[] };

/** The API's `{filter, except}` of a list query: the filters only. */
function filterBody(query: ImageQuery) {
  const { q, kind, provider, collectionId, favorite, from, to } = query;
  return Object.fromEntries(Object.entries({ q, kind, provider, collectionId, favorite, from, to }).filter(([, v]) => v !== undefined && v !== ""));
}

const targetBody = (target: BulkTarget) => ("ids" in target ? { ids: target.ids } : { filter: filterBody(target.filter), except: target.except });

/**
 * Moves images to the trash (`purge`: deletes them for good), 500 ids per request or one request by filter;
 * answers the ids deleted and those the server did not know.
 */
export async function bulkDelete(target: string[] | BulkTarget, options: { purge?: boolean } = {}): Promise<{ deleted: string[]; notFound: string[] }> {
  const deleted: string[] = [];
  const notFound: string[] = [];
  const parts = Array.isArray(target) ? chunks(target, maxBulkIds).map((ids) => ({ ids })) : "ids" in target ? chunks(target.ids, maxBulkIds).map((ids) => ({ ids })) : [target];
  for (const part of parts) {
    const answer = await apiFetch<{ deleted: string[]; notFound: string[] }>("/api/v1/images/bulk-delete", {
      method: "POST",
      json: { ...targetBody(part), ...(options.purge ? { purge: true } : {}) },
    });
    deleted.push(...answer.deleted);
    notFound.push(...answer.notFound);
  }
  return { deleted, notFound };
}

/** Takes images out of the trash, 500 per request; answers the ids restored. */
export async function bulkRestore(ids: string[]): Promise<{ restored: string[]; notFound: string[] }> {
  const restored: string[] = [];
  const notFound: string[] = [];
  for (const part of chunks(ids, maxBulkIds)) {
    const answer = await apiFetch<{ restored: string[]; notFound: string[] }>("/api/v1/images/bulk-restore", { method: "POST", json: { ids: part } });
    restored.push(...answer.restored);
    notFound.push(...answer.notFound);
  }
  return { restored, notFound };
}

/** How many images the filters match in all (the list's `total`). */
export const countMatching = async (query: ImageQuery, signal?: AbortSignal) =>
  (await apiFetch<GalleryPage & { total: number }>(`${imagesUrl({ ...query, limit: 1, cursor: null })}&total=true`, { signal })).total;

/** An image in the trash: when it went there and when it goes for good. */
export interface TrashedImage extends GalleryImage {
  deletedAt: string;
  purgeAt: string;
}

/** A page of the trash, newest deleted first. */
export const fetchTrashPage = (cursor: string | null, signal?: AbortSignal) =>
  apiFetch<{ items: TrashedImage[]; nextCursor: string | null }>(`/api/v1/images?trash=true&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, { signal });

/** Empties the trash; answers how many images were deleted for good. */
export const emptyTrash = () => apiFetch<{ purged: number }>("/api/v1/trash", { method: "DELETE" });

/** The file name of a `Content-Disposition: attachment; filename="…"` header. */
function attachmentName(header: string | null, fallback: string): string {
  const match = header?.match(/filename\*=UTF-8''([^;]+)|filename="([^"]+)"/i);
  if (!match) return fallback;
  try {
    return decodeURIComponent(match[1] ?? match[2]);
  } catch {
    return match[2] ?? fallback;
  }
}

/**
 * Asks for a zip of the images (`POST /api/v1/images/download`) and reads it, reporting the bytes received; the
 * API's error (e.g. which ids were not found) is thrown as an ApiError before any byte is kept.
 */
export async function downloadZip(
  ids: string[] | BulkTarget,
  options: { onProgress?: (bytes: number) => void; signal?: AbortSignal } = {},
): Promise<{ blob: Blob; fileName: string }> {
  let response: Response;
  try {
    response = await fetch("/api/v1/images/download", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/zip, application/json" },
      body: JSON.stringify(Array.isArray(ids) ? { ids } : targetBody(ids)),
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw networkError();
  }
  if (!response.ok) throw errorFromBody(response.status, await response.text(), parseRetryAfter(response.headers.get("retry-after")));
  const fileName = attachmentName(response.headers.get("content-disposition"), "images.zip");
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value as Uint8Array<ArrayBuffer>);
    received += value.byteLength;
    options.onProgress?.(received);
  }
  return { blob: new Blob(parts, { type: "application/zip" }), fileName };
}

/** Hands a blob to the browser as a download. */
export function saveBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.rel = "noopener";
  document.body.append(link);
  link.click();
  link.remove();
  // Long enough for the browser to have taken the file.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
