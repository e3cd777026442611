"use client";

import { useId, useState } from "react";
import type { ModelCapabilities } from "@/components/api/generation";
import { thumbnailUrlOf } from "@/components/api/types";
import { AlertIcon, CloseIcon, ImageIcon } from "@/components/ui/icons";
import {
  countText,
  labelReference,
  maxLabelLength,
  moveReference,
  moveReferenceTo,
  referenceDragType,
  referenceReason,
  removeReference,
  rendererText,
  type DraftReference,
  type ReferenceState,
  type Renderer,
} from "./references";
import type { PendingReference } from "./use-reference-input";

interface Props {
  references: DraftReference[];
  onChange: (next: DraftReference[]) => void;
  pending: PendingReference[];
  onDismissPending: (key: number) => void;
  /** The chosen model's capabilities (undefined: the server chooses) and its name, for "N of M" and its limit. */
  capabilities?: Pick<ModelCapabilities, "maxReferenceImages">;
  modelName?: string;
  /** Something said about the last addition ("already attached"), or the server's refusal naming the limit. */
  notice?: string | null;
  error?: string | null;
  /** References found in the trash or gone (useReferenceStates), and how to take one out of the trash. */
  states?: Record<string, ReferenceState | undefined>;
  onRestore?: (id: string) => void;
  /** Where the picture is made: the line under the tray says what references do there (none while unknown). */
  renderer?: Renderer;
  className?: string;
}

/**
 * The attached reference images, in the order they are sent: each a thumbnail with a label the prompt can use
 * ("image 1" when left empty) and a Remove button. On a focused thumbnail Delete/Backspace removes it and Alt+←/→
 * moves it; thumbnails can also be dragged into another order. Uploads show here with their progress first.
 */
