"use client";

import { useCallback, useEffect, useState } from "react";
import { messageOf } from "@/components/api/client";
import { fetchProviders, fetchUsage, type Provider, type Usage } from "@/components/api/generation";

/** The providers (with models and prices) and today's budget; `refreshUsage` after a job has spent some. */
export function useProviders() {
  const [providers, setProviders] = useState<Provider[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [usage, setUsage] = useState<Usage | null>(null);

  const refreshUsage = useCallback(() => {
    fetchUsage()
      .then(setUsage)
      .catch(() => setUsage(null));
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    fetchProviders(controller.signal)
      .then((all) => {
        setProviders(all);
        setError(null);
      })
      .catch((e) => {
        if (!controller.signal.aborted) setError(messageOf(e));
      });
    refreshUsage();
    return () => controller.abort();
  }, [refreshUsage]);

  return { providers, error, usage, refreshUsage };
}

/** Remote services first (what the server prefers), the local renderer when nothing else is set up. */
export function defaultChoice(providers: Provider[]): { provider: string; model: string } {
  const usable = providers.filter((p) => p.configured && p.models.some((m) => m.capabilities.generate));
  const chosen = usable.find((p) => !p.local) ?? usable.find((p) => p.local) ?? usable[0];
  const model = chosen?.models.find((m) => m.capabilities.generate);
  return { provider: chosen?.id ?? "", model: model?.id ?? "" };
}

/** The provider and model a draft names, if they exist and may be used. */
export function resolveChoice(providers: Provider[] | null, providerId: string, modelId: string) {
  const provider = providers?.find((p) => p.id === providerId && p.configured);
  const model = provider?.models.find((m) => m.id === modelId && m.capabilities.generate) ?? provider?.models.find((m) => m.capabilities.generate);
  return { provider, model };
}
