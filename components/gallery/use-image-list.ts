"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { apiFetch, messageOf } from "@/components/api/client";
import type { ImagePage, StudioImage } from "@/components/api/types";
import type { GalleryFilters } from "./filters";

const pageSize = 30;

interface ListState {
  items: StudioImage[];
  nextCursor: string | null;
  status: "loading" | "ready" | "loading-more" | "error";
  error: string | null;
}

function pageUrl(filters: GalleryFilters, cursor?: string | null) {
  const params = new URLSearchParams({ limit: String(pageSize) });
  if (filters.q) params.set("q", filters.q);
  if (filters.kind) params.set("kind", filters.kind);
  if (filters.collectionId) params.set("collectionId", filters.collectionId);
  if (cursor) params.set("cursor", cursor);
  return `/api/v1/images?${params}`;
}

/** The gallery's pages for the current filters: the first page on every change, then more on demand. */
export function useImageList(filters: GalleryFilters) {
  const [state, setState] = useState<ListState>({ items: [], nextCursor: null, status: "loading", error: null });
  const [reloads, setReloads] = useState(0);
  const generation = useRef(0);
  const filtersRef = useRef(filters);
  filtersRef.current = filters;

  useEffect(() => {
    const run = ++generation.current;
    const controller = new AbortController();
    setState((s) => ({ ...s, status: "loading", error: null }));
    apiFetch<ImagePage>(pageUrl(filters), { signal: controller.signal })
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

  const loadMore = useCallback(() => {
    const current = state;
    if (!current.nextCursor || current.status !== "ready") return;
    const run = generation.current;
    setState((s) => ({ ...s, status: "loading-more" }));
    apiFetch<ImagePage>(pageUrl(filtersRef.current, current.nextCursor))
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
  }, [state]);

  /** Puts new images first (newest first), each once: one already listed is not added again. */
  const prepend = useCallback((added: StudioImage | StudioImage[]) => {
    setState((s) => {
      const known = new Set(s.items.map((i) => i.id));
      const fresh = (Array.isArray(added) ? added : [added]).filter((i) => !known.has(i.id) && known.add(i.id));
      if (!fresh.length) return s;
      fresh.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      return { ...s, items: [...fresh, ...s.items] };
    });
  }, []);

  const retry = useCallback(() => setReloads((n) => n + 1), []);

  return { ...state, loadMore, prepend, retry };
}
