"use client";

import { memo } from "react";
import type { TrashedImage } from "@/components/api/gallery";
import { buttonClass } from "@/components/ui/styles";

/** Whole days left before the worker purges an image (0: at the next purge). */
export function daysLeft(purgeAt: string, now = Date.now()): number {
  return Math.max(0, Math.ceil((Date.parse(purgeAt) - now) / 86_400_000));
}

export const daysLeftText = (days: number) => (days === 0 ? "Deleted for good soon" : `${days} day${days === 1 ? "" : "s"} left`);

/** A trashed image: its thumbnail, the days it has left, a checkbox, Restore and Delete forever. */
export const TrashTile = memo(function TrashTile({
  image,
  selected,
  busy,
  onToggle,
  onRestore,
  onPurge,
}: {
  image: TrashedImage;
  selected: boolean;
  busy: boolean;
  onToggle: (id: string) => void;
  onRestore: (id: string) => void;
  onPurge: (id: string) => void;
}) {
  const title = image.prompt || image.originalName || `${image.kind} image`;
  const days = daysLeft(image.purgeAt);
  return (
    <li
      data-testid="trash-tile"
      data-image-id={image.id}
      className={`flex flex-col overflow-hidden rounded-xl border bg-surface ${selected ? "border-accent ring-2 ring-accent" : "border-line"}`}
    >
      <div className="relative aspect-square bg-raised">
        {/* eslint-disable-next-line @next/next/no-img-element -- the API's own thumbnail, already sized */}
        <img src={image.thumbnailUrl} alt={title} width={320} height={320} loading="lazy" className="size-full object-cover" />
        <label className="absolute top-2 left-2 flex items-center gap-1.5 rounded-md bg-surface/90 px-1.5 py-1 text-xs font-medium text-fg shadow-sm">
          <input type="checkbox" checked={selected} onChange={() => onToggle(image.id)} data-testid="trash-select" className="size-4 accent-[var(--accent)]" />
          <span className="sr-only">Select {title}</span>
        </label>
      </div>
      <div className="flex flex-1 flex-col gap-2 p-2.5">
        <p className="line-clamp-2 text-sm leading-5 text-fg" title={title}>
          {title}
        </p>
        <p data-testid="trash-days-left" className={`text-xs ${days <= 3 ? "text-danger" : "text-muted"}`}>
          {daysLeftText(days)}
        </p>
        <div className="mt-auto flex flex-wrap gap-1.5">
          <button type="button" data-testid="trash-restore" disabled={busy} onClick={() => onRestore(image.id)} className={buttonClass("secondary", "sm")}>
            Restore
          </button>
          <button type="button" data-testid="trash-purge" disabled={busy} onClick={() => onPurge(image.id)} className={buttonClass("ghost", "sm", "text-danger hover:!bg-danger-soft")}>
            Delete forever
          </button>
        </div>
      </div>
    </li>
  );
});
