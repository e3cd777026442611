/** The studio pages' own API calls (prompt panel, compare, usage): thin wrappers over the documented routes. */
import { apiFetch } from "./client";
import { idempotencyKey, type GenerationRequest, type Job } from "./generation";
import type { Collection, StudioImageDetail } from "./types";

/** POST /api/v1/generations with the fields the prompt bar does not send: `fallback` (compare pins a provider). */
export interface StudioGenerationRequest extends GenerationRequest {
  /** false: only the named provider may serve (a comparison must not be answered by another). */
  fallback?: boolean;
  width?: number;
  height?: number;
}

export const createStudioGeneration = (body: StudioGenerationRequest, signal?: AbortSignal) =>
  apiFetch<Job>("/api/v1/generations", { method: "POST", json: body, signal, headers: { "Idempotency-Key": idempotencyKey() } });

export const fetchCollections = (signal?: AbortSignal) =>
  apiFetch<{ items: Collection[] }>("/api/v1/collections", { signal, cache: "no-store" }).then((r) => r.items);

export const fetchImage = (id: string, signal?: AbortSignal) =>
  apiFetch<StudioImageDetail>(`/api/v1/images/${encodeURIComponent(id)}`, { signal });

/** One row of GET /api/v1/usage: a provider's spend on a UTC day. */
export interface UsageDay {
  day: string;
  provider: string;
  images: number;
  calls: number;
  costUsd: number;
  /** Of costUsd and calls: calls whose outcome is unknown (in flight at a crash, a result refused after it was made). */
  unknownUsd?: number;
  unknownCalls?: number;
}

export interface UsageReport {
  from: string;
  to: string;
  days: UsageDay[];
  totalUsd: number;
  /** Of totalUsd: spend of unknown outcome, counted at its estimate. */
  unknownUsd?: number;
  budget: { day: string; limitUsd: number; spentUsd: number; reservedUsd: number; leftUsd: number; maxCostPerImageUsd?: number };
}

export const fetchUsageReport = (range: { from?: string; to?: string } = {}, signal?: AbortSignal) => {
  const query = new URLSearchParams();
  if (range.from) query.set("from", range.from);
  if (range.to) query.set("to", range.to);
  return apiFetch<UsageReport>(`/api/v1/usage${query.size ? `?${query}` : ""}`, { signal, cache: "no-store" });
};

/** Seconds between two ISO times, or null when either is missing. */
export function secondsBetween(from: string | null | undefined, to: string | null | undefined): number | null {
  if (!from || !to) return null;
  const ms = Date.parse(to) - Date.parse(from);
  return Number.isFinite(ms) && ms >= 0 ? ms / 1000 : null;
}

/** "0.8 s", "12 s", "1 min 5 s". */
export function formatDuration(seconds: number): string {
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  return s ? `${m} min ${s} s` : `${m} min`;
}
