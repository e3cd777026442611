import "server-only";
import { ApiError, GoogleGenAI, type GenerateContentResponse, type Part } from "@google/genai";
import { httpError, transportError } from "./http-errors";
import { composePrompt } from "./prompt";
import {
  ProviderError,
  type GenerateRequest,
  type GenerateResult,
  type GeneratedImage,
  type ImageProvider,
  type ModelCapabilities,
  type ModelInfo,
  type ProviderContext,
} from "./types";

export interface GoogleProviderConfig {
  /** GEMINI_API_KEY. */
  apiKey: string;
  /** GOOGLE_GENAI_BASE_URL: the Gemini API endpoint (tests point it at a local fake). */
  baseUrl?: string;
  /**
   * GOOGLE_CLOUD_PROJECT_ID. Kept for provenance only: the adapter speaks the Gemini API with an API key, and
   * @google/genai refuses a project together with an API key (a project means Vertex AI with ADC credentials).
   */
  project?: string;
}

/** Documented 1K output pixels of Imagen 4 per aspect ratio. */
const IMAGEN_PIXELS: Record<string, string> = {
  "1:1": "1024x1024", "3:4": "896x1280", "4:3": "1280x896", "9:16": "768x1408", "16:9": "1408x768",
};
/** Documented output pixels of gemini-2.5-flash-image per aspect ratio. */
const GEMINI_PIXELS: Record<string, string> = {
  "1:1": "1024x1024", "2:3": "832x1248", "3:2": "1248x832", "3:4": "864x1184", "4:3": "1184x864",
  "4:5": "896x1152", "5:4": "1152x896", "9:16": "768x1344", "16:9": "1344x768", "21:9": "1536x672",
};
export const GEMINI_IMAGE_MODEL = "gemini-2.5-flash-image";
/** Gemini 2.5 Flash Image list prices: $30 per million output (image) tokens, $0.30 per million input tokens. */
const GEMINI_OUTPUT_USD_PER_TOKEN = 30 / 1_000_000;
const GEMINI_INPUT_USD_PER_TOKEN = 0.3 / 1_000_000;

const base: Omit<ModelCapabilities, "sizes"> = {
  generate: true, edit: false, variations: false, mask: false, transparentBackground: false,
  // Through the Gemini API neither Imagen 4 nor Gemini takes a negative prompt or (Imagen) a seed: the negative
  // prompt is folded into the prompt as an "Avoid:" sentence, which is why it is not advertised as native.
  negativePrompt: false, seed: false, maxImages: 4,
};
const imagen = (id: string, label: string, costPerImageUsd: number): ModelInfo => ({
  id, label, costPerImageUsd,
  capabilities: { ...base, sizes: { kind: "aspect", ratios: Object.keys(IMAGEN_PIXELS), pixels: IMAGEN_PIXELS } },
});

export const GOOGLE_MODELS: ModelInfo[] = [
  imagen("imagen-4.0-fast-generate-001", "Imagen 4 Fast", 0.02),
  imagen("imagen-4.0-generate-001", "Imagen 4", 0.04),
  imagen("imagen-4.0-ultra-generate-001", "Imagen 4 Ultra", 0.06),
  {
    id: GEMINI_IMAGE_MODEL,
    label: "Gemini 2.5 Flash Image",
    costPerImageUsd: 0.039, // 1290 output tokens at $30/M
    capabilities: {
      ...base, edit: true, variations: true, seed: true, maxImages: 1,
      sizes: { kind: "aspect", ratios: Object.keys(GEMINI_PIXELS), pixels: GEMINI_PIXELS },
    },
  },
];

/** The prompt with what the API has no field for folded in: style, palette and the negative prompt. */
export function composeGooglePrompt(request: GenerateRequest): string {
  return composePrompt(request);
}

function variationInstruction(request: GenerateRequest): string {
  const strength = request.strength ?? 0.5;
  const latitude =
    strength <= 0.33
      ? "Keep the composition, subject and colours very close to the original; change only small details."
      : strength <= 0.66
        ? "Keep the subject and overall composition, but vary details, lighting and framing."
        : "Reinterpret it freely; only the main subject needs to stay recognisable.";
  return `Create a variation of this image. ${latitude}${request.prompt.trim() ? ` ${composeGooglePrompt(request)}` : ""}`;
}

