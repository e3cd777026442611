"use client";

import { useEffect, useState } from "react";
import { formatWait, isLocalProvider, providerLabel } from "@/components/api/providers";
import { AlertIcon, CloseIcon } from "@/components/ui/icons";
import { buttonClass } from "@/components/ui/styles";
import { RetryIcon, SparklesIcon } from "./icons";
import type { GenerationJob } from "./use-generation-jobs";

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

/** A generation in flight: one placeholder per expected image, or, if it failed, one tile that says why. */
export function JobTiles({ job, onRetry, onDismiss }: Props) {
  if (job.status === "failed" || job.status === "canceled") return <FailedTile job={job} onRetry={onRetry} onDismiss={onDismiss} />;
  return Array.from({ length: job.request.n }, (_, i) => <PendingTile key={i} job={job} index={i} />);
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
      className={`relative min-w-0 ${failed ? "max-sm:basis-full!" : ""}`}
      style={{ flexGrow: grow, flexBasis: `calc(var(--row-height) * ${grow})` }}
    >
      <div className="relative size-full overflow-hidden rounded-lg" style={failed ? { minHeight: "var(--row-height)" } : { aspectRatio: ratio }}>
        {children}
      </div>
    </li>
  );
}

function PendingTile({ job, index }: { job: GenerationJob; index: number }) {
  const percent = Math.round(job.progress * 100);
  const running = job.status === "running";
  const provider = job.request.provider;
  const label = running ? (percent > 0 ? `Rendering · ${percent}%` : "Rendering") : job.jobId ? "Queued" : "Starting";
  return (
    <Frame job={job}>
      <div className="skeleton absolute inset-0" aria-hidden="true" />
      <div className="absolute inset-0 bg-gradient-to-br from-accent/15 via-transparent to-fuchsia-500/10" aria-hidden="true" />
      <div className="relative flex size-full flex-col justify-between p-2.5 sm:p-3">
        <div className="flex items-start justify-between gap-2">
          {provider && (
            <span className={`truncate rounded-full bg-surface/80 px-2 py-0.5 text-[11px] font-medium max-sm:hidden ${isLocalProvider(provider) ? "text-fg" : "text-muted"}`}>
              {providerLabel(provider)}
            </span>
          )}
          {job.request.n > 1 && <span className="shrink-0 text-[11px] text-muted tabular-nums">{index + 1}/{job.request.n}</span>}
        </div>
        <div className="min-w-0">
          {index === 0 && <p className="mb-2 line-clamp-2 text-xs leading-4 text-muted max-sm:hidden">{job.request.prompt}</p>}
          <div className="mb-1.5 flex items-center gap-1.5 text-xs font-medium text-fg">
            <SparklesIcon className="size-3.5 animate-pulse text-accent" />
            <span aria-live={index === 0 ? "polite" : undefined}>{label}</span>
          </div>
          <div
            role="progressbar"
            aria-label={`Generating “${job.request.prompt}”`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            className="h-1 overflow-hidden rounded-full bg-fg/10"
          >
            <div className="h-full rounded-full bg-accent transition-[width] duration-500 ease-out" style={{ width: `${Math.max(4, percent)}%` }} />
          </div>
        </div>
      </div>
    </Frame>
  );
}

function FailedTile({ job, onRetry, onDismiss }: Props) {
  const wait = useCountdown(job.retryAt);
  const limited = job.error?.code === "rate_limited" || job.error?.code === "budget_exceeded";
  const heading = job.status === "canceled" ? "Canceled" : job.error?.code === "budget_exceeded" ? "Over today's budget" : limited ? "Too many requests" : "Generation failed";
  return (
    <Frame job={job} failed>
      <div role="alert" className="flex size-full flex-col rounded-lg border border-danger/30 bg-danger-soft p-3 text-danger">
        <div className="flex items-start gap-2">
          <AlertIcon className="mt-0.5 size-4 shrink-0" />
          <p className="min-w-0 flex-1 text-sm font-semibold">{heading}</p>
          <button type="button" onClick={() => onDismiss(job.key)} aria-label="Dismiss" className="-m-1 rounded p-1 opacity-70 hover:opacity-100">
            <CloseIcon className="size-3.5" />
          </button>
        </div>
        <p data-testid="job-error" className="mt-1 line-clamp-4 min-h-0 text-xs leading-4 text-fg/80">
          {job.error?.message}
        </p>
        <p className="mt-2 line-clamp-2 text-xs leading-4 text-fg/50 max-sm:hidden" title={job.request.prompt}>
          “{job.request.prompt}”
        </p>
        <div className="mt-auto flex items-center justify-between gap-2 pt-2">
          {wait > 0 ? (
            <span data-testid="job-retry-after" className="text-xs font-medium text-fg/70 tabular-nums">
              You can retry in {formatWait(wait)}
            </span>
          ) : (
            <span className="text-xs text-fg/60">{limited ? "You can retry now" : ""}</span>
          )}
          <button
            type="button"
            data-testid="job-retry"
            disabled={wait > 0}
            onClick={() => onRetry(job.key)}
            className={buttonClass("secondary", "sm", "shrink-0")}
          >
            <RetryIcon className="size-3.5" /> Retry
          </button>
        </div>
      </div>
    </Frame>
  );
}
