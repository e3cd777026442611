"use client";

import { useEffect, useRef, useState } from "react";
import { formatWait, isLocalProvider, providerLabel } from "@/components/api/providers";
import { AlertIcon, CloseIcon } from "@/components/ui/icons";
import { useJobCancel } from "@/components/jobs/use-job-cancel";
import { buttonClass } from "@/components/ui/styles";
import { describeJobError } from "./error-text";
import { RetryIcon, SparklesIcon } from "./icons";
import { RenderNotices } from "./render-notices";
import type { GenerationJob } from "./use-generation-jobs";
import { ProgressBar } from "@/components/ui/progress-bar";

interface Props {
  job: GenerationJob;
  onRetry: (key: number) => void;
  onDismiss: (key: number) => void;
}

const tileRatio = (r: number) => Math.min(2.4, Math.max(0.55, r));

/** Seconds left until `at`, ticking; 0 once passed (or when there is nothing to wait for). */
function useCountdown(at: number | null) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!at) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [at]);
  return at ? Math.max(0, Math.ceil((at - now) / 1000)) : 0;
}

/**
 * A generation in flight: one placeholder per expected image, or, if it failed or was canceled, one tile that
 * says why. Cancel asks the server to stop the job; the tile then ends as the job does (followed by its hook).
 */
export function JobTiles({ job, onRetry, onDismiss }: Props) {
  const { cancel, canceling, failed } = useJobCancel(job.jobId);
  if (job.status === "failed" || job.status === "canceled" || (job.status === "succeeded" && job.error)) {
    return <FailedTile job={job} onRetry={onRetry} onDismiss={onDismiss} focusRetry={canceling} />;
  }
  if (job.status === "succeeded" && job.notices?.length) return <NoticeTile job={job} onDismiss={onDismiss} />;
  const cancelState = { onCancel: cancel, canceling, failed };
  return Array.from({ length: job.request.n }, (_, i) => <PendingTile key={i} job={job} index={i} cancel={i === 0 ? cancelState : undefined} />);
}

interface CancelState {
  onCancel?: () => void;
  canceling: boolean;
  failed: boolean;
}

function Frame({ job, children, failed }: { job: GenerationJob; children: React.ReactNode; failed?: boolean }) {
  const ratio = tileRatio(job.ratio);
  // A failure needs room for its sentence: about two tiles wide, a row high (the whole row on a phone).
  const grow = failed ? Math.max(ratio, 2) : ratio;
  return (
    <li
      data-testid="job-tile"
      data-status={job.status}
      data-job-id={job.jobId ?? undefined}
      data-reconnecting={job.reconnecting || undefined}
      className={`relative min-w-0 ${failed ? "max-sm:basis-full!" : ""}`}
      style={{ flexGrow: grow, flexBasis: `calc(var(--row-height) * ${grow})` }}
    >
      <div className="relative size-full overflow-hidden rounded-lg" style={failed ? { minHeight: "var(--row-height)" } : { aspectRatio: ratio }}>
        {children}
      </div>
    </li>
  );
}

function PendingTile({ job, index, cancel }: { job: GenerationJob; index: number; cancel?: CancelState }) {
  const percent = Math.round(job.progress * 100);
  const running = job.status === "running";
  const provider = job.request.provider;
  const progressLabel = running ? (percent > 0 ? `Rendering · ${percent}%` : "Rendering") : job.jobId ? "Queued" : "Starting";
  const state = cancel?.canceling ? "Canceling…" : cancel?.failed ? `Could not cancel · ${progressLabel}` : progressLabel;
  // Offline or the server away: the job goes on there, and the tile catches up when its news can reach it again.
  const label = job.reconnecting ? `Reconnecting… · ${state}` : state;
  // A streamed preview belongs to the batch, not to one image of it: the first tile shows it.
  const preview = index === 0 ? job.partialImage : null;
  return (
    <Frame job={job}>
      <div className="skeleton absolute inset-0" aria-hidden="true" />
      {preview && <PartialPreview src={preview} />}
      <div className="absolute inset-0 bg-gradient-to-br from-accent/15 via-transparent to-fuchsia-500/10" aria-hidden="true" />
      <div className="relative flex size-full flex-col justify-between p-2.5 sm:p-3">
        <div className="flex items-start justify-between gap-2">
          {provider && (
            <span className={`truncate rounded-full bg-surface/80 px-2 py-0.5 text-[11px] font-medium max-sm:hidden ${isLocalProvider(provider) ? "text-fg" : "text-muted"}`}>
              {providerLabel(provider)}
            </span>
          )}
          <div className="ml-auto flex shrink-0 items-center gap-1.5">
            {job.request.n > 1 && <span className="text-[11px] text-muted tabular-nums">{index + 1}/{job.request.n}</span>}
            {cancel?.onCancel && (
              <button
                type="button"
                data-testid="job-cancel"
                aria-label="Cancel generation"
                // aria-disabled, not disabled: the button keeps the focus while the job stops.
                aria-disabled={cancel.canceling || undefined}
                onClick={cancel.canceling ? undefined : cancel.onCancel}
                className="-my-0.5 inline-flex items-center gap-1 rounded-full bg-surface/85 px-2 py-0.5 text-[11px] font-medium text-fg shadow-xs hover:bg-surface aria-disabled:opacity-60"
              >
                <CloseIcon className="size-3" />
                <span className="max-sm:hidden">Cancel</span>
              </button>
            )}
          </div>
        </div>
        <div className="min-w-0">
          {index === 0 && <p className="mb-2 line-clamp-2 text-xs leading-4 text-muted max-sm:hidden">{job.request.prompt}</p>}
          <div className="mb-1.5 flex items-center gap-1.5 text-xs font-medium text-fg">
            <SparklesIcon className={`size-3.5 text-accent ${job.reconnecting ? "" : "animate-pulse"}`} />
            <span data-testid="job-state" aria-live={index === 0 ? "polite" : undefined} className="min-w-0 truncate">
              {label}
            </span>
          </div>
          <ProgressBar label={`Generating “${job.request.prompt}”`} percent={percent} />
        </div>
      </div>
    </Frame>
  );
}

