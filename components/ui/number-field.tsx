"use client";

import { useEffect, useId, useState } from "react";
import { inputClass, labelClass } from "./styles";

interface Props {
  label: string;
  value: number;
  onCommit: (value: number) => void;
  min?: number;
  max?: number;
  /** The input's step (its arrow keys move by it); with `stepper`, the values allowed, from `min` in these steps. */
  step?: number;
  /** Said after the number ("px", "ms"). */
  suffix?: string;
  disabled?: boolean;
  testId?: string;
  /** Whole numbers only (pixels). */
  integer?: boolean;
  /**
   * − and + buttons beside the number, named `fewer` and `more` ("One frame fewer"), moving it by `by` (default
   * `step`) within min–max; they are disabled at the ends.
   */
  stepper?: { fewer: string; more: string; by?: number };
  /**
   * What a typed number does: "commit" (default) reports it as typed (rounded when `integer`) and the parent may
   * correct it; "clamp" reports it moved into min–max (and onto the steps); "in-range" reports only numbers within
   * min–max, on the steps (typing "1" on the way to "12" is not clamped to a minimum of 2).
   */
  typed?: "commit" | "clamp" | "in-range";
  /** The label inside the box, before the − button (a toolbar's compact field), instead of above it. */
  inline?: boolean;
  /** The label's tooltip. */
  title?: string;
  /** The number's width in an inline box (default "w-7"). */
  width?: string;
}

const bare = "bg-transparent text-center text-sm font-medium tabular-nums outline-none! [appearance:textfield] [&::-webkit-inner-spin-button]:appearance-none [&::-webkit-outer-spin-button]:appearance-none";
const box = "flex items-center rounded-lg border border-line-strong bg-surface shadow-xs focus-within:border-accent";
const stepClass = "grid h-full place-items-center text-muted transition-colors hover:text-fg disabled:opacity-30 disabled:hover:text-muted";

/**
 * The number input of every form: labelled, keeping what is typed while it is not yet a number (an empty box, a lone
 * "-") and reporting each valid value (see `typed`); the parent may correct it, and the box then shows the correction
 * (and, on blur, the value). With `stepper`, − and + buttons step it, as its arrow keys do.
 */
export function NumberField(props: Props) {
  const { label, value, onCommit, min, max, step = 1, suffix, disabled, testId, integer = true, stepper, typed = "commit", inline, title, width = "w-7" } = props;
  const id = useId();
  const [draft, setDraft] = useState(String(value));
  useEffect(() => setDraft(String(value)), [value]);
  const low = min ?? -Infinity, high = max ?? Infinity;
  const onSteps = (n: number) => (min === undefined ? Math.round(n / step) * step : Math.round((n - min) / step) * step + min);
  const clamp = (n: number) => Math.min(high, Math.max(low, onSteps(n)));

  const input = (className: string) => (
    <input
      id={id}
      data-testid={testId}
      type="number"
      inputMode={integer ? "numeric" : "decimal"}
      value={draft}
      min={min}
      max={max}
      step={step}
      disabled={disabled}
      onChange={(e) => {
        setDraft(e.target.value);
        const n = Number(e.target.value);
        if (e.target.value.trim() === "" || !Number.isFinite(n)) return;
        if (typed === "commit") onCommit(integer ? Math.round(n) : n);
        else if (typed === "clamp") onCommit(clamp(n));
        else if (n >= low && n <= high) onCommit(clamp(n));
      }}
      onBlur={() => setDraft(String(value))}
      className={className}
    />
  );

  if (!stepper) {
    return (
      <div className="min-w-0">
        <label htmlFor={id} className={labelClass} title={title}>
          {label}
        </label>
        <div className="relative">
          {input(`${inputClass} w-full tabular-nums ${suffix ? "pr-9" : ""}`)}
          {suffix && <span className="pointer-events-none absolute top-1/2 right-3 -translate-y-1/2 text-xs text-subtle">{suffix}</span>}
        </div>
      </div>
    );
  }

  const by = stepper.by ?? step;
  const buttons = inline ? `${stepClass} w-6 sm:w-7` : `${stepClass} w-9 text-base`;
  const fewer = (
    <button type="button" aria-label={stepper.fewer} disabled={disabled || value <= low} onClick={() => onCommit(clamp(value - by))} className={`${buttons} ${inline ? "ml-0.5" : ""}`}>
      −
    </button>
  );
  const more = (
    <button type="button" aria-label={stepper.more} disabled={disabled || value >= high} onClick={() => onCommit(clamp(value + by))} className={`${buttons} ${inline ? "mr-0.5" : ""}`}>
      +
    </button>
  );
  const unit = suffix && (
    <span aria-hidden="true" className="text-xs text-subtle">
      {suffix}
    </span>
  );

  if (inline) {
    return (
      <div className={`${box} h-9`}>
        <label htmlFor={id} className="pl-2.5 text-xs font-medium text-muted" title={title}>
          {label}
        </label>
        {fewer}
        {input(`h-full ${width} ${bare}`)}
        {unit}
        {more}
      </div>
    );
  }
  return (
    <div>
      <label htmlFor={id} className={labelClass} title={title}>
        {label}
      </label>
      <div className={`${box} h-10`}>
        {fewer}
        {input(`h-full min-w-0 flex-1 ${bare}`)}
        {unit}
        {more}
      </div>
    </div>
  );
}
