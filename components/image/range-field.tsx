"use client";

import { useId } from "react";
import { labelClass } from "@/components/ui/styles";

interface Props {
  label: string;
  value: number;
  onChange: (value: number) => void;
  min?: number;
  max?: number;
  step?: number;
  /** The words at either end ("Close", "Free"); the label says "Close ↔ Free" to screen readers too. */
  ends?: [string, string];
  /** How the value reads ("0.75", "75%"). */
  format?: (value: number) => string;
  hint?: React.ReactNode;
  testId?: string;
  disabled?: boolean;
}

/** A labelled slider with its value beside the label and the meaning of both ends under it. */
export function RangeField({ label, value, onChange, min = 0, max = 1, step = 0.05, ends, format = (v) => v.toFixed(2), hint, testId, disabled }: Props) {
  const id = useId();
  const hintId = useId();
  return (
    <div>
      <div className="flex items-baseline justify-between gap-2">
        <label htmlFor={id} className={labelClass}>
          {label}
        </label>
        <output htmlFor={id} className="text-xs text-muted tabular-nums">
          {format(value)}
        </output>
      </div>
      <input
        id={id}
        type="range"
        data-testid={testId}
        min={min}
        max={max}
        step={step}
        value={value}
        disabled={disabled}
        aria-valuetext={ends ? `${format(value)} (${ends[0]} ${min} … ${ends[1]} ${max})` : format(value)}
        aria-describedby={hint ? hintId : undefined}
        onChange={(e) => onChange(Number(e.target.value))}
        className="w-full accent-[var(--accent)] disabled:opacity-40"
      />
      {ends && (
        <div aria-hidden="true" className="flex justify-between text-[11px] text-subtle">
          <span>{ends[0]}</span>
          <span>{ends[1]}</span>
        </div>
      )}
      {hint && (
        <p id={hintId} className="mt-1 text-xs text-subtle">
          {hint}
        </p>
      )}
    </div>
  );
}
