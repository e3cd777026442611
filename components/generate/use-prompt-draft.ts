"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { Provider } from "@/components/api/generation";
import { aspectsOf, defaultDraft, isQuality, isResolution, maxCount, type PromptDraft } from "./settings";
import { defaultChoice, resolveChoice } from "./use-providers";

const storageKey = "image-studio:prompt-bar";
/**
 * What is remembered between visits: the set-up, never the prompt or the seed — nor the attached references, which
 * belong to a prompt: kept without it they would be sent, unseen, with the next one. "Reuse settings" links and the
 * prompt history bring their own.
 */
const remembered = ["provider", "model", "aspect", "style", "n", "icon", "resolution", "quality", "animated", "frames", "frameDurationMs"] as const;

/** A draft whose size class or quality differs from the defaults: the Advanced options that hold them open. */
export const hasOutputChoice = (d: Partial<PromptDraft> | null | undefined) => Boolean(d && ((d.resolution && d.resolution !== "1K") || d.quality));

function readStored(): Partial<PromptDraft> & { advanced?: boolean } {
  try {
    return JSON.parse(localStorage.getItem(storageKey) ?? "{}") ?? {};
  } catch {
    return {};
  }
}

/**
 * The prompt bar's state: `initial` (from a "Reuse prompt" link) wins over what was remembered from the last
 * visit; once the providers are known, the choice is kept within what the chosen model can do.
 */
export function usePromptDraft(initial: Partial<PromptDraft> | null, providers: Provider[] | null) {
  const [draft, setDraft] = useState<PromptDraft>({ ...defaultDraft, ...initial });
  const [advanced, setAdvanced] = useState(Boolean(initial?.negativePrompt) || hasOutputChoice(initial));
  const restored = useRef(false);

  // After hydration: the remembered set-up (the server cannot know it).
  useEffect(() => {
    const stored = readStored();
    const keep: Partial<PromptDraft> = {};
    for (const key of remembered) if (stored[key] !== undefined && initial?.[key] === undefined) Object.assign(keep, { [key]: stored[key] });
    // Stored by an older version, or edited by hand: only known values.
    if (keep.resolution !== undefined && !isResolution(keep.resolution)) delete keep.resolution;
    if (keep.quality !== undefined && keep.quality !== "" && !isQuality(keep.quality)) delete keep.quality;
    if (typeof keep.animated !== "boolean") delete keep.animated;
    if (!Number.isInteger(keep.frames) || keep.frames! < 2 || keep.frames! > 16) delete keep.frames;
    if (!Number.isInteger(keep.frameDurationMs) || keep.frameDurationMs! < 20 || keep.frameDurationMs! > 2000) delete keep.frameDurationMs;
    setDraft((d) => ({ ...d, ...keep }));
    if (stored.advanced && !initial) setAdvanced(true);
    restored.current = true;
  }, []); // once, on mount: `initial` only seeds the state

  useEffect(() => {
    if (!restored.current) return;
    const value: Record<string, unknown> = { advanced };
    for (const key of remembered) value[key] = draft[key];
    try {
      localStorage.setItem(storageKey, JSON.stringify(value));
    } catch {
      // Private mode or full storage: nothing to remember then.
    }
  }, [draft, advanced]);

  const { provider, model, retired } = resolveChoice(providers, draft.provider, draft.model);

  // Keep the draft valid for the chosen model: a configured provider, its model, a count and shape it makes. A
  // retired model is kept as named (the server serves its successor and records it); the successor's limits apply.
  // The size class and quality are kept as chosen: a model without them gets its defaults (see toRequest).
  useEffect(() => {
    if (!providers) return;
    setDraft((d) => {
      let next = d;
      const choice = resolveChoice(providers, d.provider, d.model);
      if (!choice.provider) next = { ...next, ...defaultChoice(providers) };
      else if (!choice.retired && choice.model && choice.model.id !== d.model) next = { ...next, model: choice.model.id };
      const m = resolveChoice(providers, next.provider, next.model).model;
      if (!m) return next;
      const max = Math.min(maxCount, m.capabilities.maxImages);
      if (next.n > max) next = { ...next, n: max };
      const aspects = aspectsOf(m);
      if (aspects.length && !aspects.includes(next.aspect)) next = { ...next, aspect: aspects[0] };
      return next;
    });
  }, [providers, draft.provider, draft.model]);

  const update = useCallback((change: Partial<PromptDraft>) => setDraft((d) => ({ ...d, ...change })), []);

  return { draft, update, provider, model, retired, advanced, setAdvanced };
}
