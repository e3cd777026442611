import "server-only";
// The model watch: reads the providers' own model lists (OpenAI GET /v1/models `shutdown_date`) off the request
// path — at start, then every MODEL_WATCH_INTERVAL_MINUTES — and stores what they say for every instance. Gemini's
// `modelStatus` and "model not found" answers arrive with ordinary calls (lib/providers/registry.ts, the job runner).
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import type { ImageProvider } from "../types";
import { lifecycleSnapshot, recordObservation } from "./state";

const globalForWatch = globalThis as unknown as { imageStudioModelWatch?: NodeJS.Timeout };

/** Reads every configured provider's model list once; returns how many observations were recorded per provider. */
export async function watchModelsOnce(providers: ImageProvider[], timeoutMs = 10_000): Promise<Record<string, number | string>> {
  await lifecycleSnapshot(true);
  const outcome: Record<string, number | string> = {};
  await Promise.all(
    providers
      .filter((p) => p.isConfigured() && p.listModelLifecycle)
      .map(async (p) => {
        try {
          const observations = await p.listModelLifecycle!(AbortSignal.timeout(timeoutMs));
          for (const o of observations) await recordObservation(p.id, o, p.models);
          outcome[p.id] = observations.length;
        } catch (error) {
          outcome[p.id] = (error as Error).message;
          log.warn("model watch: could not read a provider's model list", { provider: p.id, error: (error as Error).message });
        }
      }),
  );
  return outcome;
}

/** Starts the watch in this process (idempotent): a first reading now, in the background, then periodically. */
export function startModelWatch(providers: () => ImageProvider[]): void {
  const minutes = env().MODEL_WATCH_INTERVAL_MINUTES;
  if (globalForWatch.imageStudioModelWatch || minutes <= 0) return;
  const run = () => void watchModelsOnce(providers()).catch((error: Error) => log.warn("model watch failed", { error: error.message }));
  globalForWatch.imageStudioModelWatch = setInterval(run, minutes * 60_000);
  globalForWatch.imageStudioModelWatch.unref();
  setTimeout(run, 0).unref();
}

export function stopModelWatch(): void {
  clearInterval(globalForWatch.imageStudioModelWatch);
  globalForWatch.imageStudioModelWatch = undefined;
}
