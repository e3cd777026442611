import "server-only";
import { db } from "@/lib/db";
import { storage } from "@/lib/storage";
import { log } from "@/lib/log";

export interface HealthReport {
  status: "healthy" | "unhealthy";
  service: "image-studio";
  checks: { database: "ok" | "failing"; storage: "ok" | "failing" };
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
  return { status: healthy ? "healthy" : "unhealthy", service: "image-studio", checks };
}
