"use client";

import { useMemo, useState } from "react";
import { providerLabel } from "@/components/api/providers";
import { CloseIcon, icon, SearchIcon } from "@/components/ui/icons";
import { moveFocus, popoverPanelClass, usePopover } from "@/components/ui/popover";
import { LockIcon } from "./icons";
import type { HistoryEntry } from "./prompt-history";
import { qualityLabels, styleLabels, type PromptDraft } from "./settings";

export const HistoryIcon = icon(<><path d="M3 12a9 9 0 1 0 3-6.7L3 8" /><path d="M3 3v5h5" /><path d="M12 7v5l3 2" /></>);

interface Props {
  entries: HistoryEntry[];
  /** The draft that was being written before a recall, to go back to. */
  stash: PromptDraft | null;
  onRecall: (entry: HistoryEntry) => void;
  onRestore: () => void;
  onRemove: (id: string) => void;
  onClear: () => void;
}

export function timeAgo(at: number, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - at) / 1000));
  if (s < 45) return "just now";
  if (s < 3600) return `${Math.max(1, Math.round(s / 60))} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  if (s < 7 * 86_400) return `${Math.round(s / 86_400)} d ago`;
  return new Intl.DateTimeFormat("en", { dateStyle: "medium" }).format(new Date(at));
}

/** A recalled set-up in a few words: provider, style, shape, count, seed. */
export function describeSetup(d: PromptDraft): string[] {
  const parts = [providerLabel(d.provider) || "Server's choice"];
  if (d.style !== "none") parts.push(styleLabels[d.style]);
  parts.push(d.icon ? "icon" : d.aspect);
  if (d.resolution && d.resolution !== "1K") parts.push(d.resolution);
  if (d.quality) parts.push(`${qualityLabels[d.quality].label.toLowerCase()} quality`);
  if (d.n > 1) parts.push(`${d.n} images`);
  if (d.negativePrompt.trim()) parts.push("negative prompt");
  return parts;
}

/**
 * The prompt history: the last prompts sent from this browser with their settings. Picking one fills the bar with
 * it; the draft that was there is kept at the top as "Your draft" to go back to.
 */
export function HistoryMenu({ entries, stash, onRecall, onRestore, onRemove, onClear }: Props) {
  const popover = usePopover();
  const [filter, setFilter] = useState("");
  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return q ? entries.filter((e) => e.draft.prompt.toLowerCase().includes(q) || e.draft.negativePrompt.toLowerCase().includes(q)) : entries;
  }, [entries, filter]);
  const now = Date.now();

  const pick = (action: () => void) => {
    action();
    popover.close(false);
  };

  return (
    <div className="relative shrink-0">
      <button
        type="button"
        {...popover.buttonProps}
        data-testid="history-button"
        aria-label={`Prompt history (${entries.length})`}
        title="Prompt history — Alt+↑ recalls the previous prompt"
        className="flex h-7 items-center gap-1.5 rounded-full px-2.5 text-xs font-medium text-muted hover:bg-raised hover:text-fg aria-expanded:bg-raised aria-expanded:text-fg"
      >
        <HistoryIcon className="size-3.5" />
        <span className="hidden sm:inline">History</span>
        {stash && <span className="size-1.5 rounded-full bg-accent" aria-hidden="true" title="Your draft is kept in the history" />}
      </button>
      {popover.open && (
        <div
          {...popover.panelProps}
          role="dialog"
          aria-label="Prompt history"
          data-testid="history-panel"
          onKeyDown={(e) => {
            popover.panelProps.onKeyDown(e);
            if (!e.defaultPrevented) moveFocus(e, "[data-history-item]");
          }}
          className={`${popoverPanelClass} right-0 flex w-[min(30rem,calc(100vw-2rem))] flex-col sm:max-h-[28rem]`}
        >
          <div className="flex items-center gap-2 border-b border-line p-2">
            <label className="relative min-w-0 flex-1">
              <span className="sr-only">Filter the history</span>
              <SearchIcon className="pointer-events-none absolute top-1/2 left-2.5 size-3.5 -translate-y-1/2 text-subtle" />
              <input
                type="text"
                data-autofocus
                data-testid="history-filter"
                value={filter}
                placeholder={entries.length ? `Filter ${entries.length} prompt${entries.length === 1 ? "" : "s"}` : "No prompts yet"}
                onChange={(e) => setFilter(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === "ArrowDown") {
                    e.preventDefault();
                    popover.panel.current?.querySelector<HTMLElement>("[data-history-item]")?.focus();
                  }
                }}
                className="h-8 w-full rounded-lg border border-line bg-canvas/60 pr-2 pl-8 text-sm outline-none placeholder:text-subtle focus-visible:border-accent"
              />
            </label>
            <button type="button" onClick={() => popover.close()} aria-label="Close the history" className="grid size-8 place-items-center rounded-lg text-muted hover:bg-raised hover:text-fg">
              <CloseIcon className="size-3.5" />
            </button>
          </div>
          <ul className="min-h-0 flex-1 overflow-y-auto p-1.5" aria-label="Recent prompts">
            {stash && (
              <li>
                <button
                  type="button"
                  data-history-item
                  data-testid="history-draft"
                  onClick={() => pick(onRestore)}
                  className="mb-1 block w-full rounded-lg border border-dashed border-accent/50 bg-accent-soft/60 px-3 py-2 text-left hover:bg-accent-soft focus-visible:bg-accent-soft"
                >
                  <span className="block text-[11px] font-semibold tracking-wide text-accent uppercase">Your draft — go back to it</span>
                  <span className="mt-0.5 line-clamp-2 text-sm text-fg">{stash.prompt.trim() || <em className="text-muted">Empty prompt</em>}</span>
                </button>
              </li>
            )}
            {shown.map((entry) => (
              <li key={entry.id} className="group relative">
                <button
                  type="button"
                  data-history-item
                  data-testid="history-entry"
                  onClick={() => pick(() => onRecall(entry))}
                  className="block w-full rounded-lg px-3 py-2 pr-9 text-left hover:bg-raised focus-visible:bg-raised"
                >
                  <span className="line-clamp-2 text-sm text-fg">{entry.draft.prompt}</span>
                  <span className="mt-0.5 flex flex-wrap items-center gap-x-1.5 text-xs text-muted">
                    {describeSetup(entry.draft).map((part) => (
                      <span key={part} className="after:ml-1.5 after:content-['·'] last:after:content-none">
                        {part}
                      </span>
                    ))}
                    {entry.draft.seed !== null && (
                      <span className="inline-flex items-center gap-0.5 font-mono">
                        {entry.draft.seedLocked && (
                          <>
                            <LockIcon className="size-3" />
                            <span className="sr-only">locked seed</span>
                          </>
                        )}
                        {entry.draft.seed}
                      </span>
                    )}
                    <span className="ml-auto text-subtle">{timeAgo(entry.at, now)}</span>
                  </span>
                </button>
                <button
                  type="button"
                  onClick={() => onRemove(entry.id)}
                  aria-label={`Remove “${entry.draft.prompt.slice(0, 40)}” from the history`}
                  className="absolute top-2 right-1.5 grid size-6 place-items-center rounded-md text-subtle opacity-0 group-focus-within:opacity-100 group-hover:opacity-100 hover:bg-line hover:text-fg focus-visible:opacity-100 max-sm:opacity-100"
                >
                  <CloseIcon className="size-3" />
                </button>
              </li>
            ))}
            {!entries.length && (
              <li className="px-3 py-6 text-center text-sm text-muted">
                <HistoryIcon className="mx-auto mb-2 size-6 text-subtle" />
                Prompts you generate are listed here with their settings — provider, style, shape, seed — so you can bring
                one back in a click. Your unsent draft is kept while you look.
              </li>
            )}
            {entries.length > 0 && !shown.length && <li className="px-3 py-6 text-center text-sm text-muted">No prompt matches “{filter}”.</li>}
          </ul>
          {entries.length > 0 && (
            <div className="flex items-center justify-between gap-2 border-t border-line px-3 py-2 text-xs text-muted">
              <span>Kept in this browser · last {entries.length} of up to 50</span>
              <button type="button" data-testid="history-clear" onClick={onClear} className="rounded px-1.5 py-0.5 font-medium hover:bg-raised hover:text-fg">
                Clear history
              </button>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
