"use client";

import { useEffect, useId, useRef, useState } from "react";
import { messageOf } from "@/components/api/client";
import { fetchCredentials, type CredentialsResponse } from "@/components/api/credentials";
import type { ImageKind } from "@/components/api/types";
import { ShieldIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { buttonClass } from "@/components/ui/styles";
import type { DigitalSourceType } from "@/lib/provenance/source-type";
import { CredentialsBody, MarkingPill } from "./credentials-body";
import { markingOf, type ChainImages } from "./credentials-view";

type Load = { state: "idle" } | { state: "loading" } | { state: "loaded"; credentials: CredentialsResponse } | { state: "failed"; message: string };

interface Props {
  imageId: string;
  kind: ImageKind;
  /** The image's AI marking as its DTO has it (shown on the closed card, before anything is fetched). */
  digitalSourceType?: DigitalSourceType | null;
  thumbnailUrl: string;
  /** The image and its ancestors, for the pictures of the ingredient chain. */
  images: ChainImages;
}

const ChevronIcon = ({ open }: { open: boolean }) => (
  <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" className={`size-4 shrink-0 text-muted transition-transform ${open ? "rotate-180" : ""}`}>
    <path d="m6 9 6 6 6-6" />
  </svg>
);

/**
 * The "Content credentials" card: a disclosure, closed at first. Opening it fetches the credentials once (the page
 * does not wait for them) and shows what they say (credentials-body.tsx). Keys pressed in the card are its own
 * (like the Tools card: Esc does not leave the page from here); Esc in the open card closes it and gives the
 * focus back to its heading's button.
 */
export function CredentialsPanel({ imageId, kind, digitalSourceType, thumbnailUrl, images }: Props) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [load, setLoad] = useState<Load>({ state: "idle" });
  const [attempt, setAttempt] = useState(0);
  const toggle = useRef<HTMLButtonElement>(null);
  const marking = markingOf(digitalSourceType);

  useEffect(() => {
    if (!open || load.state === "loaded") return;
    const controller = new AbortController();
    setLoad({ state: "loading" });
    fetchCredentials(imageId, controller.signal)
      .then((credentials) => setLoad({ state: "loaded", credentials }))
      .catch((e) => !controller.signal.aborted && setLoad({ state: "failed", message: messageOf(e) }));
    return () => controller.abort();
    // Fetched on opening (and on "Try again"); a closed card keeps what it read.
  }, [open, imageId, attempt]); // eslint-disable-line react-hooks/exhaustive-deps

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key !== "Escape" || !open) return;
    // A <details> inside (the JSON) closes the whole card too: one Esc, one step back.
    e.preventDefault();
    setOpen(false);
    toggle.current?.focus();
  };

  return (
    <section
      aria-labelledby={`${id}-title`}
      data-testid="credentials-panel"
      data-state={open ? load.state : "closed"}
      data-own-keys
      onKeyDown={onKeyDown}
      className="rounded-2xl border border-line bg-surface shadow-xs"
    >
      {/* One clean row: the title (never wrapped or clipped) and the chevron; the marking pill below it, truncated. */}
      <div className="p-4 sm:px-5">
        <h2 id={`${id}-title`} className="text-sm font-semibold">
          <button
            ref={toggle}
            type="button"
            data-testid="credentials-toggle"
            aria-expanded={open}
            aria-controls={`${id}-body`}
            onClick={() => setOpen((o) => !o)}
            className="-m-1 flex w-[calc(100%+0.5rem)] min-w-0 items-center gap-2 rounded-lg p-1 text-left hover:text-accent"
          >
            <ShieldIcon className="size-4 shrink-0 text-accent" />
            <span className="min-w-0 flex-1 truncate">Content credentials</span>
            <ChevronIcon open={open} />
          </button>
        </h2>
        {marking && !open && (
          <div className="mt-1.5 flex min-w-0 pl-6">
            <MarkingPill marking={marking} className="min-w-0 max-w-full" />
          </div>
        )}
      </div>
      <div id={`${id}-body`} hidden={!open} className="border-t border-line p-4 sm:p-5">
        {open && load.state === "loading" && (
          <p role="status" className="flex items-center gap-2 text-sm text-muted">
            <Spinner /> Reading the credentials…
          </p>
        )}
        {open && load.state === "failed" && (
          <div role="alert" data-testid="credentials-error" className="rounded-lg bg-danger-soft px-3 py-2 text-sm text-danger">
            The credentials could not be read: {load.message}
            <button type="button" onClick={() => setAttempt((n) => n + 1)} className={buttonClass("secondary", "sm", "mt-2 flex")}>
              Try again
            </button>
          </div>
        )}
        {load.state === "loaded" && <CredentialsBody credentials={load.credentials} kind={kind} images={images} thumbnailUrl={thumbnailUrl} />}
      </div>
    </section>
  );
}
