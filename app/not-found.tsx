import Link from "next/link";
import { buttonClass } from "@/components/ui/styles";

// Any unknown page: the studio's own 404 (rendered per request, so it carries the CSP nonce like every page).
export default function NotFound() {
  return (
    <main className="mx-auto flex max-w-md flex-col items-center px-6 py-24 text-center">
      <p className="mb-3 text-5xl font-semibold tracking-tight text-subtle">404</p>
      <h1 className="text-xl font-semibold">This page does not exist</h1>
      <p className="mt-2 text-sm leading-6 text-muted">The link may be mistyped, or what it pointed at was removed.</p>
      <Link href="/" className={buttonClass("primary", "md", "mt-6")}>
        Back to the gallery
      </Link>
    </main>
  );
}
