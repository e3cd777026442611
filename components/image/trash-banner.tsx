"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch, messageOf } from "@/components/api/client";
import { buttonClass } from "@/components/ui/styles";
import { useToast } from "@/components/ui/toast";

const dayMs = 86_400_000;

/** Said at the top of a trashed image's page (reached from /trash or an old link): when it goes for good, and Restore. */
export function TrashBanner({ imageId, purgeAt }: { imageId: string; purgeAt: string | null | undefined }) {
  const router = useRouter();
  const notify = useToast();
  const [busy, setBusy] = useState(false);
  const days = purgeAt ? Math.max(0, Math.ceil((new Date(purgeAt).getTime() - Date.now()) / dayMs)) : null;
  const when = days === null ? "" : days === 0 ? " It is deleted for good today." : ` It is deleted for good in ${days} day${days === 1 ? "" : "s"}.`;

  const restore = async () => {
    setBusy(true);
    try {
      await apiFetch(`/api/v1/images/${encodeURIComponent(imageId)}/restore`, { method: "POST" });
      notify("Image restored");
      router.refresh();
    } catch (e) {
      notify(messageOf(e), "error");
    } finally {
      setBusy(false);
    }
  };

  return (
    <div role="status" data-testid="trash-banner" className="mb-3 flex flex-wrap items-center gap-3 rounded-xl border border-line bg-raised px-4 py-3 text-sm text-fg">
      <p className="min-w-0 flex-1">
        <strong>This image is in the trash.</strong>
        {when} Restore it to see it in the gallery and work on it again.
      </p>
      <button type="button" className={buttonClass("primary")} onClick={restore} disabled={busy}>
        {busy ? "Restoring…" : "Restore"}
      </button>
    </div>
  );
}
