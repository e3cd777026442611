/** The collections' calls: boards an image can be on several of (rename, delete, add and take off images). */
import { apiFetch } from "./client";
import type { Collection } from "./types";

const chunk = <T,>(items: T[], size: number) => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
const path = (id: string) => `/api/v1/collections/${encodeURIComponent(id)}`;

/** Adds images to a collection (500 per request); answers the collection as it is after the last. */
export async function addToCollection(collectionId: string, imageIds: string[]): Promise<Collection | null> {
  let last: Collection | null = null;
  for (const ids of chunk(imageIds, 500)) last = await apiFetch<Collection>(`${path(collectionId)}/images`, { method: "POST", json: { imageIds: ids } });
  return last;
}

/** Takes images off a collection (they stay in the gallery and on their other collections). */
export async function removeFromCollection(collectionId: string, imageIds: string[]): Promise<Collection | null> {
  let last: Collection | null = null;
  for (const ids of chunk(imageIds, 500)) last = await apiFetch<Collection>(`${path(collectionId)}/images`, { method: "DELETE", json: { imageIds: ids } });
  return last;
}

export const renameCollection = (id: string, name: string) => apiFetch<Collection>(path(id), { method: "PATCH", json: { name } });

export const deleteCollection = (id: string) => apiFetch<void>(path(id), { method: "DELETE" });
