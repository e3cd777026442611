"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { messageOf } from "@/components/api/client";
import { imageTitle, operationLabel } from "@/components/api/format";
import { fetchImage } from "@/components/api/studio";
import { previewUrlOf, type StudioImage } from "@/components/api/types";
import { BeforeAfter } from "@/components/image/before-after";
import { AlertIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";

type State =
  | { status: "loading" }
  | { status: "error"; message: string }
  | { status: "ready"; before: StudioImage | null; after: StudioImage };

/**
 * Before/after for any image and its parent (`/compare?image=<id>`), or for any two images
 * (`/compare?before=<id>&after=<id>`): the slider over both, and links to each.
 */
export function ImagePair({ imageId, beforeId }: { imageId: string; beforeId?: string }) {
  const [state, setState] = useState<State>({ status: "loading" });

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: "loading" });
    (async () => {
      const after = await fetchImage(imageId, controller.signal);
      const parentId = beforeId || after.parentId;
      const before = parentId ? await fetchImage(parentId, controller.signal) : null;
      // Images in the trash are not compared (restore them from /trash first).
      if (after.deletedAt || (beforeId && before?.deletedAt)) throw new Error("This image is in the trash: restore it from the trash to compare it.");
      setState({ status: "ready", before: before?.deletedAt ? null : before, after });
    })().catch((error) => {
      if (!controller.signal.aborted) setState({ status: "error", message: messageOf(error) });
    });
    return () => controller.abort();
  }, [imageId, beforeId]);

  return (
    <section aria-labelledby="pair-title" data-testid="image-pair" className="rounded-2xl border border-line bg-surface p-4 shadow-xs sm:p-5">
      <h2 id="pair-title" className="text-base font-semibold">
        {beforeId ? "Before and after" : "An image and its parent"}
      </h2>
      {state.status === "loading" && (
        <p className="mt-4 flex items-center gap-2 text-sm text-muted">
          <Spinner /> Loading the images…
        </p>
      )}
      {state.status === "error" && (
        <p role="alert" className="mt-4 flex items-center gap-2 text-sm text-danger">
          <AlertIcon className="size-4 shrink-0" /> {state.message}
        </p>
      )}
      {state.status === "ready" && !state.before && (
        <p className="mt-2 text-sm text-muted">
          <Link href={`/images/${state.after.id}`} className="font-medium text-accent hover:underline">
            {imageTitle(state.after)}
          </Link>{" "}
          has no parent: it was uploaded or generated from a prompt. Open an edited image, a variation or a refinement
          and compare it with the picture it came from.
        </p>
      )}
      {state.status === "ready" && state.before && (
        <>
          <p className="mt-1 text-sm text-muted">
            Left of the divider:{" "}
            <Link href={`/images/${state.before.id}`} className="font-medium text-fg hover:underline">
              {imageTitle(state.before)}
            </Link>
            {" · "}right of it:{" "}
            <Link href={`/images/${state.after.id}`} className="font-medium text-fg hover:underline">
              {operationLabel(state.after.operation) || imageTitle(state.after)}
            </Link>
            . Drag the divider, or focus it and use ← →.
          </p>
          <div className="mx-auto max-w-3xl">
            <BeforeAfter
              before={{ src: previewUrlOf(state.before.id), alt: `Before: ${imageTitle(state.before)}` }}
              after={{ src: previewUrlOf(state.after.id), alt: `After: ${imageTitle(state.after)}` }}
              ratio={state.after.width / state.after.height}
              afterHref={`/images/${state.after.id}`}
              testId="pair-slider"
            />
          </div>
        </>
      )}
    </section>
  );
}
