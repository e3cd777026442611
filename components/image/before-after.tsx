"use client";

import Link from "next/link";
import { useId, useState } from "react";

interface Picture {
  src: string;
  alt: string;
}

interface Props {
  before: Picture;
  after: Picture;
  /** Width / height of the pictures. */
  ratio: number;
  /** The new image's page, linked under the comparison. */
  afterHref?: string;
  afterLinkLabel?: string;
  testId?: string;
  /** The result has transparency: a checkerboard behind it (and the source kept to its side of the divider). */
  checkerboard?: boolean;
}

const marks = [
  { label: "Before", value: 100 },
  { label: "Split", value: 50 },
  { label: "After", value: 0 },
] as const;

/**
 * Two pictures over each other with a divider: left of it the source, right of it the result. The divider is a
 * range input over the whole picture (drag, click, or ← → from the keyboard); three buttons jump to either side.
 */
export function BeforeAfter({ before, after, ratio, afterHref, afterLinkLabel = "Open the new image", testId = "before-after", checkerboard = false }: Props) {
  // The share of the width that shows the source.
  const [split, setSplit] = useState(50);
  const id = useId();
  return (
    <figure data-testid={testId} className="mt-4">
      <div
        data-checkerboard={checkerboard || undefined}
        className={`relative overflow-hidden rounded-xl ${checkerboard ? "checkerboard" : "bg-raised"} outline-accent select-none has-[input:focus-visible]:outline-2 has-[input:focus-visible]:outline-offset-2`}
        style={{ aspectRatio: Math.min(2.5, Math.max(0.4, ratio)) }}
      >
        <img
          src={before.src}
          alt={before.alt}
          data-testid={`${testId}-before`}
          draggable={false}
          className="absolute inset-0 size-full object-contain"
          // Clipped to its own side: a transparent result must not show the source through it.
          style={checkerboard ? { clipPath: `inset(0 ${100 - split}% 0 0)` } : undefined}
        />
        <img
          src={after.src}
          alt={after.alt}
          data-testid={`${testId}-after`}
          draggable={false}
          className="absolute inset-0 size-full object-contain"
          style={{ clipPath: `inset(0 0 0 ${split}%)` }}
        />
        <div aria-hidden="true" className="pointer-events-none absolute inset-y-0 -ml-px w-0.5 bg-white/90 shadow-[0_0_0_1px_rgb(0_0_0/0.25)]" style={{ left: `${split}%` }}>
          <span className="absolute top-1/2 left-1/2 grid size-7 -translate-1/2 place-items-center rounded-full bg-white text-[11px] font-bold text-zinc-700 shadow-md">
            ↔
          </span>
        </div>
        <span aria-hidden="true" className="pointer-events-none absolute top-2 left-2 rounded-full bg-black/55 px-2 py-0.5 text-[11px] font-medium text-white">
          Before
        </span>
        <span aria-hidden="true" className="pointer-events-none absolute top-2 right-2 rounded-full bg-black/55 px-2 py-0.5 text-[11px] font-medium text-white">
          After
        </span>
        <input
          id={id}
          type="range"
          min={0}
          max={100}
          step={1}
          value={split}
          data-testid={`${testId}-slider`}
          aria-label="Before ↔ After"
          aria-valuetext={split === 0 ? "All after" : split === 100 ? "All before" : `${split}% before, ${100 - split}% after`}
          onChange={(e) => setSplit(Number(e.target.value))}
          className="absolute inset-0 size-full cursor-ew-resize opacity-0"
        />
      </div>
      <figcaption className="mt-2 flex flex-wrap items-center justify-between gap-2">
        <div role="group" aria-label="Compare" className="inline-flex gap-1 rounded-lg bg-raised p-0.5">
          {marks.map((m) => (
            <button
              key={m.label}
              type="button"
              aria-pressed={split === m.value}
              onClick={() => setSplit(m.value)}
              className={`h-7 rounded-md px-2.5 text-xs font-medium transition-colors ${split === m.value ? "bg-surface text-fg shadow-sm" : "text-muted hover:text-fg"}`}
            >
              {m.label}
            </button>
          ))}
        </div>
        {afterHref && (
          <Link href={afterHref} data-testid={`${testId}-link`} className="text-xs font-medium text-accent hover:underline">
            {afterLinkLabel} →
          </Link>
        )}
      </figcaption>
    </figure>
  );
}
