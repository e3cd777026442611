"use client";

import { useCallback, useEffect, useState } from "react";
import { parseReferences } from "@/components/references/references";
import { aspectPresets, defaultDraft, isQuality, isResolution, stylePresetIds, type PromptDraft } from "./settings";

/** One submitted prompt with the settings it was sent with (the seed is the one actually used). */
export interface HistoryEntry {
  id: string;
  /** When it was submitted (ms since the epoch). */
  at: number;
  draft: PromptDraft;
}

export const historyKey = "image-studio:prompt-history";
export const historyLimit = 50;

/** What makes two entries the same generation set-up (a repeated prompt moves to the top instead of piling up). */
function identity(d: PromptDraft): string {
  return JSON.stringify([d.prompt.trim(), d.negativePrompt.trim(), d.provider, d.model, d.aspect, d.style, d.n, d.icon, d.collection, d.seedLocked ? d.seed : null, d.resolution ?? "1K", d.quality ?? "", (d.references ?? []).map((r) => [r.id, r.label.trim()]), d.animated ? [d.frames, d.frameDurationMs] : null]);
}

export const sameSetup = (a: PromptDraft, b: PromptDraft) => identity(a) === identity(b);

/** A stored draft made safe: unknown or missing fields fall back to the defaults. */
function sanitize(value: unknown): PromptDraft | null {
  if (!value || typeof value !== "object") return null;
  const v = value as Record<string, unknown>;
  if (typeof v.prompt !== "string" || !v.prompt.trim()) return null;
  const str = (x: unknown, fallback: string) => (typeof x === "string" ? x : fallback);
  const aspect = aspectPresets.find((a) => a.id === v.aspect)?.id ?? defaultDraft.aspect;
  const style = stylePresetIds.find((s) => s === v.style) ?? defaultDraft.style;
  const n = typeof v.n === "number" && Number.isInteger(v.n) && v.n >= 1 && v.n <= 10 ? v.n : 1;
  const seed = typeof v.seed === "number" && Number.isInteger(v.seed) && v.seed >= 0 ? v.seed : null;
  return {
    prompt: v.prompt.slice(0, 4000),
    negativePrompt: str(v.negativePrompt, "").slice(0, 4000),
    provider: str(v.provider, ""),
    model: str(v.model, ""),
    aspect,
    style,
    n,
    seed,
    seedLocked: v.seedLocked === true && seed !== null,
    icon: v.icon === true,
    collection: str(v.collection, ""),
    resolution: isResolution(v.resolution) ? v.resolution : defaultDraft.resolution,
    quality: isQuality(v.quality) ? v.quality : defaultDraft.quality,
    references: parseReferences(v.references),
    enhancedFrom: enhancedFromOf(v.enhancedFrom),
    animated: v.animated === true,
    frames: typeof v.frames === "number" && Number.isInteger(v.frames) && v.frames >= 2 && v.frames <= 16 ? v.frames : defaultDraft.frames,
    frameDurationMs: typeof v.frameDurationMs === "number" && Number.isInteger(v.frameDurationMs) && v.frameDurationMs >= 20 && v.frameDurationMs <= 2000 ? v.frameDurationMs : defaultDraft.frameDurationMs,
  };
}

/** An accepted suggestion's origin as stored (a recalled enhanced prompt keeps its provenance). */
function enhancedFromOf(x: unknown): PromptDraft["enhancedFrom"] {
  const e = x as { prompt?: unknown; source?: unknown; model?: unknown } | null;
  if (!e || typeof e.prompt !== "string" || typeof e.source !== "string") return null;
  return { prompt: e.prompt.slice(0, 4000), source: e.source.slice(0, 50), ...(typeof e.model === "string" ? { model: e.model.slice(0, 200) } : {}) };
}

export function readHistory(): HistoryEntry[] {
  try {
    const raw = JSON.parse(localStorage.getItem(historyKey) ?? "[]") as unknown;
    if (!Array.isArray(raw)) return [];
    return raw
      .map((e: { id?: unknown; at?: unknown; draft?: unknown }) => {
        const draft = sanitize(e?.draft);
        return draft && typeof e.id === "string" ? { id: e.id, at: typeof e.at === "number" ? e.at : 0, draft } : null;
      })
      .filter((e): e is HistoryEntry => e !== null)
      .slice(0, historyLimit);
  } catch {
    return [];
  }
}

function writeHistory(entries: HistoryEntry[]) {
  try {
    localStorage.setItem(historyKey, JSON.stringify(entries));
  } catch {
    // Private mode or full storage: the history lasts for this page only.
  }
}

/** The entries with `draft` added at the top (an identical set-up moves up instead), at most `historyLimit`. */
export function withEntry(entries: HistoryEntry[], draft: PromptDraft, at = Date.now()): HistoryEntry[] {
  const entry: HistoryEntry = { id: `${at.toString(36)}-${Math.random().toString(36).slice(2, 8)}`, at, draft: { ...draft, prompt: draft.prompt.trim() } };
  return [entry, ...entries.filter((e) => !sameSetup(e.draft, draft))].slice(0, historyLimit);
}

/**
 * The last 50 submitted prompts with their settings, newest first, kept in this browser (localStorage) and in
 * step across tabs.
 */
export function usePromptHistory() {
  const [entries, setEntries] = useState<HistoryEntry[]>([]);

  useEffect(() => {
    setEntries(readHistory());
    const onStorage = (event: StorageEvent) => {
      if (event.key === historyKey || event.key === null) setEntries(readHistory());
    };
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, []);

  const add = useCallback((draft: PromptDraft) => {
    // Read again first: another tab may have added some since.
    const next = withEntry(readHistory(), draft);
    writeHistory(next);
    setEntries(next);
  }, []);

  const remove = useCallback((id: string) => {
    const next = readHistory().filter((e) => e.id !== id);
    writeHistory(next);
    setEntries(next);
  }, []);

  const clear = useCallback(() => {
    writeHistory([]);
    setEntries([]);
  }, []);

  return { entries, add, remove, clear };
}
