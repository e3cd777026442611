"use client";

import { useId } from "react";
import type { ProviderModel, Quality, Resolution } from "@/components/api/generation";
import { labelClass } from "@/components/ui/styles";
import { moveRadio } from "./radio-keys";
import { effectiveQuality, effectiveResolution, isAnimated, qualitiesOf, qualityLabels, resolutionLabels, resolutionsOf, type PromptDraft } from "./settings";

interface Props {
  draft: PromptDraft;
  update: (change: Partial<PromptDraft>) => void;
  model: ProviderModel | undefined;
  modelName?: string;
}

interface Option<T extends string> {
  id: T;
  label: string;
  title: string;
}

/** A row of choices as a radio group of buttons (arrow keys move, as in the aspect picker). */
function Segmented<T extends string>({ name, testId, value, options, onChange }: { name: string; testId: string; value: T; options: Option<T>[]; onChange: (value: T) => void }) {
  const labelId = useId();
  return (
    <div className="min-w-0">
      <p id={labelId} className={labelClass}>
        {name}
      </p>
      <div role="radiogroup" aria-labelledby={labelId} data-testid={testId} onKeyDown={moveRadio} className="flex w-fit max-w-full flex-wrap items-center gap-0.5 rounded-lg border border-line bg-canvas/60 p-0.5">
        {options.map((o) => {
          const selected = o.id === value;
          return (
            <button
              key={o.id || "default"}
              type="button"
              role="radio"
              aria-checked={selected}
              tabIndex={selected ? 0 : -1}
              title={o.title}
              data-testid={`${testId.replace(/-picker$/, "")}-${o.id || "default"}`}
              onClick={() => onChange(o.id)}
              className={`h-7 min-w-9 rounded-md px-2 text-xs font-medium tabular-nums transition-colors ${
                selected ? "bg-surface text-accent shadow-xs ring-1 ring-line" : "text-muted hover:text-fg"
              }`}
            >
              {o.label}
            </button>
          );
        })}
      </div>
    </div>
  );
}

/**
 * The size class (512 / 1K / 2K / 4K, as the model offers; hidden when it makes only 1K) and the quality (the model's
 * own levels; hidden when it has none). What the model cannot take is not shown and not sent; the draft keeps the
 * choice for a model that can.
 */
export function OutputOptions({ draft, update, model, modelName }: Props) {
  // An animation's frames get their own size (the Animated GIF row says which): no size class.
  const sizes = isAnimated(draft, model) ? [] : resolutionsOf(model);
  const levels = qualitiesOf(model);
  if (sizes.length < 2 && !levels.length) return null;
  const who = modelName ?? "this model";
  return (
    <div className="flex flex-wrap gap-x-5 gap-y-3" data-testid="output-options">
      {sizes.length > 1 && (
        <Segmented<Resolution>
          name="Size"
          testId="resolution-picker"
          value={effectiveResolution(draft, model)}
          options={sizes.map((r) => ({ id: r, ...resolutionLabels[r] }))}
          onChange={(resolution) => update({ resolution })}
        />
      )}
      {levels.length > 0 && (
        <Segmented<Quality | "">
          name="Quality"
          testId="quality-picker"
          value={effectiveQuality(draft, model)}
          options={[{ id: "" as const, label: qualityLabels[""].label, title: `${who}'s usual quality` }, ...levels.map((q) => ({ id: q, ...qualityLabels[q] }))]}
          onChange={(quality) => update({ quality })}
        />
      )}
    </div>
  );
}
