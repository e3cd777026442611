import "server-only";
// Google's Gemini image models through the Gemini API with the official @google/genai SDK: `models.generateContent`
// with `responseModalities: ["IMAGE"]`, `imageConfig {aspectRatio, imageSize}` and a thinking level from our
// quality (./google-gemini.ts); one image per request (the job runner makes n parallel calls); refinement and
// variations by instruction with the source picture inline (no mask). Each answer's `modelStatus` is reported to
// the studio's model watch; a 404 for the model is a ProviderError "model_not_found". The models are the catalog's
// (lib/providers/catalog/google.ts): retired ids are never sent. Imagen (`generateImages`, :predict) is gone from
// the Gemini API and from this adapter.
import { GoogleGenAI, Modality, type GenerateContentConfig, type Part, type ThinkingLevel } from "@google/genai";
import sharp from "sharp";
import { transportError } from "./http-errors";
import { composePrompt, referenceName } from "./prompt";
import { resolutionsOf } from "./sizes";
import { answerImages, exactCost, googleError, imagePrice, observationOf, sizeClassFor, thinkingLevelFor } from "./google-gemini";
import { DEFAULT_GEMINI_TEXT_MODEL, describeWithGemini, enhanceWithGemini, geminiTextEstimate } from "./google-text";
import { expandTarget, planGeminiExpand, restoreGeminiExpand } from "./google-tools";
import {
  ProviderError,
  type EnhanceRequest,
  type TextResult,
  type TextServices,
  type GenerateRequest,
  type GenerateResult,
  type ImageProvider,
  type ModelInfo,
  type ProviderContext,
  type ReferenceImage,
  type SourceImage,
} from "./types";

export { googleError } from "./google-gemini";

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
  /** The catalog's Google models (catalogModels("google")): the default first, retired ones included. */
  models: ModelInfo[];
  /** GEMINI_TEXT_MODEL: the text model that describes and enhances (default gemini-3.8-flash; "off"/"none": none). */
  textModel?: string;
}

/** Input image types the Gemini API reads; others are converted to PNG first. */
const INPUT_TYPES = new Set(["image/png", "image/jpeg", "image/webp", "image/heic", "image/heif"]);

function variationInstruction(request: GenerateRequest): string {
  const strength = request.strength ?? 0.5;
  const latitude =
    strength <= 0.33
      ? "Keep the composition, subject and colours very close to the original; change only small details."
      : strength <= 0.66
        ? "Keep the subject and overall composition, but vary details, lighting and framing."
        : "Reinterpret it freely; only the main subject needs to stay recognisable.";
  return `Create a variation of this image. ${latitude}${request.prompt.trim() ? ` ${composePrompt(request)}` : ""}`;
}

export class GoogleProvider implements ImageProvider {
  readonly id = "google" as const;
  readonly name = "Google";
  readonly models: ModelInfo[];
  private client?: GoogleGenAI;

  constructor(private readonly config: GoogleProviderConfig) {
    this.models = config.models;
  }

  isConfigured(): boolean {
    return Boolean(this.config.apiKey);
  }

  /** The model served when none is named: the catalog's default, else its first live model. */
  get defaultModel(): ModelInfo | undefined {
    const live = this.models.filter((m) => m.lifecycle.status !== "retired");
    return live.find((m) => m.default) ?? live.find((m) => m.lifecycle.status === "active") ?? live[0];
  }

