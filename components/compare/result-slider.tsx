"use client";

import Link from "next/link";
import { useId, useState } from "react";
import { providerLabel } from "@/components/api/providers";
import type { StudioGenerationRequest } from "@/components/api/studio";
import { previewUrlOf } from "@/components/api/types";
import { BeforeAfter } from "@/components/image/before-after";
import { labelClass } from "@/components/ui/styles";
import type { ColumnResult } from "./compare-column";

/** One column of a compare run: its letter, what it sent, and the model's name. */
export interface RunColumn {
  letter: string;
  request: StudioGenerationRequest;
  modelLabel: string;
}

/** A before/after slider between any two finished columns. */
export function ResultSlider({ columns, results }: { columns: RunColumn[]; results: Record<string, ColumnResult> }) {
  const id = useId();
  const [left, setLeft] = useState(columns[0].letter);
  const [right, setRight] = useState(columns[1].letter);
  const a = results[left]?.image;
  const b = results[right]?.image;
  const name = (c: RunColumn) => {
    const provider = providerLabel(c.request.provider);
    const extra = [c.modelLabel !== provider ? c.modelLabel : "", c.request.seed !== undefined ? `seed ${c.request.seed}` : ""].filter(Boolean);
    return `${c.letter} — ${provider}${extra.length ? ` · ${extra.join(" · ")}` : ""}`;
  };
  const select = "h-9 rounded-lg border border-line-strong bg-surface px-2.5 text-sm shadow-xs focus-visible:border-accent";

  return (
    <section aria-labelledby={`${id}-title`} data-testid="compare-slider" className="rounded-2xl border border-line bg-surface p-4 shadow-xs sm:p-5">
      <h2 id={`${id}-title`} className="text-base font-semibold">
        Slide between two results
      </h2>
      <div className="mt-3 flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor={`${id}-left`} className={labelClass}>
            Left of the divider
          </label>
          <select id={`${id}-left`} value={left} onChange={(e) => setLeft(e.target.value)} className={select}>
            {columns.map((c) => (
              <option key={c.letter} value={c.letter}>
                {name(c)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-right`} className={labelClass}>
            Right of the divider
          </label>
          <select id={`${id}-right`} value={right} onChange={(e) => setRight(e.target.value)} className={select}>
            {columns.map((c) => (
              <option key={c.letter} value={c.letter}>
                {name(c)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {a && b && (
        <div className="mx-auto max-w-3xl">
          <BeforeAfter
            key={`${left}-${right}`}
            before={{ src: previewUrlOf(a.id), alt: `Column ${left}` }}
            after={{ src: previewUrlOf(b.id), alt: `Column ${right}` }}
            ratio={b.width / b.height}
            afterHref={`/compare?before=${a.id}&image=${b.id}`}
            afterLinkLabel="Link to this comparison"
            testId="result-slider"
          />
        </div>
      )}
      <p className="mt-2 text-xs text-subtle">
        “Before” is the left column you chose, “After” the right one.{" "}
        <Link href="/" className="text-accent underline underline-offset-2 hover:no-underline">
          Both are in your gallery
        </Link>
        .
      </p>
    </section>
  );
}
