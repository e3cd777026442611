"use client";

import { useEffect, useId, useState } from "react";
import { maxCount } from "./settings";

/** How many images one generation makes, 1–`max`, with − and + beside the number. */
export function CountField({ value, max = maxCount, onChange }: { value: number; max?: number; onChange: (n: number) => void }) {
  const id = useId();
  const [draft, setDraft] = useState(String(value));
  useEffect(() => setDraft(String(value)), [value]);
  const clamp = (n: number) => Math.min(max, Math.max(1, Math.round(n)));
  const step = "grid h-full w-6 place-items-center sm:w-7 text-muted transition-colors hover:text-fg disabled:opacity-30 disabled:hover:text-muted";

  return (
    <div className="flex h-9 items-center rounded-lg border border-line-strong bg-surface shadow-xs focus-within:border-accent">
      <label htmlFor={id} className="pl-2.5 text-xs font-medium text-muted" title={`Images per generation (up to ${max})`}>
        Images
      </label>
      <button type="button" aria-label="Fewer images" disabled={value <= 1} onClick={() => onChange(clamp(value - 1))} className={`${step} ml-0.5`}>
        −
      </button>
      <input
        id={id}
        data-testid="n-input"
        type="number"
        inputMode="numeric"
        min={1}
        max={max}
        value={draft}
        onChange={(e) => {
          setDraft(e.target.value);
          const n = Number(e.target.value);
          if (e.target.value.trim() && Number.isFinite(n)) onChange(clamp(n));
        }}
        onBlur={() => setDraft(String(value))}
        className="h-full w-6 bg-transparent text-center text-sm font-medium tabular-nums outline-none! [appearance:textfield] [&::-webkit-inner-spin-button]:appearance-none [&::-webkit-outer-spin-button]:appearance-none"
      />
      <button type="button" aria-label="More images" disabled={value >= max} onClick={() => onChange(clamp(value + 1))} className={`${step} mr-0.5`}>
        +
      </button>
    </div>
  );
}
