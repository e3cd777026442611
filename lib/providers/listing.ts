import "server-only";
import { env } from "@/lib/env";
import { defaultModelWarning, lifecycleView } from "./lifecycle/report";
import { configuredDefaultModel } from "./lifecycle/request";
import { successorOf } from "./lifecycle/resolve";
import { effectiveLifecycle, lifecycleSnapshot } from "./lifecycle/state";
import { currentProviders, type providers } from "./registry";
import { environmentSource, isManagedProvider } from "./settings/managed";
import { activeProviderSettings } from "./settings/snapshot";
import type { ProviderId } from "./types";

const healthCache = new Map<ProviderId, { at: number; healthy: boolean; message?: string }>();
const healthTtlMs = 60_000;

/** A provider's key or base URL changed (Settings → Providers): its health is asked again. */
export function forgetProviderHealth(): void {
  healthCache.clear();
}

/**
 * Who sets a provider up, for the model menu: "environment" (server variables), "settings" (an administrator, in the
 * app) or null; and whether the caller may do so on Settings → Providers (administrators, for providers the
 * environment does not configure). A stored key that no longer opens says why.
 */
function setupOf(id: ProviderId, isAdmin: boolean) {
  if (!isManagedProvider(id)) return { configuredBy: "environment" as const, manageable: false };
  const fromEnv = environmentSource(id, env());
  const stored = activeProviderSettings().byProvider.get(id);
  const configuredBy = fromEnv ? ("environment" as const) : stored ? ("settings" as const) : null;
  return {
    configuredBy,
    manageable: isAdmin && !fromEnv,
    ...(!fromEnv && stored && !stored.enabled ? { disabled: true } : {}),
    ...(!fromEnv && stored?.error ? { setupError: stored.error } : {}),
  };
}

async function healthOf(provider: ReturnType<typeof providers>[number]) {
  if (!provider.isConfigured()) return { healthy: false, message: "not configured" };
  const cached = healthCache.get(provider.id);
  if (cached && Date.now() - cached.at < healthTtlMs) return cached;
  const result = await provider.health(AbortSignal.timeout(3000)).catch((e: Error) => ({ healthy: false, message: e.message }));
  healthCache.set(provider.id, { at: Date.now(), ...result });
  return result;
}

/** A provider's text services as the describe and enhance controls need them, or null when it has none here. */
function textView(p: ReturnType<typeof providers>[number]) {
  const services = p.isConfigured() ? p.textServices?.() : undefined;
  if (!services || !(services.describe || services.enhance)) return null;
  return { model: services.model, describe: services.describe, enhance: services.enhance, ...(services.local ? { local: true } : {}) };
}

/**
 * GET /api/v1/providers: every provider with its configured and healthy state, its default model, and its models
 * with capabilities, prices and life cycle (status, shutdown date, successor; retired ones too, so a client can
 * say what happened to them). A provider whose default model is retired and not served is not healthy.
 */
export async function listProviders(viewer?: { role: "user" | "admin" }) {
  await lifecycleSnapshot();
  const list = await currentProviders();
  return Promise.all(
    list.map(async (p) => {
      const health = await healthOf(p);
      const warning = defaultModelWarning(p);
      const healthy = health.healthy && !(warning && !warning.served);
      const configured = configuredDefaultModel(p);
      const named = p.models.find((m) => m.id === configured);
      // The model that serves when none is named: the configured default, or its successor once it is retired.
      const defaultModel = named && effectiveLifecycle(p.id, named).status === "retired" ? (successorOf(p, named)?.id ?? null) : (configured ?? null);
      const status = !health.healthy ? health.message : warning && !warning.served ? warning.message : undefined;
      return {
        id: p.id,
        name: p.name,
        local: p.id === "local",
        configured: p.isConfigured(),
        ...setupOf(p.id, viewer?.role === "admin"),
        healthy,
        ...(status && !healthy ? { status } : {}),
        defaultModel,
        warnings: warning ? [warning.message] : [],
        models: p.models.map((m) => ({
          id: m.id,
          label: m.label,
          capabilities: m.capabilities,
          costPerImageUsd: m.costPerImageUsd,
          default: m.id === defaultModel,
          lifecycle: lifecycleView(p, m),
        })),
        text: textView(p),
      };
    }),
  );
}
