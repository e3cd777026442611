import "server-only";
// OpenAI Images (the gpt-image-2 family: gpt-image-2, gpt-image-2.5 and 2.6 sunburst/flare) through the official SDK,
// also against an Azure OpenAI deployment. The models are catalog data (lib/providers/catalog/openai.ts); this file
// holds the protocol. Follows the OpenAI API reference — Images and Models:
//   https://developers.openai.com/api/reference/resources/images (generate, edit, streaming events)
//   https://developers.openai.com/api/reference/resources/models/methods/list (`shutdown_date`, YYYY-MM-DD or null)
// and openai/openai-node's src/resources/images.ts: sizes are any WxH within the model's rules, `quality` per model,
// `output_format`/`output_compression`/`background` (transparent needs png or webp), edits through /images/edits
// with up to 16 `image[]` and an optional mask (the variations endpoint went with dall-e-2), streaming
// (`stream: true`, `partial_images` 0–3) as `image_generation.*` / `image_edit.*` events whose `completed` carries
// the call's `usage`. Nothing is sent for a model the catalog lists as retired.
import OpenAI, { AzureOpenAI, toFile } from "openai";
import type { ImageEditParamsNonStreaming, ImageGenerateParamsNonStreaming, ImagesResponse } from "openai/resources/images";
import { catalogModels } from "./catalog";
import { referenceLegend } from "./prompt";
import { DEFAULT_QUALITY, estimateImageCost, healthFromList, lifecycleObservations, PROMPT_LIMIT, servedModels, type ListedModel } from "./openai-models";
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
  usageCost,
} from "./openai-images";
import { checkAnimation, gifFields, withAnimation } from "./openai-gif";
import { DEFAULT_OPENAI_TEXT_MODEL, describeWithResponses, enhanceWithResponses, textCallEstimate } from "./openai-text";
import { estimateToolCost, planTool } from "./openai-tools";
import {
  ProviderError,
  type EnhanceRequest,
  type GenerateRequest,
  type GenerateResult,
  type ImageProvider,
  type ModelInfo,
  type ModelObservation,
  type ProviderContext,
  type SentRequest,
  type SourceImage,
  type TextResult,
  type TextServices,
} from "./types";

export { AZURE_DEFAULT_MODEL } from "./openai-models";

export interface OpenAIProviderConfig {
  apiKey?: string;
  baseUrl?: string;
  azure?: { endpoint: string; apiKey: string; deployment: string; apiVersion: string };
  /**
   * OPENAI_IMAGE_MODEL: the default model; for Azure, the model the deployment serves (default gpt-image-2). A
   * retired id is kept as `configuredDefaultModel` (the migration layer maps it to its successor).
   */
  defaultModel?: string;
  /** The catalog's OpenAI models, retired ones included (the registry passes catalogModels("openai")). */
  models?: ModelInfo[];
  /** Output encoding when a request names none (default png; a transparent background never gets jpeg). */
  outputFormat?: "png" | "jpeg" | "webp";
  /** 0–100 for jpeg/webp when a request names none. */
  outputCompression?: number;
  /** Partial images asked for when a progress listener is attached (0–3, default 2). */
  partialImages?: number;
  /**
   * OPENAI_TEXT_MODEL: the Responses API model that describes pictures and enhances prompts (default gpt-6-luna;
   * "off" or "none": no text services). Not offered on Azure, whose deployments serve one model each.
   */
  textModel?: string;
}

export class OpenAIProvider implements ImageProvider {
  readonly id = "openai" as const;
  readonly name = "OpenAI";
  /** The default first; retired catalog entries stay listed (they are migrated, never sent). */
  readonly models: ModelInfo[];
  /** The model served when a request names none (never a retired one while the catalog has a successor). */
  readonly defaultModel: string;
  /** OPENAI_IMAGE_MODEL as configured, even when it names a retired or unknown model (for health warnings). */
  readonly configuredDefaultModel?: string;
  private client?: OpenAI;

  constructor(private readonly config: OpenAIProviderConfig) {
    this.configuredDefaultModel = config.defaultModel?.trim() || undefined;
    this.models = servedModels(config.models ?? catalogModels("openai"), this.configuredDefaultModel, !!config.azure);
    this.defaultModel = this.models[0].id;
  }

  isConfigured(): boolean {
    const azure = this.config.azure;
    return azure ? !!(azure.endpoint && azure.apiKey && azure.deployment && azure.apiVersion) : !!this.config.apiKey;
  }

  /** The estimate before a call (see estimateImageCost): output tokens by quality and size, prompt tokens, × n. */
  estimateCost(request: GenerateRequest): number {
    const model = this.model(request.model);
    return request.tool ? estimateToolCost(model, request) : estimateImageCost(model, request);
  }