export function ReferenceTray({ references, onChange, pending, onDismissPending, capabilities, modelName, notice, error, states = {}, onRestore, renderer, className = "" }: Props) {
  const id = useId();
  const [dragging, setDragging] = useState<string | null>(null);
  // Thumbnails that did not load (checked by `states`): no broken picture in the meantime.
  const [broken, setBroken] = useState<string[]>([]);
  if (!references.length && !pending.length && !notice && !error)
    return (
      <p data-testid="reference-hint" className={`text-xs text-subtle ${className}`}>
        Reference images: drag pictures from the gallery here, paste, or drop files.
      </p>
    );
  const reason = referenceReason(capabilities, references.length);

  const focusThumb = (refId: string) => requestAnimationFrame(() => document.getElementById(`${id}-${refId}`)?.focus());
  const remove = (refId: string, index: number) => {
    onChange(removeReference(references, refId));
    // Focus stays in the tray: on the next thumbnail, else the previous, else the prompt panel's Add button.
    const next = references[index + 1] ?? references[index - 1];
    if (next) focusThumb(next.id);
    else requestAnimationFrame(() => document.querySelector<HTMLElement>('[data-testid="add-reference"]')?.focus());
  };

  return (
    <div data-testid="reference-tray" className={`flex flex-col gap-1.5 ${className}`}>
      <div className="flex flex-wrap items-center gap-x-2 text-xs whitespace-nowrap text-muted">
        <span id={`${id}-title`} className="font-medium text-fg">
          Reference images
        </span>
        {references.length > 0 && (
          <span data-testid="reference-count" className={`tabular-nums ${reason ? "font-medium text-danger" : ""}`}>
            {countText(references.length, capabilities)}
          </span>
        )}
        {references.length > 0 && (
          <span id={`${id}-keys`} className="hidden text-subtle lg:inline">
            · Delete removes, Alt+←/→ moves
          </span>
        )}
      </div>
      <ol aria-labelledby={`${id}-title`} className="flex flex-wrap gap-2">
        {references.map((ref, index) => {
          const state = states[ref.id];
          return (
          <li
            key={ref.id}
            data-testid="reference-item"
            data-image-id={ref.id}
            data-state={state}
            onDragOver={(e) => {
              if (!dragging || !e.dataTransfer.types.includes(referenceDragType)) return;
              e.preventDefault();
              e.stopPropagation();
            }}
            onDrop={(e) => {
              if (!dragging || !e.dataTransfer.types.includes(referenceDragType)) return;
              e.preventDefault();
              e.stopPropagation();
              onChange(moveReferenceTo(references, dragging, index));
              setDragging(null);
            }}
            className={`flex w-24 flex-col gap-1 ${dragging === ref.id ? "opacity-50" : ""}`}
          >
            <div className="relative">
              <div
                id={`${id}-${ref.id}`}
                tabIndex={0}
                role="img"
                data-testid="reference-thumb"
                aria-label={`Reference ${index + 1} of ${references.length}${ref.label.trim() ? `: ${ref.label.trim()}` : ""}${state === "trashed" ? " (in the trash)" : state === "gone" ? " (no longer exists)" : ""}`}
                aria-describedby={`${id}-keys`}
                aria-keyshortcuts="Delete Backspace Alt+ArrowLeft Alt+ArrowRight"
                draggable
                onDragStart={(e) => {
                  e.dataTransfer.setData(referenceDragType, ref.id);
                  e.dataTransfer.effectAllowed = "move";
                  setDragging(ref.id);
                }}
                onDragEnd={() => setDragging(null)}
                onKeyDown={(e) => {
                  if (e.key === "Delete" || e.key === "Backspace") {
                    e.preventDefault();
                    remove(ref.id, index);
                  } else if (e.altKey && (e.key === "ArrowLeft" || e.key === "ArrowRight")) {
                    e.preventDefault();
                    onChange(moveReference(references, ref.id, e.key === "ArrowLeft" ? -1 : 1));
                    focusThumb(ref.id);
                  }
                }}
                className="checkerboard relative aspect-square w-24 cursor-grab overflow-hidden rounded-lg border border-line bg-raised outline-offset-2"
              >
                {/* A plain img: the API serves sized thumbnails. */}
                {!broken.includes(ref.id) && (
                  <img
                    src={thumbnailUrlOf(ref.id)}
                    alt=""
                    draggable={false}
                    onError={() => setBroken((all) => (all.includes(ref.id) ? all : [...all, ref.id]))}
                    className={`size-full object-cover ${state ? "opacity-30 grayscale" : ""}`}
                  />
                )}
                {state && (
                  <span data-testid="reference-unavailable" className="absolute inset-x-0 top-0 bg-surface/90 py-0.5 pr-5 pl-1 text-center text-[11px] leading-4 font-medium text-danger">
                    {state === "trashed" ? "In the trash" : "No longer exists"}
                  </span>
                )}
                <span aria-hidden="true" className="absolute bottom-1 left-1 rounded bg-black/60 px-1 text-[10px] font-semibold text-white tabular-nums">
                  {index + 1}
                </span>
              </div>
              <button
                type="button"
                data-testid="reference-remove"
                aria-label={`Remove reference ${index + 1}`}
                title="Remove"
                onClick={() => remove(ref.id, index)}
                className="absolute -top-1.5 -right-1.5 grid size-6 place-items-center rounded-full border border-line bg-surface text-muted shadow-sm hover:text-fg"
              >
                <CloseIcon className="size-3" />
              </button>
              {state === "trashed" && onRestore && (
                <button
                  type="button"
                  data-testid="reference-restore"
                  aria-label={`Restore reference ${index + 1} from the trash`}
                  onClick={() => onRestore(ref.id)}
                  className="absolute inset-x-1 bottom-1 h-6 rounded-md border border-line bg-surface text-[11px] font-medium text-fg shadow-sm hover:bg-raised"
                >
                  Restore
                </button>
              )}
            </div>
            <input
              data-testid="reference-label"
              aria-label={`Label for reference ${index + 1}`}
              placeholder={`image ${index + 1}`}
              maxLength={maxLabelLength}
              value={ref.label}
              onChange={(e) => onChange(labelReference(references, ref.id, e.target.value))}
              className="h-7 w-full min-w-0 rounded-md border border-line-strong bg-surface px-1.5 text-xs text-fg placeholder:text-subtle focus-visible:border-accent"
            />
          </li>
          );
        })}
        {pending.map((p) => (
          <li key={`pending-${p.key}`} data-testid="reference-pending" data-status={p.error ? "error" : "uploading"} className="flex w-24 flex-col gap-1">
            <div className="relative aspect-square w-24 overflow-hidden rounded-lg border border-line bg-raised">
              {/* A refused file may not be a picture at all: an icon then, never a broken image. */}
              {p.previewUrl && !p.error ? (
                <img src={p.previewUrl} alt="" className="size-full object-cover opacity-60" />
              ) : (
                <ImageIcon className={`absolute inset-0 m-auto size-6 ${p.error ? "text-danger" : "text-subtle"}`} />
              )}
              {!p.error && (
                <div
                  role="progressbar"
                  aria-label={`Uploading ${p.name}`}
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={Math.round(p.progress * 100)}
                  className="absolute inset-x-1.5 bottom-1.5 h-1 overflow-hidden rounded-full bg-black/30"
                >
                  <div className="h-full bg-accent transition-[width]" style={{ width: `${Math.max(5, p.progress * 100)}%` }} />
                </div>
              )}
              {p.error && (
                <button
                  type="button"
                  aria-label={`Dismiss ${p.name}`}
                  onClick={() => onDismissPending(p.key)}
                  className="absolute top-1 right-1 grid size-6 place-items-center rounded-full bg-surface text-muted shadow-sm hover:text-fg"
                >
                  <CloseIcon className="size-3" />
                </button>
              )}
            </div>
            {p.error && (
              <p role="alert" tabIndex={0} data-testid="reference-upload-error" title={`${p.name}: ${p.error}`} className="line-clamp-3 text-[11px] leading-4 text-danger focus:line-clamp-none">
                {p.name}: {p.error}
              </p>
            )}
          </li>
        ))}
      </ol>
      {reason && !error && (
        <p data-testid="reference-limit" className="flex items-center gap-1.5 text-xs text-danger">
          <AlertIcon className="size-3.5 shrink-0" />
          {modelName ?? "This model"} {reason}: remove some, or choose another model.
        </p>
      )}
      {error && (
        <p role="alert" data-testid="reference-error" className="flex items-center gap-1.5 text-xs text-danger">
          <AlertIcon className="size-3.5 shrink-0" /> {error}
        </p>
      )}
      {references.length > 0 && renderer && (
        <p data-testid="reference-usage" className="text-xs text-muted">
          {rendererText[renderer]}
        </p>
      )}
      {notice && (
        <p role="status" data-testid="reference-notice" className="text-xs text-muted">
          {notice}
        </p>
      )}
    </div>
  );
}

/** Over the panel while images are dragged onto it: where they go. */
export function ReferenceDropHint({ visible }: { visible: boolean }) {
  if (!visible) return null;
  return (
    <p
      data-testid="reference-drop-hint"
      className="pointer-events-none absolute inset-0 z-10 grid place-items-center rounded-2xl border-2 border-dashed border-accent bg-accent-soft/80 text-sm font-semibold text-accent"
    >
      Drop to attach as reference images
    </p>
  );
}
