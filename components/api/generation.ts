/** Generation jobs, providers and usage as the browser sees them (docs/api.md "Generation"). */
import { apiFetch } from "./client";
import type { JobDto } from "@/lib/images/dto-types";

export { qualities, resolutions, stylePresets, type Quality, type Resolution, type StylePreset } from "@/lib/providers/types";
import type { Quality, Resolution, StylePreset } from "@/lib/providers/types";

// The job record is the server's own type (lib/images/dto-types.ts; type-only: nothing of the server reaches the
// browser), under the name the studio's components use.
export type { JobStatus } from "@/lib/images/dto-types";
export type Job = JobDto;
export const isFinished = (status: string) => status === "succeeded" || status === "failed" || status === "canceled";

// The provider shapes are the server's own types (type-only: nothing of the server module reaches the browser).
export type { ModelCapabilities, SizeSpec } from "@/lib/providers/types";
import type { ModelCapabilities } from "@/lib/providers/types";

/** A model's life cycle as GET /api/v1/providers reports it (lib/providers/lifecycle/report.ts). */
export interface ModelLifecycleInfo {
  status: "active" | "deprecated" | "retired";
  shutdownDate: string | null;
  successor: string | null;
  source: string;
  message?: string;
  observedAt?: string;
}

export interface ProviderModel {
  id: string;
  label: string;
  capabilities: ModelCapabilities;
  costPerImageUsd: number;
  /** The model that serves when this provider is chosen without a model. */
  default?: boolean;
  lifecycle?: ModelLifecycleInfo;
}

export interface Provider {
  id: string;
  name: string;
  local: boolean;
  configured: boolean;
  healthy: boolean;
  /** Why it is not healthy ("not configured", a timeout…). */
  status?: string;
  defaultModel?: string | null;
  /** Sentences about its default model being deprecated or retired. */
  warnings?: string[];
  /** Who sets it up: the server's environment, an administrator on Settings → Providers, or nobody yet. */
  configuredBy?: "environment" | "settings" | null;
  /** The caller may connect it on Settings → Providers (an administrator; not for environment-set providers). */
  manageable?: boolean;
  /** An administrator turned it off. */
  disabled?: boolean;
  /** Its stored key cannot be used (e.g. it does not open under the server's current secret). */
  setupError?: string;
  models: ProviderModel[];
  /** Its text services (describe an image, enhance a prompt), or null when it has none (absent from older servers). */
  text?: ProviderText | null;
}

/** What a provider's text model can do (GET /api/v1/providers); `local` is the offline enrichment. */
export interface ProviderText {
  model: string;
  describe: boolean;
  enhance: boolean;
  local?: boolean;
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
  /** A size class ("1K" when left out); only where the model offers it. */
  resolution?: Resolution;
  /** Only where the model has a quality setting. */
  quality?: Quality;
  outputFormat?: "png" | "jpeg" | "webp";
  /** 0–100, for jpeg/webp output. */
  outputCompression?: number;
  imageType?: "image" | "icon";
  collectionId?: string;
  /** The prompt an accepted "Enhance" suggestion replaced, and who wrote the rewrite (kept in the image's params). */
  enhancedFrom?: { prompt: string; source: string; model?: string };
  /** An animated GIF (models with `capabilities.animation`): frames 2–16, each shown 20–2000 ms (default 200). */
  animation?: { frames: number; frameDurationMs?: number };
}

export interface Usage {
  budget: { day: string; limitUsd: number; spentUsd: number; reservedUsd: number; leftUsd: number; maxCostPerImageUsd?: number };
  /** The caller's limits; `maxPromptLength` is the longest prompt (and negative prompt) the server takes. */
  limits?: { maxPromptLength?: number };
}

/** A key that makes a repeated POST (a double click, a network retry) return the same job and never pay twice. */
export function idempotencyKey(): string {
  if (typeof crypto !== "undefined" && "randomUUID" in crypto) return crypto.randomUUID();
  return `gen-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

export const createGeneration = (body: GenerationRequest) =>
  apiFetch<Job>("/api/v1/generations", { method: "POST", json: body, headers: { "Idempotency-Key": idempotencyKey() } });

export const fetchJob = (id: string, signal?: AbortSignal) =>
  apiFetch<Job>(`/api/v1/jobs/${encodeURIComponent(id)}`, { signal, cache: "no-store" });

export const fetchProviders = (signal?: AbortSignal) => apiFetch<Provider[]>("/api/v1/providers", { signal });

export const fetchUsage = (signal?: AbortSignal) => apiFetch<Usage>("/api/v1/usage", { signal, cache: "no-store" });

export const cancelJob = (id: string) => apiFetch<Job>(`/api/v1/jobs/${encodeURIComponent(id)}/cancel`, { method: "POST" });

// A job's event stream is followed by components/jobs/follow-job.ts (reconnecting, resuming, polling).
