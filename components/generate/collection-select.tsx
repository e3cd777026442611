"use client";

import { useCallback, useEffect, useId, useState } from "react";
import { fetchCollections } from "@/components/api/studio";
import type { Collection } from "@/components/api/types";
import { FolderIcon } from "@/components/ui/icons";
import { ChevronDownIcon } from "./icons";

/** Beside the style chips: the collection new images join; opens Advanced, where it is changed. */
export function CollectionChip({ name, onOpen }: { name: string; onOpen: () => void }) {
  return (
    <button
      type="button"
      data-testid="collection-chip"
      onClick={onOpen}
      title="New images join this collection — change it under Advanced"
      className="ml-auto flex h-7 max-w-40 shrink-0 items-center gap-1 rounded-full bg-raised px-2.5 text-xs font-medium text-muted hover:text-fg max-sm:hidden"
    >
      <FolderIcon className="size-3.5 shrink-0" />
      <span className="truncate">{name}</span>
    </button>
  );
}

/** The caller's collections for the prompt bar; `reload` reads them again (a collection made meanwhile). */
export function useCollectionList() {
  const [collections, setCollections] = useState<Collection[] | null>(null);
  const reload = useCallback(() => {
    fetchCollections()
      .then(setCollections)
      .catch(() => setCollections((c) => c ?? []));
  }, []);
  useEffect(reload, [reload]);
  return { collections, reload };
}

interface Props {
  value: string;
  onChange: (collection: string) => void;
  collections: Collection[] | null;
  reload: () => void;
}

/** Where new images go: no collection, or one of the caller's (the list is read again when the field gets focus). */
export function CollectionSelect({ value, onChange, collections, reload }: Props) {
  const id = useId();
  const known = !value || !collections || collections.some((c) => c.id === value);

  return (
    <div>
      <label htmlFor={id} className="mb-1.5 block text-xs font-medium text-muted">
        Collection <span className="font-normal text-subtle">— where the new images go</span>
      </label>
      <div className="relative">
        <FolderIcon className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-subtle" />
        <select
          id={id}
          data-testid="collection-select"
          value={value}
          onFocus={reload}
          onChange={(e) => onChange(e.target.value)}
          className="h-9 w-full cursor-pointer appearance-none rounded-lg border border-line-strong bg-surface pr-8 pl-8 text-sm text-fg shadow-xs focus-visible:border-accent"
        >
          <option value="">No collection (just the gallery)</option>
          {!known && <option value={value}>This page&apos;s collection</option>}
          {collections?.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} ({c.imageCount})
            </option>
          ))}
        </select>
        <ChevronDownIcon className="pointer-events-none absolute top-1/2 right-2.5 size-4 -translate-y-1/2 text-subtle" />
      </div>
    </div>
  );
}
