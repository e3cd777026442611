/**
 * The provider seam: one adapter per AI image service behind one interface. Adapters translate a
 * `GenerateRequest` into the service's own API and its answers back; retries, timeouts, fallback, cost
 * accounting and storage live above them (lib/providers/reliability.ts, lib/images/generate.ts).
 */
import type { ExpandGeometry } from "@/lib/processing/expand";
import type { SourceImage } from "@/lib/processing/source-image";
import type { StylePreset } from "@/lib/prompts/styles";

// The pictures and geometry the adapters are handed are lib/processing's (it makes and composites them); the style
// presets are lib/prompts' (it knows the words of each).
export type { ExpandGeometry } from "@/lib/processing/expand";
export type { SourceImage, SourceOrigin } from "@/lib/processing/source-image";
export { stylePresets, type StylePreset } from "@/lib/prompts/styles";

export const providerIds = ["local", "openai", "replicate", "google", "ideogram", "openai-compatible"] as const;
export type ProviderId = (typeof providerIds)[number];

/** What sizes a model accepts. */
export type SizeSpec =
  /** A fixed list such as gpt-image-1's "1024x1024", "1536x1024", "1024x1536". */
  | { kind: "exact"; sizes: string[] }
  /** Aspect ratios such as "1:1", "16:9"; the service picks the pixels (Flux, Imagen, Ideogram). */
  | { kind: "aspect"; ratios: string[]; pixels: Record<string, string> }
  /** Any size in a range, in steps (the local renderer, self-hosted servers). */
  | { kind: "range"; min: number; max: number; multipleOf: number }
  /**
   * Free-form sizes under rules (gpt-image-2.x): both sides multiples of `multipleOf`, the long side at most
   * `maxSide`, width×height within [minPixels, maxPixels], the aspect ratio within 1:maxRatio … maxRatio:1.
   */
  | { kind: "free"; multipleOf: number; maxSide: number; minPixels: number; maxPixels: number; maxRatio: number };

/** Size classes a person picks ("1K" ≈ 1 megapixel, "2K" ≈ 4, "4K" the largest a model makes). */
export const resolutions = ["512", "1K", "2K", "4K"] as const;
export type Resolution = (typeof resolutions)[number];

export const qualities = ["low", "medium", "high", "xhigh", "max", "auto"] as const;
export type Quality = (typeof qualities)[number];

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
  /**
   * Size classes besides the default "1K". For an "aspect" model each is a scale of its 1K pixel table
   * ({"2K": 2, "4K": 4}); for a "free" model the class picks the pixel count; absent: 1K only.
   */
  resolutions?: Partial<Record<Resolution, number>>;
  /** Quality levels the model takes (absent: it has no quality setting). */
  qualities?: Quality[];
  /**
   * Input images one call takes in all — the references of a generation, or a source and its references — as the
   * provider documents it (gpt-image-2.x 16, Gemini 14, FLUX.2 pro 8 / flex 10); 0 or absent: it takes none.
   */
  maxReferenceImages?: number;
  /** Output formats it can produce (absent: whatever it answers). */
  outputFormats?: Array<"png" | "jpeg" | "webp">;
  /**
   * Upscaling (`ImageProvider.upscale`): the factors it serves and how — "basic" a resample (the local Lanczos +
   * sharpening), "ai" an upscaler model that adds detail (Ideogram upscale, a Replicate upscaler), "creative" the
   * picture redrawn larger by an edit (gpt-image). `maxOutputPixels`: the largest result it makes.
   */
  upscale?: { factors: number[]; kind: UpscaleKind; maxOutputPixels?: number };
  /** Background removal to a transparent picture (`ImageProvider.removeBackground`). */
  removeBackground?: boolean;
  /** Filling a grown canvas around the picture — zoom out, pan, a new aspect ratio (`ImageProvider.expand`). */
  expand?: boolean;
  /** Animated output (an animated GIF: gpt-image-2.6's `output_format: "gif"`); absent: stills only. */
  animation?: AnimationSpec;
}

