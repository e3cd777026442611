"use client";

import { useSearchParams } from "next/navigation";
import { useEffect } from "react";
import { filtersFromParams, toSearchParams } from "@/components/viewer/gallery-filters";

/**
 * The gallery's filters as this tab last showed them (`q=lake&collection=…`), so that "Reuse settings" on an image
 * page goes back to the same view instead of an unfiltered one. Kept per tab (sessionStorage).
 */
const storageKey = "image-studio:gallery-query";

/** The filter part of a gallery address (the draft's keys, `prompt=` & co., are left out). */
export const galleryQueryOf = (params: URLSearchParams) => toSearchParams(filtersFromParams((key) => params.get(key) ?? "")).toString();

export function rememberedGalleryQuery(): string {
  try {
    return sessionStorage.getItem(storageKey) ?? "";
  } catch {
    return "";
  }
}

/**
 * Remembers the gallery's filters whenever its address changes (the gallery keeps them in the address with
 * history.replaceState, which the router's search params follow). For a component the gallery renders.
 */
export function useRememberGalleryQuery() {
  const params = useSearchParams();
  useEffect(() => {
    try {
      sessionStorage.setItem(storageKey, galleryQueryOf(new URLSearchParams(params.toString())));
    } catch {
      // Private mode or full storage: "Reuse settings" then opens the gallery unfiltered.
    }
  }, [params]);
}
