// The Gemini API's image protocol as the Google adapter (./google.ts) speaks it: what a catalog model takes
// (thinking levels, size classes), the request's config, the answer's images, its cost from usageMetadata, its
// `modelStatus`, and the errors. Follows ai.google.dev "Image generation" and the @google/genai 1.x types.
import { ApiError, type GenerateContentResponse, type GenerateContentResponseUsageMetadata, type ModelStatus } from "@google/genai";
import { httpError, transportError } from "./http-errors";
import { resolutionsOf } from "./sizes";
import { ProviderError, type GeneratedImage, type ModelInfo, type ModelObservation, type Quality, type Resolution } from "./types";

export type ThinkingLevelName = "MINIMAL" | "LOW" | "MEDIUM" | "HIGH";
const LEVEL_RANK: Record<ThinkingLevelName, number> = { MINIMAL: 0, LOW: 1, MEDIUM: 2, HIGH: 3 };

/**
 * Our quality → `thinkingConfig.thinkingLevel`. The Gemini image models have no quality field; how long the model
 * reasons before drawing (composition, text, instructions followed) is the lever:
 *   low → MINIMAL, medium → MEDIUM, high / xhigh / max → HIGH, auto (or none) → nothing sent (the model's default:
 *   MEDIUM on nano-banana-2.1, MINIMAL on 3.1-flash-image).
 * A level the model lacks becomes its nearest level (a tie goes to the cheaper one); a model without a thinking
 * control (gemini-3-pro-image always thinks, the Lite model never does: no `thinkingLevels` in the catalog) gets no
 * thinkingConfig, and its catalog entry lists no qualities.
 */
const QUALITY_LEVEL: Partial<Record<Quality, ThinkingLevelName>> = { low: "MINIMAL", medium: "MEDIUM", high: "HIGH", xhigh: "HIGH", max: "HIGH" };

/** The thinking levels a catalog model takes (`options.thinkingLevels`). */
export function thinkingLevels(model: ModelInfo): ThinkingLevelName[] {
  const levels = model.options?.thinkingLevels;
  return Array.isArray(levels) ? levels.filter((l): l is ThinkingLevelName => typeof l === "string" && l in LEVEL_RANK) : [];
}

export function thinkingLevelFor(model: ModelInfo, quality: Quality | undefined): ThinkingLevelName | undefined {
  const wanted = quality ? QUALITY_LEVEL[quality] : undefined;
  const levels = thinkingLevels(model);
  if (!wanted || !levels.length) return undefined;
  const distance = (l: ThinkingLevelName) => Math.abs(LEVEL_RANK[l] - LEVEL_RANK[wanted]);
  return levels.reduce((best, l) => (distance(l) < distance(best) || (distance(l) === distance(best) && LEVEL_RANK[l] < LEVEL_RANK[best]) ? l : best));
}

/**
 * The size class of a request: the one whose pixels (the 1K table × its scale) are the resolved width × height, else
 * the class asked for, else 1K (the `imageConfig.imageSize` value, sent to models that offer more than 1K).
 */
export function sizeClassFor(model: ModelInfo, request: { width: number; height: number; aspectRatio: string; resolution?: Resolution }): Resolution {
  const { sizes, resolutions } = model.capabilities;
  if (sizes.kind === "aspect") {
    const [w, h] = (sizes.pixels[request.aspectRatio] ?? "").split("x").map(Number);
    for (const r of resolutionsOf(model.capabilities)) {
      const scale = r === "1K" ? 1 : (resolutions?.[r] ?? 0);
      if (Math.round(w * scale) === request.width && Math.round(h * scale) === request.height) return r;
    }
  }
  return request.resolution ?? "1K";
}

/** Image-output tokens of one image of a size class (`options.outputTokens`), when the catalog knows them. */
function outputTokens(model: ModelInfo, size: Resolution): number | undefined {
  const table = model.options?.outputTokens as Partial<Record<Resolution, unknown>> | undefined;
  const value = table?.[size];
  return typeof value === "number" && value > 0 ? value : undefined;
}

