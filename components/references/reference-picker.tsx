"use client";

import { useEffect, useId, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { messageOf } from "@/components/api/client";
import { imageTitle } from "@/components/api/format";
import { fetchImagePage, type GalleryImage } from "@/components/api/gallery";
import { CheckIcon, CloseIcon, SearchIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { buttonClass } from "@/components/ui/styles";
import type { ModelCapabilities } from "@/components/api/generation";
import { roomLeft, roomText } from "./references";

interface Props {
  open: boolean;
  /** Ids already attached: shown as such, not offered again. */
  attached: string[];
  onAdd: (ids: string[]) => void;
  onClose: () => void;
  /** The chosen model's limit: no more can be chosen than it takes (unknown: only the server's own cap). */
  capabilities?: Pick<ModelCapabilities, "maxReferenceImages">;
  modelName?: string;
  /** The image being changed: it is the source already, so not offered. */
  sourceId?: string;
}

const pageLimit = 30;

/**
 * Pick reference images from the gallery: a modal dialog (focus stays inside, Esc closes) with a search and the
 * thumbnails (GET /api/v1/images); several can be chosen. The thumbnails are one tab stop: arrow keys move
 * between them, Space or Enter chooses; Tab goes on to "Add".
 */
export function ReferencePicker({ open, attached, onAdd, onClose, capabilities, modelName, sourceId }: Props) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const grid = useRef<HTMLUListElement>(null);
  const search = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState("");
  const [items, setItems] = useState<GalleryImage[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [status, setStatus] = useState<"idle" | "loading" | "error">("idle");
  const [error, setError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [active, setActive] = useState(0);

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) {
      setChosen([]);
      el.showModal();
      // showModal focuses the first control (Close): the search is where choosing starts.
      search.current?.focus();
    }
    if (!open && el.open) el.close();
  }, [open]);

  // The first page for the search, a moment after typing stops.
  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setStatus("loading");
      fetchImagePage({ q: query.trim() || undefined, limit: pageLimit }, controller.signal)
        .then((page) => {
          setItems(page.items);
          setCursor(page.nextCursor);
          setActive(0);
          setStatus("idle");
        })
        .catch((e) => {
          if (controller.signal.aborted) return;
          setError(messageOf(e));
          setStatus("error");
        });
    }, query ? 200 : 0);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [open, query]);

  const more = () => {
    setStatus("loading");
    fetchImagePage({ q: query.trim() || undefined, limit: pageLimit, cursor })
      .then((page) => {
        setItems((all) => [...all, ...page.items.filter((i) => !all.some((a) => a.id === i.id))]);
        setCursor(page.nextCursor);
        setStatus("idle");
      })
      .catch((e) => {
        setError(messageOf(e));
        setStatus("error");
      });
  };

  // Choosing past the model's limit would only be refused when generating: refused here, saying why.
  const room = roomLeft(capabilities, attached.length);
  const room_ = roomText(capabilities, attached.length, chosen.length);
  const [full, setFull] = useState(false);
  const toggle = (imageId: string) => {
    if (chosen.includes(imageId)) {
      setFull(false);
      setChosen((all) => all.filter((c) => c !== imageId));
    } else if (chosen.length >= room) setFull(true);
    else setChosen((all) => [...all, imageId]);
  };

  const onGridKey = (e: React.KeyboardEvent) => {
    const columns = Math.max(1, Math.round((grid.current?.clientWidth ?? 0) / 96)) || 1;
    const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: columns, ArrowUp: -columns, Home: -Infinity, End: Infinity }[e.key];
    if (step === undefined || !items.length) return;
    e.preventDefault();
    const next = Math.max(0, Math.min(items.length - 1, active + step));
    setActive(next);
    grid.current?.querySelectorAll<HTMLElement>("[data-picker-option]")[next]?.focus();
  };

  // Outside the panel's form: Enter in the search must not submit it.
  if (typeof document === "undefined") return null;
  return createPortal(
    <dialog
      ref={dialog}
      data-testid="reference-picker"
      aria-labelledby={`${id}-title`}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClose={onClose}
      className="m-auto flex max-h-[min(40rem,90dvh)] w-[min(44rem,calc(100vw-2rem))] flex-col rounded-2xl border border-line bg-surface p-0 text-fg shadow-xl backdrop:bg-black/40 backdrop:backdrop-blur-[2px] [&:not([open])]:hidden"
    >
      <div className="flex items-center justify-between gap-2 border-b border-line px-4 py-3">
        <h2 id={`${id}-title`} className="text-base font-semibold">
          Add reference images
        </h2>
        <button type="button" onClick={onClose} aria-label="Close" className="grid size-8 place-items-center rounded-md text-muted hover:bg-raised hover:text-fg">
          <CloseIcon className="size-4" />
        </button>
      </div>
      <div className="px-4 pt-3">
        <label htmlFor={`${id}-search`} className="sr-only">
          Search your images
        </label>
        <div className="relative">
          <SearchIcon className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-subtle" />
          <input
            ref={search}
            id={`${id}-search`}
            data-testid="reference-picker-search"
            type="search"
            value={query}
            placeholder="Search by prompt or name"
            onChange={(e) => setQuery(e.target.value)}
            className="h-9 w-full rounded-lg border border-line-strong bg-surface pr-3 pl-8 text-sm shadow-xs placeholder:text-subtle focus-visible:border-accent"
          />
        </div>
      </div>
      <div className="min-h-40 flex-1 overflow-y-auto px-4 py-3">
        {status === "error" && (
          <p role="alert" className="text-sm text-danger">
            {error}
          </p>
        )}
        {status !== "error" && !items.length && (
          <p className="py-8 text-center text-sm text-muted">{status === "loading" ? "Loading…" : query ? "No images match." : "No images yet."}</p>
        )}
        <ul ref={grid} aria-label="Your images" onKeyDown={onGridKey} className="grid grid-cols-[repeat(auto-fill,minmax(5.5rem,1fr))] gap-2">
          {items.map((image, index) => {
            const isSource = image.id === sourceId;
            const isAttached = isSource || attached.includes(image.id);
            const picked = chosen.includes(image.id);
            const title = imageTitle(image);
            return (
              <li key={image.id}>
                <button
                  type="button"
                  data-picker-option
                  data-testid="reference-picker-option"
                  data-image-id={image.id}
                  aria-pressed={isAttached ? undefined : picked}
                  aria-disabled={isAttached || undefined}
                  aria-label={isSource ? `${title} (the image being changed)` : isAttached ? `${title} (attached already)` : title}
                  tabIndex={index === active ? 0 : -1}
                  onFocus={() => setActive(index)}
                  onClick={() => !isAttached && toggle(image.id)}
                  // Chosen: a solid accent ring and a tick; focused: a dashed outline in the text colour, apart from it.
                  className={`relative block aspect-square w-full overflow-hidden rounded-lg bg-raised outline-offset-4 focus-visible:outline-2 focus-visible:outline-dashed focus-visible:outline-fg ${
                    picked ? "ring-3 ring-accent ring-offset-2 ring-offset-surface" : ""
                  } ${isAttached ? "cursor-not-allowed" : ""}`}
                >
                  {/* A plain img: the API serves sized thumbnails. */}
                  <img src={image.thumbnailUrl} alt="" loading="lazy" className={`size-full object-cover ${isAttached ? "opacity-40 grayscale" : ""}`} />
                  {picked && (
                    <span className="absolute top-1 left-1 grid size-5 place-items-center rounded-full bg-accent text-accent-fg">
                      <CheckIcon className="size-3.5" />
                    </span>
                  )}
                  {isAttached && (
                    <span data-testid="reference-picker-attached" className="absolute inset-x-1 bottom-1 rounded bg-surface/90 px-1 text-center text-[11px] font-medium text-fg">
                      {isSource ? "This image" : "Attached"}
                    </span>
                  )}
                </button>
              </li>
            );
          })}
        </ul>
        {cursor && status !== "error" && (
          <button type="button" onClick={more} disabled={status === "loading"} className={buttonClass("ghost", "sm", "mt-3")}>
            {status === "loading" && <Spinner />} Show more
          </button>
        )}
      </div>
      <div className="flex items-center justify-end gap-2 border-t border-line px-4 py-3">
        <p data-testid="reference-picker-room" className={`mr-auto text-xs ${full ? "text-danger" : "text-muted"}`} aria-live="polite">
          {chosen.length ? `${chosen.length} chosen` : "Choose one or more"}
          {room_ && ` · ${modelName ?? "This model"}: ${room_}`}
          {full && ` — it takes no more${sourceId ? " besides the source" : ""}: unchoose one first`}
          {sourceId && !full && " · This image is the source: it cannot be a reference too"}
        </p>
        <button type="button" onClick={onClose} className={buttonClass("secondary", "md")}>
          Cancel
        </button>
        <button
          type="button"
          data-testid="reference-picker-add"
          disabled={!chosen.length}
          onClick={() => {
            onAdd(chosen);
            onClose();
          }}
          className={buttonClass("primary", "md")}
        >
          Add {chosen.length || ""} {chosen.length === 1 ? "reference" : "references"}
        </button>
      </div>
    </dialog>,
    document.body,
  );
}
