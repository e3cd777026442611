"use client";

import { useId } from "react";
import type { Provider, ProviderModel, Usage } from "@/components/api/generation";
import { formatUsd } from "@/components/api/providers";
import type { Collection } from "@/components/api/types";
import { labelClass } from "@/components/ui/styles";
import { CollectionSelect } from "./collection-select";
import { ModelBadges } from "./model-badges";
import { OutputOptions } from "./output-options";
import { PromptCounter, type PromptLength } from "./prompt-length";
import type { PromptDraft } from "./settings";

interface Props {
  id: string;
  draft: PromptDraft;
  update: (change: Partial<PromptDraft>) => void;
  model: ProviderModel | undefined;
  modelName?: string;
  /** The negative prompt's counter near the length limit (null: well within it). */
  negativeLength?: PromptLength | null;
  /** The chosen provider (for the model's life-cycle and default badges). */
  provider?: Provider;
  local?: boolean;
  usage: Usage | null;
  collections: Collection[] | null;
  reloadCollections: () => void;
}

const kbd = "rounded border border-line bg-raised px-1 font-sans text-[11px] font-medium text-muted";

/**
 * The rarely needed settings: what to keep out of the picture, the size class and quality (where the model has
 * them), where the images go, what the model can do, the budget.
 */
export function AdvancedOptions({ id, draft, update, model, modelName, negativeLength = null, provider, local, usage, collections, reloadCollections }: Props) {
  const negativeId = useId();
  const counterId = useId();
  const canNegative = model?.capabilities.negativePrompt !== false;
  const budget = usage?.budget;

  return (
    <div id={id} data-testid="advanced-options" className="grid gap-4 border-t border-line px-3 py-3.5 sm:px-5 sm:pl-13 md:grid-cols-[minmax(0,1fr)_20rem]">
      <div className="grid content-start gap-4">
        <div>
          <label htmlFor={negativeId} className={labelClass}>
            Negative prompt <span className="font-normal text-subtle">— what to keep out of the picture</span>
          </label>
          <textarea
            id={negativeId}
            data-testid="negative-prompt-input"
            rows={1}
            value={draft.negativePrompt}
            placeholder={canNegative ? "blurry, text, watermark, extra fingers" : `${modelName ?? "This model"} takes no negative prompt: it is added to the prompt as “Avoid: …”`}
            onChange={(e) => update({ negativePrompt: e.target.value })}
            aria-describedby={negativeLength ? counterId : undefined}
            className="field-sizing-content max-h-32 min-h-10 w-full resize-none rounded-lg border border-line-strong bg-surface px-3 py-2 text-sm leading-5 shadow-xs outline-none placeholder:text-subtle focus-visible:border-accent"
          />
          <PromptCounter id={counterId} state={negativeLength} testId="negative-prompt-counter" className="block text-right" />
        </div>
        <OutputOptions draft={draft} update={update} model={model} modelName={modelName} />
        <CollectionSelect value={draft.collection} onChange={(collection) => update({ collection })} collections={collections} reload={reloadCollections} />
      </div>
      <div className="grid content-start gap-3">
        {model && (
          <div>
            <p className={labelClass}>{modelName ?? model.label}</p>
            <ModelBadges model={model} local={local} provider={provider} />
          </div>
        )}
        <dl className="grid content-start gap-2 text-xs text-muted">
          <div className="flex justify-between gap-3">
            <dt>Seed</dt>
            <dd className="text-right text-fg">
              {model?.capabilities.seed === false ? "Not taken by this model" : draft.seedLocked ? "Locked — repeats exactly" : "New for each generation"}
            </dd>
          </div>
          {budget && (
            <div className="flex justify-between gap-3">
              <dt>Budget left today</dt>
              <dd className="text-right text-fg tabular-nums" data-testid="budget-left">
                {budget.limitUsd > 0 ? `${formatUsd(budget.leftUsd)} of ${formatUsd(budget.limitUsd)}` : "No paid generations"}
              </dd>
            </div>
          )}
        </dl>
      </div>
      <p className="text-xs leading-5 text-subtle md:col-span-2">
        <kbd className={kbd}>Enter</kbd> or <kbd className={kbd}>⌘/Ctrl+Enter</kbd> generates · <kbd className={kbd}>Shift+Enter</kbd> new line ·{" "}
        <kbd className={kbd}>Alt+↑</kbd> previous prompt · <kbd className={kbd}>?</kbd> all shortcuts · the set-up is remembered on this device
      </p>
    </div>
  );
}
