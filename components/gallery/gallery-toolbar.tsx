"use client";

import { useEffect, useRef, useState } from "react";
import { SearchIcon, CloseIcon } from "@/components/ui/icons";
import { inputClass } from "@/components/ui/styles";
import { kindOptions, type GalleryFilters } from "./filters";

interface Props {
  filters: GalleryFilters;
  onChange: (change: Partial<GalleryFilters>) => void;
}

/** Search (debounced while typing, at once on Enter) and the kind filter. */
export function GalleryToolbar({ filters, onChange }: Props) {
  const [text, setText] = useState(filters.q);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  // A change from outside (e.g. "Clear filters") resets the box.
  useEffect(() => setText(filters.q), [filters.q]);

  const commit = (value: string, delay: number) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => onChange({ q: value.trim() }), delay);
  };

  return (
    <div className="flex flex-1 flex-wrap items-center gap-2 sm:flex-nowrap">
      <form
        role="search"
        className="relative min-w-0 flex-1 sm:max-w-sm"
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
          value={text}
          placeholder="Search images"
          title="Searches prompts and file names"
          autoComplete="off"
          onChange={(e) => {
            setText(e.target.value);
            commit(e.target.value, 300);
          }}
          onKeyDown={(e) => {
            if (e.key === "Escape" && text) {
              e.preventDefault();
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
        className={`${inputClass} cursor-pointer pr-8`}
      >
        {kindOptions.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
