"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { GenerationRequest, Provider, Usage } from "@/components/api/generation";
import { AlertIcon } from "@/components/ui/icons";
import { NumberField } from "@/components/ui/number-field";
import { buttonClass } from "@/components/ui/styles";
import { AdvancedOptions } from "./advanced-options";
import { CollectionChip, useCollectionList } from "./collection-select";
import { HistoryMenu } from "./history-menu";
import { AspectPicker } from "./aspect-picker";
import { CostEstimate } from "./cost-estimate";
import { EnhanceButton, EnhancedFromNote, EnhanceSuggestion, useEnhance } from "./enhance-prompt";
import { ChevronDownIcon, SlidersIcon, SparklesIcon } from "./icons";
import { AnimationOptions } from "./animation-options";
import { AnimationToggle, IconToggle } from "./format-toggles";
import { ProviderPicker } from "./provider-picker";
import { SeedField } from "./seed-field";
import { animationCostScale, aspectRatioOf, aspectsOf, defaultDraft, isAnimated, maxCount, randomSeed, toRequest, type PromptDraft } from "./settings";
import { sameSetup, usePromptHistory, type HistoryEntry } from "./prompt-history";
import { StyleChips } from "./style-chips";
import { hasOutputChoice, usePromptDraft } from "./use-prompt-draft";
import { liveModels } from "./model-lifecycle";
import { ModelNotice } from "./model-notice";
import { useRememberGalleryQuery } from "./gallery-address";
import { defaultPromptLimit, promptLength, PromptCounter, tooLongText } from "./prompt-length";
import type { StudioImage } from "@/components/api/types";
import { AddReferenceButton } from "@/components/references/add-reference-button";
import { ReferenceDropHint, ReferenceTray } from "@/components/references/reference-tray";
import { rendererOf } from "@/components/references/references";
import { usePanelReferences } from "@/components/references/use-reference-input";

interface Props {
  /** A draft from the address (`/?prompt=…`, "Reuse prompt"); it also focuses the prompt. */
  initial: Partial<PromptDraft> | null;
  providers: Provider[] | null;
  providersError: string | null;
  usage: Usage | null;
  /** New images join this collection (the one the gallery shows). */
  collectionId?: string;
  /** Answers (when it can) the server's refusal of the request, or null once it is accepted. */
  onGenerate: (request: GenerationRequest, ratio: number) => void | Promise<unknown>;
  /** A picture dropped or pasted here as a reference was uploaded: it joins the gallery. */
  onUploaded?: (image: StudioImage) => void;
}

const emptyPrompt = "Describe the image you want first — a few words are enough.";

/**
 * The prompt and its settings; Enter (or ⌘/Ctrl+Enter) generates, Shift+Enter starts a new line. Every prompt sent
 * goes into the history (the last 50, with their settings); recalling one keeps the draft that was there, to go
 * back to (from the history list, or Alt+↓ after Alt+↑).
 */
