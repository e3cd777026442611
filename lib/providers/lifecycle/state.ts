import "server-only";
// The effective life cycle of every catalog model: the catalog's own entry merged with what the providers said
// (stored in the database, so every instance of a scaled-out deployment agrees). Reads are synchronous lookups in
// a snapshot refreshed from the database at most every few seconds, so a generation request pays no query for it
// except when the snapshot is stale.
import { log } from "@/lib/log";
import type { ModelInfo, ModelLifecycle, ModelObservation, ProviderId } from "../types";
import { loadObservations, saveObservation, type StoredObservation } from "./repository";

/** How old the snapshot may be before a request reloads it (other instances' observations arrive this late at most). */
const SNAPSHOT_TTL_MS = 15_000;

const severity = { active: 0, deprecated: 1, retired: 2 } as const;

export interface EffectiveLifecycle extends ModelLifecycle {
  /** What said so: "catalog", or the provider's signal ("models-list", "response", "not-found"), or "date" (the shutdown date passed). */
  source: "catalog" | "date" | ModelObservation["source"];
  message?: string;
  observedAt?: string;
}

interface Snapshot {
  at: number;
  byKey: Map<string, StoredObservation>;
}

const globalForLifecycle = globalThis as unknown as { imageStudioLifecycle?: { snapshot?: Snapshot; loading?: Promise<Snapshot> } };
const store = (globalForLifecycle.imageStudioLifecycle ??= {});
const key = (provider: string, model: string) => `${provider}/${model}`;

/** The snapshot, reloaded when older than the TTL (one small query), or `force`d. */
export async function lifecycleSnapshot(force = false): Promise<void> {
  const current = store.snapshot;
  if (!force && current && Date.now() - current.at < SNAPSHOT_TTL_MS) return;
  store.loading ??= loadObservations()
    .then((rows) => ({ at: Date.now(), byKey: new Map(rows.map((r) => [key(r.provider, r.model), r])) }))
    .catch((error: Error) => {
      log.warn("model life cycle observations could not be read; using the catalog alone", { error: error.message });
      return { at: Date.now(), byKey: current?.byKey ?? new Map<string, StoredObservation>() };
    })
    .finally(() => {
      store.loading = undefined;
    });
  store.snapshot = await store.loading;
}

/** Today as YYYY-MM-DD (UTC), the unit of shutdown dates. */
export const today = (now = new Date()) => now.toISOString().slice(0, 10);

/** A model's life cycle as the studio knows it now (the catalog's entry, what its provider said, the calendar). */
export function effectiveLifecycle(provider: ProviderId, model: ModelInfo, now = new Date()): EffectiveLifecycle {
  const observed = store.snapshot?.byKey.get(key(provider, model.id));
  const catalog = model.lifecycle;
  let result: EffectiveLifecycle = { ...catalog, source: "catalog" };
  if (observed && severity[observed.status] >= severity[catalog.status]) {
    result = {
      status: observed.status,
      shutdownDate: observed.shutdownDate ?? catalog.shutdownDate,
      successor: catalog.successor,
      source: observed.source,
      ...(observed.message ? { message: observed.message } : {}),
      observedAt: observed.observedAt.toISOString(),
    };
  }
  if (result.status !== "retired" && result.shutdownDate && result.shutdownDate <= today(now)) {
    result = { ...result, status: "retired", source: result.source === "catalog" ? "date" : result.source };
  }
  return result;
}

export const isRetired = (provider: ProviderId, model: ModelInfo) => effectiveLifecycle(provider, model).status === "retired";

/**
 * Records what a provider said about one of its catalog models: stored for every instance, and in this process's
 * snapshot at once. A retirement is logged, since requests naming the model are migrated from now on.
 */
export async function recordObservation(provider: ProviderId, observation: ModelObservation, known: ModelInfo[]): Promise<void> {
  const model = known.find((m) => m.id === observation.model);
  if (!model) return; // not a catalog model: nothing of ours to manage
  const before = effectiveLifecycle(provider, model);
  const observedAt = new Date();
  const previous = store.snapshot?.byKey.get(key(provider, model.id));
  // A model that answered "not found" stays retired when a listing still shows it (Replicate's model page can
  // outlive its predictions endpoint); only an answer that served it ("response") brings it back.
  if (previous?.source === "not-found" && previous.status === "retired" && observation.source === "models-list") return;
  const same = previous && previous.status === observation.status && previous.shutdownDate === observation.shutdownDate && Date.now() - previous.observedAt.getTime() < 60 * 60_000;
  if (!same) await saveObservation(provider, observation, observedAt);
  if (store.snapshot) store.snapshot.byKey.set(key(provider, model.id), { ...observation, provider, observedAt: same ? previous.observedAt : observedAt });
  const after = effectiveLifecycle(provider, model);
  if (after.status !== before.status) {
    log.warn("model life cycle changed", { provider, model: model.id, from: before.status, to: after.status, shutdownDate: after.shutdownDate, source: observation.source, note: observation.message });
  }
}

/** Tests: forget the snapshot (the next lookup reloads it). */
export function resetLifecycleSnapshotForTests(): void {
  store.snapshot = undefined;
  store.loading = undefined;
}