/** The provider's latest preview, fading in blurred (it is small and unfinished). */
function PartialPreview({ src }: { src: string }) {
  const [loaded, setLoaded] = useState(false);
  return (
    <img
      src={src}
      alt=""
      aria-hidden="true"
      data-testid="job-partial"
      onLoad={() => setLoaded(true)}
      className={`absolute inset-0 size-full scale-110 object-cover transition-[opacity,filter] duration-700 ease-out ${loaded ? "opacity-100 blur-sm" : "opacity-0 blur-xl"}`}
    />
  );
}

/** A finished batch the provider said something about (the local renderer: what it did not draw), until dismissed. */
function NoticeTile({ job, onDismiss }: Pick<Props, "job" | "onDismiss">) {
  return (
    <li data-testid="job-notice" data-job-id={job.jobId ?? undefined} className="relative min-w-0 max-sm:basis-full!" style={{ flexGrow: 2, flexBasis: "calc(var(--row-height) * 2)" }}>
      <RenderNotices notices={job.notices} className="h-full pr-9" />
      <button type="button" onClick={() => onDismiss(job.key)} aria-label="Dismiss note" className="absolute top-1.5 right-1.5 rounded p-1 text-fg opacity-70 hover:opacity-100">
        <CloseIcon className="size-3.5" />
      </button>
    </li>
  );
}

function FailedTile({ job, onRetry, onDismiss, focusRetry }: Props & { focusRetry?: boolean }) {
  const wait = useCountdown(job.retryAt);
  const retryButton = useRef<HTMLButtonElement>(null);
  // Canceled from its own Cancel button, which is gone now: keep the keyboard user on this tile.
  useEffect(() => {
    const active = document.activeElement;
    if (focusRetry && (!active || active === document.body)) retryButton.current?.focus();
    // Only when the tile appears.
  }, []);
  const limited = job.error?.code === "rate_limited" || job.error?.code === "budget_exceeded";
  const text = describeJobError(job.error, job.status, job.retryAt ? Math.max(0, (job.retryAt - Date.now()) / 1000) : undefined);
  const warning = text.tone === "warning";
  const retryLabel = job.status === "succeeded" ? `Make the missing ${job.request.n === 1 ? "one" : job.request.n}` : "Retry";
  return (
    <Frame job={job} failed>
      <div
        role="alert"
        data-testid="job-failure"
        data-code={job.error?.code ?? job.status}
        className={`flex size-full flex-col rounded-lg border p-3 ${warning ? "border-warning/30 bg-warning-soft text-warning" : "border-danger/30 bg-danger-soft text-danger"}`}
      >
        <div className="flex items-start gap-2">
          <AlertIcon className="mt-0.5 size-4 shrink-0" />
          <p data-testid="job-error-heading" className="min-w-0 flex-1 text-sm font-semibold">
            {text.heading}
          </p>
          <button type="button" onClick={() => onDismiss(job.key)} aria-label="Dismiss" className="-m-1 rounded p-1 opacity-70 hover:opacity-100">
            <CloseIcon className="size-3.5" />
          </button>
        </div>
        <p data-testid="job-error" className="mt-1 line-clamp-3 min-h-0 text-xs leading-4 text-fg/85">
          {text.message}
        </p>
        {text.hint && (
          <p data-testid="job-error-hint" className="mt-1 line-clamp-2 text-xs leading-4 text-fg/65">
            {text.hint}
          </p>
        )}
        <p className="mt-1.5 line-clamp-1 text-xs leading-4 text-fg/50 max-sm:hidden" title={job.request.prompt}>
          “{job.request.prompt}”
        </p>
        <div className="mt-auto flex items-center justify-between gap-2 pt-2">
          {!text.retryable ? (
            // The same request would fail again: no Retry, only what to change (the hint) and Dismiss.
            <span />
          ) : wait > 0 ? (
            <span data-testid="job-retry-after" className="text-xs font-medium text-fg/70 tabular-nums">
              You can retry in {formatWait(wait)}
            </span>
          ) : (
            <span className="text-xs text-fg/60">{limited ? "You can retry now" : ""}</span>
          )}
          {text.retryable && (
          <button
            type="button"
            ref={retryButton}
            data-testid="job-retry"
            disabled={wait > 0}
            title="Send the same prompt and settings again"
            onClick={() => onRetry(job.key)}
            className={buttonClass("secondary", "sm", "shrink-0")}
          >
            <RetryIcon className="size-3.5" /> {retryLabel}
          </button>
          )}
        </div>
      </div>
    </Frame>
  );
}
