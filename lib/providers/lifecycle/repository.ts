import "server-only";
import { db } from "@/lib/db";
import type { ModelObservation, ProviderId } from "../types";

/** One stored observation of a catalog model's life cycle (the ModelLifecycle table). */
export interface StoredObservation extends ModelObservation {
  provider: ProviderId;
  observedAt: Date;
}

/** Every observation (a handful of rows: one per catalog model at most). */
export async function loadObservations(): Promise<StoredObservation[]> {
  const rows = await db().modelLifecycle.findMany();
  return rows.map((r) => ({
    provider: r.provider as ProviderId,
    model: r.modelId,
    status: r.status as ModelObservation["status"],
    ...(r.shutdownDate ? { shutdownDate: r.shutdownDate } : {}),
    ...(r.message ? { message: r.message } : {}),
    source: r.source as ModelObservation["source"],
    observedAt: r.observedAt,
  }));
}

/** Stores the latest observation of a model (the newest word of the provider replaces the older one). */
export async function saveObservation(provider: ProviderId, o: ModelObservation, observedAt: Date): Promise<void> {
  const data = { status: o.status, shutdownDate: o.shutdownDate ?? null, source: o.source, message: o.message?.slice(0, 500) ?? null, observedAt };
  await db().modelLifecycle.upsert({
    where: { provider_modelId: { provider, modelId: o.model } },
    create: { provider, modelId: o.model, ...data },
    update: data,
  });
}

/** Forgets every observation (tests; `npm run admin` could expose it). */
export async function clearObservations(): Promise<void> {
  await db().modelLifecycle.deleteMany();
}
