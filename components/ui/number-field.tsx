"use client";

import { useEffect, useId, useState } from "react";
import { inputClass, labelClass } from "./styles";

interface Props {
  label: string;
  value: number;
  onCommit: (value: number) => void;
  min?: number;
  max?: number;
  step?: number;
  suffix?: string;
  disabled?: boolean;
  testId?: string;
  /** Whole numbers only (pixels). */
  integer?: boolean;
}

/**
 * A labelled number input that keeps what is typed while it is not yet a number (an empty box, a lone "-"),
 * and reports each valid value; the parent may correct it, and the box then shows the correction.
 */
export function NumberField({ label, value, onCommit, min, max, step = 1, suffix, disabled, testId, integer = true }: Props) {
  const id = useId();
  const [draft, setDraft] = useState(String(value));
  useEffect(() => setDraft(String(value)), [value]);

  return (
    <div className="min-w-0">
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <div className="relative">
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
            if (e.target.value.trim() !== "" && Number.isFinite(n)) onCommit(integer ? Math.round(n) : n);
          }}
          onBlur={() => setDraft(String(value))}
          className={`${inputClass} w-full tabular-nums ${suffix ? "pr-9" : ""}`}
        />
        {suffix && <span className="pointer-events-none absolute top-1/2 right-3 -translate-y-1/2 text-xs text-subtle">{suffix}</span>}
      </div>
    </div>
  );
}
