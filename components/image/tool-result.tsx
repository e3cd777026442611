"use client";

import Link from "next/link";
import { useState } from "react";
import { toolCaption } from "@/components/api/tool-labels";
import { previewUrlOf, type StudioImage } from "@/components/api/types";
import { JobRunView } from "@/components/generate/job-run-view";
import { RenderNotices } from "@/components/generate/render-notices";
import type { JobHandle } from "@/components/generate/use-job";
import { Spinner } from "@/components/ui/spinner";
import { BeforeAfter } from "./before-after";
import type { Sides } from "./expand-geometry";

interface Props {
  image: StudioImage;
  job: JobHandle;
  /** "Upscaling", for the progress bar. */
  activity: string;
  /** "Upscaled", the result's name. */
  itemLabel: string;
  failedHeading: string;
  testId: string;
  /** The result's shape when it differs from the source's (expand). */
  ratio?: number;
  /** The panel's choices have changed since this result was asked for: it is labelled an earlier result. */
  stale?: boolean;
}

/** A tool job while it runs: "Working…" with its progress (a moving bar until a number is known), Cancel, failures. */
function ToolRun({ job, activity, itemLabel, failedHeading, ratio }: { job: JobHandle; activity: string; itemLabel: string; failedHeading: string; ratio: number }) {
  return <JobRunView run={job} activity={activity} itemLabel={() => itemLabel} ratio={ratio} columns={2} failedHeading={failedHeading} runningLabel="Working" />;
}

/**
 * A tool job as it runs (progress, Cancel, the API's words on failure — the variations' view) and its result:
 * what made it ("Upscale ×2"), what to know about it (the job's notices: "no new detail", "the subject touches the
 * edges"), the before/after slider (with a checkerboard behind a transparent result), its size, and its page.
 */
export function ToolResult({ image, job, activity, itemLabel, failedHeading, testId, ratio, stale = false }: Props) {
  const made = job.status === "succeeded" ? job.images[0] : undefined;
  return (
    <div data-testid={testId}>
      {!made && <ToolRun job={job} activity={activity} itemLabel={itemLabel} failedHeading={failedHeading} ratio={ratio ?? image.width / image.height} />}
      {made && (
        <div data-testid={`${testId}-done`} data-image-id={made.id} data-stale={stale || undefined} className="mt-5">
          <ResultHeader made={made} fallback={itemLabel} stale={stale} />
          <ResultSize from={image} to={made} />
          <RenderNotices notices={made.notices} className="mt-2" />
          <BeforeAfter
            testId={`${testId}-compare`}
            before={{ src: image.previewUrl, alt: "Before: the original" }}
            after={{ src: previewUrlOf(made.id), alt: `After: ${itemLabel.toLowerCase()}` }}
            ratio={made.width / made.height}
            checkerboard={made.hasAlpha}
            afterHref={`/images/${made.id}`}
            afterLinkLabel={`Open the ${itemLabel.toLowerCase()} image`}
          />
        </div>
      )}
    </div>
  );
}

/** "Result: Upscale ×2", or, once the choices above changed, "Earlier result: Upscale ×2" — what made it, always. */
function ResultHeader({ made, fallback, stale }: { made: StudioImage; fallback: string; stale: boolean }) {
  return (
    <p data-testid="tool-result-made" className={`mb-1 text-xs ${stale ? "text-warning" : "text-muted"}`}>
      {stale ? "Earlier result" : "Result"}: <span className="font-semibold text-fg">{toolCaption(made.operation) ?? fallback}</span>
      {stale && <span> — the button above makes a new one with the choices now set</span>}
    </p>
  );
}

/** "1024 × 768 → 2048 × 1536 px · transparent". */
function ResultSize({ from, to }: { from: StudioImage; to: StudioImage }) {
  return (
    <p data-testid="tool-result-size" className="flex flex-wrap items-center gap-x-2 text-xs text-muted tabular-nums">
      <span>
        {from.width} × {from.height} → <span className="font-medium text-fg">{to.width} × {to.height} px</span>
      </span>
      {to.hasAlpha && <span className="rounded-full bg-raised px-2 py-0.5 font-medium text-fg">transparent {to.format.toUpperCase()}</span>}
    </p>
  );
}

/**
 * An expand's result: the new picture with the original's place outlined (dashed), so what was drawn around it
 * shows at a glance; a spinner on its shape until the picture has loaded (never an empty box); a link to its page.
 */
export function ExpandResult({ image, job, sides, stale = false }: { image: StudioImage; job: JobHandle; sides: Sides | null; stale?: boolean }) {
  const made = job.status === "succeeded" ? job.images[0] : undefined;
  if (!made) return <ToolRun job={job} activity="Expanding" itemLabel="Expanded" failedHeading="The expand failed" ratio={image.width / image.height} />;
  // The original's place in the result, in shares of it (from the geometry asked; the job keeps it exactly).
  const box = sides ? { left: sides.left / made.width, top: sides.top / made.height, width: image.width / made.width, height: image.height / made.height } : null;
  return (
    <div data-testid="expand-done" data-image-id={made.id} data-stale={stale || undefined} className="mt-5">
      <ResultHeader made={made} fallback="Expanded" stale={stale} />
      <ResultSize from={image} to={made} />
      <RenderNotices notices={made.notices} className="mt-2" />
      <figure className="mt-2">
        <div className={`relative overflow-hidden rounded-xl ${made.hasAlpha ? "checkerboard" : "bg-raised"}`} style={{ aspectRatio: made.width / made.height }}>
          <LoadingPicture key={made.id} src={previewUrlOf(made.id)} alt="The expanded image" />
          {box && (
            <div
              aria-hidden="true"
              data-testid="expand-original-outline"
              className="pointer-events-none absolute border-2 border-dashed border-white/90 shadow-[0_0_0_1px_rgb(0_0_0/0.35)]"
              style={{ left: `${box.left * 100}%`, top: `${box.top * 100}%`, width: `${box.width * 100}%`, height: `${box.height * 100}%` }}
            />
          )}
        </div>
        <figcaption className="mt-2 flex flex-wrap items-center justify-between gap-2 text-xs text-muted">
          <span>Dashed: the original, untouched.</span>
          <Link href={`/images/${made.id}`} data-testid="expand-link" className="font-medium text-accent hover:underline">
            Open the expanded image →
          </Link>
        </figcaption>
      </figure>
    </div>
  );
}

/** A picture filling its box; until it has loaded, a shimmer and a spinner stand in for it. */
function LoadingPicture({ src, alt }: { src: string; alt: string }) {
  const [loaded, setLoaded] = useState(false);
  return (
    <>
      {!loaded && (
        <div data-testid="tool-result-loading" role="status" className="skeleton absolute inset-0 grid place-items-center text-muted">
          <span className="flex items-center gap-2 rounded-full bg-surface/90 px-3 py-1.5 text-xs font-medium text-fg shadow-sm">
            <Spinner className="size-4 text-accent" /> Loading the result…
          </span>
        </div>
      )}
      <img
        ref={(el) => {
          if (el?.complete && el.naturalWidth > 0) setLoaded(true);
        }}
        src={src}
        alt={alt}
        data-loaded={loaded || undefined}
        onLoad={() => setLoaded(true)}
        className={`absolute inset-0 size-full object-contain transition-opacity duration-300 ${loaded ? "opacity-100" : "opacity-0"}`}
      />
    </>
  );
}
