import "server-only";
import { env } from "@/lib/env";
import type { SelectionPreferences } from "../selection";
import type { ImageProvider } from "../types";
import { ownerOf, resolveModel, type ModelMigration } from "./resolve";
import { effectiveLifecycle, lifecycleSnapshot } from "./state";

/** The model a provider serves when none is named: its configured default (OPENAI_IMAGE_MODEL), else the catalog's. */
export function configuredDefaultModel(provider: ImageProvider): string | undefined {
  if (provider.configuredDefaultModel) return provider.configuredDefaultModel;
  return (provider.models.find((m) => m.default) ?? provider.models[0])?.id;
}

export interface RequestedModel {
  provider?: string;
  model?: string;
  migration?: ModelMigration;
}

/**
 * The provider and model a request asks for once retirements are applied: a retired model it names — or the
 * retired default of the provider it names (or of DEFAULT_PROVIDER) — becomes the successor, with the migration
 * recorded; with MODEL_AUTO_UPGRADE=false, a 422 model_retired. Everything else passes through unchanged.
 */
export async function applyRetirements(providers: ImageProvider[], prefs: SelectionPreferences, wanted: { provider?: string; model?: string }): Promise<RequestedModel> {
  await lifecycleSnapshot();
  const autoUpgrade = env().MODEL_AUTO_UPGRADE;
  if (wanted.model) {
    const owner = wanted.provider ? providers.find((p) => p.id === wanted.provider) : ownerOf(providers, wanted.model);
    if (!owner) return wanted;
    const resolved = resolveModel(owner, wanted.model, autoUpgrade);
    return { provider: wanted.provider ?? (resolved.migration ? owner.id : undefined), model: resolved.model, migration: resolved.migration };
  }
  const providerId = wanted.provider ?? prefs.defaultProvider;
  const provider = providers.find((p) => p.id === providerId);
  if (!provider?.isConfigured()) return wanted;
  const fallbackDefault = configuredDefaultModel(provider);
  if (!fallbackDefault) return wanted;
  const model = provider.models.find((m) => m.id === fallbackDefault);
  if (!model || effectiveLifecycle(provider.id, model).status !== "retired") return wanted;
  const resolved = resolveModel(provider, fallbackDefault, autoUpgrade);
  return { provider: provider.id, model: resolved.model, migration: resolved.migration };
}