  async generate(request: GenerateRequest, context: ProviderContext): Promise<GenerateResult> {
    const model = this.prepare(request, "generate");
    // A generation from reference images has no JSON form here: it is an edit whose input images are the references
    // (/images/edits, several `image[]`), the labels said in the prompt.
    if (request.references?.length) return this.editCall({ ...request, mask: undefined }, context, model, withLegend(foldPrompt(request, PROMPT_LIMIT), request.references, 0));
    const body: ImageGenerateParamsNonStreaming = {
      model: model.id,
      prompt: foldPrompt(request, PROMPT_LIMIT),
      n: request.n,
      size: sizeString(request),
      ...(this.options(request) as Partial<ImageGenerateParamsNonStreaming>),
    };
    return this.call(context, model, request, sentOf(body), async (client) => {
      const partials = this.partialImages(request, context);
      if (partials !== undefined) {
        const { data: stream, request_id } = await client.images
          .generate({ ...body, stream: true, partial_images: partials }, { signal: context.signal })
          .withResponse();
        return { ...(await consumeStream(this.id, stream, context, partials)), request_id };
      }
      const { data, request_id } = await client.images.generate(body, { signal: context.signal }).withResponse();
      return { response: data, request_id };
    });
  }

  /** Prompt-guided edit of the source through /images/edits, limited to the mask's white area when a mask is given. */
  async edit(request: GenerateRequest, context: ProviderContext): Promise<GenerateResult> {
    const model = this.prepare(request, "edit");
    if (!request.source) throw new ProviderError(this.id, "bad_request", "An edit needs a source image");
    return this.editCall(request, context, model, withLegend(foldPrompt(request, PROMPT_LIMIT), request.references, 1));
  }

  /** Variations are an edit with the source as the reference (the variations endpoint went with dall-e-2). */
  async variations(request: GenerateRequest, context: ProviderContext): Promise<GenerateResult> {
    const model = this.prepare(request, "variations");
    if (!request.source) throw new ProviderError(this.id, "bad_request", "Variations need a source image");
    const s = request.strength ?? 0.5;
    const freedom = s < 0.34 ? "Stay very close to the original." : s > 0.66 ? "Feel free to reinterpret it boldly." : "Keep the subject, vary the details.";
    const subject = request.prompt.trim() ? `: ${foldPrompt(request)}` : ".";
    const prompt = `Create a variation of ${request.references?.length ? "the first image" : "the reference image"}${subject} ${freedom}`;
    return this.editCall({ ...request, mask: undefined }, context, model, withLegend(prompt, request.references, 1));
  }

  /** Creative upscale: the picture redrawn at the larger size by an edit (./openai-tools.ts). */
  upscale(request: GenerateRequest, context: ProviderContext): Promise<GenerateResult> {
    return this.tool(request, context);
  }

  /** An edit with `background: "transparent"` that keeps the subject (./openai-tools.ts). */
  removeBackground(request: GenerateRequest, context: ProviderContext): Promise<GenerateResult> {
    return this.tool(request, context);
  }

  /** A mask edit filling the grown canvas's new area (./openai-tools.ts). */
  expand(request: GenerateRequest, context: ProviderContext): Promise<GenerateResult> {
    return this.tool(request, context);
  }

  /** Describe and enhance through the Responses API with OPENAI_TEXT_MODEL (./openai-text.ts). */
  textServices(): TextServices | undefined {
    const model = this.textModel();
    if (!model || !this.isConfigured()) return undefined;
    return { model, describe: true, enhance: true, estimateUsd: textCallEstimate(model) };
  }

  async describeImage(image: SourceImage, context: ProviderContext): Promise<TextResult> {
    return describeWithResponses(this.id, this.sdk(), this.requireTextModel(), image, context.signal);
  }

  async enhancePrompt(request: EnhanceRequest, context: ProviderContext): Promise<TextResult> {
    return enhanceWithResponses(this.id, this.sdk(), this.requireTextModel(), request, context.signal);
  }

  /**
   * A cheap check (GET /v1/models, nothing billed) that is unhealthy when the key is refused, when the default
   * model has a past shutdown_date or — on api.openai.com — when the list does not offer it at all.
   */
  async health(signal: AbortSignal): Promise<{ healthy: boolean; message?: string }> {
    if (!this.isConfigured()) return { healthy: false, message: "No OpenAI API key (or Azure deployment) is configured" };
    try {
      return healthFromList(this.defaultModel, await this.listModels(signal), !!this.config.azure);
    } catch (error) {
      return { healthy: false, message: mapError(this.id, error, signal).message };
    }
  }

