"use client";

import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from "react";
import { layoutGallery, type Layout, type LayoutItem } from "./justified-layout";

/**
 * Which tiles of the justified gallery to mount: only the rows near the viewport (plus `overscan` screens above
 * and below). The layout (justified-layout.ts) is computed from the list's measured width; the list keeps its
 * full height and every tile is placed absolutely, so the scrollbar and everything below the grid stay put while
 * tiles come and go. Before the first measurement (the server's HTML, the first client frame) there is no
 * layout: the first `initialCount` tiles are shown in a flowing row layout by CSS alone.
 */
export interface GridWindow {
  /** First and last + 1 index of the tiles to mount (items, then trailing placeholders). */
  start: number;
  end: number;
  /** The list's total height (undefined before the first measurement). */
  height: number | undefined;
  /** The layout, once measured. */
  layout: Layout | null;
}

interface Metrics {
  width: number;
  /** The list's top edge in document coordinates. */
  top: number;
  phone: boolean;
}

const useIsomorphicLayoutEffect = typeof window === "undefined" ? useEffect : useLayoutEffect;

/** Row height and gaps: smaller on a phone (two or three pictures a row), larger on a desktop (five to seven). */
export const layoutSizes = (phone: boolean) =>
  phone ? { targetHeight: 150, gap: 6, groupPadding: 6, groupHeading: 30 } : { targetHeight: 200, gap: 10, groupPadding: 10, groupHeading: 34 };

export function useVirtualGrid(
  listRef: RefObject<HTMLElement | null>,
  items: LayoutItem[],
  options: { initialCount: number; overscan?: number; trailing?: number },
) {
  const { initialCount, overscan = 0.75, trailing = 0 } = options;
  const [metrics, setMetrics] = useState<Metrics | null>(null);
  const [scroll, setScroll] = useState<[number, number] | null>(null);
  const frame = useRef(0);

  const measure = useCallback(() => {
    const list = listRef.current;
    if (!list) return;
    const style = getComputedStyle(list);
    const width = list.clientWidth - (parseFloat(style.paddingLeft) || 0) - (parseFloat(style.paddingRight) || 0);
    if (!(width > 0)) return;
    const top = list.getBoundingClientRect().top + window.scrollY;
    const phone = window.innerWidth < 640;
    setMetrics((m) => (m && Math.abs(m.width - width) < 0.5 && Math.abs(m.top - top) < 0.5 && m.phone === phone ? m : { width, top, phone }));
    const margin = window.innerHeight * overscan;
    const from = Math.round(window.scrollY - top - margin);
    const to = Math.round(window.scrollY - top + window.innerHeight + margin);
    setScroll((s) => (s && s[0] === from && s[1] === to ? s : [from, to]));
  }, [listRef, overscan]);

  // Measured before the browser paints, so the first client frame already shows the laid-out window.
  useIsomorphicLayoutEffect(() => {
    measure();
  }, [measure, items.length]);

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
    // Width changes (a sidebar, a font swap, the scrollbar appearing) lay the rows out again.
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

  const layout = useMemo(
    () => (metrics ? layoutGallery(items, { width: metrics.width, trailing, ...layoutSizes(metrics.phone) }) : null),
    [items, metrics, trailing],
  );

  let window_: GridWindow;
  if (!layout || !scroll) {
    window_ = { start: 0, end: Math.min(items.length + trailing, initialCount + trailing), height: undefined, layout: null };
  } else {
    const [from, to] = scroll;
    // Rows are in order, top to bottom: the first that ends below `from`, the last that starts above `to`.
    let first = layout.rows.findIndex((r) => r.bottom >= from);
    if (first < 0) first = Math.max(0, layout.rows.length - 1);
    let last = first;
    while (last + 1 < layout.rows.length && layout.rows[last + 1].top <= to) last++;
    const rows = layout.rows;
    window_ = rows.length
      ? { start: rows[first].start, end: rows[last].end, height: layout.height, layout }
      : { start: 0, end: 0, height: 0, layout };
  }

  /** Scrolls the page (if needed) so that the tile at `index` is in view. */
  const scrollToIndex = useCallback(
    (index: number) => {
      const box = layout?.boxes[index];
      if (!metrics || !box) return;
      const top = metrics.top + box.y;
      const bottom = top + box.height;
      // Room for the sticky top bar.
      const header = 72;
      if (top < window.scrollY + header) window.scrollTo({ top: top - header });
      else if (bottom > window.scrollY + window.innerHeight) window.scrollTo({ top: bottom - window.innerHeight + 16 });
    },
    [layout, metrics],
  );

  return { ...window_, scrollToIndex, remeasure: measure };
}
