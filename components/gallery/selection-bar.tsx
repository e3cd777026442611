"use client";

import { formatBytes } from "@/components/api/format";
import type { Collection } from "@/components/api/types";
import { CloseIcon, DownloadIcon, TrashIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { buttonClass, inputClass } from "@/components/ui/styles";
import { SelectAllIcon } from "./icons";

interface Props {
  count: number;
  /** "All matching" the filters is selected (on the server, loaded or not). */
  all: boolean;
  /** What is selected, in words ("3 selected", "All 198 matching selected"); default "{count} selected". */
  label?: string;
  collections: Collection[] | null;
  /** The collection being looked at (moving there is pointless). */
  currentCollectionId: string;
  busy: null | "download" | "delete" | "move";
  /** Bytes of the zip received so far, while downloading. */
  downloaded: number;
  onSelectAll: () => void;
  onClear: () => void;
  onDownload: () => void;
  onDelete: () => void;
  onMove: (collectionId: string | null) => void;
}

/** What can be done with the selected images: download as a zip, add to a collection, move to the trash. Floats under the top bar. */
export function SelectionBar({ count, all, label, collections, currentCollectionId, busy, downloaded, onSelectAll, onClear, onDownload, onDelete, onMove }: Props) {
  return (
    <div className="pointer-events-none fixed inset-x-0 top-16 z-30 flex justify-center px-3">
      <div
        role="toolbar"
        aria-label="Selected images"
        data-testid="selection-bar"
        className="animate-toast-in pointer-events-auto flex max-w-full flex-wrap items-center gap-1.5 rounded-2xl border border-line bg-surface/95 p-1.5 pl-2 shadow-lg backdrop-blur sm:flex-nowrap sm:gap-2"
      >
        <button type="button" onClick={onClear} aria-label="Clear the selection (Escape)" title="Clear the selection (Esc)" className="grid size-8 place-items-center rounded-lg text-muted hover:bg-raised hover:text-fg">
          <CloseIcon className="size-4" />
        </button>
        <p data-testid="selection-count" aria-live="polite" className="min-w-20 text-sm font-semibold tabular-nums">
          {label ?? `${count} selected`}
        </p>
        {!all && (
          <button
            type="button"
            data-testid="selection-select-all"
            onClick={onSelectAll}
            title="Select every image matching the filters, loaded or not (Ctrl+A)"
            className={buttonClass("ghost", "sm")}
          >
            <SelectAllIcon className="size-4" /> Select all
          </button>
        )}
        <span className="mx-0.5 h-6 w-px bg-line max-sm:hidden" aria-hidden="true" />
        <label htmlFor="selection-collection" className="sr-only">
          Add to collection
        </label>
        <select
          id="selection-collection"
          data-testid="selection-collection"
          value=""
          disabled={busy !== null}
          onChange={(e) => {
            const value = e.target.value;
            if (value) onMove(value === "none" ? null : value);
          }}
          className={`${inputClass} h-8 cursor-pointer pr-8 text-[13px]`}
        >
          <option value="">Add to collection…</option>
          {collections
            ?.filter((c) => c.id !== currentCollectionId)
            .map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          <option value="none">{currentCollectionId ? "Remove from this collection" : "Out of any collection"}</option>
        </select>
        <button type="button" data-testid="selection-download" onClick={onDownload} disabled={busy !== null} className={buttonClass("secondary", "sm")}>
          {busy === "download" ? <Spinner className="size-3.5" /> : <DownloadIcon className="size-4" />}
          {busy === "download" ? (downloaded ? `Zipping… ${formatBytes(downloaded)}` : "Zipping…") : "Download zip"}
        </button>
        <button type="button" data-testid="selection-delete" onClick={onDelete} disabled={busy !== null} className={buttonClass("danger", "sm")}>
          {busy === "delete" ? <Spinner className="size-3.5" /> : <TrashIcon className="size-4" />} Move to trash
        </button>
      </div>
    </div>
  );
}
