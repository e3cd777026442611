"use client";

import { useEffect, useRef } from "react";
import type { GalleryImage, GalleryPage } from "@/components/api/gallery";
import type { GalleryFilters } from "./gallery-filters";
import { saveOrder, takeReturn } from "./gallery-order";

interface ListLike {
  items: GalleryImage[];
  nextCursor: string | null;
  /** Replaces the listed pages (the ones the gallery had before the viewer was opened). */
  restore: (page: GalleryPage) => void;
}

/**
 * The gallery's side of the viewer's order: opening a tile records the order (filters, loaded images, cursor,
 * scroll position); coming back from the viewer (Esc, its back button) restores the pages and the scroll once.
 */
export function useGalleryOrder(filters: GalleryFilters, list: ListLike) {
  const latest = useRef({ filters, list });
  latest.current = { filters, list };

  // A click (or Enter) on a tile's link, seen before the link's own handler navigates.
  useEffect(() => {
    const onClick = (e: MouseEvent) => {
      const tile = e.target instanceof Element ? e.target.closest("a[data-testid='gallery-item']") : null;
      if (!tile) return;
      const { filters: f, list: l } = latest.current;
      saveOrder({ filters: f, items: l.items, nextCursor: l.nextCursor, scrollY: window.scrollY });
    };
    document.addEventListener("click", onClick, true);
    return () => document.removeEventListener("click", onClick, true);
  }, []);

  // Back from the viewer: the same pages, then the same scroll position once they are laid out (once per mount).
  const restored = useRef(false);
  useEffect(() => {
    if (restored.current) return;
    restored.current = true;
    const back = takeReturn(latest.current.filters);
    if (!back) return;
    latest.current.list.restore({ items: back.items, nextCursor: back.nextCursor });
    // The grid lays the pages out over a few frames (measuring its width first): scroll until the page is long
    // enough to hold the position, for at most about a second.
    let frames = 0;
    const step = () => {
      window.scrollTo({ top: back.scrollY, behavior: "instant" });
      if ((Math.abs(window.scrollY - back.scrollY) > 2 || frames < 10) && frames++ < 60) requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  }, []);
}
