"use client";

import { useEffect, useRef, useState } from "react";
import { messageOf } from "@/components/api/client";
import type { Collection } from "@/components/api/types";
import { FolderIcon, PlusIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";

interface Props {
  collections: Collection[] | null;
  selected: string;
  onSelect: (collectionId: string) => void;
  onCreate: (name: string) => Promise<Collection>;
}

const chip =
  "inline-flex h-9 shrink-0 items-center gap-2 rounded-full border px-3 text-sm font-medium transition-colors";
const chipState = (active: boolean) =>
  active ? "border-accent bg-accent-soft text-accent" : "border-line bg-surface text-muted hover:border-line-strong hover:text-fg";

/** Collections as a row of filter chips, with an inline form to make a new one. */
export function CollectionBar({ collections, selected, onSelect, onCreate }: Props) {
  const bar = useRef<HTMLElement>(null);
  // Keep the chosen chip in view in the scrolling row (e.g. a collection just created at its start).
  useEffect(() => {
    const chip = bar.current?.querySelector<HTMLElement>('[aria-pressed="true"]');
    chip?.scrollIntoView({ block: "nearest", inline: "nearest", behavior: "smooth" });
  }, [selected, collections]);

  return (
    <nav ref={bar} aria-label="Collections" className="-mx-4 overflow-x-auto px-4 sm:-mx-6 sm:px-6 [scrollbar-width:none]">
      <ul className="flex w-max items-center gap-2 py-1">
        <li>
          <button type="button" data-testid="collection-all" aria-pressed={!selected} onClick={() => onSelect("")} className={`${chip} ${chipState(!selected)}`}>
            All images
          </button>
        </li>
        {collections === null && [0, 1].map((i) => <li key={i} className="skeleton h-9 w-28 rounded-full" />)}
        {collections?.map((c) => (
          <li key={c.id}>
            <button
              type="button"
              data-testid="collection-chip"
              data-collection-id={c.id}
              aria-pressed={selected === c.id}
              onClick={() => onSelect(selected === c.id ? "" : c.id)}
              className={`${chip} ${chipState(selected === c.id)} pl-1.5`}
            >
              <Cover url={c.coverThumbnailUrls[0]} />
              <span className="max-w-40 truncate">{c.name}</span>
              <span className="text-xs tabular-nums opacity-70">{c.imageCount}</span>
            </button>
          </li>
        ))}
        <li>
          <NewCollection onCreate={onCreate} onCreated={(c) => onSelect(c.id)} />
        </li>
      </ul>
    </nav>
  );
}

function Cover({ url }: { url?: string }) {
  if (!url) {
    return (
      <span className="grid size-6 place-items-center rounded-full bg-raised">
        <FolderIcon className="size-3.5" />
      </span>
    );
  }
  return <img src={url} alt="" className="size-6 rounded-full object-cover" loading="lazy" />;
}

function NewCollection({ onCreate, onCreated }: { onCreate: Props["onCreate"]; onCreated: (c: Collection) => void }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const close = () => {
    setOpen(false);
    setName("");
    setError(null);
  };

  if (!open) {
    return (
      <button type="button" data-testid="collection-new" onClick={() => setOpen(true)} className={`${chip} border-dashed border-line-strong text-muted hover:text-fg`}>
        <PlusIcon className="size-3.5" /> New collection
      </button>
    );
  }

  return (
    <form
      className="flex items-center gap-2"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!name.trim()) return setError("Give the collection a name.");
        setBusy(true);
        setError(null);
        try {
          onCreated(await onCreate(name.trim()));
          close();
        } catch (err) {
          setError(messageOf(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      <label htmlFor="collection-name" className="sr-only">
        Collection name
      </label>
      <input
        id="collection-name"
        data-testid="collection-name-input"
        autoFocus
        value={name}
        maxLength={100}
        placeholder="Collection name"
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => e.key === "Escape" && close()}
        aria-invalid={Boolean(error) || undefined}
        aria-describedby={error ? "collection-error" : undefined}
        className="h-9 w-44 rounded-full border border-accent bg-surface px-3.5 text-sm outline-none"
      />
      <button type="submit" data-testid="collection-create" disabled={busy} className={`${chip} border-accent bg-accent text-accent-fg disabled:opacity-60`}>
        {busy && <Spinner className="size-3.5" />} Create
      </button>
      <button type="button" onClick={close} className={`${chip} border-transparent text-muted hover:text-fg`}>
        Cancel
      </button>
      {error && (
        <span id="collection-error" role="alert" className="text-sm text-danger">
          {error}
        </span>
      )}
    </form>
  );
}
