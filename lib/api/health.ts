import "server-only";
import { db } from "@/lib/db";
import { storage } from "@/lib/storage";
import { log } from "@/lib/log";
import { defaultModelWarnings } from "@/lib/providers/lifecycle/report";
import { providers } from "@/lib/providers/registry";
import { providerSettingsWarnings } from "@/lib/providers/settings/snapshot";

export interface HealthReport {
  /** "degraded": the database and storage are fine, but a configured provider's default model is retired and not served. */
  status: "healthy" | "degraded" | "unhealthy";
  service: "image-studio";
  checks: { database: "ok" | "failing"; storage: "ok" | "failing"; models: "ok" | "warning" | "failing" };
  /** Sentences about configured default models that are deprecated or retired (with what serves instead). */
  warnings?: string[];
}

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms))]);

/** Checks that the database answers and the storage can be written and read back. */
export async function checkHealth(): Promise<HealthReport> {
  const [database, store] = await Promise.allSettled([
    withTimeout(db().$queryRawUnsafe("SELECT 1"), 3000),
    withTimeout(storage().healthCheck(), 3000),
  ]);
  if (database.status === "rejected") log.error("health: database failing", { error: database.reason });
  if (store.status === "rejected") log.error("health: storage failing", { error: store.reason });
  const checks = {
    database: database.status === "fulfilled" ? "ok" : "failing",
    storage: store.status === "fulfilled" ? "ok" : "failing",
  } as const;
  const healthy = checks.database === "ok" && checks.storage === "ok";
  const warnings = healthy ? await defaultModelWarnings(providers()).catch(() => []) : [];
  const models = warnings.some((w) => !w.served) ? "failing" : warnings.length ? "warning" : "ok";
  const status = !healthy ? "unhealthy" : models === "failing" ? "degraded" : "healthy";
  // A key stored in Settings → Providers that no longer opens (AUTH_SECRET changed) is said here, not crashed on.
  const sentences = [...warnings.map((w) => w.message), ...providerSettingsWarnings()];
  return { status, service: "image-studio", checks: { ...checks, models }, ...(sentences.length ? { warnings: sentences } : {}) };
}