  /** The catalog models' life cycle from GET /v1/models `shutdown_date` (see lifecycleObservations). */
  async listModelLifecycle(signal: AbortSignal): Promise<ModelObservation[]> {
    if (!this.isConfigured()) return [];
    try {
      return lifecycleObservations(this.models, await this.listModels(signal), !!this.config.azure);
    } catch (error) {
      throw mapError(this.id, error, signal);
    }
  }

  private async listModels(signal: AbortSignal): Promise<Map<string, ListedModel>> {
    const page = await this.sdk().models.list({ signal });
    return new Map((page.data as ListedModel[]).map((m) => [m.id, m]));
  }

  private async editCall(request: GenerateRequest, context: ProviderContext, model: ModelInfo, prompt: string): Promise<GenerateResult> {
    // The input images in order: the source (when there is one) first, then the references. One goes as `image`,
    // several as `image[]` (the SDK's multipart encoding of an array), at most the model's maxReferenceImages (16).
    // "If there are multiple images provided, the mask will be applied on the first image" (ImageEditParams.mask):
    // the source, which is why it leads.
    const source = request.source;
    const references = request.references ?? [];
    const images = [
      ...(source ? [await sourceUpload(source, "source")] : []),
      ...(await Promise.all(references.map((reference, i) => sourceUpload(reference, `reference-${i + 1}`)))),
    ];
    let mask: File | undefined;
    if (request.mask && source) {
      const { width, height } = await dimensions(source);
      mask = await toFile(await openAIMask(request.mask, width, height), "mask.png", { type: "image/png" });
    }
    const body: ImageEditParamsNonStreaming = {
      model: model.id,
      image: images.length === 1 ? images[0] : images,
      prompt,
      n: request.n,
      size: sizeString(request),
      ...(mask ? { mask } : {}),
      ...(this.options(request) as Partial<ImageEditParamsNonStreaming>),
    };
    return this.call(context, model, request, sentOf(body), async (client) => {
      const partials = this.partialImages(request, context);
      if (partials !== undefined) {
        const { data: stream, request_id } = await client.images
          .edit({ ...body, stream: true, partial_images: partials }, { signal: context.signal })
          .withResponse();
        return { ...(await consumeStream(this.id, stream, context, partials)), request_id };
      }
      const { data, request_id } = await client.images.edit(body, { signal: context.signal }).withResponse();
      return { response: data, request_id };
    });
  }

  /** A tool request as an edit of the fitted picture; the answer cut back to the request's geometry. */
  private async tool(request: GenerateRequest, context: ProviderContext): Promise<GenerateResult> {
    const plan = await planTool(this.model(request.model), request);
    const model = this.prepare(plan.edit, "edit");
    return plan.finish(await this.editCall(plan.edit, context, model, plan.prompt));
  }

  private textModel(): string | undefined {
    const configured = this.config.textModel?.trim();
    if (this.config.azure || configured === "off" || configured === "none") return undefined;
    return configured || DEFAULT_OPENAI_TEXT_MODEL;
  }

  private requireTextModel(): string {
    const model = this.textModel();
    if (!model) throw new ProviderError(this.id, "bad_request", "OpenAI text services are off (OPENAI_TEXT_MODEL, or an Azure deployment)");
    if (!this.isConfigured()) throw new ProviderError(this.id, "auth", "No OpenAI API key is configured");
    return model;
  }

  /**
   * Partial images to stream, or undefined to make a plain call. Only for one image per call: the stream's events
   * carry no image index (ImageGenPartialImageEvent / ImageGenCompletedEvent have none), so the API documents no way
   * to tell several images' partials apart; with n > 1 the call is made without streaming.
   */
  private partialImages(request: GenerateRequest, context: ProviderContext): number | undefined {
    // Nor for an animated GIF: whether its stream sends partial images is not documented.
    if (!context.onProgress || request.n !== 1 || request.animation) return undefined;
    return Math.min(3, Math.max(0, this.config.partialImages ?? 2));
  }

  /**
   * quality, output_format (+ output_compression for jpeg/webp) and background for a request already checked; an
   * animation is output_format "gif" with frame_count and frame_duration_ms (./openai-gif.ts).
   */
  private options(request: GenerateRequest) {
    if (request.animation) {
      return { quality: request.quality ?? DEFAULT_QUALITY, ...gifFields(request.animation), ...(request.background ? { background: request.background } : {}) };
    }
    const transparent = request.background === "transparent";
    const configured = this.config.outputFormat ?? "png";
    const format = request.outputFormat ?? (transparent && configured === "jpeg" ? "png" : configured);
    const compression = request.outputCompression ?? this.config.outputCompression;
    return {
      quality: request.quality ?? DEFAULT_QUALITY,
      output_format: format,
      ...(format !== "png" && compression !== undefined ? { output_compression: compression } : {}),
      ...(request.background ? { background: request.background } : {}),
    };
  }

