/**
 * The provider seam: one adapter per AI image service behind one interface. Adapters translate a
 * `GenerateRequest` into the service's own API and its answers back; retries, timeouts, fallback, cost
 * accounting and storage live above them (lib/providers/reliability.ts, lib/images/generate.ts).
 */

export const providerIds = ["local", "openai", "replicate", "google", "ideogram", "openai-compatible"] as const;
export type ProviderId = (typeof providerIds)[number];

export const stylePresets = ["none", "photorealistic", "illustration", "3d", "anime", "painting", "pixel-art", "line-art", "icon"] as const;
export type StylePreset = (typeof stylePresets)[number];

/** What sizes a model accepts. */
export type SizeSpec =
  /** A fixed list such as gpt-image-1's "1024x1024", "1536x1024", "1024x1536". */
  | { kind: "exact"; sizes: string[] }
  /** Aspect ratios such as "1:1", "16:9"; the service picks the pixels (Flux, Imagen, Ideogram). */
  | { kind: "aspect"; ratios: string[]; pixels: Record<string, string> }
  /** Any size in a range, in steps (the local renderer, self-hosted servers). */
  | { kind: "range"; min: number; max: number; multipleOf: number };

export interface ModelCapabilities {
  generate: boolean;
  /** Prompt-guided edit of a source image (refine). */
  edit: boolean;
  /** Variations of a source image. */
  variations: boolean;
  /** Edits restricted to a mask. */
  mask: boolean;
  transparentBackground: boolean;
  negativePrompt: boolean;
  seed: boolean;
  /** Most images one call returns. */
  maxImages: number;
  sizes: SizeSpec;
}

export interface ModelInfo {
  id: string;
  label: string;
  capabilities: ModelCapabilities;
  /** List price of one image at the default size and quality, in US dollars. */
  costPerImageUsd: number;
}

export interface SourceImage {
  data: Buffer;
  mimeType: string;
  width: number;
  height: number;
}

export interface GenerateRequest {
  prompt: string;
  negativePrompt?: string;
  /** A model id from the provider's `models`. */
  model: string;
  /** The resolved output size (valid for the model's SizeSpec). */
  width: number;
  height: number;
  /** The aspect ratio ("16:9"), for services that take ratios rather than pixels. */
  aspectRatio: string;
  n: number;
  seed?: number;
  style?: StylePreset;
  quality?: "low" | "medium" | "high" | "auto";
  background?: "transparent" | "opaque" | "auto";
  /** Colours to steer toward, "#rrggbb". */
  palette?: string[];
  /** For edit / variations / image-to-image. */
  source?: SourceImage;
  /** White = change, black = keep (converted by the adapter to the service's convention). */
  mask?: SourceImage;
  /** 0–1: how far a variation or refinement may move from the source. */
  strength?: number;
  /** A refinement should keep the source's composition and layout (default true when there is a source). */
  preserveStructure?: boolean;
}

export interface ProgressEvent {
  /** 0–1 where the service reports it. */
  progress?: number;
  /** A partial preview (e.g. OpenAI streaming partial images). */
  partialImage?: Buffer;
  message?: string;
}

export interface ProviderContext {
  /** Aborts the call (job canceled, timeout). Adapters pass it to every request they make. */
  signal: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
  /**
   * Downloads a result URL safely (only the provider's own hosts, no private addresses, size cap, timeout).
   * Adapters must use this, never plain fetch, for URLs that come back from a service.
   */
  fetchResult: (url: string) => Promise<{ data: Buffer; mimeType: string | null }>;
}

export interface GeneratedImage {
  data: Buffer;
  mimeType?: string | null;
  seed?: number;
  /** The prompt the service actually used, when it rewrites prompts (DALL·E 3). */
  revisedPrompt?: string;
}

export interface GenerateResult {
  images: GeneratedImage[];
  /** The model that served (may differ in version from the requested id). */
  model: string;
  /** Token usage where the service reports it (gpt-image-1). */
  usage?: { inputTokens?: number; outputTokens?: number; totalTokens?: number };
  /** Exact cost when the answer allows computing it; otherwise the estimate is charged. */
  costUsd?: number;
  /** The service's id for the call (Replicate prediction id, request id) for logs. */
  externalId?: string;
}

export interface ImageProvider {
  readonly id: ProviderId;
  /** Display name; the local provider's is "Local renderer". */
  readonly name: string;
  readonly models: ModelInfo[];
  /** True when its credentials are set (the local renderer always is). */
  isConfigured(): boolean;
  /** Expected cost of a request in US dollars, before calling. */
  estimateCost(request: GenerateRequest): number;
  /** Text to image. */
  generate(request: GenerateRequest, context: ProviderContext): Promise<GenerateResult>;
  /** Prompt-guided edit of `request.source`, restricted to `request.mask` when given. */
  edit?(request: GenerateRequest, context: ProviderContext): Promise<GenerateResult>;
  /** Variations of `request.source`. */
  variations?(request: GenerateRequest, context: ProviderContext): Promise<GenerateResult>;
  /** A cheap reachability check (no billable call). */
  health(signal: AbortSignal): Promise<{ healthy: boolean; message?: string }>;
}

export type ProviderErrorKind =
  | "rate_limited" // 429
  | "server" // 5xx
  | "network" // connection refused/reset, DNS
  | "timeout"
  | "bad_request" // 400/422: our request was wrong for this service
  | "content_policy" // refused by the service's safety system
  | "auth" // 401/403: key missing or wrong
  | "canceled";

/** A failure of one provider call, classified so the reliability layer knows whether to retry or fall back. */
export class ProviderError extends Error {
  readonly kind: ProviderErrorKind;
  readonly provider: ProviderId;
  readonly status?: number;
  /** Seconds the service asked us to wait (Retry-After). */
  readonly retryAfter?: number;

  constructor(provider: ProviderId, kind: ProviderErrorKind, message: string, options: { status?: number; retryAfter?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "ProviderError";
    this.provider = provider;
    this.kind = kind;
    this.status = options.status;
    this.retryAfter = options.retryAfter;
  }

  /** Worth trying again (same provider, after a backoff). */
  get retryable(): boolean {
    return this.kind === "rate_limited" || this.kind === "server" || this.kind === "network";
  }
}
