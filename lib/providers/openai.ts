import "server-only";
// OpenAI Images (gpt-image-1, DALL·E 3, DALL·E 2) through the official SDK, also against Azure OpenAI deployments.
// Follows the OpenAI API reference — Images: https://platform.openai.com/docs/api-reference/images
import OpenAI, { AzureOpenAI, toFile } from "openai";
import type { ImageEditParamsNonStreaming, ImageGenerateParamsNonStreaming, ImagesResponse } from "openai/resources/images";
import {
  checkSize,
  collectImages,
  consumeStream,
  createClient,
  dimensions,
  foldPrompt,
  mapError,
  openAIMask,
  sizeString,
  sourceUpload,
  toUsage,
} from "./openai-images";
import {
  ProviderError,
  type GenerateRequest,
  type GenerateResult,
  type ImageProvider,
  type ModelCapabilities,
  type ModelInfo,
  type ProviderContext,
} from "./types";

export interface OpenAIProviderConfig {
  apiKey?: string;
  baseUrl?: string;
  azure?: { endpoint: string; apiKey: string; deployment: string; apiVersion: string };
  /** OPENAI_IMAGE_MODEL; for Azure, the model the deployment serves (default dall-e-3). */
  defaultModel?: string;
  /** gpt-image-1 output encoding (default png; transparent backgrounds always use png). */
  outputFormat?: "png" | "jpeg" | "webp";
  /** 0–100, for jpeg/webp only. */
  outputCompression?: number;
}

const base: ModelCapabilities = {
  generate: true, edit: false, variations: false, mask: false, transparentBackground: false,
  negativePrompt: false, seed: false, maxImages: 1, sizes: { kind: "exact", sizes: ["1024x1024"] },
};

export const OPENAI_MODELS: ModelInfo[] = [
  {
    id: "gpt-image-1",
    label: "GPT Image 1",
    capabilities: { ...base, edit: true, variations: true, mask: true, transparentBackground: true, maxImages: 10, sizes: { kind: "exact", sizes: ["1024x1024", "1536x1024", "1024x1536"] } },
    costPerImageUsd: 0.042,
  },
  { id: "dall-e-3", label: "DALL·E 3", capabilities: { ...base, sizes: { kind: "exact", sizes: ["1024x1024", "1792x1024", "1024x1792"] } }, costPerImageUsd: 0.04 },
  { id: "dall-e-2", label: "DALL·E 2", capabilities: { ...base, variations: true, maxImages: 10, sizes: { kind: "exact", sizes: ["256x256", "512x512", "1024x1024"] } }, costPerImageUsd: 0.02 },
];

/** Token prices of gpt-image-1, US dollars per token. */
export const GPT_IMAGE_TOKEN_PRICES = { textInput: 5 / 1e6, imageInput: 10 / 1e6, imageOutput: 40 / 1e6 };

/** Exact cost of a gpt-image-1 call from the usage it reports. */
export function gptImageCost(usage: NonNullable<ImagesResponse["usage"]>): number {
  const text = usage.input_tokens_details?.text_tokens ?? usage.input_tokens;
  const image = usage.input_tokens_details?.image_tokens ?? 0;
  const cost = text * GPT_IMAGE_TOKEN_PRICES.textInput + image * GPT_IMAGE_TOKEN_PRICES.imageInput + usage.output_tokens * GPT_IMAGE_TOKEN_PRICES.imageOutput;
  return Math.round(cost * 1e9) / 1e9;
}

/** List prices per image: model → size → quality. */
const PRICES: Record<string, Record<string, Record<string, number>>> = {
  "gpt-image-1": {
    "1024x1024": { low: 0.011, medium: 0.042, high: 0.167 },
    "1536x1024": { low: 0.016, medium: 0.063, high: 0.25 },
    "1024x1536": { low: 0.016, medium: 0.063, high: 0.25 },
  },
  "dall-e-3": { "1024x1024": { standard: 0.04, hd: 0.08 }, "1792x1024": { standard: 0.08, hd: 0.12 }, "1024x1792": { standard: 0.08, hd: 0.12 } },
  "dall-e-2": { "1024x1024": { standard: 0.02 }, "512x512": { standard: 0.018 }, "256x256": { standard: 0.016 } },
};

const PROMPT_LIMITS: Record<string, number> = { "gpt-image-1": 32000, "dall-e-3": 4000, "dall-e-2": 1000 };