/** Gemini finish/block reasons that mean the safety system withheld the image. */
const SAFETY_REASONS = new Set([
  "SAFETY", "IMAGE_SAFETY", "PROHIBITED_CONTENT", "IMAGE_PROHIBITED_CONTENT", "BLOCKLIST", "SPII", "RECITATION", "IMAGE_RECITATION",
]);
const SAFETY_MESSAGE = /responsible ai|safety|sensitive words|prohibited|blocked/i;

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
 * Classifies what @google/genai threw. Its ApiError carries the status but not the response headers, so the
 * wait a 429 asks for is read from the body's google.rpc.RetryInfo `retryDelay` ("17s"), which is how the Gemini
 * API states it.
 */
export function googleError(error: unknown, signal?: AbortSignal): ProviderError {
  if (error instanceof ProviderError) return error;
  if (!(error instanceof ApiError)) return transportError("google", error, signal);
  const body = errorBody(error);
  const message = body?.message ?? error.message;
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

export class GoogleProvider implements ImageProvider {
  readonly id = "google" as const;
  readonly name = "Google";
  readonly models = GOOGLE_MODELS;
  private client?: GoogleGenAI;

  constructor(private readonly config: GoogleProviderConfig) {}

  isConfigured(): boolean {
    return Boolean(this.config.apiKey);
  }

  estimateCost(request: GenerateRequest): number {
    return (this.models.find((m) => m.id === request.model)?.costPerImageUsd ?? 0) * request.n;
  }

  /**
   * Created on first use (the SDK warns when built without a key). No `httpOptions.retryOptions`: without them
   * the SDK sends each request exactly once; with them (even `attempts: 1`) it swaps ApiError for a status-less
   * Error. Retries belong to our reliability layer, which knows a generation is a billable POST.
   */
  private get ai(): GoogleGenAI {
    this.client ??= new GoogleGenAI({
      vertexai: false,
      apiKey: this.config.apiKey,
      ...(this.config.baseUrl ? { httpOptions: { baseUrl: this.config.baseUrl } } : {}),
    });
    return this.client;
  }

  async generate(request: GenerateRequest, context: ProviderContext): Promise<GenerateResult> {
    const model = this.check(request);
    return model.id === GEMINI_IMAGE_MODEL ? this.gemini(request, context, composeGooglePrompt(request)) : this.imagen(request, context, model);
  }

  async edit(request: GenerateRequest, context: ProviderContext): Promise<GenerateResult> {
    this.check(request, "edit");
    if (request.mask) throw new ProviderError("google", "bad_request", "Gemini image editing takes no mask; describe the change in the prompt");
    return this.gemini(request, context, composeGooglePrompt(request), true);
  }

  async variations(request: GenerateRequest, context: ProviderContext): Promise<GenerateResult> {
    this.check(request, "variations");
    return this.gemini(request, context, variationInstruction(request), true);
  }

  async health(signal: AbortSignal): Promise<{ healthy: boolean; message?: string }> {
    try {
      await this.ai.models.get({ model: GEMINI_IMAGE_MODEL, config: { abortSignal: signal } });
      return { healthy: true };
    } catch (error) {
      return { healthy: false, message: googleError(error, signal).message };
    }
  }

  private check(request: GenerateRequest, needs?: "edit" | "variations"): ModelInfo {
    const bad = (message: string) => new ProviderError("google", "bad_request", message);
    const model = this.models.find((m) => m.id === request.model);
    if (!model) throw bad(`Unknown Google model ${request.model}`);
    const { capabilities } = model;
    if (needs && !capabilities[needs]) throw bad(`${model.id} does not support ${needs}`);
    if (needs && !request.source) throw bad(`${needs} needs a source image`);
    if (!Number.isInteger(request.n) || request.n < 1 || request.n > capabilities.maxImages) {
      throw bad(`${model.id} returns 1–${capabilities.maxImages} images per call, not ${request.n}`);
    }
    if (capabilities.sizes.kind === "aspect" && !capabilities.sizes.ratios.includes(request.aspectRatio)) {
      throw bad(`${model.id} does not offer the aspect ratio ${request.aspectRatio}`);
    }
    return model;
  }

  private async call<T>(signal: AbortSignal, send: () => Promise<T>): Promise<T> {
    // The SDK only listens for a future abort, so an already aborted signal must be checked here.
    if (signal.aborted) throw transportError("google", signal.reason, signal);
    try {
      return await send();
    } catch (error) {
      throw googleError(error, signal);
    }
  }

  private async imagen(request: GenerateRequest, context: ProviderContext, model: ModelInfo): Promise<GenerateResult> {
    const response = await this.call(context.signal, () =>
      this.ai.models.generateImages({
        model: model.id,
        prompt: composeGooglePrompt(request),
        config: {
          numberOfImages: request.n,
          aspectRatio: request.aspectRatio,
          outputMimeType: "image/png",
          includeRaiReason: true,
          abortSignal: context.signal,
        },
      }),
    );
    const generated = response.generatedImages ?? [];
    const images: GeneratedImage[] = generated.flatMap((g) =>
      g.image?.imageBytes ? [{ data: Buffer.from(g.image.imageBytes, "base64"), mimeType: g.image.mimeType ?? "image/png" }] : [],
    );
    if (!images.length) {
      const reasons = [...new Set(generated.map((g) => g.raiFilteredReason).filter(Boolean))];
      throw new ProviderError("google", "content_policy", `Imagen returned no image: ${reasons.join("; ") || "filtered by its safety system"}`);
    }
    // Filtered samples are not billed, so the cost follows the images actually returned.
    return { images, model: model.id, costUsd: images.length * model.costPerImageUsd };
  }

  private async gemini(request: GenerateRequest, context: ProviderContext, text: string, withSource = false): Promise<GenerateResult> {
    const parts: Part[] = [];
    if (withSource && request.source) {
      parts.push({ inlineData: { mimeType: request.source.mimeType, data: request.source.data.toString("base64") } });
    }
    parts.push({ text });
    const response = await this.call(context.signal, () =>
      this.ai.models.generateContent({
        model: GEMINI_IMAGE_MODEL,
        contents: [{ role: "user", parts }],
        config: {
          responseModalities: ["IMAGE"],
          imageConfig: { aspectRatio: request.aspectRatio },
          ...(request.seed !== undefined ? { seed: request.seed } : {}),
          abortSignal: context.signal,
        },
      }),
    );
    return geminiResult(response, request.seed);
  }
}

function geminiResult(response: GenerateContentResponse, seed?: number): GenerateResult {
  const blocked = response.promptFeedback?.blockReason;
  if (blocked) throw new ProviderError("google", "content_policy", `Gemini blocked the prompt (${blocked})`);
  const candidate = response.candidates?.[0];
  const parts = candidate?.content?.parts ?? [];
  const images: GeneratedImage[] = parts.flatMap((p) =>
    p.inlineData?.data ? [{ data: Buffer.from(p.inlineData.data, "base64"), mimeType: p.inlineData.mimeType ?? "image/png", seed }] : [],
  );
  if (!images.length) {
    const reason = candidate?.finishReason ?? "no candidate";
    const said = parts.map((p) => p.text ?? "").join(" ").trim();
    const message = `Gemini returned no image (${reason})${said ? `: ${said}` : ""}`;
    // A safety reason is final; anything else (NO_IMAGE, a text-only answer) is worth another roll.
    throw new ProviderError("google", SAFETY_REASONS.has(reason) ? "content_policy" : "server", message);
  }
  const usage = response.usageMetadata;
  const inputTokens = usage?.promptTokenCount;
  const outputTokens = usage?.candidatesTokenCount;
  const costUsd =
    outputTokens !== undefined ? outputTokens * GEMINI_OUTPUT_USD_PER_TOKEN + (inputTokens ?? 0) * GEMINI_INPUT_USD_PER_TOKEN : undefined;
  return {
    images,
    model: response.modelVersion ?? GEMINI_IMAGE_MODEL,
    usage: usage ? { inputTokens, outputTokens, totalTokens: usage.totalTokenCount } : undefined,
    costUsd,
    externalId: response.responseId,
  };
}
