"use client";

import { useEffect, useRef } from "react";
import type { GalleryImage } from "@/components/api/gallery";
import { GalleryTile, type TileActions } from "./gallery-tile";
import { useVirtualGrid } from "./use-virtual-grid";

/**
 * The grid's columns: 2 on a phone up to 6 on a wide screen, equal square cells. Shared by the image list, the
 * generations in flight and the skeleton, so all three line up.
 */
export const gridColumns = "grid grid-cols-2 gap-1.5 sm:grid-cols-3 sm:gap-2.5 md:grid-cols-4 lg:grid-cols-5 xl:grid-cols-6";

interface Props {
  images: GalleryImage[];
  /** More pages exist (the list's size is not known yet). */
  hasMore: boolean;
  busy?: boolean;
  /** Generations in flight: their tiles come first, in their own rows. */
  leading?: React.ReactNode;
  selected: ReadonlySet<string>;
  actions: TileActions;
  /** How many cells the server rendered (mounted as they are until the first measurement). */
  initialCount: number;
}

const arrowKeys = new Set(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End"]);

/** The virtualised grid: only the rows near the viewport are mounted; the rest is height, so nothing shifts. */
export function GalleryGrid({ images, hasMore, busy, leading, selected, actions, initialCount }: Props) {
  const list = useRef<HTMLUListElement>(null);
  // While more pages exist, two rows of placeholders hold the next page's place: when it arrives its tiles take
  // theirs, and nothing under the grid moves.
  const grid = useVirtualGrid(list, images.length, { initialCount, trailing: (columns) => (hasMore ? (columns > 1 ? columns * 2 : 12) : 0) });
  const pendingFocus = useRef<number | null>(null);

  // Focus that was asked for a cell not mounted yet lands once its row is.
  useEffect(() => {
    if (pendingFocus.current === null) return;
    const cell = list.current?.querySelector<HTMLElement>(`li[data-index="${pendingFocus.current}"] a`);
    if (cell) {
      cell.focus({ preventScroll: true });
      pendingFocus.current = null;
    }
  });

  const onKeyDown = (e: React.KeyboardEvent<HTMLUListElement>) => {
    if (!arrowKeys.has(e.key) || e.altKey || e.ctrlKey || e.metaKey) return;
    const from = (e.target as HTMLElement).closest("li")?.dataset.index;
    if (from === undefined || !(e.target as HTMLElement).matches("a")) return;
    const at = Number(from);
    const step = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -grid.columns, ArrowDown: grid.columns, Home: -at, End: images.length - 1 - at }[e.key] ?? 0;
    const to = Math.min(images.length - 1, Math.max(0, at + step));
    e.preventDefault();
    if (to === at) return;
    pendingFocus.current = to;
    grid.scrollToIndex(to);
    const cell = list.current?.querySelector<HTMLElement>(`li[data-index="${to}"] a`);
    if (cell) {
      cell.focus({ preventScroll: true });
      pendingFocus.current = null;
    }
  };

  const selecting = selected.size > 0;
  const cells = [];
  for (let i = grid.start; i < grid.end; i++) {
    const image = images[i];
    if (!image) {
      cells.push(<li key={`pending-${i}`} aria-hidden="true" data-pending="" className="skeleton aspect-square rounded-lg" />);
      continue;
    }
    cells.push(
      <GalleryTile
        key={image.id}
        image={image}
        index={i}
        setSize={hasMore ? -1 : images.length}
        selected={selected.has(image.id)}
        selecting={selecting}
        eager={i < 12}
        actions={actions}
      />,
    );
  }

  return (
    <div data-testid="gallery-grid" aria-busy={busy || undefined} className={`flex flex-col gap-1.5 transition-opacity sm:gap-2.5 ${busy ? "opacity-60" : ""}`}>
      {leading && (
        <ul aria-label="Generations in progress" className={`${gridColumns} [--row-height:110px] sm:[--row-height:190px] [&>li]:has-[[role=alert]]:col-span-2`}>
          {leading}
        </ul>
      )}
      <ul
        ref={list}
        aria-label="Images"
        data-testid="gallery-list"
        data-rendered={grid.end - grid.start}
        onKeyDown={onKeyDown}
        className={`${gridColumns} content-start [overflow-anchor:none]`}
        style={{ paddingTop: grid.padTop || undefined, height: grid.height }}
      >
        {cells}
      </ul>
    </div>
  );
}

export function GallerySkeleton() {
  return (
    <ul className={gridColumns} aria-label="Loading images" aria-busy="true">
      {Array.from({ length: 12 }, (_, i) => (
        <li key={i} className="skeleton aspect-square rounded-lg" />
      ))}
    </ul>
  );
}
