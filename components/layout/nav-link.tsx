"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** A top-bar link, highlighted on its own page and on the pages under `also` (path prefixes). */
export function NavLink({ href, also = [], testId, children }: { href: string; also?: string[]; testId?: string; children: React.ReactNode }) {
  const path = usePathname();
  const active = path === href || also.some((prefix) => path.startsWith(prefix));
  return (
    <Link
      href={href}
      data-testid={testId}
      aria-current={active ? "page" : undefined}
      className={`rounded-md px-2 py-1.5 font-medium whitespace-nowrap transition-colors sm:px-3 ${
        active ? "bg-raised text-fg" : "text-muted hover:bg-raised hover:text-fg"
      }`}
    >
      {children}
    </Link>
  );
}
