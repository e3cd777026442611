"use client";

import { useEffect, useId, useState } from "react";
import { apiFetch, messageOf } from "@/components/api/client";
import type { Collection } from "@/components/api/types";
import { inputClass } from "@/components/ui/styles";
import { useToast } from "@/components/ui/toast";

/** Moves the image into a collection, or out of any (PATCH collectionId). */
export function CollectionPicker({ imageId, collectionId }: { imageId: string; collectionId: string | null }) {
  const id = useId();
  const notify = useToast();
  const [collections, setCollections] = useState<Collection[] | null>(null);
  const [value, setValue] = useState(collectionId ?? "");
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    apiFetch<{ items: Collection[] }>("/api/v1/collections")
      .then(({ items }) => setCollections(items))
      .catch(() => setCollections([]));
  }, []);

  const move = async (next: string) => {
    const previous = value;
    setValue(next);
    setBusy(true);
    try {
      await apiFetch(`/api/v1/images/${encodeURIComponent(imageId)}`, { method: "PATCH", json: { collectionId: next || null } });
      const name = collections?.find((c) => c.id === next)?.name;
      notify(name ? `Added to “${name}”` : "Removed from its collection");
    } catch (e) {
      setValue(previous);
      notify(messageOf(e), "error");
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <label htmlFor={id} className="sr-only">
        Collection
      </label>
      <select
        id={id}
        data-testid="collection-select"
        value={value}
        disabled={busy || collections === null}
        onChange={(e) => move(e.target.value)}
        className={`${inputClass} mt-1 h-9 w-full cursor-pointer`}
      >
        <option value="">No collection</option>
        {collections?.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
        {collections === null && value && <option value={value}>Loading…</option>}
      </select>
    </>
  );
}
