"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { messageOf } from "@/components/api/client";
import type { StudioImage } from "@/components/api/types";
import { uploadImageFile } from "@/components/api/upload";

export interface UploadItem {
  key: number;
  name: string;
  size: number;
  /** A local object URL, to show the picture before the server has it. */
  previewUrl: string | null;
  progress: number;
  status: "queued" | "uploading" | "processing" | "done" | "error";
  error: string | null;
  imageId: string | null;
}

const parallel = 3;
const previewable = /^image\/(png|jpeg|webp|avif|gif)$/;

/** A queue of uploads, a few at a time, each with its own progress and outcome. */
export function useUploads(onUploaded: (image: StudioImage) => void) {
  const [items, setItems] = useState<UploadItem[]>([]);
  const queue = useRef<{ key: number; file: File; collectionId: string | null }[]>([]);
  const running = useRef(0);
  const nextKey = useRef(1);
  const uploaded = useRef(onUploaded);
  uploaded.current = onUploaded;

  const patch = useCallback((key: number, change: Partial<UploadItem>) => {
    setItems((all) => all.map((i) => (i.key === key ? { ...i, ...change } : i)));
  }, []);

  const pump = useCallback(() => {
    while (running.current < parallel && queue.current.length) {
      const job = queue.current.shift()!;
      running.current++;
      patch(job.key, { status: "uploading" });
      uploadImageFile(job.file, {
        collectionId: job.collectionId,
        onProgress: (p) => patch(job.key, p >= 1 ? { progress: 1, status: "processing" } : { progress: p }),
      })
        .then((image) => {
          patch(job.key, { progress: 1, status: "done", imageId: image.id });
          uploaded.current(image);
        })
        .catch((error) => patch(job.key, { status: "error", error: messageOf(error) }))
        .finally(() => {
          running.current--;
          pump();
        });
    }
  }, [patch]);

  const add = useCallback(
    (files: Iterable<File>, collectionId: string | null) => {
      const added: UploadItem[] = [];
      for (const file of files) {
        const key = nextKey.current++;
        queue.current.push({ key, file, collectionId });
        added.push({
          key,
          name: file.name || "Pasted image",
          size: file.size,
          previewUrl: previewable.test(file.type) ? URL.createObjectURL(file) : null,
          progress: 0,
          status: "queued",
          error: null,
          imageId: null,
        });
      }
      if (!added.length) return;
      setItems((all) => [...all, ...added]);
      pump();
    },
    [pump],
  );

  /** Removes one item, or (no key) every finished one; `onlyDone` keeps failures on screen. */
  const dismiss = useCallback((key?: number, onlyDone = false) => {
    setItems((all) => {
      const gone = all.filter((i) =>
        key !== undefined ? i.key === key : i.status === "done" || (!onlyDone && i.status === "error"),
      );
      gone.forEach((i) => i.previewUrl && URL.revokeObjectURL(i.previewUrl));
      return all.filter((i) => !gone.includes(i));
    });
  }, []);

  // Successful uploads leave the list a moment after the batch settles; failures stay until dismissed.
  const settled = items.some((i) => i.status === "done") && items.every((i) => i.status === "done" || i.status === "error");
  useEffect(() => {
    if (!settled) return;
    const timer = setTimeout(() => dismiss(undefined, true), 4000);
    return () => clearTimeout(timer);
  }, [settled, dismiss]);

  return { items, add, dismiss };
}
