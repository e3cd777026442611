"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { GenerationRequest, Provider, Usage } from "@/components/api/generation";
import { AlertIcon } from "@/components/ui/icons";
import { buttonClass } from "@/components/ui/styles";
import { AdvancedOptions } from "./advanced-options";
import { AspectPicker } from "./aspect-picker";
import { CostEstimate } from "./cost-estimate";
import { CountField } from "./count-field";
import { AppIcon, ChevronDownIcon, SlidersIcon, SparklesIcon } from "./icons";
import { ProviderPicker } from "./provider-picker";
import { SeedField } from "./seed-field";
import { aspectRatioOf, aspectsOf, maxCount, randomSeed, toRequest, type PromptDraft } from "./settings";
import { StyleChips } from "./style-chips";
import { usePromptDraft } from "./use-prompt-draft";

interface Props {
  /** A draft from the address (`/?prompt=…`, "Reuse prompt"); it also focuses the prompt. */
  initial: Partial<PromptDraft> | null;
  providers: Provider[] | null;
  providersError: string | null;
  usage: Usage | null;
  /** New images join this collection (the one the gallery shows). */
  collectionId?: string;
  onGenerate: (request: GenerationRequest, ratio: number) => void;
}

const emptyPrompt = "Describe the image you want first — a few words are enough.";

/** The prompt and its settings; Enter (or ⌘/Ctrl+Enter) generates, Shift+Enter starts a new line. */
export function PromptBar({ initial, providers, providersError, usage, collectionId, onGenerate }: Props) {
  const ids = { prompt: useId(), error: useId(), advanced: useId() };
  const { draft, update, provider, model, advanced, setAdvanced } = usePromptDraft(initial, providers);
  const [error, setError] = useState<string | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const caps = model?.capabilities;
  const maxImages = Math.min(maxCount, caps?.maxImages ?? maxCount);
  const modelName = model ? (provider?.models.length === 1 ? provider.name : model.label) : undefined;

  useEffect(() => {
    if (!initial?.prompt || !textarea.current) return;
    const el = textarea.current;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, [initial]);

  const submit = () => {
    if (!draft.prompt.trim()) {
      setError(emptyPrompt);
      textarea.current?.focus();
      return;
    }
    setError(null);
    let seed = draft.seed;
    if (caps?.seed !== false && (!draft.seedLocked || seed === null)) {
      seed = randomSeed();
      update({ seed });
    }
    onGenerate(toRequest({ ...draft, seed }, model, collectionId), aspectRatioOf(draft));
  };

  return (
    <section
      aria-label="Generate"
      data-testid="prompt-bar"
      className="rounded-2xl border border-line bg-surface shadow-sm transition-[border-color,box-shadow] has-[[data-testid=prompt-input]:focus]:border-accent/60 has-[[data-testid=prompt-input]:focus]:ring-4 has-[[data-testid=prompt-input]:focus]:ring-accent/10"
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div className="flex gap-3 px-3 pt-3.5 sm:px-5 sm:pt-4">
          <SparklesIcon className="mt-1 size-5 shrink-0 text-accent" />
          <label htmlFor={ids.prompt} className="sr-only">
            Prompt
          </label>
          <textarea
            ref={textarea}
            id={ids.prompt}
            data-testid="prompt-input"
            rows={2}
            value={draft.prompt}
            placeholder="Describe an image — “a lighthouse on a cliff at dusk, warm light”"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? ids.error : undefined}
            onChange={(e) => {
              update({ prompt: e.target.value });
              if (error && e.target.value.trim()) setError(null);
            }}
            onKeyDown={(e) => {
              if (e.key !== "Enter" || e.shiftKey || e.nativeEvent.isComposing) return;
              e.preventDefault();
              submit();
            }}
            className="field-sizing-content max-h-48 min-h-[3.25rem] w-full resize-none bg-transparent text-[15px] leading-6 text-fg outline-none! placeholder:text-subtle"
          />
        </div>
        {error && (
          <p id={ids.error} role="alert" data-testid="prompt-error" className="mx-3 mt-1 flex items-center gap-2 text-sm text-danger sm:mx-5 sm:pl-8">
            <AlertIcon className="size-4 shrink-0" />
            {error}
          </p>
        )}

        <div className="flex items-center gap-2 px-3 pt-2.5 pb-3 sm:px-5 sm:pl-13">
          <StyleChips value={draft.style} onChange={(style) => update({ style })} />
          <button
            type="button"
            data-testid="advanced-toggle"
            aria-expanded={advanced}
            aria-controls={ids.advanced}
            onClick={() => setAdvanced(!advanced)}
            className="ml-auto flex h-7 shrink-0 items-center gap-1.5 rounded-full px-2.5 text-xs font-medium text-muted hover:bg-raised hover:text-fg"
          >
            <SlidersIcon className="size-3.5" />
            <span className="hidden sm:inline">Advanced</span>
            <ChevronDownIcon className={`size-3.5 transition-transform ${advanced ? "rotate-180" : ""}`} />
          </button>
        </div>

        {advanced && (
          <AdvancedOptions
            id={ids.advanced}
            draft={draft}
            update={update}
            model={model}
            modelName={modelName}
            usage={usage}
          />
        )}

        <div className="flex flex-wrap items-center gap-2 rounded-b-2xl border-t border-line bg-canvas/50 px-3 py-2.5 sm:px-5">
          <AspectPicker
            value={draft.aspect}
            onChange={(aspect) => update({ aspect })}
            allowed={aspectsOf(model)}
            lockedSquare={draft.icon}
            modelName={modelName}
          />
          <button
            type="button"
            data-testid="icon-toggle"
            aria-pressed={draft.icon}
            title="Make an app icon: square, transparent where the model can, with the standard icon sizes"
            onClick={() => update({ icon: !draft.icon })}
            className={`flex h-9 items-center gap-1.5 rounded-lg border px-2.5 text-xs font-medium transition-colors ${
              draft.icon ? "border-accent bg-accent-soft text-accent" : "border-line-strong bg-surface text-muted shadow-xs hover:text-fg"
            }`}
          >
            <AppIcon className="size-4" /> Icon
          </button>
          <CountField value={draft.n} max={maxImages} onChange={(n) => update({ n })} />
          <SeedField
            seed={draft.seed}
            locked={draft.seedLocked}
            onChange={update}
            unsupported={caps && !caps.seed ? `${modelName ?? "This model"} takes no seed` : undefined}
          />
          <ProviderPicker
            providers={providers}
            error={providersError}
            provider={draft.provider}
            model={draft.model}
            onChange={(choice) => update(choice)}
          />
          <div className="ml-auto flex items-center gap-3 max-sm:w-full max-sm:justify-between">
            <CostEstimate model={model} n={draft.n} usage={usage} local={provider?.local} />
            <button type="submit" data-testid="generate-button" title="Generate (Enter)" className={buttonClass("primary", "md", "px-5")}>
              <SparklesIcon /> Generate
            </button>
          </div>
        </div>
      </form>
    </section>
  );
}
