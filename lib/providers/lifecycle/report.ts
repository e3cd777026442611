import "server-only";
// What the studio tells people about its models' life cycles: per model (GET /api/v1/providers, the model menu)
// and as warnings about configured defaults (the same listing and /api/health).
import { env } from "@/lib/env";
import type { ImageProvider, ModelInfo } from "../types";
import { configuredDefaultModel } from "./request";
import { successorOf } from "./resolve";
import { effectiveLifecycle, lifecycleSnapshot, type EffectiveLifecycle } from "./state";

export interface ModelLifecycleView {
  status: EffectiveLifecycle["status"];
  shutdownDate: string | null;
  /** Who serves once it is retired (its named successor, else the provider's default). */
  successor: string | null;
  source: EffectiveLifecycle["source"];
  message?: string;
  observedAt?: string;
}

export function lifecycleView(provider: ImageProvider, model: ModelInfo): ModelLifecycleView {
  const l = effectiveLifecycle(provider.id, model);
  const successor = l.status === "active" && !l.successor ? null : (successorOf(provider, model)?.id ?? null);
  return {
    status: l.status,
    shutdownDate: l.shutdownDate ?? null,
    successor,
    source: l.source,
    ...(l.message ? { message: l.message } : {}),
    ...(l.observedAt ? { observedAt: l.observedAt } : {}),
  };
}

export interface DefaultModelWarning {
  provider: string;
  model: string;
  status: "deprecated" | "retired";
  /** Whether requests still get images (retired + MODEL_AUTO_UPGRADE serves the successor). */
  served: boolean;
  message: string;
}

/** Warnings about a configured provider's default model (OPENAI_IMAGE_MODEL, the catalog default) that is deprecated or gone. */
export function defaultModelWarning(provider: ImageProvider): DefaultModelWarning | undefined {
  if (!provider.isConfigured()) return undefined;
  const id = configuredDefaultModel(provider);
  const model = id ? provider.models.find((m) => m.id === id) : undefined;
  if (!id || !model) return undefined;
  const l = effectiveLifecycle(provider.id, model);
  if (l.status === "active") return undefined;
  const next = successorOf(provider, model);
  const setting = provider.id === "openai" && provider.configuredDefaultModel ? `OPENAI_IMAGE_MODEL=${id}` : `${provider.name}'s default model ${id}`;
  if (l.status === "deprecated") {
    const when = l.shutdownDate ? ` and shuts down on ${l.shutdownDate}` : "";
    return { provider: provider.id, model: id, status: "deprecated", served: true, message: `${setting} is deprecated${when}${next ? `; move to ${next.id}` : ""}.` };
  }
  const when = l.shutdownDate ? ` on ${l.shutdownDate}` : "";
  const served = env().MODEL_AUTO_UPGRADE && !!next;
  const outcome = served ? `requests are served by ${next!.id}` : next ? `requests are refused (MODEL_AUTO_UPGRADE=false); set it to ${next.id}` : "no successor is known";
  return { provider: provider.id, model: id, status: "retired", served, message: `${setting} was retired${when}: ${outcome}.` };
}

/** Every configured provider's default-model warning (for /api/health), the snapshot refreshed first. */
export async function defaultModelWarnings(providers: ImageProvider[]): Promise<DefaultModelWarning[]> {
  await lifecycleSnapshot();
  return providers.flatMap((p) => defaultModelWarning(p) ?? []);
}
