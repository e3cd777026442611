"use client";

import { formatBytes } from "@/components/api/format";
import { CheckIcon, CloseIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import type { UploadItem } from "./use-uploads";

interface Props {
  items: UploadItem[];
  onDismiss: (key?: number) => void;
}

function summary(items: UploadItem[]): string {
  const active = items.filter((i) => i.status !== "done" && i.status !== "error").length;
  const failed = items.filter((i) => i.status === "error").length;
  if (active) return `Uploading ${items.length - active + 1} of ${items.length}`;
  if (failed) return failed === items.length ? `${failed} upload${failed > 1 ? "s" : ""} failed` : `${items.length - failed} uploaded, ${failed} failed`;
  return `${items.length} uploaded`;
}

/** Each file being uploaded: its progress, then its outcome in words. */
export function UploadQueue({ items, onDismiss }: Props) {
  if (!items.length) return null;
  const settled = items.every((i) => i.status === "done" || i.status === "error");
  return (
    <section aria-label="Uploads" data-testid="upload-queue" className="rounded-xl border border-line bg-surface shadow-xs">
      <header className="flex items-center justify-between border-b border-line px-4 py-2.5">
        <h2 className="text-sm font-medium" aria-live="polite">
          {summary(items)}
        </h2>
        {settled && (
          <button type="button" onClick={() => onDismiss()} className="rounded px-1.5 py-0.5 text-xs font-medium text-muted hover:text-fg">
            Clear
          </button>
        )}
      </header>
      <ul className="max-h-72 divide-y divide-line overflow-y-auto">
        {items.map((item) => (
          <UploadRow key={item.key} item={item} onDismiss={() => onDismiss(item.key)} />
        ))}
      </ul>
    </section>
  );
}

function UploadRow({ item, onDismiss }: { item: UploadItem; onDismiss: () => void }) {
  const failed = item.status === "error";
  const percent = Math.round(item.progress * 100);
  return (
    <li data-testid="upload-item" data-status={item.status} className="flex items-center gap-3 px-4 py-2.5">
      <span className="size-10 shrink-0 overflow-hidden rounded-md bg-raised">
        {item.previewUrl && <img src={item.previewUrl} alt="" className="size-full object-cover" />}
      </span>
      <div className="min-w-0 flex-1">
        <div className="flex items-baseline justify-between gap-3">
          <p className="truncate text-sm font-medium">{item.name}</p>
          <p className="shrink-0 text-xs text-subtle tabular-nums">{formatBytes(item.size)}</p>
        </div>
        {failed ? (
          <p data-testid="upload-error" role="alert" className="mt-0.5 text-xs leading-5 text-danger">
            {item.error}
          </p>
        ) : (
          <div className="mt-1.5 flex items-center gap-2">
            <div
              role="progressbar"
              aria-label={`Uploading ${item.name}`}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent}
              className="h-1.5 flex-1 overflow-hidden rounded-full bg-raised"
            >
              <div
                className={`h-full rounded-full transition-[width] duration-200 ${item.status === "done" ? "bg-success" : "bg-accent"}`}
                style={{ width: `${item.status === "queued" ? 0 : percent}%` }}
              />
            </div>
            <span className="w-20 text-right text-xs text-muted tabular-nums">{statusText(item, percent)}</span>
          </div>
        )}
      </div>
      <span className="flex w-6 shrink-0 justify-center">
        {item.status === "done" && <CheckIcon className="size-4 text-success" />}
        {item.status === "processing" && <Spinner className="size-4 text-muted" />}
        {failed && (
          <button type="button" onClick={onDismiss} aria-label={`Dismiss ${item.name}`} className="rounded p-1 text-subtle hover:text-fg">
            <CloseIcon className="size-3.5" />
          </button>
        )}
      </span>
    </li>
  );
}

function statusText(item: UploadItem, percent: number) {
  if (item.status === "queued") return "Waiting";
  if (item.status === "processing") return "Processing";
  if (item.status === "done") return "Done";
  return `${percent}%`;
}