/** The list price of one image at a size class: its output tokens at the token price, else the catalog's per-image price. */
export function imagePrice(model: ModelInfo, size: Resolution): number {
  const tokens = outputTokens(model, size);
  const perMillion = model.price?.tokens?.imageOutput;
  return tokens !== undefined && perMillion !== undefined ? (tokens * perMillion) / 1_000_000 : model.costPerImageUsd;
}

const sum = (details: Array<{ modality?: string; tokenCount?: number }> | undefined, wanted: (m: string | undefined) => boolean) =>
  (details ?? []).filter((d) => wanted(d.modality)).reduce((total, d) => total + (d.tokenCount ?? 0), 0);

/**
 * The exact cost of an answer from its usageMetadata at the catalog's token prices (USD per 1M): image-output
 * tokens, text output and thinking tokens (billed as text output), text and image input. Undefined when the answer
 * does not break the output down into image tokens (then the catalog estimate is charged).
 */
export function exactCost(model: ModelInfo, usage: GenerateContentResponseUsageMetadata | undefined): number | undefined {
  const prices = model.price?.tokens;
  const imageOut = usage?.candidatesTokensDetails?.find((d) => d.modality === "IMAGE")?.tokenCount;
  if (!usage || !prices?.imageOutput || imageOut === undefined) return undefined;
  const textOut = sum(usage.candidatesTokensDetails, (m) => m !== "IMAGE") + (usage.thoughtsTokenCount ?? 0);
  const details = usage.promptTokensDetails;
  const imageIn = sum(details, (m) => m === "IMAGE");
  const textIn = details?.length ? sum(details, (m) => m !== "IMAGE") : (usage.promptTokenCount ?? 0);
  const dollars = imageOut * prices.imageOutput + textOut * (prices.textOutput ?? 0) + textIn * (prices.textInput ?? 0) + imageIn * (prices.imageInput ?? prices.textInput ?? 0);
  return dollars / 1_000_000;
}

/**
 * What a response's `modelStatus` says, as our life cycle. The Gemini API reports it on every answer (models.list
 * carries none):
 *   STABLE, PREVIEW, EXPERIMENTAL, UNSTABLE_EXPERIMENTAL → active; with a `retirementTime` → deprecated (Google
 *     calls the announcement of a shutdown a deprecation);
 *   LEGACY → deprecated: the SDK documents it as "on the path to deprecation in near future; only existing
 *     customers can use this model", so the studio stops steering new work to it while it still answers;
 *   DEPRECATED → deprecated (it still answered; the shutdown follows at `retirementTime`);
 *   RETIRED → retired;
 *   MODEL_STAGE_UNSPECIFIED or absent → nothing reported unless a `retirementTime` is given.
 * `retirementTime` (RFC 3339) becomes the shutdown date (YYYY-MM-DD, UTC).
 */
export function observationOf(model: string, status: ModelStatus | undefined): ModelObservation | undefined {
  if (!status) return undefined;
  const stage = String(status.modelStage ?? "MODEL_STAGE_UNSPECIFIED");
  const at = status.retirementTime ? new Date(status.retirementTime) : undefined;
  const shutdownDate = at && !Number.isNaN(at.getTime()) ? at.toISOString().slice(0, 10) : undefined;
  let lifecycle: ModelObservation["status"] | undefined;
  if (stage === "RETIRED") lifecycle = "retired";
  else if (stage === "DEPRECATED" || stage === "LEGACY") lifecycle = "deprecated";
  else if (["STABLE", "PREVIEW", "EXPERIMENTAL", "UNSTABLE_EXPERIMENTAL"].includes(stage)) lifecycle = shutdownDate ? "deprecated" : "active";
  else if (shutdownDate) lifecycle = "deprecated";
  if (!lifecycle) return undefined;
  return { model, status: lifecycle, ...(shutdownDate ? { shutdownDate } : {}), ...(status.message ? { message: status.message } : {}), source: "response" };
}

