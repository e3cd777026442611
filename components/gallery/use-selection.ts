"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";

/**
 * Multi-select over an ordered list of ids: toggle one, Shift extends from the last one clicked (the anchor) to
 * this one, select everything listed, clear. Ids that leave the list leave the selection.
 */
export function useSelection(ids: string[]) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const anchor = useRef<string | null>(null);
  const idsRef = useRef(ids);
  idsRef.current = ids;

  // Deleted or filtered-out images cannot stay selected.
  useEffect(() => {
    setSelected((current) => {
      if (!current.size) return current;
      const listed = new Set(ids);
      const kept = [...current].filter((id) => listed.has(id));
      return kept.length === current.size ? current : new Set(kept);
    });
  }, [ids]);

  const toggle = useCallback((id: string) => {
    anchor.current = id;
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);

  /** Selects every id between the anchor and `id` (both included); without an anchor, just `id`. */
  const extendTo = useCallback((id: string) => {
    const list = idsRef.current;
    const from = anchor.current ? list.indexOf(anchor.current) : -1;
    const to = list.indexOf(id);
    if (to < 0) return;
    if (from < 0) {
      anchor.current = id;
      setSelected((current) => new Set([...current, id]));
      return;
    }
    const [a, b] = from < to ? [from, to] : [to, from];
    setSelected((current) => new Set([...current, ...list.slice(a, b + 1)]));
  }, []);

  const selectAll = useCallback(() => setSelected(new Set(idsRef.current)), []);
  const clear = useCallback(() => {
    anchor.current = null;
    setSelected((current) => (current.size ? new Set() : current));
  }, []);

  const list = useMemo(() => ids.filter((id) => selected.has(id)), [ids, selected]);
  return { selected, list, size: selected.size, toggle, extendTo, selectAll, clear };
}
