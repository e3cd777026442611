"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { fetchImagePage, type GalleryImage } from "@/components/api/gallery";
import { pageSize, toImageQuery } from "./gallery-filters";
import { appendPage, galleryHref, neighbours, readOrder, saveOrder, updateItem, type GalleryOrder } from "./gallery-order";

export interface GalleryNav {
  /** Where the image sits in the gallery's order ("3 of 48", "3 of 48+" while more can load), or null. */
  position: { index: number; count: number; more: boolean } | null;
  previous: string | null;
  next: string | null;
  /** A next image exists: known, or on the gallery's next page. */
  hasNext: boolean;
  /** True while the next page of the gallery is being asked for. */
  loading: boolean;
  goPrevious: () => void;
  goNext: () => void;
  /** Back to the gallery as it was (its filters, pages and scroll position). */
  back: () => void;
  backHref: string;
  /** Keeps the gallery's copy of this image up to date (its star, its rating). */
  remember: (change: Partial<GalleryImage>) => void;
}

/**
 * ← and → through the gallery the image was opened from (components/viewer/gallery-order.ts): the images it had
 * loaded, then further pages with the same filters. Stepping replaces the history entry, so the browser's Back
 * still leaves the viewer; Esc (back) returns to the gallery and asks it to restore itself.
 */
export function useGalleryNav(imageId: string): GalleryNav {
  const router = useRouter();
  const [order, setOrder] = useState<GalleryOrder | null>(null);
  const [loading, setLoading] = useState(false);
  const fetching = useRef<Promise<string | null> | null>(null);

  // sessionStorage is the browser's: read after hydration.
  useEffect(() => setOrder(readOrder()), []);

  const { index, previous, next } = neighbours(order, imageId);
  const atEnd = Boolean(order && index >= 0 && !next && order.nextCursor);

  /** The next page (one request at a time: a second call waits for the first); answers the image after this one. */
  const loadMore = useCallback((): Promise<string | null> => {
    if (fetching.current) return fetching.current;
    const current = readOrder();
    if (!current?.nextCursor) return Promise.resolve(null);
    setLoading(true);
    fetching.current = fetchImagePage({ ...toImageQuery(current.filters), limit: pageSize, cursor: current.nextCursor })
      .then((page) => {
        const grown = appendPage(current, page);
        saveOrder(grown);
        setOrder(grown);
        return neighbours(grown, imageId).next;
      })
      .catch(() => null)
      .finally(() => {
        fetching.current = null;
        setLoading(false);
      });
    return fetching.current;
  }, [imageId]);

  // Near the end of what is known, the next page is asked for ahead of time.
  useEffect(() => {
    if (order && index >= 0 && order.nextCursor && order.items.length - index <= 3) void loadMore();
  }, [order, index, loadMore]);

  const go = useCallback((id: string | null) => id && router.replace(`/images/${encodeURIComponent(id)}`), [router]);
  // From the stored order, not this render's: a page that has just arrived may not be rendered yet.
  const goNext = useCallback(() => {
    const current = readOrder();
    const known = neighbours(current, imageId);
    if (known.next) go(known.next);
    else if (known.index >= 0 && current?.nextCursor) void loadMore().then(go);
  }, [go, imageId, loadMore]);
  const goPrevious = useCallback(() => go(neighbours(readOrder(), imageId).previous), [go, imageId]);

  const backHref = galleryHref(order?.filters);
  const back = useCallback(() => {
    const current = readOrder();
    if (current) saveOrder({ ...current, returning: true });
    router.push(galleryHref(current?.filters));
  }, [router]);

  const remember = useCallback(
    (change: Partial<GalleryImage>) => {
      const current = readOrder();
      if (current) saveOrder(updateItem(current, imageId, change));
    },
    [imageId],
  );

  return {
    position: order && index >= 0 ? { index, count: order.items.length, more: Boolean(order.nextCursor) } : null,
    previous,
    next,
    hasNext: Boolean(next) || atEnd,
    loading,
    goPrevious,
    goNext,
    back,
    backHref,
    remember,
  };
}
