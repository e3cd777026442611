"use client";

import Link from "next/link";
import { StarIcon } from "@/components/gallery/icons";
import { ArrowLeftIcon, icon } from "@/components/ui/icons";
import type { GalleryNav } from "@/components/viewer/use-gallery-nav";

const ChevronLeft = icon(<path d="m15 6-6 6 6 6" />);
const ChevronRight = icon(<path d="m9 6 6 6-6 6" />);

interface Props {
  title: string;
  /** Kind, size, format, bytes. */
  subtitle: string;
  nav: GalleryNav;
  favorite: boolean;
  rating: number | null;
  onFavorite: () => void;
  onRate: (stars: number) => void;
  /** Share and delete (server-rendered buttons). */
  actions?: React.ReactNode;
}

const round = "grid size-9 shrink-0 place-items-center rounded-lg border border-line bg-surface text-muted hover:text-fg disabled:opacity-40 disabled:hover:text-muted";

/** The viewer's top bar: back to the gallery, previous / next in its order, the title, the star and the rating. */
export function ViewerBar({ title, subtitle, nav, favorite, rating, onFavorite, onRate, actions }: Props) {
  return (
    <header className="mb-3 flex flex-wrap items-center gap-x-3 gap-y-2">
      <Link
        href={nav.backHref}
        data-testid="viewer-back"
        aria-label="Back to the gallery"
        aria-keyshortcuts="Escape"
        title="Back to the gallery (Esc)"
        onClick={(e) => {
          if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
          e.preventDefault();
          nav.back();
        }}
        className={round}
      >
        <ArrowLeftIcon />
      </Link>
      <div className="min-w-0 flex-1 basis-40">
        <h1 className="truncate text-lg font-semibold tracking-tight sm:text-xl">{title}</h1>
        <p data-testid="viewer-subtitle" className="text-xs text-muted tabular-nums">
          {subtitle}
          {nav.position && (
            <span data-testid="viewer-position">
              {" "}
              · {nav.position.index + 1} of {nav.position.count}
              {nav.position.more ? "+" : ""} in the gallery
            </span>
          )}
        </p>
      </div>
      <div className="flex shrink-0 items-center gap-1">
        <button
          type="button"
          data-testid="viewer-previous"
          aria-label="Previous image"
          aria-keyshortcuts="ArrowLeft"
          title="Previous image (←)"
          disabled={!nav.previous}
          onClick={nav.goPrevious}
          className={round}
        >
          <ChevronLeft />
        </button>
        <button
          type="button"
          data-testid="viewer-next"
          aria-label="Next image"
          aria-keyshortcuts="ArrowRight"
          title="Next image (→)"
          disabled={!nav.hasNext}
          aria-busy={nav.loading || undefined}
          onClick={nav.goNext}
          className={round}
        >
          <ChevronRight />
        </button>
      </div>
      <div className="flex shrink-0 items-center gap-1 rounded-lg border border-line bg-surface px-1 py-0.5">
        <button
          type="button"
          data-testid="viewer-favorite"
          aria-pressed={favorite}
          aria-label="Favourite"
          aria-keyshortcuts="F"
          title={favorite ? "Favourite — press F or click to remove" : "Add to favourites (F)"}
          onClick={onFavorite}
          className={`grid size-8 place-items-center rounded-md hover:bg-raised ${favorite ? "text-amber-600 dark:text-amber-300" : "text-muted"}`}
        >
          <StarIcon filled={favorite} className="size-5" />
        </button>
        <span aria-hidden="true" className="mx-0.5 h-5 w-px bg-line" />
        <div role="group" aria-label={`Rating: ${rating ? `${rating} of 5` : "not rated"}`} data-testid="viewer-rating" data-rating={rating ?? 0} className="flex">
          {[1, 2, 3, 4, 5].map((n) => (
            <button
              key={n}
              type="button"
              data-testid={`viewer-rate-${n}`}
              aria-pressed={rating === n}
              aria-label={`${n} star${n === 1 ? "" : "s"}`}
              aria-keyshortcuts={String(n)}
              title={rating === n ? `Rated ${n} — press ${n} or click to clear` : `Rate ${n} (${n})`}
              onClick={() => onRate(n)}
              className={`grid size-7 place-items-center rounded-md hover:bg-raised ${rating && n <= rating ? "text-accent" : "text-muted"}`}
            >
              <span aria-hidden="true" className="text-base leading-none">
                {rating && n <= rating ? "●" : "○"}
              </span>
            </button>
          ))}
        </div>
      </div>
      {actions && <div className="flex shrink-0 items-center gap-2">{actions}</div>}
    </header>
  );
}
