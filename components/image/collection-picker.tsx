"use client";

import { useEffect, useId, useState } from "react";
import { apiFetch, messageOf } from "@/components/api/client";
import { addToCollection, removeFromCollection } from "@/components/api/collections";
import type { Collection } from "@/components/api/types";
import { useToast } from "@/components/ui/toast";

interface Props {
  imageId: string;
  /** The collections it is on (older servers give only `collectionId`). */
  collectionIds?: string[];
  collectionId?: string | null;
}

/** The collections (boards) an image is on, as a checkbox list: tick to add it to one, untick to take it off. */
export function CollectionPicker({ imageId, collectionIds, collectionId = null }: Props) {
  const id = useId();
  const notify = useToast();
  const [collections, setCollections] = useState<Collection[] | null>(null);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(collectionIds ?? (collectionId ? [collectionId] : [])));
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    apiFetch<{ items: Collection[] }>("/api/v1/collections")
      .then(({ items }) => setCollections(items))
      .catch(() => setCollections([]));
  }, []);

  const toggle = async (collection: Collection, on: boolean) => {
    const previous = chosen;
    const next = new Set(chosen);
    if (on) next.add(collection.id);
    else next.delete(collection.id);
    setChosen(next);
    setBusy(collection.id);
    try {
      if (on) await addToCollection(collection.id, [imageId]);
      else await removeFromCollection(collection.id, [imageId]);
      notify(on ? `Added to “${collection.name}”` : `Taken out of “${collection.name}”`);
    } catch (e) {
      setChosen(previous);
      notify(messageOf(e), "error");
    } finally {
      setBusy(null);
    }
  };

  if (collections === null) return <p className="mt-1 text-sm text-muted">Loading collections…</p>;
  if (!collections.length) return <p className="mt-1 text-sm text-muted">No collections yet: make one in the gallery.</p>;
  return (
    <fieldset data-testid="collection-picker" className="mt-1">
      <legend className="sr-only">Collections this image is in</legend>
      <ul className="flex max-h-48 flex-col gap-0.5 overflow-y-auto">
        {collections.map((c) => (
          <li key={c.id}>
            <label htmlFor={`${id}-${c.id}`} className="flex min-h-8 cursor-pointer items-center gap-2 rounded-md px-1.5 text-sm hover:bg-raised">
              <input
                id={`${id}-${c.id}`}
                type="checkbox"
                data-testid="collection-option"
                data-collection-id={c.id}
                checked={chosen.has(c.id)}
                disabled={busy === c.id}
                onChange={(e) => void toggle(c, e.target.checked)}
                className="size-4 accent-[var(--color-accent)]"
              />
              <span className="truncate">{c.name}</span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
