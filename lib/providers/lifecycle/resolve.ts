import "server-only";
// Migration instead of failure: a request that names a retired model (in its body, through "reuse settings", a
// compare lane, a work package, or the configured default) is served by the model's successor, and says so; with
// MODEL_AUTO_UPGRADE=false it is refused with 422 model_retired naming the successor.
import { AppError } from "@/lib/errors";
import type { ImageProvider, ModelInfo, ProviderId } from "../types";
import { effectiveLifecycle } from "./state";

/** What an image's provenance (and its job) records when the model asked for was not the one that served. */
export interface ModelMigration {
  provider: ProviderId;
  requested: string;
  served: string;
  reason: "retired";
  /** The day the requested model was shut down, when known. */
  retiredOn?: string;
}

/** The model a retired one hands over to: its successor (followed while retired), else the provider's default. */
export function successorOf(provider: ImageProvider, model: ModelInfo): ModelInfo | undefined {
  const seen = new Set<string>([model.id]);
  let next = model.lifecycle.successor ? provider.models.find((m) => m.id === model.lifecycle.successor) : undefined;
  while (next && !seen.has(next.id)) {
    if (effectiveLifecycle(provider.id, next).status !== "retired") return next;
    seen.add(next.id);
    next = next.lifecycle.successor ? provider.models.find((m) => m.id === next!.lifecycle.successor) : undefined;
  }
  // No (live) successor named: the provider's first live model, which is its default.
  return provider.models.find((m) => !seen.has(m.id) && effectiveLifecycle(provider.id, m).status !== "retired");
}

export interface ResolvedModel {
  model: string;
  migration?: ModelMigration;
}

/**
 * The model that serves a request naming `modelId` of `provider`: the model itself while it lives; once retired,
 * its successor (autoUpgrade) or a 422 model_retired. Ids the provider does not list are returned unchanged (the
 * selection's 400 names the valid ones).
 */
export function resolveModel(provider: ImageProvider, modelId: string, autoUpgrade: boolean): ResolvedModel {
  const model = provider.models.find((m) => m.id === modelId);
  if (!model) return { model: modelId };
  const lifecycle = effectiveLifecycle(provider.id, model);
  if (lifecycle.status !== "retired") return { model: modelId };
  const next = successorOf(provider, model);
  const when = lifecycle.shutdownDate ? ` on ${lifecycle.shutdownDate}` : "";
  if (!autoUpgrade || !next) {
    const instead = next ? `; use ${next.id} instead` : "";
    throw new AppError("model_retired", `${provider.name} retired ${model.id}${when}${instead}.`, {
      details: { provider: provider.id, model: model.id, shutdownDate: lifecycle.shutdownDate ?? null, successor: next?.id ?? null },
    });
  }
  return { model: next.id, migration: { provider: provider.id, requested: model.id, served: next.id, reason: "retired", ...(lifecycle.shutdownDate ? { retiredOn: lifecycle.shutdownDate } : {}) } };
}

/** The provider whose catalog lists `modelId` (configured providers first), for a request naming a model alone. */
export function ownerOf(providers: ImageProvider[], modelId: string): ImageProvider | undefined {
  const owners = providers.filter((p) => p.models.some((m) => m.id === modelId));
  return owners.find((p) => p.isConfigured()) ?? owners[0];
}

/** A sentence for a migration, for logs, job notes and the image page. */
export function describeMigration(m: ModelMigration): string {
  return `Requested ${m.requested}, served by ${m.served}: ${m.requested} was retired${m.retiredOn ? ` on ${m.retiredOn}` : ""}.`;
}
