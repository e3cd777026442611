/**
 * The gallery the viewer was opened from: its filters, the images it had loaded (in its order), where the next
 * page starts and how far it was scrolled. Recorded in sessionStorage when a tile is opened, so that ← and → on
 * the image page walk the same order (asking for further pages with the same filters at the end of the known
 * list), and Esc brings back the gallery as it was: the same pages loaded, the same scroll position.
 */
import type { GalleryImage } from "@/components/api/gallery";
import { toSearchParams, type GalleryFilters } from "./gallery-filters";

export interface GalleryOrder {
  filters: GalleryFilters;
  /** The listed images, in the gallery's order (what the gallery had loaded, plus pages the viewer fetched). */
  items: GalleryImage[];
  nextCursor: string | null;
  /** The window's scroll position when the tile was opened. */
  scrollY: number;
  /** Set when the viewer goes back to the gallery: the gallery then restores `items` and `scrollY` once. */
  returning?: boolean;
}

const key = "image-studio:gallery-order";
/** More than this many images are not kept (a few hundred kilobytes at most). */
export const maxKept = 1000;

type Store = Pick<Storage, "getItem" | "setItem" | "removeItem">;
const session = (): Store | null => {
  try {
    return typeof window === "undefined" ? null : window.sessionStorage;
  } catch {
    return null;
  }
};

export function readOrder(store: Store | null = session()): GalleryOrder | null {
  try {
    const text = store?.getItem(key);
    if (!text) return null;
    const order = JSON.parse(text) as GalleryOrder;
    return Array.isArray(order.items) && order.filters ? order : null;
  } catch {
    return null;
  }
}

export function saveOrder(order: GalleryOrder, store: Store | null = session()) {
  try {
    const items = order.items.slice(0, maxKept);
    // Cut short, the list has no next page we could name: the viewer stops at its end.
    store?.setItem(key, JSON.stringify({ ...order, items, nextCursor: items.length < order.items.length ? null : order.nextCursor }));
  } catch {
    // A full or unavailable storage: the viewer simply has no order to walk.
  }
}

/** The image before and after `id` in the order (null at either end, or when it is not in it). */
export function neighbours(order: Pick<GalleryOrder, "items"> | null, id: string): { index: number; previous: string | null; next: string | null } {
  const index = order ? order.items.findIndex((i) => i.id === id) : -1;
  if (!order || index < 0) return { index: -1, previous: null, next: null };
  return { index, previous: order.items[index - 1]?.id ?? null, next: order.items[index + 1]?.id ?? null };
}

/** Adds a further page to the order, each image once. */
export function appendPage(order: GalleryOrder, page: { items: GalleryImage[]; nextCursor: string | null }): GalleryOrder {
  const known = new Set(order.items.map((i) => i.id));
  return { ...order, items: [...order.items, ...page.items.filter((i) => !known.has(i.id))], nextCursor: page.nextCursor };
}

/** Changes one listed image (its star after a toggle on the image page), so the gallery shows it on return. */
export function updateItem(order: GalleryOrder, id: string, change: Partial<GalleryImage>): GalleryOrder {
  return { ...order, items: order.items.map((i) => (i.id === id ? { ...i, ...change } : i)) };
}

/** The gallery's address for these filters. */
export function galleryHref(filters: GalleryFilters | null | undefined): string {
  const query = filters ? toSearchParams(filters).toString() : "";
  return query ? `/?${query}` : "/";
}

/**
 * The order to restore when the gallery comes back with these filters (once: the mark is cleared), or null.
 * Filters compared as the address shows them.
 */
export function takeReturn(filters: GalleryFilters, store: Store | null = session()): GalleryOrder | null {
  const order = readOrder(store);
  if (!order?.returning) return null;
  saveOrder({ ...order, returning: false }, store);
  return toSearchParams(order.filters).toString() === toSearchParams(filters).toString() ? order : null;
}
