import "server-only";
// The stored provider settings as the registry reads them: a snapshot with the secrets opened, loaded at start,
// replaced at once in the process that makes a change, and reloaded by the others when it is older than a few
// seconds (one small query), the pattern of lib/providers/lifecycle/state.ts. Reads are synchronous.
import { log } from "@/lib/log";
import { openSecret, SealedSecretError } from "@/lib/secrets";
import type { ManagedProviderId } from "./managed";
import { loadProviderSettings, type StoredProviderSetting } from "./repository";

/** How old the snapshot may be before it is reloaded: how late another instance's change arrives here at most. */
export const SETTINGS_TTL_MS = 10_000;

/** A stored setting ready for the registry: the secret opened, or why it could not be. */
export interface ActiveProviderSetting {
  provider: ManagedProviderId;
  enabled: boolean;
  secret?: string;
  baseUrl?: string;
  options: Record<string, unknown>;
  /** The sealed secret did not open (AUTH_SECRET changed): the provider stays unconfigured, saying why. */
  error?: string;
  updatedAt: Date;
}

interface Snapshot {
  at: number;
  /** Changes whenever what the snapshot holds changes, so the registry knows to rebuild. */
  version: number;
  signature: string;
  byProvider: Map<ManagedProviderId, ActiveProviderSetting>;
}

const globalForSettings = globalThis as unknown as { imageStudioProviderSettings?: { snapshot?: Snapshot; loading?: Promise<void>; version: number } };
const store = (globalForSettings.imageStudioProviderSettings ??= { version: 0 });

/** Opens a stored row's secret; a row whose secret does not open is kept, with the reason. */
export function activate(row: StoredProviderSetting): ActiveProviderSetting {
  const base = { provider: row.provider, enabled: row.enabled, baseUrl: row.baseUrl ?? undefined, options: row.options ?? {}, updatedAt: row.updatedAt };
  if (!row.encryptedSecret) return base;
  try {
    return { ...base, secret: openSecret(row.encryptedSecret, row.provider) };
  } catch (error) {
    if (!(error instanceof SealedSecretError)) throw error;
    return { ...base, error: error.message };
  }
}

const signatureOf = (rows: StoredProviderSetting[]) => rows.map((r) => `${r.provider}@${r.updatedAt.getTime()}`).join(",");

function install(rows: StoredProviderSetting[], force = false): void {
  const signature = signatureOf(rows);
  if (!force && store.snapshot?.signature === signature) {
    store.snapshot.at = Date.now();
    return;
  }
  const byProvider = new Map(rows.map((r) => [r.provider, activate(r)] as const));
  for (const s of byProvider.values()) if (s.error) log.warn("a stored provider key cannot be decrypted", { provider: s.provider, error: s.error });
  store.snapshot = { at: Date.now(), version: ++store.version, signature, byProvider };
}

/** Loads the snapshot when it is missing or older than the TTL (or `force`d); a failed read keeps the last one. */
export async function providerSettingsSnapshot(force = false): Promise<void> {
  const current = store.snapshot;
  if (!force && current && Date.now() - current.at < SETTINGS_TTL_MS) return;
  store.loading ??= loadProviderSettings()
    .then((rows) => install(rows))
    .catch((error: Error) => {
      log.warn("stored provider settings could not be read; using the environment alone", { error: error.message });
      if (store.snapshot) store.snapshot.at = Date.now();
      else store.snapshot = { at: Date.now(), version: ++store.version, signature: "", byProvider: new Map() };
    })
    .finally(() => {
      store.loading = undefined;
    });
  await store.loading;
}

/**
 * The settings as this process knows them now (synchronous). Once loaded, a stale snapshot starts a reload in the
 * background, so even callers that cannot wait see another instance's change within about the TTL.
 */
export function activeProviderSettings(): { version: number; byProvider: ReadonlyMap<ManagedProviderId, ActiveProviderSetting> } {
  const current = store.snapshot;
  if (current && Date.now() - current.at >= SETTINGS_TTL_MS && !store.loading) void providerSettingsSnapshot();
  return { version: store.version, byProvider: current?.byProvider ?? new Map() };
}

/** After a change made in this process: the new rows at once (no TTL wait here). */
export function installProviderSettings(rows: StoredProviderSetting[]): void {
  install(rows, true);
}

/** Sentences for the health check: stored keys that do not open under the current instance secret. */
export function providerSettingsWarnings(): string[] {
  return [...(store.snapshot?.byProvider.values() ?? [])].filter((s) => s.error && s.enabled).map((s) => s.error!);
}

/** Tests: forget the snapshot (the next read reloads it). */
export function resetProviderSettingsForTests(): void {
  store.snapshot = undefined;
  store.loading = undefined;
  store.version++;
}
