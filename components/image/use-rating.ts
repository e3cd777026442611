"use client";

import { useCallback, useRef, useState } from "react";
import { apiFetch, messageOf } from "@/components/api/client";
import { useToast } from "@/components/ui/toast";

type Marks = { favorite: boolean; rating: number | null };

/**
 * The image's star and rating (1–5), changed at once on screen and saved with `PATCH /api/v1/images/{id}`; put
 * back, with a toast, when the save fails. `onSaved` hears each saved change.
 */
export function useRating(imageId: string, initial: Marks, onSaved?: (marks: Partial<Marks>) => void) {
  const notify = useToast();
  const [marks, setMarks] = useState(initial);
  const latest = useRef(marks);
  latest.current = marks;

  const save = useCallback(
    (change: Partial<Marks>) => {
      const before = latest.current;
      const after = { ...before, ...change };
      latest.current = after;
      setMarks(after);
      apiFetch(`/api/v1/images/${encodeURIComponent(imageId)}`, { method: "PATCH", json: change })
        .then(() => onSaved?.(change))
        .catch((error) => {
          setMarks(before);
          latest.current = before;
          notify(messageOf(error), "error");
        });
    },
    [imageId, notify, onSaved],
  );

  const toggleFavorite = useCallback(() => save({ favorite: !latest.current.favorite }), [save]);
  /** The same rating again clears it. */
  const rate = useCallback((stars: number) => save({ rating: latest.current.rating === stars ? null : stars }), [save]);

  return { ...marks, toggleFavorite, rate };
}
