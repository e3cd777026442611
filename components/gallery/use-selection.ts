"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { countMatching, type BulkTarget, type ImageQuery } from "@/components/api/gallery";

/**
 * Multi-select over the gallery. Either explicit ids (toggle one, Shift extends from the last one clicked — the
 * anchor — to this one, clear; ids that leave the list leave the selection), or "all matching": every image the
 * current filters match on the server, loaded or not, minus those unticked (Ctrl+A, "Select all"). Bulk actions
 * take `target()`: the ids, or the filter with its exceptions, applied by the server.
 */
export function useSelection(ids: string[], query: ImageQuery) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  /** All matching the filters: the ids unticked since (null: explicit ids). */
  const [except, setExcept] = useState<ReadonlySet<string> | null>(null);
  /** How many images the filters match on the server (null: not known yet). */
  const [total, setTotal] = useState<number | null>(null);
  const [countError, setCountError] = useState<string | null>(null);
  const anchor = useRef<string | null>(null);
  const idsRef = useRef(ids);
  idsRef.current = ids;
  const queryKey = JSON.stringify(query);
  const queryRef = useRef(query);
  queryRef.current = query;
  const all = except !== null;

  // Deleted or filtered-out images cannot stay selected.
  useEffect(() => {
    setSelected((current) => {
      if (!current.size) return current;
      const listed = new Set(ids);
      const kept = [...current].filter((id) => listed.has(id));
      return kept.length === current.size ? current : new Set(kept);
    });
  }, [ids]);

  // "All matching" means what the server counts for these filters: asked when it starts, and again if they change.
  useEffect(() => {
    if (!all) return;
    const controller = new AbortController();
    setTotal(null);
    setCountError(null);
    countMatching(queryRef.current, controller.signal)
      .then(setTotal)
      .catch((error) => !controller.signal.aborted && setCountError((error as Error).message || "The count failed"));
    return () => controller.abort();
  }, [all, queryKey]);

  const toggle = useCallback(
    (id: string) => {
      anchor.current = id;
      const flip = (current: ReadonlySet<string> | null) => {
        const next = new Set(current);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      };
      // In "all matching", ticking off adds to the exceptions.
      if (all) setExcept(flip);
      else setSelected(flip);
    },
    [all],
  );

  /** Selects every id between the anchor and `id` (both included); without an anchor, just `id`. */
  const extendTo = useCallback(
    (id: string) => {
      const list = idsRef.current;
      const from = anchor.current ? list.indexOf(anchor.current) : -1;
      const to = list.indexOf(id);
      if (to < 0) return;
      const [a, b] = from < 0 ? [to, to] : from < to ? [from, to] : [to, from];
      if (from < 0) anchor.current = id;
      const range = list.slice(a, b + 1);
      if (all) setExcept((current) => new Set([...(current ?? [])].filter((x) => !range.includes(x))));
      else setSelected((current) => new Set([...current, ...range]));
    },
    [all],
  );

  /** Every image the filters match on the server, not only those loaded. */
  const selectAll = useCallback(() => {
    setSelected(new Set());
    setExcept(new Set());
  }, []);
  const clear = useCallback(() => {
    anchor.current = null;
    setExcept(null);
    setTotal(null);
    setSelected((current) => (current.size ? new Set() : current));
  }, []);

  /** The loaded ids that are selected, in list order. */
  const list = useMemo(() => ids.filter((id) => (except ? !except.has(id) : selected.has(id))), [ids, selected, except]);
  const shown = useMemo<ReadonlySet<string>>(() => (except ? new Set(list) : selected), [except, list, selected]);
  const size = except ? (total === null ? list.length : Math.max(0, total - except.size)) : selected.size;

  /** What a bulk action applies to: the ids, or the filters minus the exceptions (the server resolves them). */
  const target = useCallback(
    (): BulkTarget => (except ? { filter: queryRef.current, except: [...except] } : { ids: idsRef.current.filter((id) => selected.has(id)) }),
    [except, selected],
  );

  let label = `${size} selected`;
  if (all) {
    if (countError) label = `All matching selected (count failed: ${countError})`;
    else if (total === null) label = "All matching selected…";
    else label = except!.size ? `${size} of ${total} matching selected` : `All ${total} matching selected`;
  }

  return { selected: shown, list, size, all, total, counting: all && total === null && !countError, label, toggle, extendTo, selectAll, clear, target };
}
