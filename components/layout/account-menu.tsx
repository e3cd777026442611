"use client";

import { signOut } from "next-auth/react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { ChevronDownIcon, KeyIcon, SignOutIcon } from "@/components/account/icons";
import { Spinner } from "@/components/ui/spinner";
import type { PageAccount } from "./page-account";

const itemClass =
  "flex w-full items-center gap-2.5 rounded-lg px-3 py-2 text-left text-sm text-fg outline-none hover:bg-raised focus-visible:bg-raised focus-visible:outline-none disabled:opacity-60";

function initialsOf(account: PageAccount): string {
  const source = account.name?.trim() || account.email?.split("@")[0] || "?";
  const words = source.split(/[\s._-]+/).filter(Boolean);
  return ((words[0]?.[0] ?? "?") + (words.length > 1 ? words[words.length - 1][0] : "")).toUpperCase();
}

/**
 * The top bar's account corner. Multi-user mode: a menu with who is signed in, "API keys & limits" and "Sign out"
 * (arrow keys move between its items, Escape closes it). Single-user mode: a "Local studio" badge and the link.
 */
export function AccountMenu({ account }: { account: PageAccount }) {
  if (account.mode === "single-user") return <LocalStudio />;
  return <PersonMenu account={account} />;
}

function LocalStudio() {
  const path = usePathname();
  const active = path === "/settings";
  return (
    <div className="flex items-center gap-2">
      <span
        data-testid="local-studio-badge"
        title="Single-user mode: no sign-in, everything belongs to this studio's owner."
        className="hidden items-center gap-1.5 rounded-full border border-line bg-raised px-2.5 py-1 text-xs font-medium text-muted sm:inline-flex"
      >
        <span className="size-1.5 rounded-full bg-success" aria-hidden="true" />
        Local studio
      </span>
      <Link
        href="/settings"
        data-testid="account-settings-link"
        aria-current={active ? "page" : undefined}
        aria-label="API keys & limits"
        className={`flex items-center gap-2 rounded-md px-3 py-1.5 text-sm font-medium transition-colors ${
          active ? "bg-raised text-fg" : "text-muted hover:bg-raised hover:text-fg"
        }`}
      >
        <KeyIcon />
        <span className="hidden md:inline">API keys &amp; limits</span>
      </Link>
      {/* On a phone the badge hides; the mode still reads out for screen readers. */}
      <span className="sr-only sm:hidden">Local studio</span>
    </div>
  );
}

function PersonMenu({ account }: { account: PageAccount }) {
  const menuId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const path = usePathname();
  const label = account.name?.trim() || account.email || "Account";

  // A navigation closes the menu.
  useEffect(() => setOpen(false), [path]);

  // A click outside closes it; focus goes to the first item when it opens.
  useEffect(() => {
    if (!open) return;
    items()[0]?.focus();
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [open]);

  const items = () => Array.from(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([disabled])') ?? []);

  const close = (refocus = true) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  const onMenuKeyDown = (event: React.KeyboardEvent) => {
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => {
      event.preventDefault();
      list[(to + list.length) % list.length]?.focus();
    };
    if (event.key === "ArrowDown") move(at + 1);
    else if (event.key === "ArrowUp") move(at - 1);
    else if (event.key === "Home") move(0);
    else if (event.key === "End") move(list.length - 1);
    else if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "Tab") close(false);
  };

  const onButtonKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      setOpen(true);
    }
  };

  const doSignOut = async () => {
    setSigningOut(true);
    try {
      await signOut({ redirect: false });
    } finally {
      // A full load: every server component forgets the person.
      window.location.assign("/sign-in");
    }
  };

  return (
    <div className="relative">
      <button
        ref={button}
        type="button"
        data-testid="account-menu-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((v) => !v)}
        onKeyDown={onButtonKeyDown}
        className="flex items-center gap-2 rounded-full py-1 pr-2 pl-1 text-sm text-muted transition-colors hover:bg-raised hover:text-fg aria-expanded:bg-raised aria-expanded:text-fg"
      >
        <span className="grid size-7 place-items-center rounded-full bg-accent-soft text-xs font-semibold text-accent" aria-hidden="true">
          {initialsOf(account)}
        </span>
        {/* Named by its text ("Account: Ada Lovelace"), not an aria-label, so the name holds what is shown; the
            initials are decoration, and the name stays for screen readers on a phone, where it is not shown. */}
        <span className="sr-only">Account: </span>
        <span data-testid="account-name" className="sr-only max-w-[14rem] truncate font-medium sm:not-sr-only">
          {label}
        </span>
        <ChevronDownIcon className={`size-3.5 transition-transform ${open ? "rotate-180" : ""}`} />
      </button>
      {open && (
        <div
          ref={menu}
          id={menuId}
          role="menu"
          aria-label="Account"
          data-testid="account-menu"
          onKeyDown={onMenuKeyDown}
          className="absolute right-0 z-40 mt-2 w-64 max-w-[calc(100vw-2rem)] rounded-xl border border-line bg-surface p-1.5 shadow-lg"
        >
          <div className="border-b border-line px-3 pt-1.5 pb-2.5" role="none">
            <p className="truncate text-sm font-medium text-fg">{account.name || account.email}</p>
            {account.email && account.name && <p className="truncate text-xs text-muted">{account.email}</p>}
            {account.role === "admin" && (
              <p className="mt-1.5 inline-block rounded-full bg-accent-soft px-2 py-0.5 text-[11px] font-medium text-accent">Administrator</p>
            )}
          </div>
          <div className="pt-1.5" role="none">
            <Link href="/settings" role="menuitem" tabIndex={-1} data-testid="account-settings-link" onClick={() => setOpen(false)} className={itemClass}>
              <KeyIcon className="size-4 text-muted" /> API keys &amp; limits
            </Link>
            <button type="button" role="menuitem" tabIndex={-1} data-testid="sign-out-button" onClick={doSignOut} disabled={signingOut} className={itemClass}>
              {signingOut ? <Spinner className="size-4 text-muted" /> : <SignOutIcon className="size-4 text-muted" />}
              {signingOut ? "Signing out…" : "Sign out"}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
