"use client";

import { useEffect, useRef, useState } from "react";
import Link from "next/link";
import { CloseIcon, SearchIcon, TrashIcon } from "@/components/ui/icons";
import { inputClass } from "@/components/ui/styles";
import { isFiltered, kindOptions, type GalleryFilters } from "@/components/viewer/gallery-filters";
import { CalendarIcon, StarIcon } from "./icons";

interface Props {
  filters: GalleryFilters;
  onChange: (change: Partial<GalleryFilters>) => void;
  onClear: () => void;
  /** Providers to filter by: id and name (the one in the filters is offered even when not listed). */
  providers: { id: string; name: string }[];
}

const select = `${inputClass} cursor-pointer pr-8 max-sm:flex-1 max-sm:min-w-0`;

/** Search (debounced while typing, at once on Enter), kind, provider, favourites and a date range. */
export function GalleryToolbar({ filters, onChange, onClear, providers }: Props) {
  const [text, setText] = useState(filters.q);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  // A change from outside (e.g. "Clear filters") resets the box.
  useEffect(() => setText(filters.q), [filters.q]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const commit = (value: string, delay: number) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => onChange({ q: value.trim() }), delay);
  };

  const providerOptions = providers.some((p) => p.id === filters.provider) || !filters.provider ? providers : [...providers, { id: filters.provider, name: filters.provider }];

  return (
    <div role="group" aria-label="Filters" className="flex flex-wrap items-center gap-2">
      <form
        role="search"
        className="relative w-full min-w-0 sm:w-auto sm:flex-1 sm:max-w-sm"
        onSubmit={(e) => {
          e.preventDefault();
          commit(text, 0);
        }}
      >
        <label htmlFor="gallery-search" className="sr-only">
          Search images
        </label>
        <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-subtle" />
        <input
          id="gallery-search"
          data-testid="search-input"
          type="search"
          data-shortcut="search"
          value={text}
          placeholder="Search prompts and file names"
          title="Searches prompts and file names"
          autoComplete="off"
          onChange={(e) => {
            setText(e.target.value);
            commit(e.target.value, 300);
          }}
          onKeyDown={(e) => {
            if (e.key === "Escape" && text) {
              e.preventDefault();
              e.stopPropagation();
              setText("");
              commit("", 0);
            }
          }}
          className={`${inputClass} w-full pr-9 pl-9 [&::-webkit-search-cancel-button]:hidden`}
        />
        {text && (
          <button
            type="button"
            aria-label="Clear search"
            onClick={() => {
              setText("");
              commit("", 0);
            }}
            className="absolute top-1/2 right-2 -translate-y-1/2 rounded p-1 text-subtle hover:text-fg"
          >
            <CloseIcon className="size-3.5" />
          </button>
        )}
      </form>

      <label htmlFor="gallery-kind" className="sr-only">
        Kind
      </label>
      <select
        id="gallery-kind"
        data-testid="kind-filter"
        value={filters.kind}
        onChange={(e) => onChange({ kind: e.target.value as GalleryFilters["kind"] })}
        className={`${select} sm:w-36`}
      >
        {kindOptions.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>

      <label htmlFor="gallery-provider" className="sr-only">
        Provider
      </label>
      <select
        id="gallery-provider"
        data-testid="provider-filter"
        value={filters.provider}
        onChange={(e) => onChange({ provider: e.target.value })}
        // A set width: the list of providers arrives after the first paint and must not move the row.
        className={`${select} sm:w-44`}
      >
        <option value="">All providers</option>
        {providerOptions.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>

      <button
        type="button"
        data-testid="favorites-filter"
        aria-pressed={filters.favorites}
        onClick={() => onChange({ favorites: !filters.favorites })}
        className={`${inputClass} inline-flex cursor-pointer items-center gap-1.5 font-medium ${filters.favorites ? "border-amber-400 bg-amber-50 text-amber-800 dark:bg-amber-400/15 dark:text-amber-200" : "text-muted hover:text-fg"}`}
      >
        <StarIcon filled={filters.favorites} className={`size-4 ${filters.favorites ? "text-amber-500" : ""}`} />
        <span className="max-sm:sr-only">Favourites</span>
      </button>

      <fieldset className="flex min-w-0 items-center gap-1.5 max-sm:w-full">
        <legend className="sr-only">Created between</legend>
        <CalendarIcon className="size-4 shrink-0 text-subtle" />
        <label htmlFor="gallery-from" className="sr-only">
          From
        </label>
        <input
          id="gallery-from"
          data-testid="date-from"
          type="date"
          value={filters.from}
          max={filters.to || undefined}
          onChange={(e) => onChange({ from: e.target.value })}
          className={`${inputClass} w-[9.5rem] min-w-0 max-sm:flex-1`}
        />
        <span aria-hidden="true" className="text-subtle">
          –
        </span>
        <label htmlFor="gallery-to" className="sr-only">
          To
        </label>
        <input
          id="gallery-to"
          data-testid="date-to"
          type="date"
          value={filters.to}
          min={filters.from || undefined}
          onChange={(e) => onChange({ to: e.target.value })}
          className={`${inputClass} w-[9.5rem] min-w-0 max-sm:flex-1`}
        />
      </fieldset>

      {isFiltered(filters) && (
        <button type="button" data-testid="clear-filters" onClick={onClear} className="h-10 rounded-lg px-2 text-sm font-medium text-accent hover:underline">
          Clear filters
        </button>
      )}
      {/* The trash (issue 14): deleted images wait there to be restored or purged. */}
      <Link href="/trash" data-testid="trash-link" className="ml-auto inline-flex h-10 items-center gap-1.5 rounded-lg px-2 text-sm font-medium text-muted hover:bg-raised hover:text-fg">
        <TrashIcon className="size-4" /> Trash
      </Link>
    </div>
  );
}