/** Gemini finish/block reasons that mean the safety system withheld the image. */
const SAFETY_REASONS = new Set([
  "SAFETY", "IMAGE_SAFETY", "PROHIBITED_CONTENT", "IMAGE_PROHIBITED_CONTENT", "BLOCKLIST", "SPII", "RECITATION", "IMAGE_RECITATION",
]);
const SAFETY_MESSAGE = /responsible ai|safety|sensitive words|prohibited|blocked/i;

/** The final images of an answer (thought parts, the interim drafts of a thinking model, are skipped). */
export function answerImages(response: GenerateContentResponse, seed?: number): GeneratedImage[] {
  const blocked = response.promptFeedback?.blockReason;
  if (blocked) throw new ProviderError("google", "content_policy", `Gemini blocked the prompt (${blocked})`);
  const candidate = response.candidates?.[0];
  const parts = candidate?.content?.parts ?? [];
  const images: GeneratedImage[] = parts.flatMap((p) =>
    !p.thought && p.inlineData?.data ? [{ data: Buffer.from(p.inlineData.data, "base64"), mimeType: p.inlineData.mimeType ?? "image/png", ...(seed !== undefined ? { seed } : {}) }] : [],
  );
  if (!images.length) {
    const reason = String(candidate?.finishReason ?? "no candidate");
    const said = parts.filter((p) => !p.thought).map((p) => p.text ?? "").join(" ").trim();
    const message = `Gemini returned no image (${reason})${said ? `: ${said}` : ""}`;
    // A safety reason is final; anything else (NO_IMAGE, a text-only answer) is worth another roll.
    throw new ProviderError("google", SAFETY_REASONS.has(reason) ? "content_policy" : "server", message);
  }
  return images;
}

interface GoogleErrorBody {
  code?: number;
  message?: string;
  status?: string;
  details?: Array<{ "@type"?: string; retryDelay?: string; reason?: string }>;
}

/** Reads the `{error:{…}}` body that @google/genai puts (as JSON text) in ApiError.message. */
function errorBody(error: ApiError): GoogleErrorBody | undefined {
  try {
    return (JSON.parse(error.message) as { error?: GoogleErrorBody }).error;
  } catch {
    return undefined;
  }
}

/**
 * Classifies what @google/genai threw. Its ApiError carries the status but not the response headers, so the wait a
 * 429 asks for is read from the body's google.rpc.RetryInfo `retryDelay` ("17s"), which is how the Gemini API
 * states it. A 404 NOT_FOUND "models/… is not found" is the model gone (shut down, or never served): kind
 * "model_not_found" naming `model` (the id we asked for), which the studio records as a retirement.
 */
export function googleError(error: unknown, signal?: AbortSignal, model?: string): ProviderError {
  if (error instanceof ProviderError) return error;
  if (!(error instanceof ApiError)) return transportError("google", error, signal);
  const body = errorBody(error);
  const message = body?.message ?? error.message;
  const missing = /models\/([^\s,]+?) is not found/.exec(message);
  if (error.status === 404 && (missing || body?.status === "NOT_FOUND")) {
    const id = model ?? missing?.[1];
    return new ProviderError("google", "model_not_found", `google does not serve ${id ?? "the model"} (404 NOT_FOUND): ${message}`, { status: 404, cause: error, model: id });
  }
  if (error.status === 400 && body?.details?.some((d) => d.reason === "API_KEY_INVALID")) {
    return new ProviderError("google", "auth", `google rejected the API key: ${message}`, { status: 400, cause: error });
  }
  if (error.status === 400 && SAFETY_MESSAGE.test(message)) {
    return new ProviderError("google", "content_policy", `google refused the prompt: ${message}`, { status: 400, cause: error });
  }
  const delay = body?.details?.find((d) => d["@type"]?.endsWith("google.rpc.RetryInfo"))?.retryDelay;
  const seconds = delay ? Number.parseFloat(delay) : undefined;
  return httpError("google", error.status, message, { "retry-after": seconds !== undefined && Number.isFinite(seconds) ? String(seconds) : undefined }, error);
}