/**
 * What a model's animated output takes (lib/providers/animation.ts holds the checks): the frame count, how long a
 * frame may be shown, and the sheet every frame is drawn on — a grid per band of frame counts (`upTo` the band's
 * largest count), whose long side and pixel count are limited like one picture's. Frame sides are multiples of
 * `multipleOf`, their aspect ratio within 1:maxRatio … maxRatio:1.
 */
export interface AnimationSpec {
  minFrames: number;
  maxFrames: number;
  /** Frames when a request names none (the API's own default). */
  defaultFrames: number;
  frameDurationMs: { min: number; max: number; step: number; default: number };
  multipleOf: number;
  maxRatio: number;
  sheet: { grids: Array<{ upTo: number; columns: number; rows: number }>; maxSide: number; minPixels: number; maxPixels: number };
}

export type UpscaleKind = "basic" | "ai" | "creative";

/** The finishing operations on an existing picture, each a job whose result is a child of it (lib/images/tools.ts). */
export const toolOperations = ["upscale", "remove-background", "expand"] as const;
export type ToolOperation = (typeof toolOperations)[number];

/**
 * What a tool call is asked, besides the source. Upscale: `request.width/height` are the source's times `factor`.
 * Remove background: the source's size; the answer must have an alpha channel. Expand: `request.source` is already
 * the grown canvas (the original at (left, top), the new area transparent) and `request.mask` is white over the new
 * area, black over the original; `request.width/height` are the canvas's. Whatever the provider answers, the job
 * puts the original's pixels back where they were (lib/processing/expand.ts), so an adapter may send the canvas at
 * another size its service prefers and answer at that size.
 */
export type ToolRequest =
  | { operation: "upscale"; factor: number; kind: UpscaleKind }
  | { operation: "remove-background" }
  | { operation: "expand"; geometry: ExpandGeometry; original: { width: number; height: number } };

/**
 * Where a model stands in its provider's life cycle. A retired model is never called: a request naming it is
 * served by its successor (MODEL_AUTO_UPGRADE) or refused with 422 model_retired.
 */
export interface ModelLifecycle {
  status: "active" | "deprecated" | "retired";
  /** YYYY-MM-DD: the day the provider shuts (or shut) it down. */
  shutdownDate?: string;
  /** The model id (same provider) that replaces it. */
  successor?: string;
}

/** Published prices, for estimates and for exact costs from reported usage. */
export interface ModelPrice {
  /** Token prices in US dollars per million tokens (gpt-image, Gemini image models). */
  tokens?: { textInput?: number; imageInput?: number; imageOutput?: number; textOutput?: number };
}

export interface ModelInfo {
  id: string;
  label: string;
  capabilities: ModelCapabilities;
  /** List price of one image at the default size and quality, in US dollars. */
  costPerImageUsd: number;
  lifecycle: ModelLifecycle;
  price?: ModelPrice;
  /** The provider's default model (at most one per provider; else the first active one). */
  default?: boolean;
  /**
   * Adapter-specific settings from the catalog, read by the adapter that owns the model (Replicate's model slug,
   * Ideogram's API version, an OpenAI-compatible server's fixed sizes…).
   */
  options?: Record<string, unknown>;
}

/**
 * An input picture of a generation besides its source ("use this character", "in the style of these",
 * "put this product in that scene"). Its bytes are already downscaled to what a provider needs
 * (lib/processing/references.ts); adapters send them in order, with their labels where the API has no field.
 */