/** The quality sent for a request: gpt-image-1 takes ours (default medium), DALL·E 3 standard/hd, DALL·E 2 none. */
function apiQuality(model: string, quality: GenerateRequest["quality"]): string | undefined {
  if (model === "gpt-image-1") return quality ?? "medium";
  if (model === "dall-e-3") return quality === "high" ? "hd" : "standard";
  return undefined;
}

export class OpenAIProvider implements ImageProvider {
  readonly id = "openai" as const;
  readonly name = "OpenAI";
  readonly models: ModelInfo[];
  readonly defaultModel: string;
  private client?: OpenAI;

  constructor(private readonly config: OpenAIProviderConfig) {
    const fallback = config.azure ? "dall-e-3" : "gpt-image-1";
    const wanted = OPENAI_MODELS.find((m) => m.id === config.defaultModel) ?? OPENAI_MODELS.find((m) => m.id === fallback)!;
    this.defaultModel = wanted.id;
    // An Azure deployment serves exactly one model; the public API serves all three (the default first).
    this.models = config.azure ? [wanted] : [wanted, ...OPENAI_MODELS.filter((m) => m !== wanted)];
  }

  isConfigured(): boolean {
    const azure = this.config.azure;
    return azure ? !!(azure.endpoint && azure.apiKey && azure.deployment && azure.apiVersion) : !!this.config.apiKey;
  }

  estimateCost(request: GenerateRequest): number {
    const model = this.model(request.model);
    const quality = apiQuality(model.id, request.quality) ?? "standard";
    const bySize = PRICES[model.id]?.[sizeString(request)];
    // "auto" lets the service choose, so the reservation assumes the dearest quality.
    const each = bySize?.[quality] ?? (bySize ? Math.max(...Object.values(bySize)) : model.costPerImageUsd);
    return Math.round(each * Math.max(1, request.n) * 1e6) / 1e6;
  }

  async generate(request: GenerateRequest, context: ProviderContext): Promise<GenerateResult> {
    const model = this.prepare(request, "generate");
    const gpt = model.id === "gpt-image-1";
    const body: ImageGenerateParamsNonStreaming = {
      model: model.id,
      prompt: foldPrompt(request, PROMPT_LIMITS[model.id]),
      n: request.n,
      size: sizeString(request) as ImageGenerateParamsNonStreaming["size"],
      ...this.qualityAndFormat(model.id, request),
    };
    return this.call(context, async (client) => {
      if (gpt && context.onProgress && request.n === 1) {
        const { data: stream, request_id } = await client.images
          .generate({ ...body, stream: true, partial_images: 2 }, { signal: context.signal })
          .withResponse();
        return { ...(await consumeStream(this.id, stream, context, 2)), request_id };
      }
      const { data, request_id } = await client.images.generate(body, { signal: context.signal }).withResponse();
      return { response: data, request_id };
    }, model.id);
  }

  /** Prompt-guided edit of the source (gpt-image-1), limited to the mask's white area when a mask is given. */
  async edit(request: GenerateRequest, context: ProviderContext): Promise<GenerateResult> {
    const model = this.prepare(request, "edit");
    if (!request.source) throw new ProviderError(this.id, "bad_request", "An edit needs a source image");
    return this.editCall(request, context, model.id, foldPrompt(request, PROMPT_LIMITS[model.id]));
  }

  /** DALL·E 2: the variations endpoint; gpt-image-1: an edit with the source as the reference. */
  async variations(request: GenerateRequest, context: ProviderContext): Promise<GenerateResult> {
    const model = this.prepare(request, "variations");
    const source = request.source;
    if (!source) throw new ProviderError(this.id, "bad_request", "Variations need a source image");
    if (model.id === "gpt-image-1") {
      const s = request.strength ?? 0.5;
      const freedom = s < 0.34 ? "Stay very close to the original." : s > 0.66 ? "Feel free to reinterpret it boldly." : "Keep the subject, vary the details.";
      const subject = request.prompt.trim() ? `: ${foldPrompt(request)}` : ".";
      return this.editCall({ ...request, mask: undefined }, context, model.id, `Create a variation of the reference image${subject} ${freedom}`);
    }
    const image = await sourceUpload(source, "source", { square: request.width });
    return this.call(context, async (client) => {
      const { data, request_id } = await client.images
        .createVariation({ image, model: model.id, n: request.n, size: sizeString(request) as "1024x1024", response_format: "b64_json" }, { signal: context.signal })
        .withResponse();
      return { response: data, request_id };
    }, model.id);
  }

