import type { ImageKind, StudioImage } from "@/components/api/types";

export interface GalleryFilters {
  q: string;
  kind: ImageKind | "";
  collectionId: string;
}

export const kindOptions: { value: GalleryFilters["kind"]; label: string }[] = [
  { value: "", label: "All kinds" },
  { value: "uploaded", label: "Uploaded" },
  { value: "processed", label: "Processed" },
  { value: "generated", label: "Generated" },
];

export function toSearchParams(filters: GalleryFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q) params.set("q", filters.q);
  if (filters.kind) params.set("kind", filters.kind);
  if (filters.collectionId) params.set("collection", filters.collectionId);
  return params;
}

export const isFiltered = (f: GalleryFilters) => Boolean(f.q || f.kind || f.collectionId);

/** Whether a freshly uploaded image belongs in the list as currently filtered (a search needs the server). */
export const showsUpload = (f: GalleryFilters, image: StudioImage) =>
  !f.q && (!f.kind || f.kind === image.kind) && (!f.collectionId || f.collectionId === image.collectionId);
