import type { ImageQuery } from "@/components/api/gallery";
import type { ImageKind, StudioImage } from "@/components/api/types";

/** What the gallery shows; kept in the address bar so a view can be bookmarked and shared. */
export interface GalleryFilters {
  q: string;
  kind: ImageKind | "";
  collectionId: string;
  /** A provider id ("local", "openai", …), or "" for all. */
  provider: string;
  /** Only starred images. */
  favorites: boolean;
  /** Local calendar days, YYYY-MM-DD, both inclusive ("" = open). */
  from: string;
  to: string;
}

/** Images per request: a few screens of thumbnails (2 to 6 columns divide it evenly). */
export const pageSize = 48;

/**
 * Images the server renders with the page: the first screen or two (4 rows of 6, 12 of 2); the next page comes
 * with endless scrolling. Smaller than a page, so the HTML stays light and the first thumbnails are not queued
 * behind others.
 */
export const firstPageSize = 24;

export const noFilters: GalleryFilters = { q: "", kind: "", collectionId: "", provider: "", favorites: false, from: "", to: "" };

export const kindOptions: { value: GalleryFilters["kind"]; label: string }[] = [
  { value: "", label: "All kinds" },
  { value: "uploaded", label: "Uploaded" },
  { value: "processed", label: "Processed" },
  { value: "generated", label: "Generated" },
];

const kinds = new Set(["uploaded", "processed", "generated"]);
const day = /^\d{4}-\d{2}-\d{2}$/;
const validDay = (text: string) => (day.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) ? text : "");

/** The filters of a page address (`?q=&kind=&provider=&collection=&favorites=1&from=&to=`), anything odd dropped. */
export function filtersFromParams(get: (key: string) => string): GalleryFilters {
  const kind = get("kind");
  let from = validDay(get("from"));
  let to = validDay(get("to"));
  // A range given backwards is read the right way round.
  if (from && to && to < from) [from, to] = [to, from];
  return {
    q: get("q").slice(0, 200),
    kind: kinds.has(kind) ? (kind as ImageKind) : "",
    collectionId: get("collection").slice(0, 100),
    provider: get("provider").replace(/[^\w.-]/g, "").slice(0, 100),
    favorites: get("favorites") === "1" || get("favorites") === "true",
    from,
    to,
  };
}

export function toSearchParams(filters: GalleryFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q) params.set("q", filters.q);
  if (filters.kind) params.set("kind", filters.kind);
  if (filters.provider) params.set("provider", filters.provider);
  if (filters.collectionId) params.set("collection", filters.collectionId);
  if (filters.favorites) params.set("favorites", "1");
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  return params;
}

/** A local calendar day's first instant (or the next day's, `after`), as the API's ISO date-time. */
function localDayStart(text: string, after = false): string {
  const [y, m, d] = text.split("-").map(Number);
  return new Date(y, m - 1, d + (after ? 1 : 0)).toISOString();
}

/** The API query of these filters: calendar days are the browser's own, sent as instants. */
export function toImageQuery(filters: GalleryFilters): ImageQuery {
  return {
    q: filters.q || undefined,
    kind: filters.kind || undefined,
    provider: filters.provider || undefined,
    collectionId: filters.collectionId || undefined,
    favorite: filters.favorites || undefined,
    from: filters.from ? localDayStart(filters.from) : undefined,
    // `to` is inclusive: up to the last millisecond of that day.
    to: filters.to ? new Date(Date.parse(localDayStart(filters.to, true)) - 1).toISOString() : undefined,
  };
}

export const sameFilters = (a: GalleryFilters, b: GalleryFilters) =>
  a.q === b.q && a.kind === b.kind && a.collectionId === b.collectionId && a.provider === b.provider && a.favorites === b.favorites && a.from === b.from && a.to === b.to;

/** Filters other than the collection (the collection is where you are, not a narrowing of it). */
export const isFiltered = (f: GalleryFilters) => Boolean(f.q || f.kind || f.provider || f.favorites || f.from || f.to);

/** Removes every narrowing filter, staying in the collection. */
export const clearedFilters = (f: GalleryFilters): GalleryFilters => ({ ...noFilters, collectionId: f.collectionId });

/** The active filters in words, for the "no matches" state and screen readers. */
export function describeFilters(f: GalleryFilters, providerName: (id: string) => string): string[] {
  const parts: string[] = [];
  if (f.q) parts.push(`“${f.q}”`);
  if (f.kind) parts.push(kindOptions.find((k) => k.value === f.kind)?.label.toLowerCase() ?? f.kind);
  if (f.provider) parts.push(`by ${providerName(f.provider)}`);
  if (f.favorites) parts.push("favourites");
  if (f.from && f.to) parts.push(f.from === f.to ? `on ${f.from}` : `${f.from} – ${f.to}`);
  else if (f.from) parts.push(`since ${f.from}`);
  else if (f.to) parts.push(`until ${f.to}`);
  return parts;
}

const localDay = (iso: string) => {
  const at = new Date(iso);
  return `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, "0")}-${String(at.getDate()).padStart(2, "0")}`;
};

/** Whether a freshly made image belongs in the list as currently filtered (a search needs the server). */
export function showsUpload(f: GalleryFilters, image: StudioImage & { favorite?: boolean }): boolean {
  if (f.q || (f.favorites && !image.favorite)) return false;
  if (f.kind && f.kind !== image.kind) return false;
  if (f.provider && f.provider !== image.provider) return false;
  if (f.collectionId && f.collectionId !== image.collectionId) return false;
  const made = localDay(image.createdAt);
  return !(f.from && made < f.from) && !(f.to && made > f.to);
}