export interface ReferenceImage extends SourceImage {
  /** The studio's image id (provenance; never sent to a provider). */
  imageId: string;
  /** What the prompt calls it ("the red jacket"); absent: "image 1", "image 2"… by position. */
  label?: string;
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
  quality?: Quality;
  /** The size class asked for (the width/height above are already resolved from it). */
  resolution?: Resolution;
  background?: "transparent" | "opaque" | "auto";
  /** Encoding asked of the service where it has a choice (gpt-image: png/jpeg/webp). */
  outputFormat?: "png" | "jpeg" | "webp";
  /** 0–100, for jpeg/webp output where the service takes it. */
  outputCompression?: number;
  /** Colours to steer toward, "#rrggbb". */
  palette?: string[];
  /** For edit / variations / image-to-image. */
  source?: SourceImage;
  /**
   * Reference pictures, in the order the person gave them (at most the model's `maxReferenceImages`, less one when
   * there is a `source`). A generation with references calls `generate`; a refinement `edit`, with both.
   */
  references?: ReferenceImage[];
  /** White = change, black = keep (converted by the adapter to the service's convention). */
  mask?: SourceImage;
  /** 0–1: how far a variation or refinement may move from the source. */
  strength?: number;
  /** A refinement should keep the source's composition and layout (default true when there is a source). */
  preserveStructure?: boolean;
  /** Upscale, remove background, expand: the operation and its parameters (the source is in `source`). */
  tool?: ToolRequest;
  /**
   * An animated GIF of `frames` frames, each shown `frameDurationMs` (models with `capabilities.animation`); width and
   * height are then a frame's. Absent: a still picture.
   */
  animation?: { frames: number; frameDurationMs: number };
}

/** A prompt to be rewritten into a detailed one (POST /api/v1/prompts/enhance). */
export interface EnhanceRequest {
  prompt: string;
  style?: StylePreset;
}

/** What a text answer of a provider (describe, enhance) came to. */
export interface TextResult {
  text: string;
  /** The model that answered. */
  model: string;
  /** Exact cost when the answer allows computing it (token usage); otherwise the estimate is charged. */
  costUsd?: number;
  usage?: { inputTokens?: number; outputTokens?: number; totalTokens?: number };
}

/** A provider's text services as this instance has them configured (which model, what a call costs about). */
export interface TextServices {
  /** The model that answers (e.g. GEMINI_TEXT_MODEL), recorded with what it wrote. */
  model: string;
  /** It describes pictures (vision) — `ImageProvider.describeImage`. */
  describe: boolean;
  /** It rewrites prompts — `ImageProvider.enhancePrompt`. */
  enhance: boolean;
  /** Estimated cost of one call in US dollars (reserved against the budget before the call). */
  estimateUsd: number;
  /** Offline work, not a model (the local provider's enrichment): labelled as such wherever it is shown. */
  local?: boolean;
}

export interface ProgressEvent {
  /** 0–1 where the service reports it. */
  progress?: number;
  /** A partial preview (e.g. OpenAI streaming partial images). */
  partialImage?: Buffer;
  message?: string;
}

/**
 * What a provider said about a model's life cycle while answering: Gemini's `modelStatus` on a response, OpenAI's
 * `shutdown_date` in GET /v1/models, a "model not found" answer (a retirement).
 */
export interface ModelObservation {
  model: string;
  status: ModelLifecycle["status"];
  shutdownDate?: string;
  message?: string;
  /** Where it was seen: "models-list", "response", "not-found". */
  source: "models-list" | "response" | "not-found";
}

export interface ProviderContext {
  /** Aborts the call (job canceled, timeout). Adapters pass it to every request they make. */
  signal: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
  /** Adapters report the life-cycle signals a response carries (Gemini `modelStatus`). */
  onModelStatus?: (observation: ModelObservation) => void;
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
  /**
   * What the person should know about this picture, in words (the local renderer: subjects of the prompt it could
   * not draw). Stored in the image's params and shown with it.
   */
  notices?: string[];
  /** Provider facts kept in the image's params, handed back as `SourceOrigin.params` when it is a source. */
  params?: Record<string, unknown>;
}

/**
 * What an adapter sent to its service for a call, exactly as sent: the image record keeps it (lib/images/
 * generation-store.ts), never a prompt composed again beside the adapter.
 */
