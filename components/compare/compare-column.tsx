"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import type { Job } from "@/components/api/generation";
import { formatUsd, isLocalProvider, providerLabel } from "@/components/api/providers";
import { createStudioGeneration, formatDuration, secondsBetween, type StudioGenerationRequest } from "@/components/api/studio";
import { previewUrlOf, type StudioImage } from "@/components/api/types";
import { describeJobError } from "@/components/generate/error-text";
import { RetryIcon, SparklesIcon } from "@/components/generate/icons";
import { styleLabels } from "@/components/generate/settings";
import { useJob } from "@/components/generate/use-job";
import { AlertIcon, CloseIcon } from "@/components/ui/icons";
import { placeholderDataUrl } from "@/components/ui/placeholder";
import { buttonClass } from "@/components/ui/styles";
import { ProgressBar } from "@/components/ui/progress-bar";

export interface ColumnResult {
  status: "running" | "succeeded" | "failed" | "canceled";
  image: StudioImage | null;
  seconds: number | null;
  costUsd: number | null;
}

interface Props {
  letter: string;
  request: StudioGenerationRequest;
  /** The model's name as the picker shows it. */
  modelLabel: string;
  /** Width / height of the picture to expect. */
  ratio: number;
  /** "Fastest", "Cheapest": set by the page once every column has finished. */
  marks: string[];
  onResult: (result: ColumnResult) => void;
}

/** Seconds since `since`, ticking every 100 ms while `running`. */
function useElapsed(since: number | null, running: boolean) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(timer);
  }, [running]);
  return since ? Math.max(0, (now - since) / 1000) : 0;
}

/**
 * One provider's column of a comparison: its job starts when the column appears, shows its progress (and the
 * provider's partial previews) from the job's events, then the picture with the time the provider took
 * (startedAt → finishedAt) and what it cost; a failure says why, with Retry.
 */
