"use client";

import { useState } from "react";
import { apiFetch, messageOf } from "@/components/api/client";
import { LinkIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { buttonClass } from "@/components/ui/styles";
import { useToast } from "@/components/ui/toast";

const validFor = 24 * 3600;

/** Copies a signed link to the original that works without signing in, for a day. */
export function ShareLinkButton({ imageId }: { imageId: string }) {
  const notify = useToast();
  const [busy, setBusy] = useState(false);
  const [fallback, setFallback] = useState<string | null>(null);

  const copy = async () => {
    setBusy(true);
    try {
      const { url } = await apiFetch<{ url: string; expiresAt: string }>(
        `/api/v1/images/${encodeURIComponent(imageId)}/url?expiresIn=${validFor}`,
      );
      try {
        await navigator.clipboard.writeText(url);
        setFallback(null);
        notify("Share link copied — it works for 24 hours");
      } catch {
        // No clipboard permission (or an insecure origin): show the link to copy by hand.
        setFallback(url);
      }
    } catch (e) {
      notify(messageOf(e), "error");
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="relative">
      <button type="button" data-testid="share-link" onClick={copy} disabled={busy} className={buttonClass("secondary", "sm")}>
        {busy ? <Spinner className="size-3.5" /> : <LinkIcon className="size-3.5" />}
        <span className="hidden sm:inline">Copy share link</span>
        <span className="sm:hidden">Share</span>
      </button>
      {fallback && (
        <div className="absolute top-full right-0 z-20 mt-2 w-80 rounded-xl border border-line bg-surface p-3 shadow-lg">
          <label htmlFor="share-url" className="mb-1.5 block text-xs text-muted">
            Copy this link (valid for 24 hours)
          </label>
          <input
            id="share-url"
            readOnly
            autoFocus
            value={fallback}
            onFocus={(e) => e.target.select()}
            onKeyDown={(e) => e.key === "Escape" && setFallback(null)}
            onBlur={() => setFallback(null)}
            className="h-9 w-full rounded-md border border-line-strong bg-raised px-2 font-mono text-xs"
          />
        </div>
      )}
    </div>
  );
}
