"use client";

import Link from "next/link";
import { memo, useEffect, useMemo, useState } from "react";
import { thumbHashToAverageRGBA } from "thumbhash";
import { formatLabel, imageTitle, kindLabel } from "@/components/api/format";
import type { GalleryImage } from "@/components/api/gallery";
import { providerLabel } from "@/components/api/providers";
import { SparklesIcon } from "@/components/generate/icons";
import { CheckIcon, DownloadIcon, ImageIcon, ShieldIcon } from "@/components/ui/icons";
import { digitalSourceTypeLabels } from "@/lib/provenance/source-type";
import { placeholderDataUrl } from "@/components/ui/placeholder";
import { StarIcon } from "./icons";
import { imageDragType } from "@/components/references/references";
import type { Box } from "./justified-layout";

/**
 * The ThumbHash's average colour, as CSS: what the server paints under each thumbnail (a few bytes, where the
 * full placeholder picture is a ~5 KB data URL per tile — too much to send 24 of with the page).
 */
function averageColor(hash: string | null): string | undefined {
  if (!hash) return undefined;
  try {
    const { r, g, b } = thumbHashToAverageRGBA(Uint8Array.from(atob(hash), (c) => c.charCodeAt(0)));
    return `rgb(${Math.round(r * 255)} ${Math.round(g * 255)} ${Math.round(b * 255)})`;
  } catch {
    return undefined;
  }
}

/** Set once the page has hydrated: tiles mounted after that draw their blurred placeholder at once. */
let hydrated = false;

/** The blurred ThumbHash picture: after hydration only (the server and the first client render show the average colour). */
function usePlaceholder(hash: string | null): string | null {
  const [url, setUrl] = useState<string | null>(() => (hydrated ? placeholderDataUrl(hash) : null));
  useEffect(() => {
    hydrated = true;
    setUrl(placeholderDataUrl(hash));
  }, [hash]);
  return url;
}

/** The data type of a drag that carries gallery images (their ids, as JSON): collections and the prompt panel take it. */
export { imageDragType };

export interface TileActions {
  /** A click on the tile with a modifier, or any click while something is selected: select instead of open. */
  onSelectClick: (id: string, index: number, event: { shiftKey: boolean }) => void;
  onToggleSelect: (id: string, index: number, event: { shiftKey: boolean }) => void;
  onToggleFavorite: (image: GalleryImage) => void;
  /** The ids a drag starting on this tile carries: the selection when the tile is part of it, else the tile. */
  dragIds: (id: string) => string[];
  onDragEnd: () => void;
}

interface Props {
  image: GalleryImage;
  index: number;
  /** Total number of cells for assistive technology (-1 while more can load). */
  setSize: number;
  selected: boolean;
  selecting: boolean;
  /** Above the fold: fetched at once, ahead of the rest. */
  eager: boolean;
  actions: TileActions;
  /** Where the justified layout put it (absent before the first measurement: then it flows at its aspect ratio). */
  box?: Box;
}

/** Shown on touch screens (no hover): the star and the select box are always visible there. */
const touchVisible = "[@media(hover:none)]:opacity-100";

