"use client";

import { useEffect, useId, useRef, useState } from "react";
import { messageOf } from "@/components/api/client";
import type { Collection } from "@/components/api/types";
import { Spinner } from "@/components/ui/spinner";
import { buttonClass } from "@/components/ui/styles";

interface Props {
  collection: Collection;
  onRename: (collection: Collection, name: string) => Promise<unknown>;
  onDelete: (collection: Collection) => Promise<unknown>;
}

const plural = (n: number) => `${n} image${n === 1 ? "" : "s"}`;

/** Rename and delete for the collection shown: an inline name field, and a delete that says the images stay. */
export function CollectionManage({ collection, onRename, onDelete }: Props) {
  const [renaming, setRenaming] = useState(false);
  const [confirming, setConfirming] = useState(false);
  if (renaming) return <RenameForm collection={collection} onRename={onRename} onDone={() => setRenaming(false)} />;
  return (
    <div className="flex items-center gap-1.5" data-testid="collection-manage">
      <button type="button" data-testid="collection-rename" onClick={() => setRenaming(true)} className={buttonClass("ghost", "sm")}>
        Rename
      </button>
      <button type="button" data-testid="collection-delete" onClick={() => setConfirming(true)} className={buttonClass("ghost", "sm", "text-danger!")}>
        Delete collection
      </button>
      <DeleteDialog open={confirming} collection={collection} onDelete={onDelete} onClose={() => setConfirming(false)} />
    </div>
  );
}

function RenameForm({ collection, onRename, onDone }: { collection: Collection; onRename: Props["onRename"]; onDone: () => void }) {
  const id = useId();
  const [name, setName] = useState(collection.name);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      data-testid="collection-rename-form"
      className="flex flex-wrap items-center gap-2"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!name.trim()) return setError("Give the collection a name.");
        if (name.trim() === collection.name) return onDone();
        setBusy(true);
        setError(null);
        try {
          await onRename(collection, name.trim());
          onDone();
        } catch (err) {
          setError(messageOf(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      <label htmlFor={`${id}-name`} className="sr-only">
        New name for {collection.name}
      </label>
      <input
        id={`${id}-name`}
        data-testid="collection-rename-input"
        autoFocus
        value={name}
        maxLength={100}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => e.key === "Escape" && onDone()}
        aria-invalid={Boolean(error) || undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className="h-9 w-48 rounded-full border border-accent bg-surface px-3.5 text-sm outline-none"
      />
      <button type="submit" data-testid="collection-rename-save" disabled={busy} className={buttonClass("primary", "sm")}>
        {busy && <Spinner className="size-3.5" />} Save name
      </button>
      <button type="button" onClick={onDone} className={buttonClass("ghost", "sm")}>
        Cancel
      </button>
      {error && (
        <span id={`${id}-error`} role="alert" className="text-sm text-danger">
          {error}
        </span>
      )}
    </form>
  );
}

function DeleteDialog({ open, collection, onDelete, onClose }: { open: boolean; collection: Collection; onDelete: Props["onDelete"]; onClose: () => void }) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);
  return (
    <dialog
      ref={dialog}
      data-testid="collection-delete-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-2xl border border-line bg-surface p-0 text-fg shadow-xl backdrop:bg-black/40"
    >
      <div className="p-5">
        <h2 id={`${id}-title`} className="text-base font-semibold">
          Delete the collection “{collection.name}”?
        </h2>
        <p id={`${id}-body`} className="mt-2 text-sm leading-6 text-muted">
          Its {plural(collection.imageCount)} stay in the gallery (and in their other collections): only the collection goes.
        </p>
        {error && (
          <p role="alert" className="mt-2 text-sm text-danger">
            {error}
          </p>
        )}
        <div className="mt-5 flex justify-end gap-2">
          <button type="button" autoFocus onClick={onClose} className={buttonClass("secondary", "md")}>
            Cancel
          </button>
          <button
            type="button"
            data-testid="collection-delete-confirm"
            disabled={busy}
            onClick={async () => {
              setBusy(true);
              setError(null);
              try {
                await onDelete(collection);
                onClose();
              } catch (err) {
                setError(messageOf(err));
              } finally {
                setBusy(false);
              }
            }}
            className={buttonClass("danger", "md")}
          >
            {busy && <Spinner className="size-3.5" />} Delete collection
          </button>
        </div>
      </div>
    </dialog>
  );
}
