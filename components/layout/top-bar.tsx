import Link from "next/link";
import { NavLink } from "./nav-link";

export function TopBar() {
  return (
    <header className="sticky top-0 z-30 border-b border-line bg-surface/80 backdrop-blur supports-[backdrop-filter]:bg-surface/70">
      <div className="mx-auto flex h-14 max-w-[1600px] items-center gap-6 px-4 sm:px-6">
        <Link href="/" className="flex items-center gap-2.5 rounded-md font-semibold tracking-tight text-fg">
          <LogoMark />
          <span>Image Studio</span>
        </Link>
        <nav aria-label="Main" className="flex items-center gap-1 text-sm">
          <NavLink href="/" also={["/images/"]}>
            Gallery
          </NavLink>
        </nav>
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