export function CompareColumn({ letter, request, modelLabel, ratio, marks, onResult }: Props) {
  const [attempt, setAttempt] = useState(0);
  const [finished, setFinished] = useState<Job | null>(null);
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const report = useRef(onResult);
  report.current = onResult;
  const job = useJob({
    onFinished: (done) => {
      setFinished(done);
      report.current({
        status: done.status === "succeeded" ? "succeeded" : done.status === "canceled" ? "canceled" : "failed",
        image: done.images[0] ?? null,
        seconds: secondsBetween(done.startedAt, done.finishedAt),
        costUsd: done.costUsd,
      });
    },
  });
  const started = useRef(-1);

  const { start } = job;
  useEffect(() => {
    // Once per attempt. (React's development double-mount stops following the first one: it starts again then.)
    if (started.current === attempt) return;
    started.current = attempt;
    setFinished(null);
    setStartedAt(Date.now());
    report.current({ status: "running", image: null, seconds: null, costUsd: null });
    void start(() => createStudioGeneration(request), 1);
    return () => {
      started.current = -1;
    };
  }, [attempt, start, request]);

  // A POST refused outright (400, 429) never reaches onFinished: report it too.
  useEffect(() => {
    if (job.status === "failed" && !finished) report.current({ status: "failed", image: null, seconds: null, costUsd: null });
  }, [job.status, finished]);

  const elapsed = useElapsed(startedAt, job.running);
  const image = job.images[0] ?? null;
  const seconds = secondsBetween(finished?.startedAt, finished?.finishedAt);
  const cost = finished?.costUsd ?? null;
  const percent = Math.round(job.progress * 100);
  const style = request.style ? styleLabels[request.style] : "No style";
  const local = isLocalProvider(request.provider);
  const error = job.error;
  const text = error ? describeJobError(error, job.status) : null;
  const shape = Math.min(2, Math.max(0.5, ratio));

  return (
    <section
      aria-labelledby={`compare-${letter}-title`}
      data-testid="compare-column"
      data-lane={letter}
      data-status={job.status}
      data-job-id={job.jobId ?? undefined}
      className="flex min-w-0 snap-start flex-col overflow-hidden rounded-2xl border border-line bg-surface shadow-xs"
    >
      <header className="flex items-start gap-2 border-b border-line px-3 py-2.5">
        <span aria-hidden="true" className="grid size-6 shrink-0 place-items-center rounded-md bg-accent-soft text-xs font-bold text-accent">
          {letter}
        </span>
        <div className="min-w-0 flex-1">
          <h3 id={`compare-${letter}-title`} className="truncate text-sm font-semibold">
            <span className="sr-only">Column {letter}: </span>
            {providerLabel(request.provider)}
          </h3>
          <p className="truncate text-xs text-muted" title={`${modelLabel} · ${style}${request.seed !== undefined ? ` · seed ${request.seed}` : ""}`}>
            {modelLabel !== providerLabel(request.provider) && `${modelLabel} · `}
            {style}
            {request.seed !== undefined && (
              <>
                {" · seed "}
                <span className="font-mono">{request.seed}</span>
              </>
            )}
          </p>
        </div>
        {marks.map((m) => (
          <span key={m} data-testid="compare-mark" className="shrink-0 rounded-full bg-success-soft px-2 py-0.5 text-[11px] font-semibold text-success">
            {m}
          </span>
        ))}
      </header>

      <div className="relative bg-raised" style={{ aspectRatio: image ? image.width / image.height : shape }}>
        {image ? (
          <ResultImage image={image} label={`Column ${letter}: ${providerLabel(request.provider)}`} />
        ) : error ? (
          <div role="alert" data-testid="compare-error" className={`absolute inset-0 flex flex-col gap-1.5 overflow-y-auto p-3 ${text?.tone === "warning" ? "bg-warning-soft text-warning" : "bg-danger-soft text-danger"}`}>
            <p className="flex items-center gap-1.5 text-sm font-semibold">
              <AlertIcon className="size-4 shrink-0" /> {text?.heading}
            </p>
            <p data-testid="compare-error-message" className="text-xs leading-4 text-fg/85">
              {text?.message ?? error.message}
            </p>
            {text?.hint && <p className="text-xs leading-4 text-fg/65">{text.hint}</p>}
            {/* Only where the same request can succeed (components/generate/error-text.ts). */}
            {text?.retryable !== false && (
              <button type="button" data-testid="compare-retry" onClick={() => setAttempt((a) => a + 1)} className={buttonClass("secondary", "sm", "mt-auto self-start")}>
                <RetryIcon className="size-3.5" /> Retry
              </button>
            )}
          </div>
        ) : (
          <>
            <div className="skeleton absolute inset-0" aria-hidden="true" />
            {job.partialImage && <img src={job.partialImage} alt="" aria-hidden="true" className="absolute inset-0 size-full scale-110 object-cover opacity-90 blur-sm" />}
            <div className="absolute inset-x-3 bottom-3">
              <div className="mb-1.5 flex items-center gap-1.5 text-xs font-medium text-fg">
                <SparklesIcon className="size-3.5 animate-pulse text-accent" />
                <span aria-live="polite">{job.status === "running" ? (percent > 0 ? `Rendering · ${percent}%` : "Rendering") : job.status === "queued" ? "Queued" : "Starting"}</span>
                {job.cancel && (
                  <button
                    type="button"
                    data-testid="compare-cancel"
                    onClick={job.cancel}
                    aria-disabled={job.canceling || undefined}
                    className="ml-auto inline-flex items-center gap-1 rounded-full bg-surface/85 px-2 py-0.5 text-[11px] font-medium shadow-xs hover:bg-surface aria-disabled:opacity-60"
                  >
                    <CloseIcon className="size-3" /> {job.canceling ? "Canceling…" : "Cancel"}
                  </button>
                )}
              </div>
              <ProgressBar label={`Column ${letter}: ${providerLabel(request.provider)}`} percent={percent} />
            </div>
          </>
        )}
      </div>

      <dl className="grid grid-cols-2 gap-2 px-3 py-2.5 text-xs">
        <div>
          <dt className="text-muted">Time</dt>
          <dd data-testid="compare-time" className="mt-0.5 font-semibold text-fg tabular-nums" title="From the moment the provider started to the moment the image was stored">
            {seconds !== null ? formatDuration(seconds) : job.running ? <span className="font-normal text-muted">{formatDuration(elapsed)}…</span> : "—"}
          </dd>
        </div>
        <div>
          <dt className="text-muted">Cost</dt>
          <dd data-testid="compare-cost" className="mt-0.5 font-semibold text-fg tabular-nums">
            {finished ? (cost && cost > 0 ? formatUsd(cost) : local ? "Free (local)" : finished.status === "succeeded" ? "Free" : "Not charged") : error ? "Not charged" : "—"}
          </dd>
        </div>
      </dl>
    </section>
  );
}

function ResultImage({ image, label }: { image: StudioImage; label: string }) {
  const [loaded, setLoaded] = useState(false);
  const painted = placeholderDataUrl(image.placeholder);
  return (
    <Link
      href={`/images/${image.id}`}
      data-testid="compare-result"
      data-image-id={image.id}
      title="Open this image"
      className="animate-toast-in absolute inset-0 block bg-cover bg-center"
      style={{ backgroundImage: !loaded && painted ? `url(${painted})` : undefined }}
    >
      <img
        ref={(el) => {
          if (el?.complete && el.naturalWidth > 0) setLoaded(true);
        }}
        src={previewUrlOf(image.id)}
        alt={`${label} — ${image.prompt ?? "result"}`}
        onLoad={() => setLoaded(true)}
        className={`size-full object-cover transition-opacity duration-300 ${loaded ? "opacity-100" : "opacity-0"}`}
      />
    </Link>
  );
}
