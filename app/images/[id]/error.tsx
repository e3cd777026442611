"use client";

import Link from "next/link";
import { AlertIcon } from "@/components/ui/icons";
import { buttonClass } from "@/components/ui/styles";

export default function ImageError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main role="alert" className="mx-auto flex max-w-md flex-col items-center px-6 py-24 text-center">
      <AlertIcon className="mb-4 size-10 text-danger" />
      <h1 className="text-xl font-semibold">This image could not be opened</h1>
      <p className="mt-2 text-sm leading-6 text-muted">Something went wrong on our side. Try again in a moment.</p>
      <div className="mt-6 flex gap-2">
        <button type="button" onClick={reset} className={buttonClass("primary")}>
          Try again
        </button>
        <Link href="/" className={buttonClass("secondary")}>
          Gallery
        </Link>
      </div>
    </main>
  );
}
