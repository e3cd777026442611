import Link from "next/link";
import { ShortcutsButton } from "@/components/shortcuts/shortcuts-button";
import { ThemeToggle } from "@/components/theme/theme-toggle";
import type { Theme } from "@/components/theme/theme";
import { AccountMenu } from "./account-menu";
import { NavLink } from "./nav-link";
import { pageAccount } from "./page-account";

/**
 * The studio's top bar: the gallery, Compare and Usage and, on the right, the theme and the account (nothing but
 * the theme while nobody is signed in).
 */
export async function TopBar({ theme = "system" }: { theme?: Theme }) {
  const account = await pageAccount();
  return (
    <header className="sticky top-0 z-30 border-b border-line bg-surface/80 backdrop-blur supports-[backdrop-filter]:bg-surface/70">
      <div className="mx-auto flex h-14 max-w-[1600px] items-center gap-2 px-3 sm:gap-6 sm:px-6">
        <Link href="/" aria-label="Image Studio — the gallery" className="flex shrink-0 items-center gap-2.5 rounded-md font-semibold tracking-tight text-fg">
          <LogoMark />
          <span className="max-md:sr-only">Image Studio</span>
        </Link>
        {account && (
          <nav aria-label="Main" className="flex min-w-0 items-center gap-0.5 text-sm sm:gap-1">
            <NavLink href="/" also={["/images/"]}>
              Gallery
            </NavLink>
            <NavLink href="/compare" testId="nav-compare">
              Compare
            </NavLink>
            <NavLink href="/usage" testId="nav-usage">
              Usage
            </NavLink>
          </nav>
        )}
        <div className="ml-auto flex shrink-0 items-center gap-1 sm:gap-2">
          <ShortcutsButton />
          <ThemeToggle initial={theme} />
          {account && <AccountMenu account={account} />}
        </div>
      </div>
    </header>
  );
}

function LogoMark() {
  return (
    <svg viewBox="0 0 32 32" className="size-7" aria-hidden="true">
      <defs>
        <linearGradient id="logo-g" x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#6366f1" />
          <stop offset="1" stopColor="#ec4899" />
        </linearGradient>
      </defs>
      <rect width="32" height="32" rx="8" fill="url(#logo-g)" />
      <path d="M7 22l6-7 4 4.5 3-3.5 5 6z" fill="#fff" fillOpacity="0.95" />
      <circle cx="21.5" cy="10.5" r="2.5" fill="#fff" fillOpacity="0.95" />
    </svg>
  );
}
