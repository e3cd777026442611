"use client";

import { useCallback, useEffect, useId, useRef, useState } from "react";

const focusable = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A button and the panel it opens (a menu, a list to pick from): Escape closes it and gives the focus back to the
 * button, a click outside or the focus leaving closes it, and opening it moves the focus in (to the element marked
 * `data-autofocus`, else the first control). Spread `buttonProps` on the button and `panelProps` on the panel.
 */
export function usePopover<B extends HTMLElement = HTMLButtonElement>(options: { role?: "dialog" | "menu" | "listbox" } = {}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const button = useRef<B>(null);
  const panel = useRef<HTMLDivElement>(null);

  const close = useCallback((refocus = true) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    const target = panel.current?.querySelector<HTMLElement>("[data-autofocus]") ?? panel.current?.querySelector<HTMLElement>(focusable);
    target?.focus();
    const onPointerDown = (event: PointerEvent) => {
      const node = event.target as Node;
      if (!panel.current?.contains(node) && !button.current?.contains(node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [open]);

  const buttonProps = {
    ref: button,
    "aria-haspopup": options.role ?? "dialog",
    "aria-expanded": open,
    "aria-controls": open ? id : undefined,
    onClick: () => setOpen((v) => !v),
  } as const;

  const panelProps = {
    ref: panel,
    id,
    onKeyDown: (event: React.KeyboardEvent) => {
      if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        close();
      }
    },
    onBlur: (event: React.FocusEvent) => {
      const next = event.relatedTarget as Node | null;
      if (next && !panel.current?.contains(next) && !button.current?.contains(next)) setOpen(false);
    },
  } as const;

  return { open, setOpen, close, button, panel, buttonProps, panelProps };
}

/** Arrow keys, Home and End move the focus between the items of a list (`selector` within the container). */
export function moveFocus(event: React.KeyboardEvent<HTMLElement>, selector: string) {
  const items = Array.from(event.currentTarget.querySelectorAll<HTMLElement>(selector)).filter((el) => !(el as HTMLButtonElement).disabled);
  if (!items.length) return;
  const at = items.indexOf(document.activeElement as HTMLElement);
  let next = -1;
  if (event.key === "ArrowDown") next = at < 0 ? 0 : (at + 1) % items.length;
  else if (event.key === "ArrowUp") next = at < 0 ? items.length - 1 : (at - 1 + items.length) % items.length;
  else if (event.key === "Home") next = 0;
  else if (event.key === "End") next = items.length - 1;
  if (next < 0) return;
  event.preventDefault();
  items[next].focus();
}

/** The panel's look: a card under its button; on a phone, a sheet along the bottom of the screen. */
export const popoverPanelClass =
  "z-40 rounded-xl border border-line bg-surface shadow-lg shadow-black/10 dark:shadow-black/40 " +
  "max-sm:fixed max-sm:inset-x-2 max-sm:bottom-2 max-sm:max-h-[75dvh] max-sm:overflow-y-auto " +
  "sm:absolute sm:mt-2";
