"use client";

import { usePathname, useRouter } from "next/navigation";
import { Fragment, useEffect, useRef } from "react";
import { CloseIcon } from "@/components/ui/icons";
import { goTo, isTyping, shortcuts, showShortcutsEvent, type Shortcut } from "./shortcuts";

/** How long `g` waits for its second key. */
const sequenceMs = 1500;

function focusElement(selector: string): boolean {
  const el = document.querySelector<HTMLElement>(selector);
  if (!el || el.offsetParent === null) return false;
  el.focus();
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) el.setSelectionRange(el.value.length, el.value.length);
  return true;
}

/** Focuses the element once it exists (after a navigation), for up to two seconds. */
function focusSoon(selector: string) {
  const until = Date.now() + 2000;
  const attempt = () => {
    if (focusElement(selector) || Date.now() > until) return;
    requestAnimationFrame(attempt);
  };
  attempt();
}

/**
 * The studio's global shortcuts (listed in components/shortcuts/shortcuts.ts) and the "?" dialog that shows them.
 * Mounted once, in the root layout.
 */
export function KeyboardShortcuts() {
  const router = useRouter();
  const path = usePathname();
  const dialog = useRef<HTMLDialogElement>(null);
  const pendingG = useRef<number>(0);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
      if (isTyping(event.target) || dialog.current?.open) return;
      const key = event.key;
      // Measured between the key presses themselves (event.timeStamp), not when they are handled: a busy page
      // (the gallery re-rendering for a search) may handle the second key late, and the sequence must still count.
      if (pendingG.current && event.timeStamp - pendingG.current < sequenceMs) {
        pendingG.current = 0;
        const to = goTo[key.toLowerCase()];
        if (to) {
          event.preventDefault();
          if (to.path !== path) router.push(to.path);
        }
        return;
      }
      pendingG.current = 0;
      if (key === "?") {
        event.preventDefault();
        dialog.current?.showModal();
      } else if (key === "/") {
        if (focusElement('[data-shortcut="search"]') || focusElement('input[type="search"]')) event.preventDefault();
      } else if (key === "n" || key === "N") {
        event.preventDefault();
        if (!focusElement('[data-shortcut="prompt"]')) {
          router.push("/");
          focusSoon('[data-shortcut="prompt"]');
        }
      } else if (key === "g" || key === "G") {
        pendingG.current = event.timeStamp || 1;
      }
    };
    const show = () => dialog.current?.showModal();
    window.addEventListener("keydown", onKeyDown);
    window.addEventListener(showShortcutsEvent, show);
    return () => {
      window.removeEventListener("keydown", onKeyDown);
      window.removeEventListener(showShortcutsEvent, show);
    };
  }, [router, path]);

  const groups = Array.from(new Set(shortcuts.map((s) => s.group)));

  return (
    <dialog
      ref={dialog}
      data-testid="shortcuts-dialog"
      aria-labelledby="shortcuts-title"
      // A click on the backdrop (the dialog element itself, outside its content) closes it.
      onClick={(e) => e.target === e.currentTarget && dialog.current?.close()}
      className="m-auto w-[min(32rem,calc(100vw-1.5rem))] rounded-2xl border border-line bg-surface p-0 text-fg shadow-xl"
    >
      <div className="flex items-center justify-between gap-3 border-b border-line px-5 py-3.5">
        <h2 id="shortcuts-title" className="text-base font-semibold">
          Keyboard shortcuts
        </h2>
        <button type="button" autoFocus onClick={() => dialog.current?.close()} aria-label="Close" className="-m-1 rounded-md p-1.5 text-muted hover:bg-raised hover:text-fg">
          <CloseIcon className="size-4" />
        </button>
      </div>
      {/* The list scrolls on a short screen: focusable, so the keyboard can scroll it too. */}
      <div tabIndex={0} role="region" aria-label="Shortcuts" className="max-h-[70dvh] overflow-y-auto px-5 py-4">
        {groups.map((group) => (
          <section key={group} className="mb-4 last:mb-0">
            <h3 className="mb-2 text-xs font-semibold tracking-wide text-muted uppercase">{group}</h3>
            <dl className="grid gap-2">
              {shortcuts
                .filter((s) => s.group === group)
                .map((s) => (
                  <div key={s.keys.join(" ")} className="flex items-start justify-between gap-4 text-sm">
                    <dt className="min-w-0 text-fg">{s.label}</dt>
                    <dd className="shrink-0">
                      <Keys shortcut={s} />
                    </dd>
                  </div>
                ))}
            </dl>
          </section>
        ))}
      </div>
    </dialog>
  );
}

export const kbdClass = "inline-grid min-w-6 place-items-center rounded-md border border-line-strong bg-raised px-1.5 py-0.5 font-sans text-xs font-medium text-fg shadow-[0_1px_0_var(--line-strong)]";

function Keys({ shortcut }: { shortcut: Shortcut }) {
  return (
    <span className="flex items-center gap-1 text-xs text-muted">
      {shortcut.keys.map((k, i) => (
        <Fragment key={k}>
          {i > 0 && <span aria-hidden="true">{shortcut.together ? "+" : "then"}</span>}
          <kbd className={kbdClass}>{k}</kbd>
        </Fragment>
      ))}
    </span>
  );
}
