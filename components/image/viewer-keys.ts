"use client";

import { useEffect, useRef, useState } from "react";

export interface ViewerKeyHandlers {
  zoomIn: () => void;
  zoomOut: () => void;
  fit: () => void;
  /** Pans when zoomed (true), else false: the arrow then steps through the gallery. */
  pan: (dx: number, dy: number) => boolean;
  previous: () => void;
  next: () => void;
  /** Esc: close the edit mode first, else back to the gallery (not while `pageHeld()`). */
  escape: () => void;
  toggleEdit: () => void;
  favorite: () => void;
  rate: (stars: number) => void;
}

/** Keys typed into a field, a tab list, a slider, the crop box or the mask brush belong to them. */
function ownsKeys(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    Boolean(
      target.closest(
        "input, textarea, select, [contenteditable=''], [contenteditable='true'], [role='tab'], [role='slider'], [role='listbox'], [role='menu'], [data-own-keys], dialog[open]",
      ),
    )
  );
}

/**
 * A part of the page holds it (`data-holds-page`: a tool's job runs there, followed by this page): Esc and ← → do
 * not leave for the gallery or another image meanwhile.
 */
export const pageHeld = (): boolean => typeof document !== "undefined" && Boolean(document.querySelector("[data-holds-page]"));

/**
 * The viewer's keyboard, on the whole page: + - 0 zoom, arrows pan when zoomed and otherwise ← → step through the
 * gallery, Esc leaves (the edit mode, then the viewer; not while a tool's job holds the page), E edits, F stars, 1–5 rate. Keys another element has
 * handled (default prevented) or that belong to a field are left alone, as are any with Ctrl, ⌘ or Alt. Returns
 * whether the keys are listened to yet (the page is hydrated): the viewer says so (`data-keys="ready"`).
 */
export function useViewerKeys(handlers: ViewerKeyHandlers): boolean {
  const [ready, setReady] = useState(false);
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || ownsKeys(e.target)) return;
      if (document.querySelector("dialog[open]")) return;
      const h = latest.current;
      const arrows: Record<string, [number, number]> = { ArrowLeft: [1, 0], ArrowRight: [-1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
      let handled = true;
      if (e.key in arrows) {
        const [dx, dy] = arrows[e.key];
        if (!h.pan(dx, dy)) {
          if (pageHeld()) handled = false;
          else if (e.key === "ArrowLeft") h.previous();
          else if (e.key === "ArrowRight") h.next();
          else handled = false;
        }
      } else if (e.key === "+" || e.key === "=") h.zoomIn();
      else if (e.key === "-" || e.key === "_") h.zoomOut();
      else if (e.key === "0") h.fit();
      else if (e.key === "Escape") h.escape();
      else if (e.key === "e" || e.key === "E") h.toggleEdit();
      else if (e.key === "f" || e.key === "F") h.favorite();
      else if (/^[1-5]$/.test(e.key)) h.rate(Number(e.key));
      else handled = false;
      if (handled) e.preventDefault();
    };
    document.addEventListener("keydown", onKey);
    setReady(true);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
  return ready;
}
