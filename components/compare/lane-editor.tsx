"use client";

import { useEffect, useId, useState } from "react";
import { stylePresets, type Provider, type StylePreset } from "@/components/api/generation";
import { formatUsd, providerLabel } from "@/components/api/providers";
import { ModelBadges } from "@/components/generate/model-badges";
import { lifecycleSuffix } from "@/components/generate/model-lifecycle";
import { maxSeed, styleLabels } from "@/components/generate/settings";
import { CloseIcon } from "@/components/ui/icons";
import { referenceReason } from "@/components/references/references";
import { choiceValue, findModel, laneLetter, parseChoice, usableModels, type Lane } from "./lanes";

interface Props {
  lane: Lane;
  index: number;
  providers: Provider[] | null;
  canRemove: boolean;
  /** The shared reference images: a column whose model cannot take them says so. */
  references?: number;
  onChange: (change: Partial<Lane>) => void;
  onRemove: () => void;
}

const fieldClass =
  "h-9 w-full min-w-0 rounded-lg border border-line-strong bg-surface px-2.5 text-sm text-fg shadow-xs focus-visible:border-accent";

/** One column's settings: the provider and model, and optionally a style or seed of its own. */
export function LaneEditor({ lane, index, providers, canRemove, references = 0, onChange, onRemove }: Props) {
  const id = useId();
  const letter = laneLetter(index);
  const chosen = findModel(providers, lane);
  const options = usableModels(providers);
  const unfit = chosen ? referenceReason(chosen.model.capabilities, references) : null;
  const [seedText, setSeedText] = useState(lane.seed === null ? "" : String(lane.seed));
  useEffect(() => setSeedText(lane.seed === null ? "" : String(lane.seed)), [lane.seed]);

  return (
    <li data-testid="compare-lane" data-lane={letter} className="rounded-xl border border-line bg-canvas/40 p-2.5">
      <div className="flex items-start gap-2">
        <span aria-hidden="true" className="mt-6 grid size-6 shrink-0 place-items-center rounded-md bg-accent-soft text-xs font-bold text-accent">
          {letter}
        </span>
        <div className="flex min-w-0 flex-1 flex-wrap items-end gap-2">
          <div className="min-w-0 flex-[2_1_13rem]">
            <label htmlFor={`${id}-model`} className="mb-1 block text-xs font-medium text-muted">
              Column {letter}: provider and model
            </label>
            <select
              id={`${id}-model`}
              data-testid="lane-model"
              value={chosen ? choiceValue(lane.provider, lane.model) : ""}
              onChange={(e) => onChange(parseChoice(e.target.value))}
              className={`${fieldClass} cursor-pointer`}
            >
              {!chosen && <option value="">Choose a model</option>}
              {Array.from(new Set(options.map((o) => o.provider.id))).map((pid) => (
                <optgroup key={pid} label={providerLabel(pid)}>
                  {options
                    .filter((o) => o.provider.id === pid)
                    .map(({ provider, model }) => (
                      <option key={model.id} value={choiceValue(provider.id, model.id)}>
                        {model.label} — {provider.local || model.costPerImageUsd <= 0 ? "free" : `${formatUsd(model.costPerImageUsd)} / image`}
                        {lifecycleSuffix(model)}
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
          </div>
          <div className="min-w-0 flex-[1_1_6rem]">
            <label htmlFor={`${id}-style`} className="mb-1 block text-xs font-medium text-muted">
              Style
            </label>
            <select
              id={`${id}-style`}
              data-testid="lane-style"
              value={lane.style}
              onChange={(e) => onChange({ style: e.target.value as StylePreset | "shared" })}
              className={`${fieldClass} cursor-pointer`}
            >
              <option value="shared">Same as above</option>
              {stylePresets.map((s) => (
                <option key={s} value={s}>
                  {styleLabels[s]}
                </option>
              ))}
            </select>
          </div>
          <div className="min-w-0 flex-[1_1_6rem]">
            <label htmlFor={`${id}-seed`} className="mb-1 block text-xs font-medium text-muted">
              Seed
            </label>
            <input
              id={`${id}-seed`}
              data-testid="lane-seed"
              type="text"
              inputMode="numeric"
              autoComplete="off"
              placeholder="Same as above"
              disabled={chosen?.model.capabilities.seed === false}
              value={seedText}
              onChange={(e) => {
                const text = e.target.value.replace(/[^\d]/g, "").slice(0, 10);
                setSeedText(text);
                if (!text) return onChange({ seed: null });
                const n = Number(text);
                if (n <= maxSeed) onChange({ seed: n });
              }}
              onBlur={() => setSeedText(lane.seed === null ? "" : String(lane.seed))}
              className={`${fieldClass} font-mono tabular-nums placeholder:font-sans placeholder:text-subtle disabled:opacity-50`}
            />
          </div>
          {chosen && <ModelBadges model={chosen.model} local={chosen.provider.local} provider={chosen.provider} className="basis-full" />}
          {unfit && (
            <p data-testid="lane-reference-reason" className="basis-full text-xs text-danger">
              {chosen!.model.label} {unfit}: choose another model, or attach fewer.
            </p>
          )}
        </div>
        <button
          type="button"
          data-testid="lane-remove"
          onClick={onRemove}
          disabled={!canRemove}
          aria-label={`Remove column ${letter}`}
          title={canRemove ? `Remove column ${letter}` : "A comparison needs two columns"}
          className="mt-5 grid size-9 shrink-0 place-items-center rounded-lg text-muted hover:bg-raised hover:text-fg disabled:opacity-30 disabled:hover:bg-transparent"
        >
          <CloseIcon className="size-4" />
        </button>
      </div>
    </li>
  );
}