export function PromptBar({ initial, providers, providersError, usage, collectionId, onGenerate, onUploaded }: Props) {
  const ids = { prompt: useId(), error: useId(), advanced: useId(), counter: useId() };
  const { draft, update, provider, model, retired, advanced, setAdvanced } = usePromptDraft(initial, providers);
  const [error, setError] = useState<string | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const history = usePromptHistory();
  const { collections, reload: reloadCollections } = useCollectionList();
  // The gallery's filters, for "Reuse settings" on an image page to come back to.
  useRememberGalleryQuery();
  // The draft being written when a past prompt was recalled, and where Alt+↑/↓ is in the history (-1: the draft).
  const [stash, setStash] = useState<PromptDraft | null>(null);
  const historyAt = useRef(-1);
  const caps = model?.capabilities;
  const maxImages = Math.min(maxCount, caps?.maxImages ?? maxCount);
  const modelName = model ? (liveModels(provider).length === 1 ? provider!.name : model.label) : undefined;
  // The instance's limit (MAX_PROMPT_LENGTH, from GET /api/v1/usage): a counter shows from 80 % of it.
  const promptLimit = usage?.limits?.maxPromptLength ?? defaultPromptLimit;
  const length = promptLength(draft.prompt, promptLimit);
  const negativeLength = promptLength(draft.negativePrompt, promptLimit);
  const collectionName = draft.collection ? (collections?.find((c) => c.id === draft.collection)?.name ?? null) : null;
  // Reference images: dragged tiles, the picker, pasted or dropped files; the server's refusal of them shows by the tray.
  // They are judged against the chosen model, named by its label (none chosen or providers loading: the server decides).
  const refs = usePanelReferences(draft.references, update, onUploaded, { capabilities: caps, modelName: model?.label, renderer: rendererOf(providers, provider) });

  useEffect(() => {
    if (!initial?.prompt || !textarea.current) return;
    const el = textarea.current;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, [initial]);

  // New images join the collection the gallery shows, until another is chosen here.
  useEffect(() => update({ collection: collectionId ?? "" }), [collectionId, update]);

  const focusPrompt = () => {
    const el = textarea.current;
    if (!el) return;
    el.focus();
    requestAnimationFrame(() => el.setSelectionRange(el.value.length, el.value.length));
  };
  const enhance = useEnhance(draft, update, providers, focusPrompt);

  /** Fills the bar with a past prompt and its settings; the current draft is kept to come back to. */
  const recall = (entry: HistoryEntry, at = -1) => {
    if (!stash && !history.entries.some((e) => sameSetup(e.draft, draft))) setStash(draft);
    // A collection deleted since is dropped rather than sent (the API would refuse it).
    const collection = collections && !collections.some((c) => c.id === entry.draft.collection) ? "" : entry.draft.collection;
    update({ ...defaultDraft, ...entry.draft, collection });
    if (entry.draft.negativePrompt.trim() || hasOutputChoice(entry.draft)) setAdvanced(true);
    historyAt.current = at;
    setError(null);
    focusPrompt();
  };

  const restoreDraft = () => {
    if (stash) update(stash);
    setStash(null);
    historyAt.current = -1;
    focusPrompt();
  };

  const stepHistory = (step: 1 | -1) => {
    const next = historyAt.current + step;
    if (next < 0) return stash ? restoreDraft() : undefined;
    const entry = history.entries[next];
    if (entry) recall(entry, next);
  };

  const submit = () => {
    if (!draft.prompt.trim()) {
      setError(emptyPrompt);
      textarea.current?.focus();
      return;
    }
    // Over the limit the server would refuse it: say so here, with the numbers, instead of sending it.
    if (length?.over || negativeLength?.over) {
      setError(length?.over ? tooLongText("prompt", length, promptLimit) : tooLongText("negative prompt", negativeLength!, promptLimit));
      if (!length?.over) setAdvanced(true);
      textarea.current?.focus();
      return;
    }
    if (refs.blocked()) return;
    setError(null);
    let seed = draft.seed;
    if (caps?.seed !== false && (!draft.seedLocked || seed === null)) {
      seed = randomSeed();
      update({ seed });
    }
    history.add({ ...draft, seed });
    historyAt.current = -1;
    refs.watch(onGenerate(toRequest({ ...draft, seed }, model), aspectRatioOf(draft)));
  };

  return (
    <section
      aria-label="Generate"
      data-testid="prompt-bar"
      data-drop-active={refs.active || undefined}
      {...refs.dropProps}
      className="relative rounded-2xl data-drop-active:border-accent data-drop-active:ring-4 data-drop-active:ring-accent/20 border border-line bg-surface shadow-sm transition-[border-color,box-shadow] has-[[data-testid=prompt-input]:focus]:border-accent/60 has-[[data-testid=prompt-input]:focus]:ring-4 has-[[data-testid=prompt-input]:focus]:ring-accent/10"
    >
      <ReferenceDropHint visible={refs.active} />
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
            data-shortcut="prompt"
            aria-keyshortcuts="N"
            rows={2}
            value={draft.prompt}
            placeholder="Describe an image — “a lighthouse on a cliff at dusk, warm light”"
            aria-invalid={error ? true : undefined}
            aria-describedby={[error && ids.error, length && ids.counter].filter(Boolean).join(" ") || undefined}
            onChange={(e) => {
              // Emptied: an accepted suggestion's origin no longer belongs to what is written.
              update({ prompt: e.target.value, ...(e.target.value.trim() ? {} : { enhancedFrom: null }) });
              historyAt.current = -1;
              if (error && e.target.value.trim()) setError(null);
            }}
            onKeyDown={(e) => {
              if (e.altKey && (e.key === "ArrowUp" || e.key === "ArrowDown")) {
                e.preventDefault();
                stepHistory(e.key === "ArrowUp" ? 1 : -1);
                return;
              }
              if (e.key !== "Enter" || e.shiftKey || e.nativeEvent.isComposing) return;
              e.preventDefault();
              submit();
            }}
            className="field-sizing-content max-h-48 min-h-[3.25rem] w-full resize-none bg-transparent text-[15px] leading-6 text-fg outline-none! placeholder:text-subtle"
          />
          <PromptCounter id={ids.counter} state={length} testId="prompt-counter" className="shrink-0 self-end pb-0.5" />
        </div>
        {error && (
          <p id={ids.error} role="alert" data-testid="prompt-error" className="mx-3 mt-1 flex items-center gap-2 text-sm text-danger sm:mx-5 sm:pl-8">
            <AlertIcon className="size-4 shrink-0" />
            {error}
          </p>
        )}

        <EnhanceSuggestion enhance={enhance} providers={providers} className="mx-3 mt-2 sm:mx-5 sm:ml-13" />
        <EnhancedFromNote draft={draft} enhance={enhance} providers={providers} className="mx-3 mt-1 sm:mx-5 sm:pl-8" />
        <ReferenceTray {...refs.trayProps} className="mx-3 mt-2 sm:mx-5 sm:pl-8" />
        <div className="flex items-center gap-2 px-3 pt-2.5 pb-3 sm:px-5 sm:pl-13">
          <StyleChips value={draft.style} onChange={(style) => update({ style })} />
          {collectionName && <CollectionChip name={collectionName} onOpen={() => setAdvanced(true)} />}
          <div className={`${collectionName ? "" : "ml-auto"} flex shrink-0 items-center`}>
            <EnhanceButton enhance={enhance} />
            <HistoryMenu
              entries={history.entries}
              stash={stash}
              onRecall={(entry) => recall(entry, history.entries.indexOf(entry))}
              onRestore={restoreDraft}
              onRemove={history.remove}
              onClear={history.clear}
            />
          </div>
          <button
            type="button"
            data-testid="advanced-toggle"
            // The word is hidden on a phone, where the button is only icons: the name stays.
            aria-label="Advanced"
            aria-expanded={advanced}
            aria-controls={ids.advanced}
            onClick={() => setAdvanced(!advanced)}
            className="flex h-7 shrink-0 items-center gap-1.5 rounded-full px-2.5 text-xs font-medium text-muted hover:bg-raised hover:text-fg"
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
            negativeLength={negativeLength}
            provider={provider}
            local={provider?.local}
            usage={usage}
            collections={collections}
            reloadCollections={reloadCollections}
          />
        )}

        <ModelNotice provider={provider} model={model} retired={retired} onUseModel={(id) => update({ model: id })} />
        {model && isAnimated(draft, model) && <AnimationOptions draft={draft} update={update} model={model} />}

        <div className="flex flex-wrap items-center gap-2 rounded-b-2xl border-t border-line bg-canvas/50 px-3 py-2.5 sm:px-5">
          <AspectPicker
            value={draft.aspect}
            onChange={(aspect) => update({ aspect })}
            allowed={aspectsOf(model)}
            lockedSquare={draft.icon && !isAnimated(draft, model)}
            modelName={modelName}
          />
          {/* An icon is a still: one of the two at a time. */}
          <IconToggle pressed={draft.icon && !isAnimated(draft, model)} onChange={(icon) => update({ icon, ...(icon ? { animated: false } : {}) })} />
          {caps?.animation && <AnimationToggle pressed={draft.animated} modelName={modelName} onChange={(animated) => update({ animated, ...(animated ? { icon: false } : {}) })} />}
          <AddReferenceButton {...refs.addProps} />
          <NumberField inline label="Images" title={`Images per generation (up to ${maxImages})`} testId="n-input" width="w-6" value={draft.n} min={1} max={maxImages}
            typed="clamp" stepper={{ fewer: "Fewer images", more: "More images" }} onCommit={(n) => update({ n })} />
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
            references={draft.references.length}
          />
          <div className="ml-auto flex items-center gap-3 max-sm:w-full max-sm:justify-between">
            <CostEstimate model={model} n={draft.n} usage={usage} local={provider?.local} animationScale={animationCostScale(draft, model)} />
            <button type="submit" data-testid="generate-button" title="Generate (Enter or ⌘/Ctrl+Enter)" aria-keyshortcuts="Control+Enter Meta+Enter" className={buttonClass("primary", "md", "px-5")}>
              <SparklesIcon /> Generate
            </button>
          </div>
        </div>
      </form>
    </section>
  );
}
