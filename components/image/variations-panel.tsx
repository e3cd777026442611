"use client";

import { useState } from "react";
import { createVariations, type VariationsRequest } from "@/components/api/creative";
import { SourceReferences, useSourceReferences } from "@/components/references/source-references";
import type { WithReferences } from "@/components/references/references";
import type { StudioImage } from "@/components/api/types";
import { JobRunView } from "@/components/generate/job-run-view";
import type { JobHandle } from "@/components/generate/use-job";
import { NumberField } from "@/components/ui/number-field";
import { Spinner } from "@/components/ui/spinner";
import { buttonClass } from "@/components/ui/styles";
import { RangeField } from "./range-field";

export const maxVariations = 6;

/** The two quick choices beside the slider: close to the picture, or free with it. */
export const strengthPresets = [
  { id: "subtle", label: "Subtle", strength: 0.3, note: "Small changes: the same picture, another take" },
  { id: "strong", label: "Strong", strength: 0.85, note: "Bold changes: the same idea, reimagined" },
] as const;
const presets = strengthPresets;

/** New takes on the image: how many, and how far from it they may stray. Results are its children. */
export function VariationsPanel({ image, job }: { image: StudioImage; job: JobHandle }) {
  const [count, setCount] = useState(3);
  const [strength, setStrength] = useState(0.75);
  const refs = useSourceReferences(image.id);

  const start = () => {
    if (job.running || refs.blocked()) return;
    const body: VariationsRequest & WithReferences = { n: count, strength, ...(refs.body ? { referenceImageIds: refs.body } : {}) };
    void job.start(() => createVariations(image.id, body), count);
  };

  return (
    <div data-testid="variations-panel" className="relative" {...refs.dropProps}>
      <p className="mb-4 text-xs leading-5 text-muted">
        New pictures in the spirit of this one. {image.prompt ? "They keep its prompt and style." : "They keep its colours and layout loosely."}
      </p>
      {/* Before the count and strength: those stay next to the button (Shift+Tab from it reaches them first). */}
      <SourceReferences refs={refs} className="mb-4" />
      <div role="group" aria-label="Quick strength" className="mb-4 flex flex-wrap items-center gap-2">
        <span className="text-xs font-medium text-muted">Quick:</span>
        {presets.map((p) => (
          <button
            key={p.id}
            type="button"
            data-testid={`variations-${p.id}`}
            aria-pressed={strength === p.strength}
            title={`${p.note} (strength ${Math.round(p.strength * 100)}%)`}
            onClick={() => setStrength(p.strength)}
            className={`h-8 rounded-full border px-3 text-xs font-medium transition-colors ${
              strength === p.strength ? "border-accent bg-accent-soft text-accent" : "border-line text-muted hover:border-line-strong hover:text-fg"
            }`}
          >
            {p.label} <span className="font-normal tabular-nums">{Math.round(p.strength * 100)}%</span>
          </button>
        ))}
      </div>
      <div className="grid grid-cols-[7.5rem_1fr] items-start gap-4">
        <NumberField label="Variations" testId="variations-count" value={count} min={1} max={maxVariations} typed="clamp" stepper={{ fewer: "One variation fewer", more: "One variation more" }} onCommit={setCount} />
        <RangeField
          label="Close ↔ Free"
          testId="variations-strength"
          value={strength}
          onChange={setStrength}
          ends={["Close", "Free"]}
          format={(v) => `${Math.round(v * 100)}%`}
        />
      </div>
      <p className="mt-1 text-xs text-subtle">Strength: how far each variation may move away from the original.</p>
      <button
        type="button"
        data-testid="variations-start"
        onClick={start}
        // aria-disabled, not disabled: the button keeps the focus while the job runs (Tab then reaches Cancel).
        aria-disabled={job.running || undefined}
        aria-busy={job.running || undefined}
        className={buttonClass("primary", "md", "mt-5 w-full")}
      >
        {job.running && <Spinner />}
        {job.running ? "Making variations…" : "Make variations"}
      </button>
      <JobRunView run={job} activity="Making variations" itemLabel={(i) => `Variation ${i + 1}`} ratio={image.width / image.height} failedHeading="The variations failed" />
    </div>
  );
}