/** One cell at its image's aspect ratio: the ThumbHash placeholder, then the thumbnail; a checkbox, a star, and drag to a collection. */
export const GalleryTile = memo(function GalleryTile({ image, index, setSize, selected, selecting, eager, actions, box }: Props) {
  const placeholder = usePlaceholder(image.placeholder);
  const average = useMemo(() => averageColor(image.placeholder), [image.placeholder]);
  // Tiles in the server's HTML show their thumbnail as soon as it arrives, before any script runs (a hidden image
  // would wait for hydration to appear, and be the page's largest paint that late); later tiles fade it in.
  const [state, setState] = useState<"loading" | "loaded" | "broken" | "server">(() => (hydrated ? "loading" : "server"));
  const title = imageTitle(image);
  const favorite = Boolean(image.favorite);
  const aspect = Math.min(4, Math.max(0.25, image.width / image.height || 1));
  const rating = image.rating ?? null;

  return (
    <li
      data-index={index}
      data-selected={selected || undefined}
      aria-posinset={index + 1}
      aria-setsize={setSize}
      data-aspect={aspect.toFixed(3)}
      className={`group/tile min-w-0 ${box ? "absolute" : "relative h-40 grow sm:h-48"}`}
      style={box ? { left: box.x, top: box.y, width: box.width, height: box.height } : { flexBasis: `${Math.round(aspect * 160)}px`, flexGrow: aspect }}
    >
      <Link
        href={`/images/${image.id}`}
        data-testid="gallery-item"
        data-image-id={image.id}
        data-favorite={favorite || undefined}
        draggable
        onClick={(e) => {
          if (e.button !== 0) return;
          if (e.shiftKey || e.ctrlKey || e.metaKey || selecting) {
            e.preventDefault();
            actions.onSelectClick(image.id, index, e);
          }
        }}
        onDragStart={(e) => {
          const ids = actions.dragIds(image.id);
          e.dataTransfer.setData(imageDragType, JSON.stringify(ids));
          e.dataTransfer.setData("text/plain", ids.join("\n"));
          // Links to the images' pages: other apps (and this one's prompt panel) understand those.
          e.dataTransfer.setData("text/uri-list", ids.map((id) => new URL(`/images/${encodeURIComponent(id)}`, window.location.origin).href).join("\r\n"));
          e.dataTransfer.effectAllowed = "copyMove";
        }}
        onDragEnd={actions.onDragEnd}
        className={`group relative block size-full overflow-hidden rounded-lg outline-offset-2 ${image.hasAlpha ? "checkerboard" : "bg-raised"} ${
          selected ? "ring-3 ring-accent ring-offset-2 ring-offset-canvas" : ""
        }`}
      >
        {(placeholder || average) && (
          <span
            aria-hidden="true"
            className={`absolute inset-0 bg-cover bg-center transition-opacity duration-500 ${state === "loaded" ? "opacity-0" : "opacity-100"}`}
            style={{ backgroundColor: average, backgroundImage: placeholder ? `url(${placeholder})` : undefined }}
          />
        )}
        {/* A plain img: the API serves sized thumbnails, and the cell's size never depends on the picture's. */}
        <img
          ref={(el) => {
            // Arrived (or failed) before React was listening: a server-rendered tile, or one from the cache.
            if (el?.complete) setState(el.naturalWidth > 0 ? "loaded" : "broken");
          }}
          src={image.thumbnailUrl}
          alt={title}
          width={320}
          height={Math.round(320 / aspect)}
          loading={eager ? "eager" : "lazy"}
          fetchPriority={eager ? "high" : "auto"}
          decoding="async"
          draggable={false}
          onLoad={() => setState("loaded")}
          onError={() => setState("broken")}
          className={`absolute inset-0 size-full object-cover transition-[opacity,transform] duration-300 group-hover:scale-[1.03] ${
            state === "loaded" || state === "server" ? "opacity-100" : "opacity-0"
          } ${selected ? "scale-[0.94]! rounded-md" : ""}`}
        />
        {state === "broken" && (
          <span className="absolute inset-0 grid place-items-center text-subtle">
            <ImageIcon className="size-6" />
          </span>
        )}
        <span
          aria-hidden="true"
          className="pointer-events-none absolute inset-x-0 top-0 h-14 bg-gradient-to-b from-black/45 to-transparent opacity-0 transition-opacity group-hover/tile:opacity-100 group-focus-visible:opacity-100"
        />
        <span className="pointer-events-none absolute inset-x-0 bottom-0 flex items-end justify-between gap-2 bg-gradient-to-t from-black/60 via-black/20 to-transparent px-2 pt-6 pb-2 text-white">
          {image.kind === "generated" && image.provider ? (
            <span
              data-testid="provider-badge"
              title={`Generated by ${providerLabel(image.provider)}${image.model ? ` (${image.model})` : ""}`}
              className="flex min-w-0 items-center gap-1 rounded-full bg-black/50 py-0.5 pr-2 pl-1.5 text-[11px] font-medium backdrop-blur-sm"
            >
              <SparklesIcon className="size-3 shrink-0" />
              <span className="truncate">{providerLabel(image.provider)}</span>
            </span>
          ) : (
            <span className="truncate rounded-full bg-black/50 px-2 py-0.5 text-[11px] font-medium backdrop-blur-sm">{kindLabel[image.kind]}</span>
          )}
          {(image.frames ?? 1) > 1 && (
            <span
              data-testid="tile-animated"
              title={`Animated · ${image.frames} frames`}
              className="shrink-0 rounded-full bg-black/50 px-1.5 py-0.5 text-[11px] font-medium whitespace-nowrap tabular-nums backdrop-blur-sm"
            >
              Animated · {image.frames}
              <span className="sr-only"> frames</span>
            </span>
          )}
          {image.digitalSourceType && (
            // The AI marking its files carry (the image's own field: no request per tile); the page's card says more.
            <span
              data-testid="tile-marking"
              data-type={image.digitalSourceType}
              role="img"
              aria-label={`AI marking: ${digitalSourceTypeLabels[image.digitalSourceType]}`}
              title={`${digitalSourceTypeLabels[image.digitalSourceType]} — marked in the file, with content credentials`}
              className="grid size-5 shrink-0 place-items-center rounded-full bg-black/50 backdrop-blur-sm"
            >
              <ShieldIcon className="size-3" />
            </span>
          )}
          {rating !== null && (
            <span data-testid="tile-rating" aria-label={`Rated ${rating} of 5`} role="img" className="flex shrink-0 items-center gap-0.5 rounded-full bg-black/50 px-1.5 py-0.5 text-[11px] font-medium tabular-nums backdrop-blur-sm">
              <StarIcon filled className="size-3 text-amber-300" />
              {rating}
            </span>
          )}
          <span className="hidden shrink-0 text-[11px] text-white/85 tabular-nums sm:group-hover:inline sm:group-focus-visible:inline">
            {image.width}×{image.height} · {formatLabel(image.format)}
          </span>
        </span>
      </Link>
      <button
        type="button"
        role="checkbox"
        aria-checked={selected}
        data-testid="tile-select"
        aria-label={`Select ${title}`}
        title="Select (Shift-click: a range)"
        onClick={(e) => actions.onToggleSelect(image.id, index, e)}
        className={`absolute top-1.5 left-1.5 grid size-7 place-items-center rounded-full border-2 transition-opacity focus-visible:opacity-100 ${
          selected
            ? "border-accent bg-accent text-accent-fg opacity-100"
            : `border-white/90 bg-black/25 text-transparent shadow-sm backdrop-blur-sm hover:bg-black/40 ${selecting ? "opacity-100" : `opacity-0 group-hover/tile:opacity-100 max-sm:opacity-70 ${touchVisible}`}`
        }`}
      >
        <CheckIcon className="size-4" />
      </button>
      <button
        type="button"
        aria-pressed={favorite}
        data-testid="tile-favorite"
        aria-label={favorite ? `Remove ${title} from favourites` : `Add ${title} to favourites`}
        title={favorite ? "Favourite — click to remove" : "Add to favourites"}
        onClick={() => actions.onToggleFavorite(image)}
        className={`absolute top-1 right-1 grid size-9 place-items-center rounded-full transition-opacity hover:bg-black/30 focus-visible:opacity-100 ${
          favorite ? "text-amber-300 opacity-100" : `text-white opacity-0 group-hover/tile:opacity-100 ${touchVisible} [@media(hover:none)]:bg-black/25`
        }`}
      >
        <StarIcon filled={favorite} className="size-5 drop-shadow" />
      </button>
      <a
        href={image.url}
        download={image.originalName ?? `${image.id}.${image.format}`}
        data-testid="tile-download"
        aria-label={`Download ${title}`}
        title="Download the original"
        className="absolute right-1.5 bottom-9 grid size-7 place-items-center rounded-full bg-black/40 text-white opacity-0 transition-opacity group-hover/tile:opacity-100 focus-visible:opacity-100 [@media(hover:none)]:hidden"
      >
        <DownloadIcon className="size-4" />
      </a>
    </li>
  );
});
