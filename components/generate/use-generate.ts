"use client";

import type { StudioImage } from "@/components/api/types";
import { useGenerationJobs } from "./use-generation-jobs";
import { useProviders } from "./use-providers";

/** Everything the gallery needs to generate: the providers and budget for the prompt bar, and the jobs in flight. */
export function useGenerate(onImages: (images: StudioImage[]) => void) {
  const catalog = useProviders();
  const jobs = useGenerationJobs(onImages, catalog.refreshUsage);
  return { ...catalog, ...jobs };
}
