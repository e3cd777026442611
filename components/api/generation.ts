/** Generation jobs, providers and usage as the browser sees them (API.md "Generation"). */
import { apiFetch } from "./client";
import type { StudioImage } from "./types";

export { stylePresets, type StylePreset } from "@/lib/providers/types";
import type { StylePreset } from "@/lib/providers/types";

export type JobStatus = "queued" | "running" | "succeeded" | "failed" | "canceled";
export const isFinished = (status: string) => status === "succeeded" || status === "failed" || status === "canceled";

export interface Job {
  id: string;
  type: string;
  status: JobStatus;
  progress: number;
  provider: string | null;
  model: string | null;
  images: StudioImage[];
  error: { code: string; message: string } | null;
  costUsd: number | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

// The provider shapes are the server's own types (type-only: nothing of the server module reaches the browser).
export type { ModelCapabilities, SizeSpec } from "@/lib/providers/types";
import type { ModelCapabilities } from "@/lib/providers/types";

export interface ProviderModel {
  id: string;
  label: string;
  capabilities: ModelCapabilities;
  costPerImageUsd: number;
}

export interface Provider {
  id: string;
  name: string;
  local: boolean;
  configured: boolean;
  healthy: boolean;
  /** Why it is not healthy ("not configured", a timeout…). */
  status?: string;
  models: ProviderModel[];
}

/** The body of POST /api/v1/generations. */
export interface GenerationRequest {
  prompt: string;
  negativePrompt?: string;
  provider?: string;
  model?: string;
  aspectRatio?: string;
  style?: StylePreset;
  seed?: number;
  n: number;
  imageType?: "image" | "icon";
  collectionId?: string;
}

export interface Usage {
  budget: { day: string; limitUsd: number; spentUsd: number; reservedUsd: number; leftUsd: number; maxCostPerImageUsd?: number };
}

/** A key that makes a repeated POST (a double click, a network retry) return the same job and never pay twice. */
function idempotencyKey(): string {
  if (typeof crypto !== "undefined" && "randomUUID" in crypto) return crypto.randomUUID();
  return `gen-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

export const createGeneration = (body: GenerationRequest) =>
  apiFetch<Job>("/api/v1/generations", { method: "POST", json: body, headers: { "Idempotency-Key": idempotencyKey() } });

export const fetchJob = (id: string, signal?: AbortSignal) =>
  apiFetch<Job>(`/api/v1/jobs/${encodeURIComponent(id)}`, { signal, cache: "no-store" });

export const fetchProviders = (signal?: AbortSignal) => apiFetch<Provider[]>("/api/v1/providers", { signal });

export const fetchUsage = (signal?: AbortSignal) => apiFetch<Usage>("/api/v1/usage", { signal, cache: "no-store" });
