"use client";

import { useId } from "react";
import { inputClass, labelClass } from "@/components/ui/styles";
import { filterOptions, optionOf, type FilterChoice, type FilterType } from "./filter-options";

interface Props {
  choice: FilterChoice | null;
  onChoice: (choice: FilterChoice | null) => void;
}

/** One filter, previewed live on the picture (CSS filters where they match the server's), saved with the other edits. */
export function FilterPanel({ choice, onChoice }: Props) {
  const typeId = useId();
  const paramId = useId();
  const option = choice ? optionOf(choice.type) : null;
  const param = option?.param;

  return (
    <div>
      <label htmlFor={typeId} className={labelClass}>
        Filter
      </label>
      <select
        id={typeId}
        data-testid="filter-type"
        value={choice?.type ?? ""}
        onChange={(e) => {
          const type = e.target.value as FilterType | "";
          onChoice(type ? { type, value: optionOf(type).param?.initial ?? 0 } : null);
        }}
        className={`${inputClass} w-full cursor-pointer`}
      >
        <option value="">None</option>
        {filterOptions.map((o) => (
          <option key={o.type} value={o.type}>
            {o.label}
          </option>
        ))}
      </select>

      {choice && param?.kind === "range" && (
        <div className="mt-4">
          <div className="flex items-baseline justify-between">
            <label htmlFor={paramId} className={labelClass}>
              {param.label}
            </label>
            <input
              type="number"
              aria-label={`${param.label} value`}
              data-testid="filter-param"
              value={choice.value}
              min={param.min}
              max={param.max}
              step={param.step}
              onChange={(e) => e.target.value !== "" && onChoice({ ...choice, value: Number(e.target.value) })}
              className="h-7 w-20 rounded-md border border-line bg-surface px-2 text-right text-xs tabular-nums"
            />
          </div>
          <input
            id={paramId}
            type="range"
            data-testid="filter-slider"
            value={choice.value}
            min={param.min}
            max={param.max}
            step={param.step}
            onChange={(e) => onChoice({ ...choice, value: Number(e.target.value) })}
            className="mt-1 w-full accent-[var(--accent)]"
          />
          {param.hint && <p className="mt-1 text-xs text-subtle">{param.hint}</p>}
        </div>
      )}

      {choice && param?.kind === "color" && (
        <div className="mt-4 flex items-center gap-3">
          <input
            id={paramId}
            type="color"
            data-testid="filter-param"
            value={String(choice.value)}
            onChange={(e) => onChoice({ ...choice, value: e.target.value })}
            className="h-10 w-14 cursor-pointer rounded-lg border border-line-strong bg-surface p-1"
          />
          <label htmlFor={paramId} className="text-sm">
            {param.label} <span className="font-mono text-xs text-muted uppercase">{String(choice.value)}</span>
          </label>
        </div>
      )}

      <p className="mt-3 text-xs leading-5 text-muted">
        {!choice
          ? "Pick a filter to preview it on the picture."
          : option?.css || choice.type === "tint"
            ? "Previewed live on the picture (approximately); the result is rendered on the server."
            : "This filter is not previewed; the result is rendered on the server."}
      </p>
    </div>
  );
}
