"use client";

import { useEffect, useId, useState } from "react";
import { labelClass } from "@/components/ui/styles";

interface Props {
  label: string;
  value: number;
  min: number;
  max: number;
  onChange: (value: number) => void;
  /** "variation", for the − and + buttons' names ("One variation fewer"). */
  unit: string;
  testId?: string;
}

/** A whole number in a small range, typed or stepped with − and + (the arrow keys step it too). */
export function StepperField({ label, value, min, max, onChange, unit, testId }: Props) {
  const id = useId();
  const [draft, setDraft] = useState(String(value));
  useEffect(() => setDraft(String(value)), [value]);
  const clamp = (n: number) => Math.min(max, Math.max(min, Math.round(n)));
  const step = "grid h-full w-9 place-items-center text-base text-muted transition-colors hover:text-fg disabled:opacity-30 disabled:hover:text-muted";

  return (
    <div>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <div className="flex h-10 items-center rounded-lg border border-line-strong bg-surface shadow-xs focus-within:border-accent">
        <button type="button" aria-label={`One ${unit} fewer`} disabled={value <= min} onClick={() => onChange(clamp(value - 1))} className={step}>
          −
        </button>
        <input
          id={id}
          data-testid={testId}
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          value={draft}
          onChange={(e) => {
            setDraft(e.target.value);
            const n = Number(e.target.value);
            if (e.target.value.trim() && Number.isFinite(n)) onChange(clamp(n));
          }}
          onBlur={() => setDraft(String(value))}
          className="h-full min-w-0 flex-1 bg-transparent text-center text-sm font-medium tabular-nums outline-none! [appearance:textfield] [&::-webkit-inner-spin-button]:appearance-none [&::-webkit-outer-spin-button]:appearance-none"
        />
        <button type="button" aria-label={`One ${unit} more`} disabled={value >= max} onClick={() => onChange(clamp(value + 1))} className={step}>
          +
        </button>
      </div>
    </div>
  );
}
