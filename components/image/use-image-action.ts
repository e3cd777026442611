"use client";

import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { apiFetch, messageOf } from "@/components/api/client";
import type { StudioImage } from "@/components/api/types";
import { useToast } from "@/components/ui/toast";
import type { ProcessOperation } from "./edit-plan";

/**
 * Saves an image's pending edits as ONE new image: `POST /api/v1/images/{id}/process` with the operations in order.
 * On success it opens the new image and says so in a toast; `pending` stays set until the page changes, so the
 * button cannot be pressed twice.
 */
export function useImageAction(imageId: string) {
  const router = useRouter();
  const notify = useToast();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = useCallback(
    async (operations: ProcessOperation[], describe: (created: StudioImage) => string) => {
      if (!operations.length) return;
      setPending(true);
      setError(null);
      try {
        const created = await apiFetch<StudioImage>(`/api/v1/images/${encodeURIComponent(imageId)}/process`, { method: "POST", json: { operations } });
        notify(describe(created));
        router.push(`/images/${created.id}`);
      } catch (e) {
        setError(messageOf(e));
        setPending(false);
      }
    },
    [imageId, notify, router],
  );

  return { run, pending, error, clearError: useCallback(() => setError(null), []) };
}
