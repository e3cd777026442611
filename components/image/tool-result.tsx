"use client";

import Link from "next/link";
import { previewUrlOf, type StudioImage } from "@/components/api/types";
import { JobRunView } from "@/components/jobs/job-run-view";
import type { JobHandle } from "@/components/jobs/use-job";
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
}

/**
 * A tool job as it runs (progress, Cancel, the API's words on failure — the variations' view) and its result:
 * the before/after slider (with a checkerboard behind a transparent result), its size, and a link to its page.
 */
export function ToolResult({ image, job, activity, itemLabel, failedHeading, testId, ratio }: Props) {
  const made = job.status === "succeeded" ? job.images[0] : undefined;
  return (
    <div data-testid={testId}>
      {!made && <JobRunView run={job} activity={activity} itemLabel={() => itemLabel} ratio={ratio ?? image.width / image.height} columns={2} failedHeading={failedHeading} />}
      {made && (
        <div data-testid={`${testId}-done`} data-image-id={made.id} className="mt-5">
          <ResultSize from={image} to={made} />
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
 * shows at a glance; a link to its page.
 */
export function ExpandResult({ image, job, sides }: { image: StudioImage; job: JobHandle; sides: Sides | null }) {
  const made = job.status === "succeeded" ? job.images[0] : undefined;
  if (!made) return <JobRunView run={job} activity="Expanding" itemLabel={() => "Expanded"} ratio={image.width / image.height} columns={2} failedHeading="The expand failed" />;
  // The original's place in the result, in shares of it (from the geometry asked; the job keeps it exactly).
  const box = sides ? { left: sides.left / made.width, top: sides.top / made.height, width: image.width / made.width, height: image.height / made.height } : null;
  return (
    <div data-testid="expand-done" data-image-id={made.id} className="mt-5">
      <ResultSize from={image} to={made} />
      <figure className="mt-2">
        <div className="relative overflow-hidden rounded-xl bg-raised" style={{ aspectRatio: made.width / made.height }}>
          <img src={previewUrlOf(made.id)} alt="The expanded image" className="absolute inset-0 size-full object-contain" />
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