export interface SentRequest {
  /**
   * The prompt text of the request body, with whatever the adapter folded in (style and palette words, what to avoid,
   * the references' legend, a tool's instruction); null when the call sends no prompt (an upscale, a cut-out). When
   * the service answers with the prompt it used instead (Ideogram's magic prompt), that is the image's `revisedPrompt`.
   */
  prompt: string | null;
  /**
   * The seed sent for the call's first image (the next ones' are +1, unless the service answers each image's own);
   * absent: the service was sent none (gpt-image takes no seed), so the record claims none. Size, quality and style
   * are recorded as the studio asked for them: an adapter translates them (an aspect ratio, a style type) but never
   * makes them up.
   */
  seed?: number;
}

export interface GenerateResult {
  images: GeneratedImage[];
  /** The request as it went to the service. */
  sent: SentRequest;
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
  /**
   * The default model as the operator configured it (OpenAI: OPENAI_IMAGE_MODEL), kept even when it names a retired
   * model, so that requests relying on it are migrated and health warns; absent: the catalog's default.
   */
  readonly configuredDefaultModel?: string;
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
  /**
   * Upscale `request.source` by `request.tool.factor` (models with `capabilities.upscale`). Answers one image,
   * ideally of `request.width × request.height`; the job resizes what differs and refuses what is over the limit.
   */
  upscale?(request: GenerateRequest, context: ProviderContext): Promise<GenerateResult>;
  /** Remove the background of `request.source`: one image with an alpha channel (models with `removeBackground`). */
  removeBackground?(request: GenerateRequest, context: ProviderContext): Promise<GenerateResult>;
  /** Fill the transparent, masked new area of the canvas in `request.source` (models with `capabilities.expand`). */
  expand?(request: GenerateRequest, context: ProviderContext): Promise<GenerateResult>;
  /**
   * The text services this instance can use now (a key set, a text model configured), or undefined for none. The
   * describe and enhance routes only call the methods below when this says so.
   */
  textServices?(): TextServices | undefined;
  /** A prompt that would make a picture like this one (vision model; the picture is already ≤ 1536 px). */
  describeImage?(image: SourceImage, context: ProviderContext): Promise<TextResult>;
  /** A short prompt rewritten into a detailed one (keeping its subject and intent; the style preset as a hint). */
  enhancePrompt?(request: EnhanceRequest, context: ProviderContext): Promise<TextResult>;
  /** A cheap reachability check (no billable call). */
  health(signal: AbortSignal): Promise<{ healthy: boolean; message?: string }>;
  /**
   * The life cycle of the provider's models as its own API lists them (OpenAI: GET /v1/models `shutdown_date`).
   * Called off the request path by the model watch; providers without such a list leave it out.
   */
  listModelLifecycle?(signal: AbortSignal): Promise<ModelObservation[]>;
}

export type ProviderErrorKind =
  | "rate_limited" // 429
  | "server" // 5xx
  | "network" // connection refused/reset, DNS
  | "timeout"
  | "bad_request" // 400/422: our request was wrong for this service
  | "content_policy" // refused by the service's safety system
  | "auth" // 401/403: key missing or wrong
  | "model_not_found" // 404 for the model: it was retired (or never existed); `model` names it
  | "canceled";

/** A failure of one provider call, classified so the reliability layer knows whether to retry or fall back. */
export class ProviderError extends Error {
  readonly kind: ProviderErrorKind;
  readonly provider: ProviderId;
  readonly status?: number;
  /** Seconds the service asked us to wait (Retry-After). */
  readonly retryAfter?: number;
  /** model_not_found: the model id the service does not know (any more). */
  readonly model?: string;

  constructor(provider: ProviderId, kind: ProviderErrorKind, message: string, options: { status?: number; retryAfter?: number; cause?: unknown; model?: string } = {}) {
    super(message, { cause: options.cause });
    this.name = "ProviderError";
    this.provider = provider;
    this.kind = kind;
    this.status = options.status;
    this.retryAfter = options.retryAfter;
    this.model = options.model;
  }

  /** Worth trying again (same provider, after a backoff). */
  get retryable(): boolean {
    return this.kind === "rate_limited" || this.kind === "server" || this.kind === "network";
  }
}
