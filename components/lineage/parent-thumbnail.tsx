"use client";

import { useState } from "react";
import { thumbnailUrlOf } from "@/components/api/types";

/**
 * A parent's thumbnail (on the transparency checkerboard when it has an alpha channel); a neutral tile when it
 * cannot be had (a parent in the trash answers 404).
 */
export function ParentThumbnail({ id, alpha = false }: { id: string; alpha?: boolean }) {
  const [failed, setFailed] = useState(false);
  if (failed) {
    return (
      <span data-testid="made-from-missing" className="flex aspect-square w-full items-center justify-center bg-raised text-[10px] text-subtle">
        No preview
      </span>
    );
  }
  return (
    <img
      // An error before hydration fires no onError: a finished load without pixels is one too.
      ref={(el) => {
        if (el?.complete && el.naturalWidth === 0) setFailed(true);
      }}
      src={thumbnailUrlOf(id)}
      alt=""
      loading="lazy"
      onError={() => setFailed(true)}
      data-checkerboard={alpha || undefined}
      className={`block aspect-square w-full object-cover ${alpha ? "checkerboard" : "bg-raised"}`}
    />
  );
}
