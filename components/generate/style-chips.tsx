"use client";

import { stylePresets, type StylePreset } from "@/components/api/generation";
import { moveRadio } from "./radio-keys";
import { styleLabels } from "./settings";

/** Style presets as a single-choice row of chips; "No style" sends none. */
export function StyleChips({ value, onChange }: { value: StylePreset; onChange: (style: StylePreset) => void }) {
  return (
    <div role="radiogroup" aria-label="Style" onKeyDown={moveRadio} className="-mx-1 flex min-w-0 gap-1.5 overflow-x-auto px-1 py-0.5 [scrollbar-width:none] max-lg:[mask-image:linear-gradient(to_right,black_85%,transparent)]">
      {stylePresets.map((id) => {
        const selected = value === id;
        return (
          <button
            key={id}
            type="button"
            role="radio"
            aria-checked={selected}
            tabIndex={selected ? 0 : -1}
            data-testid={`style-${id}`}
            onClick={() => onChange(id)}
            className={`h-7 shrink-0 rounded-full border px-3 text-xs font-medium transition-colors ${
              selected
                ? "border-accent bg-accent-soft text-accent"
                : id === "none"
                  ? "border-dashed border-line-strong text-muted hover:text-fg"
                  : "border-line bg-surface text-muted hover:border-line-strong hover:text-fg"
            }`}
          >
            {styleLabels[id]}
          </button>
        );
      })}
    </div>
  );
}
