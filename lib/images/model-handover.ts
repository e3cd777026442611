import "server-only";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { successorOf, type ModelMigration } from "@/lib/providers/lifecycle/resolve";
import { effectiveLifecycle } from "@/lib/providers/lifecycle/state";
import { closestSize } from "@/lib/providers/sizes";
import { ProviderError, type ImageProvider, type ModelInfo } from "@/lib/providers/types";
import type { GenerationInput } from "./generation-request";

type Candidate = GenerationInput["candidates"][number] & { migration?: ModelMigration };

/**
 * The candidate that takes over from a retired model: its successor at the size closest to the one planned, carrying
 * the migration for the images' provenance — or undefined when MODEL_AUTO_UPGRADE=false or no successor lives.
 */
export function handOver(provider: ImageProvider, model: ModelInfo, candidate: Candidate): Candidate | undefined {
  if (!env().MODEL_AUTO_UPGRADE) return undefined;
  const next = successorOf(provider, model);
  if (!next) return undefined;
  const size = closestSize(next.capabilities, { width: candidate.width, height: candidate.height });
  const retiredOn = effectiveLifecycle(provider.id, model).shutdownDate;
  const requested = candidate.migration?.requested ?? model.id;
  log.warn("model retired: its successor serves", { provider: provider.id, requested, served: next.id });
  const migration: ModelMigration = { provider: provider.id, requested, served: next.id, reason: "retired", ...(retiredOn ? { retiredOn } : {}) };
  return { ...candidate, model: next.id, ...size, migration };
}

/** The failure of a job whose model is retired with no successor to take over (or MODEL_AUTO_UPGRADE=false). */
export const retiredError = (provider: ImageProvider, model: ModelInfo) => {
  const lifecycle = effectiveLifecycle(provider.id, model);
  const successor = successorOf(provider, model);
  return new ProviderError(provider.id, "model_not_found", `${model.id} was retired${lifecycle.shutdownDate ? ` on ${lifecycle.shutdownDate}` : ""}${successor ? `; its successor is ${successor.id}` : ""}`, { model: model.id });
};

