"use client";

import { useEffect, useRef, useState } from "react";
import { messageOf } from "@/components/api/client";
import type { Collection } from "@/components/api/types";
import { FolderIcon, PlusIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { CollectionManage } from "./collection-manage";
import { imageDragType } from "./gallery-tile";

interface Props {
  collections: Collection[] | null;
  selected: string;
  onSelect: (collectionId: string) => void;
  onCreate: (name: string) => Promise<Collection>;
  /** Images dropped on a collection's chip join it. */
  onDropImages?: (ids: string[], collection: Collection) => void;
  /** An image drag is under way: the chips show they take drops. */
  dragging?: boolean;
  /** Rename and delete (its images stay) the collection shown. */
  onRename?: (collection: Collection, name: string) => Promise<unknown>;
  onDelete?: (collection: Collection) => Promise<unknown>;
}

const chip =
  "inline-flex h-9 shrink-0 items-center gap-2 rounded-full border px-3 text-sm font-medium transition-colors";
const chipState = (active: boolean) =>
  active ? "border-accent bg-accent-soft text-accent" : "border-line bg-surface text-muted hover:border-line-strong hover:text-fg";

const carriesImages = (e: React.DragEvent) => Array.from(e.dataTransfer.types).includes(imageDragType);

function droppedIds(e: React.DragEvent): string[] {
  try {
    const ids = JSON.parse(e.dataTransfer.getData(imageDragType));
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === "string") : [];
  } catch {
    return [];
  }
}

/** Drag-and-drop handlers that make an element take dragged gallery images for a collection. */
function useImageDrop(onDropImages: Props["onDropImages"]) {
  const [over, setOver] = useState<string | null>(null);
  const targetProps = (c: Collection) =>
    onDropImages
      ? {
          "data-drop-target": over === c.id || undefined,
          onDragEnter: (e: React.DragEvent) => {
            if (!carriesImages(e)) return;
            e.preventDefault();
            setOver(c.id);
          },
          onDragOver: (e: React.DragEvent) => {
            if (!carriesImages(e)) return;
            e.preventDefault();
            e.dataTransfer.dropEffect = "copy";
            if (over !== c.id) setOver(c.id);
          },
          onDragLeave: () => setOver((o) => (o === c.id ? null : o)),
          onDrop: (e: React.DragEvent) => {
            if (!carriesImages(e)) return;
            e.preventDefault();
            setOver(null);
            const ids = droppedIds(e);
            if (ids.length) onDropImages(ids, c);
          },
        }
      : {};
  return { over, targetProps };
}

/** Collections as a row of filter chips (and drop targets for images), with an inline form to make a new one. */
export function CollectionBar({ collections, selected, onSelect, onCreate, onDropImages, dragging, onRename, onDelete }: Props) {
  const { over, targetProps } = useImageDrop(onDropImages);
  const bar = useRef<HTMLElement>(null);
  // Keep the chosen chip in view in the scrolling row (e.g. a collection just created at its start).
  useEffect(() => {
    const chip = bar.current?.querySelector<HTMLElement>('[aria-pressed="true"]');
    chip?.scrollIntoView({ block: "nearest", inline: "nearest", behavior: "smooth" });
  }, [selected, collections]);

  const shown = collections?.find((c) => c.id === selected);
  return (
    <div className="flex flex-col gap-1.5">
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
                title={dragging ? `Drop to add to “${c.name}”` : undefined}
                onClick={() => onSelect(selected === c.id ? "" : c.id)}
                {...targetProps(c)}
                className={`${chip} ${chipState(selected === c.id)} pl-1.5 [&_*]:pointer-events-none ${
                  over === c.id ? "scale-105 border-accent! bg-accent! text-accent-fg!" : dragging ? "border-dashed border-accent/70" : ""
                }`}
              >
                <Cover url={c.coverThumbnailUrls[0]} />
                <span className="max-w-40 truncate">{c.name}</span>
                <span data-testid="collection-count" className="text-xs tabular-nums opacity-70">
                  {c.imageCount}
                </span>
              </button>
            </li>
          ))}
          <li>
            <NewCollection onCreate={onCreate} onCreated={(c) => onSelect(c.id)} />
          </li>
        </ul>
      </nav>
      {shown && onRename && onDelete && <CollectionManage key={shown.id} collection={shown} onRename={onRename} onDelete={onDelete} />}
    </div>
  );
}

/**
 * While images are dragged, the collections float in view (the bar itself may be scrolled away): drop the images
 * on one to add them to it.
 */
export function CollectionDropTray({ collections, count, onDropImages }: { collections: Collection[] | null; count: number; onDropImages: NonNullable<Props["onDropImages"]> }) {
  const { over, targetProps } = useImageDrop(onDropImages);
  return (
    <div data-testid="collection-drop-tray" className="fixed inset-x-0 top-16 z-40 flex justify-center px-4">
      <div className="flex max-w-full flex-col gap-2 rounded-2xl border border-line bg-surface/95 p-3 shadow-lg backdrop-blur">
        <p className="text-xs font-medium text-muted">
          Drop {count === 1 ? "the image" : `${count} images`} on a collection to add {count === 1 ? "it" : "them"}, or on the prompt panel to use{" "}
          {count === 1 ? "it" : "them"} as references
        </p>
        {collections?.length ? (
          <ul className="flex max-w-[calc(100vw-4rem)] flex-wrap gap-2">
            {collections.map((c) => (
              <li key={c.id}>
                <div
                  data-testid="collection-drop-target"
                  data-collection-id={c.id}
                  {...targetProps(c)}
                  className={`${chip} cursor-copy pl-1.5 [&_*]:pointer-events-none ${
                    over === c.id ? "scale-105 border-accent bg-accent text-accent-fg" : "border-dashed border-accent/70 bg-surface text-fg"
                  }`}
                >
                  <Cover url={c.coverThumbnailUrls[0]} />
                  <span className="max-w-40 truncate">{c.name}</span>
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-muted">No collections yet: make one with “New collection”.</p>
        )}
      </div>
    </div>
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
