"use client";

import { useEffect, useMemo, useRef } from "react";
import type { GalleryImage } from "@/components/api/gallery";
import { GalleryTile, type TileActions } from "./gallery-tile";
import { verticalNeighbour, type Group } from "./justified-layout";
import { useVirtualGrid } from "./use-virtual-grid";

/**
 * Columns of equal cells: the generations in flight and the skeleton. The image list itself is laid out in
 * justified rows at each picture's aspect ratio (justified-layout.ts).
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
  /** How many tiles the server rendered (mounted as they are until the first measurement). */
  initialCount: number;
}

const arrowKeys = new Set(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End"]);

/**
 * The virtualised gallery: justified rows, a job's images framed together under its prompt; only the rows near
 * the viewport are mounted, the rest is height, so nothing shifts.
 */
export function GalleryGrid({ images, hasMore, busy, leading, selected, actions, initialCount }: Props) {
  const list = useRef<HTMLUListElement>(null);
  // While more pages exist, a row or two of placeholders hold the next page's place: when it arrives its tiles
  // take theirs, and nothing under the grid moves.
  const items = useMemo(() => images.map((i) => ({ width: i.width, height: i.height, jobId: i.jobId })), [images]);
  const grid = useVirtualGrid(list, items, { initialCount, trailing: hasMore ? 12 : 0 });
  const pendingFocus = useRef<number | null>(null);

  // Focus that was asked for a tile not mounted yet lands once its row is.
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
    const vertical = (direction: -1 | 1) => (grid.layout ? verticalNeighbour(grid.layout, at, direction, images.length) : at + direction);
    const to = Math.min(
      images.length - 1,
      Math.max(0, { ArrowLeft: at - 1, ArrowRight: at + 1, ArrowUp: vertical(-1), ArrowDown: vertical(1), Home: 0, End: images.length - 1 }[e.key] ?? at),
    );
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
  const groups = grid.layout?.groups.filter((g) => g.end > grid.start && g.start < grid.end) ?? [];
  for (const g of groups) cells.push(<GroupFrame key={`group-${images[g.start].id}`} group={g} image={images[g.start]} />);
  for (let i = grid.start; i < grid.end; i++) {
    const image = images[i];
    const box = grid.layout?.boxes[i];
    if (!image) {
      cells.push(
        <li
          key={`pending-${i}`}
          aria-hidden="true"
          data-pending=""
          className={`skeleton rounded-lg ${box ? "absolute" : "aspect-square w-40 grow"}`}
          style={box ? { left: box.x, top: box.y, width: box.width, height: box.height } : undefined}
        />,
      );
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
        box={box}
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
        data-layout={grid.layout ? "justified" : "flow"}
        data-rendered={grid.end - grid.start}
        onKeyDown={onKeyDown}
        className={grid.layout ? "relative [overflow-anchor:none]" : "flex flex-wrap content-start gap-1.5 sm:gap-2.5"}
        style={{ height: grid.height }}
      >
        {cells}
      </ul>
    </div>
  );
}

/** The frame behind one job's images, with its prompt said once (each image keeps its own actions). */
function GroupFrame({ group, image }: { group: Group; image: GalleryImage }) {
  const count = group.end - group.start;
  const words = image.prompt?.trim() || "Untitled generation";
  return (
    <li
      data-testid="job-group"
      data-job-id={image.jobId ?? undefined}
      data-count={count}
      className="absolute rounded-xl border border-line bg-surface/70"
      style={{ left: group.x, top: group.y, width: group.width, height: group.height }}
    >
      <p className="flex h-[30px] items-center gap-2 px-2 text-[13px] sm:h-[34px] sm:px-2.5">
        <span data-testid="job-group-prompt" className="min-w-0 truncate font-medium text-fg" title={words}>
          {words}
        </span>
        <span className="shrink-0 text-muted tabular-nums">
          {count} images{image.provider ? ` · ${image.model ?? image.provider}` : ""}
        </span>
      </p>
    </li>
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
