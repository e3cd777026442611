/**
 * The finishing tools as the browser calls them (docs/api.md "Tools"): upscale, remove background and expand are jobs
 * (202 and the queued job, like variations; the job's `images[0]` is the result, a child of the source); describe
 * and the prompt enhancer answer at once.
 */
import { apiFetch } from "./client";
import { idempotencyKey, type Job } from "./generation";

const imagePath = (imageId: string, rest: string) => `/api/v1/images/${encodeURIComponent(imageId)}/${rest}`;
const startJob = (path: string, body: unknown) => apiFetch<Job>(path, { method: "POST", json: body, headers: { "Idempotency-Key": idempotencyKey() } });

export const upscaleFactors = [2, 4] as const;
export type UpscaleFactor = (typeof upscaleFactors)[number];

/** The body of POST /api/v1/images/{id}/upscale: "basic" is the local resample (free, no new detail). */
export interface UpscaleRequest {
  factor: UpscaleFactor;
  mode?: "basic" | "provider";
  provider?: string;
  model?: string;
}

/** The body of POST /api/v1/images/{id}/remove-background. */
export interface RemoveBackgroundRequest {
  provider?: string;
  model?: string;
  format?: "png" | "webp";
}

/** How an expand grows the canvas: exactly one of pixels per side, a zoom-out factor, or an aspect ratio to reach. */
export type ExpandWay =
  | { left?: number; right?: number; top?: number; bottom?: number }
  | { factor: number }
  | { aspectRatio: string };

/** The body of POST /api/v1/images/{id}/expand. */
export type ExpandRequest = ExpandWay & { prompt?: string; provider?: string; model?: string };

/** What describe and enhance answer about who wrote the text. */
export interface TextSource {
  /** The provider id ("google", "ideogram", "local"…). */
  source: string;
  model: string | null;
}

/** 200 of POST /api/v1/images/{id}/describe: a prompt that would make a picture like this one. */
export interface Description extends TextSource {
  prompt: string;
  costUsd: number | null;
}

/** 200 of POST /api/v1/prompts/enhance: the rewrite and the prompt it was made from. */
export interface EnhancedPrompt extends TextSource {
  prompt: string;
  original: string;
  /** The offline enrichment (words from the style preset), not a language model. */
  local: boolean;
  notice?: string;
}

/** What an accepted suggestion replaced, sent with the next generation (the image's params keep it). */
export interface EnhancedFrom {
  prompt: string;
  source: string;
  model?: string;
}

export const startUpscale = (imageId: string, body: UpscaleRequest) => startJob(imagePath(imageId, "upscale"), body);

export const startRemoveBackground = (imageId: string, body: RemoveBackgroundRequest) => startJob(imagePath(imageId, "remove-background"), body);

export const startExpand = (imageId: string, body: ExpandRequest) => startJob(imagePath(imageId, "expand"), body);

export const describeImage = (imageId: string, body: { provider?: string } = {}, signal?: AbortSignal) =>
  apiFetch<Description>(imagePath(imageId, "describe"), { method: "POST", json: body, signal });

export const enhancePrompt = (body: { prompt: string; style?: string; provider?: string }, signal?: AbortSignal) =>
  apiFetch<EnhancedPrompt>("/api/v1/prompts/enhance", { method: "POST", json: body, signal });
