"use client";

import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from "react";

/**
 * Which cells of a grid of equal, fixed-aspect cells to mount: only the rows near the viewport (plus `overscan`
 * screens above and below). The grid's columns and gaps come from its CSS (so the server-rendered page and the
 * first client render agree); this hook reads them, and turns the page's scroll position into a window of rows.
 * The list keeps its full height (rows above the window become padding), so the scrollbar and everything below
 * the grid stay put while cells come and go. `trailing(columns)` extra cells (placeholders for a page on its way)
 * follow the `count` real ones.
 */
export interface GridWindow {
  /** First and last + 1 index of the cells to mount. */
  start: number;
  end: number;
  /** Space above the first mounted row, and the list's total height (undefined before the first measurement). */
  padTop: number;
  height: number | undefined;
  /** Columns of the grid as laid out (1 before the first measurement). */
  columns: number;
  /** Height of a row plus the gap under it, in CSS pixels (0 before the first measurement). */
  stride: number;
}

interface Metrics {
  columns: number;
  stride: number;
  rowGap: number;
  /** The list's top edge in document coordinates. */
  top: number;
}

const useIsomorphicLayoutEffect = typeof window === "undefined" ? useEffect : useLayoutEffect;

export function useVirtualGrid(
  listRef: RefObject<HTMLElement | null>,
  count: number,
  options: { initialCount: number; overscan?: number; aspectRatio?: number; trailing?: (columns: number) => number },
) {
  const { initialCount, overscan = 0.75, aspectRatio = 1, trailing } = options;
  const [metrics, setMetrics] = useState<Metrics | null>(null);
  const [rows, setRows] = useState<[number, number] | null>(null);
  const frame = useRef(0);

  const measure = useCallback(() => {
    const list = listRef.current;
    if (!list) return;
    const style = getComputedStyle(list);
    const columns = Math.max(1, style.gridTemplateColumns.split(" ").filter(Boolean).length);
    const columnGap = parseFloat(style.columnGap) || 0;
    const rowGap = parseFloat(style.rowGap) || 0;
    const width = list.clientWidth - (parseFloat(style.paddingLeft) || 0) - (parseFloat(style.paddingRight) || 0);
    const cell = (width - columnGap * (columns - 1)) / columns;
    const stride = cell / aspectRatio + rowGap;
    const top = list.getBoundingClientRect().top + window.scrollY;
    if (!(stride > 0)) return;
    setMetrics((m) => (m && m.columns === columns && Math.abs(m.stride - stride) < 0.01 && Math.abs(m.top - top) < 0.5 && m.rowGap === rowGap ? m : { columns, stride, rowGap, top }));
    const viewport = window.innerHeight;
    const margin = viewport * overscan;
    const visibleTop = window.scrollY - top - margin;
    const visibleBottom = window.scrollY - top + viewport + margin;
    const first = Math.max(0, Math.floor(visibleTop / stride));
    const last = Math.max(first, Math.floor(visibleBottom / stride));
    setRows((r) => (r && r[0] === first && r[1] === last ? r : [first, last]));
  }, [listRef, overscan, aspectRatio]);

  // Measured before the browser paints, so the first client frame already shows the right window.
  useIsomorphicLayoutEffect(() => {
    measure();
  }, [measure, count]);

  useEffect(() => {
    const schedule = () => {
      if (frame.current) return;
      frame.current = requestAnimationFrame(() => {
        frame.current = 0;
        measure();
      });
    };
    window.addEventListener("scroll", schedule, { passive: true });
    window.addEventListener("resize", schedule);
    // Width changes (a sidebar, a font swap, the scrollbar appearing) re-lay the columns out.
    const observer = new ResizeObserver(schedule);
    if (listRef.current) observer.observe(listRef.current);
    if (listRef.current?.parentElement) observer.observe(listRef.current.parentElement);
    return () => {
      window.removeEventListener("scroll", schedule);
      window.removeEventListener("resize", schedule);
      observer.disconnect();
      cancelAnimationFrame(frame.current);
      frame.current = 0;
    };
  }, [listRef, measure]);

  let window_: GridWindow;
  if (!metrics || !rows) {
    const total = count + (trailing?.(0) ?? 0);
    window_ = { start: 0, end: Math.min(total, initialCount + (trailing?.(0) ?? 0)), padTop: 0, height: undefined, columns: 1, stride: 0 };
  } else {
    const total = count + (trailing?.(metrics.columns) ?? 0);
    const totalRows = Math.ceil(total / metrics.columns);
    const first = Math.min(rows[0], Math.max(0, totalRows - 1));
    const last = Math.min(rows[1], totalRows - 1);
    window_ = {
      start: first * metrics.columns,
      end: Math.min(total, (last + 1) * metrics.columns),
      padTop: first * metrics.stride,
      height: totalRows ? totalRows * metrics.stride - metrics.rowGap : 0,
      columns: metrics.columns,
      stride: metrics.stride,
    };
  }

  /** Scrolls the page (if needed) so that the cell at `index` is in view. */
  const scrollToIndex = useCallback(
    (index: number) => {
      if (!metrics) return;
      const rowTop = metrics.top + Math.floor(index / metrics.columns) * metrics.stride;
      const rowBottom = rowTop + metrics.stride - metrics.rowGap;
      // Room for the sticky top bar.
      const header = 72;
      if (rowTop < window.scrollY + header) window.scrollTo({ top: rowTop - header });
      else if (rowBottom > window.scrollY + window.innerHeight) window.scrollTo({ top: rowBottom - window.innerHeight + 16 });
    },
    [metrics],
  );

  return { ...window_, scrollToIndex, remeasure: measure };
}
