"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { messageOf } from "@/components/api/client";
import { fetchImagePage, type GalleryImage, type GalleryPage } from "@/components/api/gallery";
import { pageSize, toImageQuery, type GalleryFilters } from "@/components/viewer/gallery-filters";

export { pageSize };

interface ListState {
  items: GalleryImage[];
  nextCursor: string | null;
  status: "loading" | "ready" | "loading-more" | "error";
  error: string | null;
}

/**
 * The gallery's pages for the current filters: the first page on every change (or the one the server rendered
 * with the page), then more on demand through `nextCursor`.
 */
export function useImageList(filters: GalleryFilters, initial: GalleryPage | null = null) {
  const [state, setState] = useState<ListState>(() =>
    initial
      ? { items: initial.items, nextCursor: initial.nextCursor, status: "ready", error: null }
      : { items: [], nextCursor: null, status: "loading", error: null },
  );
  const [reloads, setReloads] = useState(0);
  const generation = useRef(0);
  const filtersRef = useRef(filters);
  filtersRef.current = filters;
  // The server's page stands for the first filters it was rendered with; any change or retry asks again.
  const serverPage = useRef(initial ? filters : null);

  useEffect(() => {
    const run = ++generation.current;
    if (serverPage.current === filters && reloads === 0) return;
    serverPage.current = null;
    const controller = new AbortController();
    setState((s) => ({ ...s, status: "loading", error: null }));
    fetchImagePage({ ...toImageQuery(filters), limit: pageSize }, controller.signal)
      .then((page) => {
        if (run === generation.current) setState({ items: page.items, nextCursor: page.nextCursor, status: "ready", error: null });
      })
      .catch((error) => {
        if (run === generation.current && !controller.signal.aborted) {
          setState((s) => ({ ...s, items: [], status: "error", error: messageOf(error) }));
        }
      });
    return () => controller.abort();
  }, [filters, reloads]);

  const stateRef = useRef(state);
  stateRef.current = state;
  const loadMore = useCallback(() => {
    const current = stateRef.current;
    if (!current.nextCursor || current.status !== "ready") return;
    const run = generation.current;
    stateRef.current = { ...current, status: "loading-more" };
    setState((s) => ({ ...s, status: "loading-more" }));
    fetchImagePage({ ...toImageQuery(filtersRef.current), limit: pageSize, cursor: current.nextCursor })
      .then((page) => {
        if (run !== generation.current) return;
        setState((s) => {
          const known = new Set(s.items.map((i) => i.id));
          return { items: [...s.items, ...page.items.filter((i) => !known.has(i.id))], nextCursor: page.nextCursor, status: "ready", error: null };
        });
      })
      .catch((error) => {
        if (run === generation.current) setState((s) => ({ ...s, status: "ready", error: messageOf(error) }));
      });
  }, []);

  /** Puts new images first (newest first), each once: one already listed is not added again. */
  const prepend = useCallback((added: GalleryImage | GalleryImage[]) => {
    setState((s) => {
      const known = new Set(s.items.map((i) => i.id));
      const fresh = (Array.isArray(added) ? added : [added]).filter((i) => !known.has(i.id) && known.add(i.id));
      if (!fresh.length) return s;
      fresh.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      return { ...s, items: [...fresh, ...s.items] };
    });
  }, []);

  /** Changes listed images in place (a star, a collection). */
  const update = useCallback((ids: Iterable<string>, change: Partial<GalleryImage> | ((image: GalleryImage) => GalleryImage)) => {
    const wanted = new Set(ids);
    setState((s) => ({
      ...s,
      items: s.items.map((i) => (wanted.has(i.id) ? (typeof change === "function" ? change(i) : { ...i, ...change }) : i)),
    }));
  }, []);

  /** Takes images out of the list (deleted, or moved out of the collection shown). */
  const remove = useCallback((ids: Iterable<string>) => {
    const gone = new Set(ids);
    setState((s) => ({ ...s, items: s.items.filter((i) => !gone.has(i.id)) }));
  }, []);

  const retry = useCallback(() => setReloads((n) => n + 1), []);

  /** Puts back pages listed before (coming back from the viewer): a first page still on its way is dropped. */
  const restore = useCallback((page: GalleryPage) => {
    generation.current++;
    setState({ items: page.items, nextCursor: page.nextCursor, status: "ready", error: null });
  }, []);

  return { ...state, loadMore, prepend, update, remove, retry, restore };
}