  async health(signal: AbortSignal): Promise<{ healthy: boolean; message?: string }> {
    if (!this.isConfigured()) return { healthy: false, message: "No OpenAI API key (or Azure deployment) is configured" };
    try {
      await this.sdk().models.list({ signal });
      return { healthy: true };
    } catch (error) {
      return { healthy: false, message: mapError(this.id, error, signal).message };
    }
  }

  private async editCall(request: GenerateRequest, context: ProviderContext, model: string, prompt: string): Promise<GenerateResult> {
    const source = request.source!;
    const image = await sourceUpload(source, "source");
    let mask: File | undefined;
    if (request.mask) {
      const { width, height } = await dimensions(source);
      mask = await toFile(await openAIMask(request.mask, width, height), "mask.png", { type: "image/png" });
    }
    const body: ImageEditParamsNonStreaming = {
      model,
      image,
      prompt,
      n: request.n,
      size: sizeString(request),
      ...(mask ? { mask } : {}),
      ...(this.qualityAndFormat(model, request) as Partial<ImageEditParamsNonStreaming>),
    };
    return this.call(context, async (client) => {
      if (context.onProgress && request.n === 1) {
        const { data: stream, request_id } = await client.images
          .edit({ ...body, stream: true, partial_images: 2 }, { signal: context.signal })
          .withResponse();
        return { ...(await consumeStream(this.id, stream, context, 2)), request_id };
      }
      const { data, request_id } = await client.images.edit(body, { signal: context.signal }).withResponse();
      return { response: data, request_id };
    }, model);
  }

  private qualityAndFormat(model: string, request: GenerateRequest) {
    const quality = apiQuality(model, request.quality) as ImageGenerateParamsNonStreaming["quality"];
    if (model !== "gpt-image-1") return { ...(quality ? { quality } : {}), response_format: "b64_json" as const };
    const transparent = request.background === "transparent";
    const format = transparent && this.config.outputFormat === "jpeg" ? "png" : (this.config.outputFormat ?? "png");
    const compression = format !== "png" && this.config.outputCompression !== undefined ? { output_compression: this.config.outputCompression } : {};
    return { quality, output_format: format, ...compression, ...(request.background ? { background: request.background } : {}) };
  }

  private prepare(request: GenerateRequest, operation: "generate" | "edit" | "variations"): ModelInfo {
    const model = this.model(request.model);
    if (!model.capabilities[operation]) throw new ProviderError(this.id, "bad_request", `${model.id} does not support ${operation}`);
    if (request.n < 1 || request.n > model.capabilities.maxImages) {
      throw new ProviderError(this.id, "bad_request", `${model.id} makes 1 to ${model.capabilities.maxImages} images per call`);
    }
    if (request.background === "transparent" && !model.capabilities.transparentBackground) {
      throw new ProviderError(this.id, "bad_request", `${model.id} cannot make transparent backgrounds`);
    }
    checkSize(this.id, model.id, model.capabilities.sizes, request.width, request.height);
    if (!this.isConfigured()) throw new ProviderError(this.id, "auth", "No OpenAI API key (or Azure deployment) is configured");
    return model;
  }

  private model(id: string): ModelInfo {
    const model = this.models.find((m) => m.id === id);
    if (!model) throw new ProviderError(this.id, "bad_request", `Unknown OpenAI model ${id}; this provider serves ${this.models.map((m) => m.id).join(", ")}`);
    return model;
  }

  private sdk(): OpenAI {
    if (this.client) return this.client;
    const azure = this.config.azure;
    this.client = azure
      ? new AzureOpenAI({
          // baseURL rather than endpoint, so an OPENAI_BASE_URL in the environment cannot collide with it.
          baseURL: `${azure.endpoint.replace(/\/+$/, "")}/openai`,
          apiKey: azure.apiKey,
          deployment: azure.deployment,
          apiVersion: azure.apiVersion,
          maxRetries: 0,
        })
      : createClient({ apiKey: this.config.apiKey, baseURL: this.config.baseUrl || undefined });
    return this.client;
  }

  private async call(
    context: ProviderContext,
    run: (client: OpenAI) => Promise<{ response: ImagesResponse; images?: GenerateResult["images"]; request_id?: string | null }>,
    model: string,
  ): Promise<GenerateResult> {
    try {
      const { response, images, request_id } = await run(this.sdk());
      return {
        images: images ?? (await collectImages(this.id, response, context)),
        model,
        usage: toUsage(response.usage),
        ...(response.usage ? { costUsd: gptImageCost(response.usage) } : {}),
        ...(request_id ? { externalId: request_id } : {}),
      };
    } catch (error) {
      throw mapError(this.id, error, context.signal);
    }
  }
}
