"use client";

import { moveRadio } from "./radio-keys";
import { aspectPresets, type AspectId } from "./settings";

interface Props {
  value: AspectId;
  onChange: (aspect: AspectId) => void;
  /** Aspects the chosen model makes; the others are shown but cannot be picked. */
  allowed: AspectId[];
  /** An icon is always square: the picker shows 1:1 and is locked. */
  lockedSquare?: boolean;
  modelName?: string;
}

/** The output shape as small outlined rectangles, one per preset. */
export function AspectPicker({ value, onChange, allowed, lockedSquare, modelName }: Props) {
  return (
    <div role="radiogroup" aria-label="Aspect ratio" onKeyDown={moveRadio} className="flex items-center rounded-lg border border-line bg-canvas/60 p-0.5">
      {aspectPresets.map((a) => {
        const selected = lockedSquare ? a.id === "1:1" : value === a.id;
        const disabled = lockedSquare ? a.id !== "1:1" : !allowed.includes(a.id);
        const scale = 14 / Math.max(a.w, a.h);
        const title = lockedSquare
          ? "Icons are square"
          : disabled
            ? `${modelName ?? "This model"} does not make ${a.id}`
            : `${a.label}`;
        return (
          <button
            key={a.id}
            type="button"
            role="radio"
            aria-checked={selected}
            tabIndex={selected ? 0 : -1}
            aria-label={a.id}
            title={title}
            data-testid={`aspect-${a.w}x${a.h}`}
            disabled={disabled}
            onClick={() => onChange(a.id)}
            className={`group flex h-8 min-w-9 flex-col items-center justify-center gap-0.5 rounded-md px-1.5 transition-colors disabled:cursor-not-allowed disabled:opacity-35 ${
              selected ? "bg-surface text-accent shadow-xs ring-1 ring-line" : "text-muted enabled:hover:text-fg"
            }`}
          >
            <span className="grid h-3.5 place-items-center">
              <span
                aria-hidden="true"
                className={`block rounded-[2px] border-[1.5px] border-current ${selected ? "bg-accent/15" : ""}`}
                style={{ width: Math.max(5, a.w * scale), height: Math.max(5, a.h * scale) }}
              />
            </span>
            <span className="text-[9.5px] leading-none font-medium tabular-nums">{a.id}</span>
          </button>
        );
      })}
    </div>
  );
}
