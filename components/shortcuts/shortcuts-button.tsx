"use client";

import { showShortcutsEvent } from "./shortcuts";

/** The top bar's "?" button: opens the keyboard shortcuts dialog (the same as pressing ?). */
export function ShortcutsButton() {
  return (
    <button
      type="button"
      data-testid="shortcuts-button"
      aria-label="Keyboard shortcuts"
      aria-keyshortcuts="Shift+?"
      title="Keyboard shortcuts (?)"
      onClick={() => window.dispatchEvent(new Event(showShortcutsEvent))}
      className="grid size-9 place-items-center rounded-md text-sm font-semibold text-muted transition-colors hover:bg-raised hover:text-fg max-md:hidden"
    >
      ?
    </button>
  );
}
