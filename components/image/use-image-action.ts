"use client";

import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { apiFetch, messageOf } from "@/components/api/client";
import type { StudioImage } from "@/components/api/types";
import { useToast } from "@/components/ui/toast";

export type ProcessingOp = "crop" | "resize" | "filter";

/**
 * Runs one processing request on an image; on success it opens the new image and says so in a toast.
 * `pending` stays set until the page changes, so the button cannot be pressed twice.
 */
export function useImageAction(imageId: string) {
  const router = useRouter();
  const notify = useToast();
  const [pending, setPending] = useState<ProcessingOp | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = useCallback(
    async (op: ProcessingOp, body: unknown, describe: (created: StudioImage) => string) => {
      setPending(op);
      setError(null);
      try {
        const created = await apiFetch<StudioImage>(`/api/v1/images/${encodeURIComponent(imageId)}/${op}`, { method: "POST", json: body });
        notify(describe(created));
        router.push(`/images/${created.id}`);
      } catch (e) {
        setError(messageOf(e));
        setPending(null);
      }
    },
    [imageId, notify, router],
  );

  return { run, pending, error, clearError: () => setError(null) };
}