  estimateCost(request: GenerateRequest): number {
    const model = this.models.find((m) => m.id === request.model);
    if (model && request.tool?.operation === "expand" && request.source) return imagePrice(model, expandTarget(model, request.source.width, request.source.height).size);
    return model ? imagePrice(model, sizeClassFor(model, request)) * request.n : 0;
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

  /** Text to image; the style, palette and negative prompt (no fields for them) are folded into the prompt. */
  async generate(request: GenerateRequest, context: ProviderContext): Promise<GenerateResult> {
    const model = this.check(request);
    return this.call(model, request, context, composePrompt(request));
  }

  async edit(request: GenerateRequest, context: ProviderContext): Promise<GenerateResult> {
    const model = this.check(request, "edit");
    return this.call(model, request, context, composePrompt(request), request.source);
  }

  async variations(request: GenerateRequest, context: ProviderContext): Promise<GenerateResult> {
    const model = this.check(request, "variations");
    return this.call(model, request, context, variationInstruction(request), request.source);
  }

  /**
   * Expand by instruction (./google-tools.ts): the canvas padded to the nearest aspect-ratio table entry, its empty
   * area grey, the model told to fill it; the answer cut back to the canvas (the job pastes the original back).
   */
  async expand(request: GenerateRequest, context: ProviderContext): Promise<GenerateResult> {
    const model = this.models.find((m) => m.id === request.model) ?? this.check(request); // check names the models served
    const plan = await planGeminiExpand(model, request);
    this.check(plan.edit, "edit");
    const result = await this.call(model, plan.edit, context, plan.instruction, plan.edit.source);
    const images = await Promise.all(result.images.map(async (image) => ({ ...image, data: await restoreGeminiExpand(image.data, plan, request.width, request.height), mimeType: "image/png" })));
    return { ...result, images };
  }

  /** Describe and enhance with GEMINI_TEXT_MODEL (./google-text.ts). */
  textServices(): TextServices | undefined {
    const model = this.textModel();
    return model && this.isConfigured() ? { model, describe: true, enhance: true, estimateUsd: geminiTextEstimate(model) } : undefined;
  }

  async describeImage(image: SourceImage, context: ProviderContext): Promise<TextResult> {
    return describeWithGemini(this.ai, this.requireTextModel(), await inlineImage(image), context.signal);
  }

  async enhancePrompt(request: EnhanceRequest, context: ProviderContext): Promise<TextResult> {
    return enhanceWithGemini(this.ai, this.requireTextModel(), request, context.signal);
  }

  private textModel(): string | undefined {
    const configured = this.config.textModel?.trim();
    return configured === "off" || configured === "none" ? undefined : configured || DEFAULT_GEMINI_TEXT_MODEL;
  }

  private requireTextModel(): string {
    const model = this.textModel();
    if (!model) throw new ProviderError("google", "bad_request", "Gemini text services are off (GEMINI_TEXT_MODEL)");
    if (!this.isConfigured()) throw new ProviderError("google", "auth", "No Gemini API key is configured");
    return model;
  }

  /** models.get of the default model (free): unhealthy when the key is refused or the default model is gone. */
  async health(signal: AbortSignal): Promise<{ healthy: boolean; message?: string }> {
    const model = this.defaultModel;
    if (!model) return { healthy: false, message: "the catalog has no live Google model" };
    try {
      if (signal.aborted) throw transportError("google", signal.reason, signal);
      await this.ai.models.get({ model: model.id, config: { abortSignal: signal } });
      return { healthy: true };
    } catch (error) {
      const failure = googleError(error, signal, model.id);
      if (failure.kind === "model_not_found") return { healthy: false, message: `the default model ${model.id} is gone: ${failure.message}` };
      return { healthy: false, message: failure.message };
    }
  }

  /** Refuses, before anything is sent, what the model cannot do (and every retired id). */
  private check(request: GenerateRequest, needs?: "edit" | "variations"): ModelInfo {
    const bad = (message: string) => new ProviderError("google", "bad_request", message);
    const model = this.models.find((m) => m.id === request.model);
    if (!model) throw bad(`Unknown Google model ${request.model}; this provider serves ${this.models.filter((m) => m.lifecycle.status !== "retired").map((m) => m.id).join(", ")}`);
    const { capabilities, lifecycle } = model;
    if (lifecycle.status === "retired") {
      throw bad(`${model.id} was retired${lifecycle.shutdownDate ? ` on ${lifecycle.shutdownDate}` : ""} and is never called${lifecycle.successor ? `; its successor is ${lifecycle.successor}` : ""}`);
    }
    if (needs && !capabilities[needs]) throw bad(`${model.id} does not support ${needs}`);
    if (needs && !request.source) throw bad(`${needs} needs a source image`);
    if (request.mask) throw bad(`${model.id} takes no mask: Gemini edits by instruction, so describe the change in the prompt`);
    const references = request.references?.length ?? 0;
    const inputs = references + (needs ? 1 : 0);
    if (references && inputs > (capabilities.maxReferenceImages ?? 0)) {
      throw bad(`${model.id} takes at most ${capabilities.maxReferenceImages ?? 0} input images per request, not ${inputs}`);
    }
    if (!needs && !capabilities.generate) throw bad(`${model.id} does not generate images`);
    if (!Number.isInteger(request.n) || request.n < 1 || request.n > capabilities.maxImages) {
      throw bad(`${model.id} makes ${capabilities.maxImages === 1 ? "one image per request" : `1–${capabilities.maxImages} images per request`}, not ${request.n}`);
    }
    if (capabilities.sizes.kind === "aspect" && !capabilities.sizes.ratios.includes(request.aspectRatio)) {
      throw bad(`${model.id} does not offer the aspect ratio ${request.aspectRatio}`);
    }
    const offered = resolutionsOf(capabilities);
    if (request.resolution && !offered.includes(request.resolution)) throw bad(`${model.id} has no ${request.resolution} size (it makes ${offered.join(", ")})`);
    return model;
  }

  private async call(model: ModelInfo, request: GenerateRequest, context: ProviderContext, text: string, source?: SourceImage): Promise<GenerateResult> {
    const { signal } = context;
    // The SDK only listens for a future abort, so an already aborted signal must be checked here.
    if (signal.aborted) throw transportError("google", signal.reason, signal);
    const parts = await inputParts(source, request.references, text);
    const size = sizeClassFor(model, request);
    const level = thinkingLevelFor(model, request.quality);
    const config: GenerateContentConfig = {
      responseModalities: [Modality.IMAGE],
      imageConfig: {
        aspectRatio: request.aspectRatio,
        // A model with one size (1K) takes no imageSize; the others get the class of the resolved pixels.
        ...(resolutionsOf(model.capabilities).length > 1 ? { imageSize: size } : {}),
      },
      ...(level ? { thinkingConfig: { thinkingLevel: level as ThinkingLevel } } : {}),
      // A best-effort seed (GenerationConfig.seed is an int32).
      ...(request.seed !== undefined ? { seed: request.seed % 2 ** 31 } : {}),
      abortSignal: signal,
    };
    let response;
    try {
      response = await this.ai.models.generateContent({ model: model.id, contents: [{ role: "user", parts }], config });
    } catch (error) {
      throw googleError(error, signal, model.id);
    }
    // Every answer (images or not) says where the model stands in its life cycle.
    const observation = observationOf(model.id, response.modelStatus);
    if (observation) context.onModelStatus?.(observation);
    const images = answerImages(response, request.seed).slice(0, request.n);
    const usage = response.usageMetadata;
    return {
      images,
      // The instruction part as sent (the pictures' name parts are the API's labels, not the prompt).
      sent: { prompt: text, ...(config.seed !== undefined ? { seed: config.seed } : {}) },
      // The catalog id (the answer's modelVersion may name a snapshot): images keep the model a person can ask for.
      model: model.id,
      usage: usage ? { inputTokens: usage.promptTokenCount, outputTokens: usage.candidatesTokenCount, totalTokens: usage.totalTokenCount } : undefined,
      costUsd: exactCost(model, usage) ?? imagePrice(model, size) * images.length,
      externalId: response.responseId,
    };
  }
}

/**
 * The request's parts: the pictures in order — the source first (an edit's or variation's), then the references —
 * then the instruction. Without references it is the source and the text as before. With references each picture is
 * preceded by a text part naming it ("Image 2 (the red jacket):"), so the prompt can refer to them by number or
 * label: Gemini has no label field; a Content is an ordered list of parts that may mix text and inlineData
 * (@google/genai types.ts `Part`, `Content.parts`).
 */
async function inputParts(source: SourceImage | undefined, references: ReferenceImage[] | undefined, text: string): Promise<Part[]> {
  const parts: Part[] = [];
  if (!references?.length) {
    if (source) parts.push({ inlineData: await inlineImage(source) });
    return [...parts, { text }];
  }
  const offset = source ? 1 : 0;
  if (source) parts.push({ text: "Image 1 (the image to edit):" }, { inlineData: await inlineImage(source) });
  for (const [i, reference] of references.entries()) {
    const name = referenceName(reference, i);
    const n = i + 1 + offset;
    parts.push({ text: reference.label?.trim() ? `Image ${n} (${name}):` : `Image ${n}:` }, { inlineData: await inlineImage(reference) });
  }
  return [...parts, { text }];
}

/** The source picture as an inlineData part (converted to PNG when the API does not read its type). */
async function inlineImage(source: SourceImage): Promise<{ mimeType: string; data: string }> {
  if (INPUT_TYPES.has(source.mimeType)) return { mimeType: source.mimeType, data: source.data.toString("base64") };
  return { mimeType: "image/png", data: (await sharp(source.data).png().toBuffer()).toString("base64") };
}
