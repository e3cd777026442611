import Link from "next/link";
import { ImageIcon } from "@/components/ui/icons";
import { buttonClass } from "@/components/ui/styles";

export default function ImageNotFound() {
  return (
    <main className="mx-auto flex max-w-md flex-col items-center px-6 py-24 text-center">
      <ImageIcon className="mb-4 size-10 text-subtle" />
      <h1 className="text-xl font-semibold">This image is not here</h1>
      <p className="mt-2 text-sm leading-6 text-muted">It may have been deleted, or the link is mistyped.</p>
      <Link href="/" className={buttonClass("primary", "md", "mt-6")}>
        Back to the gallery
      </Link>
    </main>
  );
}
