"use client";

import type { ComponentType, ReactNode } from "react";

export interface TabSpec<Id extends string> {
  id: Id;
  label: string;
  icon: ComponentType<{ className?: string }>;
}

/**
 * A row of tabs (WAI-ARIA tabs pattern): one tab stop, ←/→ move and wrap, Home/End jump, selection follows
 * focus. Tab `i` is `#${idPrefix}-tab-${id}` and controls `#${idPrefix}-panel-${id}`, which the caller renders
 * (`role="tabpanel"`). `marker` adds a small badge to a tab (work going on, changes pending).
 */
export function TabBar<Id extends string>({
  tabs,
  selected,
  onSelect,
  idPrefix,
  label,
  marker,
  dense = false,
}: {
  tabs: readonly TabSpec<Id>[];
  selected: Id;
  onSelect: (id: Id) => void;
  idPrefix: string;
  label: string;
  marker?: (id: Id) => ReactNode;
  /** Four or more tabs in a narrow card: the icon above the label, in smaller type, so every label fits inside it. */
  dense?: boolean;
}) {
  const onKeyDown = (e: React.KeyboardEvent, index: number) => {
    const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
    const jump = e.key === "Home" ? 0 : e.key === "End" ? tabs.length - 1 : null;
    if (!step && jump === null) return;
    e.preventDefault();
    const next = tabs[jump ?? (index + step + tabs.length) % tabs.length];
    onSelect(next.id);
    document.getElementById(`${idPrefix}-tab-${next.id}`)?.focus();
  };
  return (
    <div role="tablist" aria-label={label} className="flex gap-1 border-b border-line p-1.5">
      {tabs.map((t, i) => (
        <button
          key={t.id}
          id={`${idPrefix}-tab-${t.id}`}
          type="button"
          role="tab"
          data-testid={`${t.id}-tab`}
          aria-selected={selected === t.id}
          aria-controls={`${idPrefix}-panel-${t.id}`}
          tabIndex={selected === t.id ? 0 : -1}
          onClick={() => onSelect(t.id)}
          onKeyDown={(e) => onKeyDown(e, i)}
          className={`relative flex min-w-0 flex-1 items-center justify-center rounded-lg font-medium transition-colors ${dense ? "h-12 flex-col gap-0.5 px-0.5 text-xs" : "h-9 gap-2 text-sm"} ${
            selected === t.id ? "bg-accent-soft text-accent" : "text-muted hover:bg-raised hover:text-fg"
          }`}
        >
          <t.icon className="size-4 shrink-0" /> {dense ? <span data-testid="tab-label" className="max-w-full truncate">{t.label}</span> : t.label}
          {marker?.(t.id)}
        </button>
      ))}
    </div>
  );
}
