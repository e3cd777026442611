"use client";

import { useCallback, useEffect, useId, useRef, useState } from "react";
import { messageOf } from "@/components/api/client";
import type { Provider } from "@/components/api/generation";
import { enhancePrompt, type EnhancedPrompt } from "@/components/api/tools";
import { AlertIcon, CloseIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { buttonClass } from "@/components/ui/styles";
import { RetryIcon } from "./icons";
import type { PromptDraft } from "./settings";

export const WandIcon = ({ className = "size-3.5" }: { className?: string }) => (
  <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" className={className} aria-hidden="true">
    <path d="m4 20 11-11" />
    <path d="m13 7 2-2 4 4-2 2z" />
    <path d="M19 3v2M18 4h2M6 5v2M5 6h2M20 14v2M19 15h2" />
  </svg>
);

type State = { status: "idle" } | { status: "busy" } | { status: "error"; message: string } | { status: "ready"; suggestion: EnhancedPrompt; draft: string | null };

/** Who wrote a suggestion, in words: the offline enrichment, or the provider and its model. */
export function suggestionSource(s: Pick<EnhancedPrompt, "local" | "source" | "model">, providers: Provider[] | null): string {
  if (s.local) return "Offline enrichment — words from the style preset, no AI model";
  const name = providers?.find((p) => p.id === s.source)?.name ?? s.source;
  return s.model ? `${name} · ${s.model}` : name;
}

/**
 * The prompt enhancer: asks for a rewrite of the prompt (the chosen provider's text model when it has one, else
 * whatever the server picks — offline, a deterministic enrichment), and holds it as a suggestion until it is
 * accepted, edited or dismissed. Accepting replaces the prompt and remembers the original (`enhancedFrom`), which
 * goes with the next generations; nothing is ever replaced without a press.
 */
export function useEnhance(draft: PromptDraft, update: (change: Partial<PromptDraft>) => void, providers: Provider[] | null, focusPrompt: () => void) {
  const [state, setState] = useState<State>({ status: "idle" });
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  const run = useCallback(async () => {
    const prompt = draft.prompt.trim();
    if (!prompt) return setState({ status: "error", message: "Write a few words first: the enhancer builds on them." });
    controller.current?.abort();
    const own = new AbortController();
    controller.current = own;
    setState({ status: "busy" });
    const chosen = providers?.find((p) => p.id === draft.provider);
    try {
      const suggestion = await enhancePrompt(
        { prompt, ...(draft.style !== "none" ? { style: draft.style } : {}), ...(chosen?.text?.enhance ? { provider: chosen.id } : {}) },
        own.signal,
      );
      if (!own.signal.aborted) setState({ status: "ready", suggestion, draft: null });
    } catch (e) {
      if (!own.signal.aborted) setState({ status: "error", message: messageOf(e) });
    }
  }, [draft.prompt, draft.style, draft.provider, providers]);

  const dismiss = useCallback(() => {
    controller.current?.abort();
    setState({ status: "idle" });
  }, []);

  const accept = () => {
    if (state.status !== "ready") return;
    const { suggestion } = state;
    const text = (state.draft ?? suggestion.prompt).trim();
    if (!text) return;
    update({ prompt: text, enhancedFrom: { prompt: suggestion.original, source: suggestion.source, ...(suggestion.model ? { model: suggestion.model } : {}) } });
    setState({ status: "idle" });
    focusPrompt();
  };

  const edit = (text: string) => state.status === "ready" && setState({ ...state, draft: text });

  /** Puts the prompt back as it was before the accepted suggestion. */
  const undo = () => {
    if (!draft.enhancedFrom) return;
    update({ prompt: draft.enhancedFrom.prompt, enhancedFrom: null });
    focusPrompt();
  };

  return { state, run, accept, edit, dismiss, undo, busy: state.status === "busy" };
}

export type Enhance = ReturnType<typeof useEnhance>;

/** The "Enhance" button beside the prompt. */
export function EnhanceButton({ enhance }: { enhance: Enhance }) {
  return (
    <button
      type="button"
      data-testid="enhance-button"
      onClick={() => void enhance.run()}
      aria-busy={enhance.busy || undefined}
      title="Suggest a more detailed prompt — you review it before anything changes"
      className="flex h-7 shrink-0 items-center gap-1.5 rounded-full px-2.5 text-xs font-medium text-muted hover:bg-raised hover:text-fg"
    >
      {enhance.busy ? <Spinner /> : <WandIcon />}
      <span className="max-sm:sr-only">Enhance</span>
    </button>
  );
}

/** The suggestion, side by side with the prompt it rewrites, and what wrote it: Accept, Edit, Dismiss (Esc). */
export function EnhanceSuggestion({ enhance, providers, className = "" }: { enhance: Enhance; providers: Provider[] | null; className?: string }) {
  const ids = { heading: useId(), edit: useId() };
  const acceptRef = useRef<HTMLButtonElement>(null);
  const [editing, setEditing] = useState(false);
  const { state } = enhance;
  const ready = state.status === "ready";
  useEffect(() => {
    if (ready) acceptRef.current?.focus();
    if (!ready) setEditing(false);
  }, [ready]);

  if (state.status === "error")
    return (
      <p role="alert" data-testid="enhance-error" className={`flex items-center gap-2 text-sm text-danger ${className}`}>
        <AlertIcon className="size-4 shrink-0" /> {state.message}
      </p>
    );
  if (!ready) return null;
  const { suggestion } = state;
  const text = state.draft ?? suggestion.prompt;
  return (
    <section
      aria-labelledby={ids.heading}
      data-testid="enhance-suggestion"
      data-local={suggestion.local || undefined}
      onKeyDown={(e) => e.key === "Escape" && (e.stopPropagation(), enhance.dismiss())}
      className={`animate-toast-in rounded-xl border border-accent/40 bg-accent-soft/40 p-3 ${className}`}
    >
      <h3 id={ids.heading} className="flex items-center gap-1.5 text-xs font-semibold text-accent">
        <WandIcon /> Suggested prompt
      </h3>
      <div className="mt-2 grid gap-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <div>
          <p className="text-[11px] font-medium tracking-wide text-muted uppercase">Yours</p>
          <p data-testid="enhance-original" className="mt-0.5 text-sm leading-6 text-muted">
            {suggestion.original}
          </p>
        </div>
        <div>
          <p className="text-[11px] font-medium tracking-wide text-muted uppercase">
            {editing ? <label htmlFor={ids.edit}>Suggested (editing)</label> : "Suggested"}
          </p>
          {editing ? (
            <textarea
              id={ids.edit}
              data-testid="enhance-edit-text"
              value={text}
              rows={4}
              autoFocus
              onChange={(e) => enhance.edit(e.target.value)}
              onKeyDown={(e) => e.key === "Enter" && (e.ctrlKey || e.metaKey) && (e.preventDefault(), enhance.accept())}
              className="mt-0.5 field-sizing-content max-h-48 w-full resize-none rounded-lg border border-line-strong bg-surface px-2 py-1.5 text-sm leading-6"
            />
          ) : (
            <p data-testid="enhance-text" className="mt-0.5 text-sm leading-6 text-fg">
              {text}
            </p>
          )}
        </div>
      </div>
      <p data-testid="enhance-source" className="mt-2 text-xs text-muted">
        {suggestionSource(suggestion, providers)}
        {suggestion.notice && !suggestion.local ? ` · ${suggestion.notice}` : ""}
      </p>
      <div className="mt-3 flex flex-wrap gap-2">
        <button ref={acceptRef} type="button" data-testid="enhance-accept" onClick={enhance.accept} title="Replace your prompt with this one (yours is kept with the image)" className={buttonClass("primary", "sm")}>
          Accept
        </button>
        {!editing && (
          <button type="button" data-testid="enhance-edit" onClick={() => setEditing(true)} className={buttonClass("secondary", "sm")}>
            Edit
          </button>
        )}
        <button type="button" data-testid="enhance-retry" onClick={() => void enhance.run()} className={buttonClass("ghost", "sm")}>
          <RetryIcon className="size-3.5" /> Another
        </button>
        <button type="button" data-testid="enhance-dismiss" onClick={enhance.dismiss} className={buttonClass("ghost", "sm", "ml-auto")}>
          <CloseIcon className="size-3.5" /> Dismiss
        </button>
      </div>
    </section>
  );
}

/** Under an accepted suggestion: what it replaced, and a way back. */
export function EnhancedFromNote({ draft, enhance, providers, className = "" }: { draft: PromptDraft; enhance: Enhance; providers: Provider[] | null; className?: string }) {
  const from = draft.enhancedFrom;
  if (!from || enhance.state.status === "ready") return null;
  return (
    <p data-testid="enhanced-from" className={`flex flex-wrap items-center gap-x-2 text-xs text-muted ${className}`}>
      <WandIcon className="size-3.5 text-accent" />
      <span className="min-w-0 truncate">
        Enhanced from “{from.prompt}” · {suggestionSource({ local: from.source === "local", source: from.source, model: from.model ?? null }, providers).split(" — ")[0]}
      </span>
      <button type="button" data-testid="enhanced-undo" onClick={enhance.undo} className="font-medium text-accent hover:underline">
        Undo
      </button>
    </p>
  );
}
