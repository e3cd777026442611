"use client";

import Link from "next/link";
import { useCallback, useRef, useState } from "react";
import { messageOf } from "@/components/api/client";
import { bulkDelete, bulkRestore, emptyTrash, fetchTrashPage, type TrashedImage } from "@/components/api/gallery";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ArrowLeftIcon, TrashIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { buttonClass } from "@/components/ui/styles";
import { useToast } from "@/components/ui/toast";
import { TrashTile } from "./trash-tile";

const plural = (n: number) => `${n} image${n === 1 ? "" : "s"}`;

type Pending = { kind: "purge"; ids: string[] } | { kind: "empty" } | null;

/**
 * The trash: trashed images with the days each has left, restore or delete for good one by one or for a
 * selection, and "Empty trash" behind a confirmation. Deleting for good always asks first.
 */
export function TrashView({ initial }: { initial: { items: TrashedImage[]; nextCursor: string | null } }) {
  const [items, setItems] = useState(initial.items);
  const [nextCursor, setNextCursor] = useState(initial.nextCursor);
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const [busy, setBusy] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const [pending, setPending] = useState<Pending>(null);
  const [error, setError] = useState<string | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const notify = useToast();

  const drop = useCallback((ids: string[]) => {
    const gone = new Set(ids);
    setItems((all) => all.filter((i) => !gone.has(i.id)));
    setSelected((current) => new Set([...current].filter((id) => !gone.has(id))));
  }, []);

  const toggle = useCallback((id: string) => {
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);

  const restore = useCallback(
    async (ids: string[]) => {
      setBusy(true);
      try {
        const { restored, notFound } = await bulkRestore(ids);
        drop([...restored, ...notFound]);
        notify(`${plural(restored.length)} restored to the gallery`);
      } catch (e) {
        notify(messageOf(e), "error");
      } finally {
        setBusy(false);
      }
    },
    [drop, notify],
  );

  const ask = useCallback((what: Pending) => {
    setError(null);
    setPending(what);
    dialog.current?.showModal();
  }, []);

  const confirm = async () => {
    if (!pending) return;
    setBusy(true);
    setError(null);
    try {
      if (pending.kind === "empty") {
        const { purged } = await emptyTrash();
        setItems([]);
        setNextCursor(null);
        setSelected(new Set());
        notify(`Trash emptied: ${plural(purged)} deleted for good`);
      } else {
        const { deleted, notFound } = await bulkDelete(pending.ids, { purge: true });
        drop([...deleted, ...notFound]);
        notify(`${plural(deleted.length)} deleted for good`);
      }
      dialog.current?.close();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const loadMore = async () => {
    if (!nextCursor) return;
    setLoadingMore(true);
    try {
      const page = await fetchTrashPage(nextCursor);
      setItems((all) => [...all, ...page.items.filter((i) => !all.some((a) => a.id === i.id))]);
      setNextCursor(page.nextCursor);
    } catch (e) {
      notify(messageOf(e), "error");
    } finally {
      setLoadingMore(false);
    }
  };

  const onRestoreOne = useCallback((id: string) => void restore([id]), [restore]);
  const onPurgeOne = useCallback((id: string) => ask({ kind: "purge", ids: [id] }), [ask]);
  const chosen = items.filter((i) => selected.has(i.id)).map((i) => i.id);
  const purgeCount = pending?.kind === "purge" ? pending.ids.length : items.length;

  return (
    <main className="mx-auto flex max-w-[1600px] flex-col gap-5 px-4 pt-6 pb-16 sm:px-6 sm:pt-8">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <Link href="/" className="inline-flex items-center gap-1 text-sm text-muted hover:text-fg">
            <ArrowLeftIcon className="size-4" /> Gallery
          </Link>
          <h1 className="mt-1 text-2xl font-semibold tracking-tight">Trash</h1>
          <p className="mt-1 text-sm text-muted">
            Deleted images wait here, with their collections and lineage, until they are restored or deleted for good (automatically when their days run
            out).
          </p>
        </div>
        <button
          type="button"
          data-testid="empty-trash"
          disabled={busy || items.length === 0}
          onClick={() => ask({ kind: "empty" })}
          className={buttonClass("danger", "md")}
        >
          <TrashIcon className="size-4" /> Empty trash
        </button>
      </div>

      {chosen.length > 0 && (
        <div role="toolbar" aria-label="Selected images" data-testid="trash-selection-bar" className="flex flex-wrap items-center gap-2 rounded-xl border border-line bg-surface p-2">
          <p data-testid="trash-selection-count" aria-live="polite" className="px-1 text-sm font-semibold tabular-nums">
            {chosen.length} selected
          </p>
          <button type="button" onClick={() => setSelected(new Set(items.map((i) => i.id)))} className={buttonClass("ghost", "sm")}>
            Select all {items.length} shown
          </button>
          <button type="button" onClick={() => setSelected(new Set())} className={buttonClass("ghost", "sm")}>
            Clear selection
          </button>
          <span className="flex-1" />
          <button type="button" data-testid="trash-restore-selected" disabled={busy} onClick={() => void restore(chosen)} className={buttonClass("secondary", "sm")}>
            {busy && <Spinner className="size-3.5" />} Restore {plural(chosen.length)}
          </button>
          <button type="button" data-testid="trash-purge-selected" disabled={busy} onClick={() => ask({ kind: "purge", ids: chosen })} className={buttonClass("danger", "sm")}>
            Delete {plural(chosen.length)} forever
          </button>
        </div>
      )}

      {items.length === 0 ? (
        <p data-testid="trash-empty" className="rounded-xl border border-dashed border-line p-10 text-center text-sm text-muted">
          The trash is empty.
        </p>
      ) : (
        <ul data-testid="trash-grid" className="grid grid-cols-2 gap-3 sm:grid-cols-3 md:grid-cols-4 lg:grid-cols-6">
          {items.map((image) => (
            <TrashTile key={image.id} image={image} selected={selected.has(image.id)} busy={busy} onToggle={toggle} onRestore={onRestoreOne} onPurge={onPurgeOne} />
          ))}
        </ul>
      )}
      {nextCursor && (
        <div className="flex justify-center">
          <button type="button" data-testid="trash-load-more" disabled={loadingMore} onClick={() => void loadMore()} className={buttonClass("secondary")}>
            {loadingMore && <Spinner />} Show more
          </button>
        </div>
      )}

      <ConfirmDialog
        dialogRef={dialog}
        idPrefix="trash-confirm"
        testId="trash-confirm-dialog"
        title={pending?.kind === "empty" ? "Empty the trash?" : `Delete ${plural(purgeCount)} forever?`}
        error={error}
        busy={busy}
        confirmLabel={pending?.kind === "empty" ? "Empty trash" : "Delete forever"}
        busyLabel="Deleting…"
        confirmTestId="trash-confirm"
        onConfirm={() => void confirm()}
        onClose={() => setPending(null)}
      >
        {pending?.kind === "empty"
          ? "Every image in the trash and all its files are deleted for good. This cannot be undone."
          : purgeCount === 1
            ? "The image and all its files are deleted for good. This cannot be undone."
            : "The images and all their files are deleted for good. This cannot be undone."}
      </ConfirmDialog>
    </main>
  );
}
