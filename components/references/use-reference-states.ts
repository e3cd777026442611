"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, apiFetch, messageOf } from "@/components/api/client";
import type { StudioImage } from "@/components/api/types";
import type { DraftReference, ReferenceState } from "./references";

const imagePath = (id: string) => `/api/v1/images/${encodeURIComponent(id)}`;

/**
 * Which attached references are in the trash or gone: each one is checked once when it appears (a draft restored,
 * "Reuse settings", the prompt history), GET /api/v1/images/{id} → `deletedAt` set = in the trash, 404 = gone.
 * `restore` takes one out of the trash (and unmarks it); `forget` drops a mark (a reference removed).
 */
export function useReferenceStates(references: DraftReference[]) {
  const [states, setStates] = useState<Record<string, ReferenceState | undefined>>({});
  const [restoreError, setRestoreError] = useState<string | null>(null);
  const checked = useRef(new Set<string>());
  const key = references.map((r) => r.id).join(" ");

  useEffect(() => {
    const controller = new AbortController();
    for (const id of key ? key.split(" ") : []) {
      if (checked.current.has(id)) continue;
      checked.current.add(id);
      apiFetch<StudioImage>(imagePath(id), { signal: controller.signal })
        .then((image) => image.deletedAt && setStates((all) => ({ ...all, [id]: "trashed" })))
        .catch((e) => {
          if (e instanceof ApiError && e.status === 404) setStates((all) => ({ ...all, [id]: "gone" }));
          // Aborted or offline: check again next time it is attached.
          else checked.current.delete(id);
        });
    }
    return () => controller.abort();
  }, [key]);

  const restore = useCallback(async (id: string) => {
    setRestoreError(null);
    try {
      await apiFetch(`${imagePath(id)}/restore`, { method: "POST" });
      setStates((all) => ({ ...all, [id]: undefined }));
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setStates((all) => ({ ...all, [id]: "gone" }));
      setRestoreError(messageOf(e));
    }
  }, []);

  /** A removed reference is checked afresh if attached again. */
  const forget = useCallback((id: string) => {
    checked.current.delete(id);
    setStates((all) => ({ ...all, [id]: undefined }));
  }, []);

  return { states, restore, forget, restoreError };
}
