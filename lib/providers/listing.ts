import "server-only";
import { providers } from "./registry";
import type { ProviderId } from "./types";

const healthCache = new Map<ProviderId, { at: number; healthy: boolean; message?: string }>();
const healthTtlMs = 60_000;

async function healthOf(provider: ReturnType<typeof providers>[number]) {
  if (!provider.isConfigured()) return { healthy: false, message: "not configured" };
  const cached = healthCache.get(provider.id);
  if (cached && Date.now() - cached.at < healthTtlMs) return cached;
  const result = await provider.health(AbortSignal.timeout(3000)).catch((e: Error) => ({ healthy: false, message: e.message }));
  healthCache.set(provider.id, { at: Date.now(), ...result });
  return result;
}

/** GET /api/v1/providers: every provider with its configured and healthy state, models, capabilities and prices. */
export async function listProviders() {
  return Promise.all(
    providers().map(async (p) => {
      const health = await healthOf(p);
      return {
        id: p.id,
        name: p.name,
        local: p.id === "local",
        configured: p.isConfigured(),
        healthy: health.healthy,
        ...(health.message && !health.healthy ? { status: health.message } : {}),
        models: p.models.map((m) => ({ id: m.id, label: m.label, capabilities: m.capabilities, costPerImageUsd: m.costPerImageUsd })),
      };
    }),
  );
}
