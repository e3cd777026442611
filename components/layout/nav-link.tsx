"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** A top-bar link, highlighted on its own page and on the pages under `also` (path prefixes). */
export function NavLink({ href, also = [], children }: { href: string; also?: string[]; children: React.ReactNode }) {
  const path = usePathname();
  const active = path === href || also.some((prefix) => path.startsWith(prefix));
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={`rounded-md px-3 py-1.5 font-medium transition-colors ${
        active ? "bg-raised text-fg" : "text-muted hover:bg-raised hover:text-fg"
      }`}
    >
      {children}
    </Link>
  );
}