  /** Checks everything the model can refuse before anything is sent (and billed). */
  private prepare(request: GenerateRequest, operation: "generate" | "edit" | "variations"): ModelInfo {
    const model = this.model(request.model);
    const lifecycle = model.lifecycle;
    if (lifecycle?.status === "retired") {
      const when = lifecycle.shutdownDate ? ` on ${lifecycle.shutdownDate}` : "";
      const instead = lifecycle.successor ? `; use ${lifecycle.successor}` : "";
      throw new ProviderError(this.id, "bad_request", `${model.id} was retired by OpenAI${when}${instead}`, { model: model.id });
    }
    const caps = model.capabilities;
    if (!caps[operation]) throw new ProviderError(this.id, "bad_request", `${model.id} does not support ${operation}`);
    const references = request.references?.length ?? 0;
    // Input images in all (the source counts): selection refuses more, this guards a direct call before it is billed.
    const inputs = references + (operation === "generate" ? 0 : 1);
    if (references && inputs > (caps.maxReferenceImages ?? 0)) {
      throw new ProviderError(this.id, "bad_request", `${model.id} takes at most ${caps.maxReferenceImages ?? 0} input images per call, not ${inputs}`);
    }
    if (request.mask && !caps.mask) throw new ProviderError(this.id, "bad_request", `${model.id} cannot edit within a mask`);
    if (!Number.isInteger(request.n) || request.n < 1 || request.n > caps.maxImages) {
      throw new ProviderError(this.id, "bad_request", `${model.id} makes 1 to ${caps.maxImages} images per call`);
    }
    if (request.quality !== undefined && !caps.qualities?.includes(request.quality)) {
      throw new ProviderError(this.id, "bad_request", `${model.id} does not take the quality "${request.quality}"${caps.qualities ? ` (it takes ${caps.qualities.join(", ")})` : ""}`);
    }
    if (request.background === "transparent") {
      if (!caps.transparentBackground) throw new ProviderError(this.id, "bad_request", `${model.id} cannot make transparent backgrounds`);
      if (request.outputFormat === "jpeg") throw new ProviderError(this.id, "bad_request", "A transparent background needs png or webp output, not jpeg");
    }
    if (request.outputFormat && caps.outputFormats && !caps.outputFormats.includes(request.outputFormat)) {
      throw new ProviderError(this.id, "bad_request", `${model.id} does not produce ${request.outputFormat}`);
    }
    const compression = request.outputCompression;
    if (compression !== undefined && (!Number.isInteger(compression) || compression < 0 || compression > 100)) {
      throw new ProviderError(this.id, "bad_request", "output compression must be an integer from 0 to 100");
    }
    // An animation's size is a frame's, checked against the sheet the frames are drawn on.
    if (!checkAnimation(model, request)) checkSize(this.id, model.id, caps.sizes, request.width, request.height);
    if (!this.isConfigured()) throw new ProviderError(this.id, "auth", "No OpenAI API key (or Azure deployment) is configured");
    return model;
  }

  private model(id: string): ModelInfo {
    const model = this.models.find((m) => m.id === id);
    if (!model) {
      const offered = this.models.filter((m) => m.lifecycle?.status !== "retired").map((m) => m.id);
      throw new ProviderError(this.id, "bad_request", `Unknown OpenAI model ${id}; this provider serves ${offered.join(", ")}`);
    }
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
    model: ModelInfo,
    request: GenerateRequest,
    sent: SentRequest,
    run: (client: OpenAI) => Promise<{ response: ImagesResponse; images?: GenerateResult["images"]; request_id?: string | null }>,
  ): Promise<GenerateResult> {
    try {
      const { response, images, request_id } = await run(this.sdk());
      const costUsd = usageCost(response.usage, model.price?.tokens);
      return {
        images: withAnimation(images ?? (await collectImages(this.id, response, context)), request),
        sent,
        model: model.id,
        usage: toUsage(response.usage),
        ...(costUsd !== undefined ? { costUsd } : {}),
        ...(request_id ? { externalId: request_id } : {}),
      };
    } catch (error) {
      throw mapError(this.id, error, context.signal, model.id);
    }
  }
}

/** What a body sent to the Images API says of the picture: its prompt (the Images API takes no seed). */
const sentOf = (body: { prompt: string }): SentRequest => ({ prompt: body.prompt });

/** The prompt with the legend of the references' labels after it (`offset` 1 when the source is image 1). */
function withLegend(prompt: string, references: GenerateRequest["references"], offset: number): string {
  const legend = referenceLegend(references, offset);
  return legend ? `${prompt} ${legend}` : prompt;
}
