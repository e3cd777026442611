"use client";

import Link from "next/link";
import { useState } from "react";
import { thumbnailUrlOf } from "@/components/api/types";
import { AlertIcon, CloseIcon } from "@/components/ui/icons";
import { placeholderDataUrl } from "@/components/ui/placeholder";
import { ProgressBar } from "@/components/ui/progress-bar";
import { buttonClass } from "@/components/ui/styles";
import { describeJobError } from "./error-text";
import { SparklesIcon } from "./icons";
import type { JobHandle } from "./use-job";

interface Props {
  run: JobHandle;
  /** "Making variations": what the job does, for the progress bar's name. */
  activity: string;
  /** "Variation 2": the name of the i-th result (0-based). */
  itemLabel: (index: number) => string;
  /** Width / height of the pictures to expect, for the placeholders' shape. */
  ratio: number;
  /** Results per row. */
  columns?: 2 | 3 | 4;
  /** The heading of a failure ("The variations failed"). */
  failedHeading?: string;
  /** What a running job is doing, before its percentage: "Rendering" (the default), "Working" (a tool). */
  runningLabel?: string;
}

/** The failure in words (components/generate/error-text.ts); a failure of no known kind gets the panel's own heading. */
function failureText(run: JobHandle, failed: string) {
  const text = describeJobError(run.error, run.status);
  return text.heading === "Generation failed" ? { ...text, heading: failed } : text;
}

const gridCols = { 2: "grid-cols-2", 3: "grid-cols-3", 4: "grid-cols-4" } as const;

/**
 * A job started from a panel, live: its progress (from the job's events) with Cancel while it runs, each
 * picture as a thumbnail as soon as it is stored (linking to its page), and the API's words when it fails.
 */
export function JobRunView({ run, activity, itemLabel, ratio, columns = 3, failedHeading = "The job failed", runningLabel = "Rendering" }: Props) {
  if (run.status === "idle") return null;
  const percent = Math.round(run.progress * 100);
  const slots = run.running ? Math.max(run.expected, run.images.length) : run.images.length;
  const state = run.status === "starting" ? "Starting" : run.status === "queued" ? "Queued" : percent > 0 ? `${runningLabel} · ${percent}%` : `${runningLabel}…`;
  const shown = run.canceling ? "Canceling…" : run.cancelFailed ? `Could not cancel · ${state}` : state;
  const label = run.reconnecting ? `Reconnecting… · ${shown}` : shown;
  const shape = Math.min(2, Math.max(0.5, ratio));
  const text = run.error ? failureText(run, failedHeading) : null;

  return (
    <div data-testid="job-run" data-status={run.status} data-job-id={run.jobId ?? undefined} className="mt-5 space-y-3">
      {run.running && (
        <div className="rounded-xl border border-line bg-raised/60 p-3">
          <div className="flex items-center gap-2">
            <SparklesIcon className="size-4 shrink-0 animate-pulse text-accent" />
            <span data-testid="job-run-state" aria-live="polite" className="min-w-0 flex-1 truncate text-sm font-medium tabular-nums">
              {label}
            </span>
            {run.cancel && (
              <button
                type="button"
                data-testid="job-run-cancel"
                // aria-disabled, not disabled: the button keeps the focus while the job stops.
                aria-disabled={run.canceling || undefined}
                onClick={run.canceling ? undefined : run.cancel}
                className={buttonClass("secondary", "sm", "shrink-0")}
              >
                <CloseIcon className="size-3.5" /> Cancel
              </button>
            )}
          </div>
          {/* No number yet (queued, or a step that reports none): the bar moves without one. */}
          <ProgressBar label={activity} percent={percent > 0 ? percent : null} className="mt-2.5 h-1.5" />
        </div>
      )}

      {run.error && text && (
        <div
          role="alert"
          data-testid="job-run-error"
          data-code={run.error.code}
          className={`flex gap-2 rounded-lg px-3 py-2 text-sm ${text.tone === "warning" ? "bg-warning-soft text-warning" : "bg-danger-soft text-danger"}`}
        >
          <AlertIcon className="mt-0.5 size-4 shrink-0" />
          <p className="min-w-0">
            <span className="block font-semibold">{text.heading}</span>
            <span data-testid="job-run-error-message" className="block text-fg/80">
              {text.message}
            </span>
            {text.hint && <span className="mt-0.5 block text-xs text-fg/60">{text.hint}</span>}
          </p>
        </div>
      )}

      {slots > 0 && (
        <ul aria-label="Results" className={`grid gap-2 ${gridCols[columns]}`}>
          {Array.from({ length: slots }, (_, i) => {
            const image = run.images[i];
            return (
              <li key={image?.id ?? `pending-${i}`} className="min-w-0">
                {image ? (
                  <ResultThumb id={image.id} placeholder={image.placeholder} label={itemLabel(i)} ratio={shape} />
                ) : (
                  <div
                    data-testid="job-run-pending"
                    className="relative overflow-hidden rounded-lg border border-line"
                    style={{ aspectRatio: shape }}
                    aria-label={`${itemLabel(i)}: not ready yet`}
                    role="img"
                  >
                    <div className="skeleton absolute inset-0" aria-hidden="true" />
                    {i === run.images.length && run.partialImage && (
                      <img src={run.partialImage} alt="" aria-hidden="true" className="absolute inset-0 size-full scale-110 object-cover opacity-90 blur-sm" />
                    )}
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

function ResultThumb({ id, placeholder, label, ratio }: { id: string; placeholder: string | null; label: string; ratio: number }) {
  const [loaded, setLoaded] = useState(false);
  const painted = placeholderDataUrl(placeholder);
  return (
    <Link
      href={`/images/${id}`}
      data-testid="job-run-result"
      data-image-id={id}
      title={`Open ${label.toLowerCase()}`}
      className="animate-toast-in group relative block overflow-hidden rounded-lg border border-line bg-raised bg-cover bg-center transition hover:border-accent focus-visible:border-accent"
      style={{ aspectRatio: ratio, backgroundImage: !loaded && painted ? `url(${painted})` : undefined }}
    >
      <img
        ref={(el) => {
          if (el?.complete && el.naturalWidth > 0) setLoaded(true);
        }}
        src={thumbnailUrlOf(id)}
        alt={label}
        onLoad={() => setLoaded(true)}
        className={`size-full object-cover transition-opacity duration-300 ${loaded ? "opacity-100" : "opacity-0"}`}
      />
      <span className="pointer-events-none absolute inset-x-0 bottom-0 truncate bg-gradient-to-t from-black/60 to-transparent px-1.5 pt-3 pb-1 text-[11px] font-medium text-white opacity-0 transition-opacity group-hover:opacity-100 group-focus-visible:opacity-100">
        {label}
      </span>
    </Link>
  );
}
