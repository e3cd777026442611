"use client";

import { useCallback, useEffect, useState } from "react";
import { messageOf } from "@/components/api/client";
import { fetchProviders, fetchUsage, type Provider, type ProviderModel, type Usage } from "@/components/api/generation";
import { defaultModelOf, isRetired, liveModels, successorOf } from "./model-lifecycle";

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

/** Remote services first (what the server prefers), the local renderer when nothing else is set up; each with its default model. */
export function defaultChoice(providers: Provider[]): { provider: string; model: string } {
  const usable = providers.filter((p) => p.configured && liveModels(p).length > 0);
  const chosen = usable.find((p) => !p.local) ?? usable.find((p) => p.local) ?? usable[0];
  return { provider: chosen?.id ?? "", model: defaultModelOf(chosen)?.id ?? "" };
}

export interface Choice {
  provider: Provider | undefined;
  /** The model that will serve: the one named, or — when that one is retired — its successor. */
  model: ProviderModel | undefined;
  /** The retired model the draft names (the request keeps naming it; the server migrates it and says so). */
  retired?: ProviderModel;
}

/** The provider and model a draft names, if they exist and may be used; a retired model resolves to its successor. */
export function resolveChoice(providers: Provider[] | null, providerId: string, modelId: string): Choice {
  const provider = providers?.find((p) => p.id === providerId && p.configured);
  const named = provider?.models.find((m) => m.id === modelId && m.capabilities.generate);
  if (named && isRetired(named)) return { provider, model: successorOf(provider, named), retired: named };
  return { provider, model: named ?? defaultModelOf(provider) };
}
