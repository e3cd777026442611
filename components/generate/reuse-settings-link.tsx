"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import type { StudioImage } from "@/components/api/types";
import { rememberedGalleryQuery } from "./gallery-address";
import { RetryIcon } from "./icons";
import { reuseHref } from "./settings";

/**
 * "Reuse settings": back to the gallery with the prompt panel filled with what made this image. The gallery keeps
 * the filters it had in this tab (its address is rebuilt with them once this page runs in the browser), and the
 * seed is filled in unlocked.
 */
export function ReuseSettingsLink({ image, className }: { image: StudioImage; className?: string }) {
  const [href, setHref] = useState(() => reuseHref(image));
  useEffect(() => setHref(reuseHref(image, rememberedGalleryQuery())), [image]);
  return (
    <Link href={href} data-testid="reuse-prompt" title="Back to the prompt bar with this prompt, provider, model, seed, style and aspect" className={className}>
      <RetryIcon className="size-3.5" /> Reuse settings
    </Link>
  );
}
