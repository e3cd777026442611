import "server-only";
// Any self-hosted server speaking the OpenAI Images API (LocalAI, vLLM-style gateways, …) at a base URL.
// Follows the OpenAI API reference — Images: https://platform.openai.com/docs/api-reference/images
import type OpenAI from "openai";
import { toFile } from "openai";
import type { ImagesResponse } from "openai/resources/images";
import { checkSize, collectImages, createClient, dimensions, foldPrompt, mapError, openAIMask, sizeString, sourceUpload } from "./openai-images";
import {
  ProviderError,
  type GenerateRequest,
  type GenerateResult,
  type ImageProvider,
  type ModelCapabilities,
  type ModelInfo,
  type ProviderContext,
} from "./types";

export interface OpenAICompatibleConfig {
  /** The API root, e.g. http://gpu-box:8000/v1 (OPENAI_COMPATIBLE_BASE_URL). */
  baseUrl: string;
  apiKey?: string;
  /** Model ids the server offers; the first is the default. */
  models: string[];
  /** Display name (OPENAI_COMPATIBLE_NAME). */
  name: string;
  /** What one image costs on this server (default 0: self-hosted). */
  costPerImageUsd?: number;
  /** The response_format asked for (default b64_json; null sends none). Either answer is accepted. */
  responseFormat?: "b64_json" | "url" | null;
}

/** Conservative: such servers usually take any WxH, but few support more than a handful of images per call. */
export const COMPATIBLE_CAPABILITIES: ModelCapabilities = {
  generate: true,
  edit: true,
  variations: false,
  mask: false,
  transparentBackground: false,
  negativePrompt: false,
  seed: false,
  maxImages: 4,
  sizes: { kind: "range", min: 256, max: 2048, multipleOf: 64 },
};

export class OpenAICompatibleProvider implements ImageProvider {
  readonly id = "openai-compatible" as const;
  readonly name: string;
  readonly models: ModelInfo[];
  private client?: OpenAI;

  constructor(private readonly config: OpenAICompatibleConfig) {
    this.name = config.name;
    this.models = config.models
      .map((id) => id.trim())
      .filter(Boolean)
      .map((id) => ({ id, label: id, capabilities: COMPATIBLE_CAPABILITIES, costPerImageUsd: config.costPerImageUsd ?? 0 }));
  }

  isConfigured(): boolean {
    return !!this.config.baseUrl && this.models.length > 0;
  }

  estimateCost(request: GenerateRequest): number {
    return (this.config.costPerImageUsd ?? 0) * Math.max(1, request.n);
  }

  async generate(request: GenerateRequest, context: ProviderContext): Promise<GenerateResult> {
    const model = this.prepare(request);
    return this.call(request, context, (client) =>
      client.images.generate(
        { model, prompt: foldPrompt(request), n: request.n, size: sizeString(request) as "1024x1024", ...this.responseFormat() },
        { signal: context.signal },
      ),
    );
  }

  /** POST /images/edits; a server without that endpoint (404) is a bad request for this provider, not an outage. */
  async edit(request: GenerateRequest, context: ProviderContext): Promise<GenerateResult> {
    const model = this.prepare(request);
    const source = request.source;
    if (!source) throw new ProviderError(this.id, "bad_request", "An edit needs a source image");
    const image = await sourceUpload(source, "source", { png: true });
    let mask: File | undefined;
    if (request.mask) {
      const { width, height } = await dimensions(source);
      mask = await toFile(await openAIMask(request.mask, width, height), "mask.png", { type: "image/png" });
    }
    try {
      return await this.call(request, context, (client) =>
        client.images.edit(
          { model, image, prompt: foldPrompt(request), n: request.n, size: sizeString(request), ...(mask ? { mask } : {}), ...this.responseFormat() },
          { signal: context.signal },
        ),
      );
    } catch (error) {
      if (error instanceof ProviderError && error.status === 404) {
        throw new ProviderError(this.id, "bad_request", `${this.name} has no edit endpoint (POST /images/edits answered 404)`, { status: 404, cause: error });
      }
      throw error;
    }
  }

  async health(signal: AbortSignal): Promise<{ healthy: boolean; message?: string }> {
    if (!this.isConfigured()) return { healthy: false, message: "No OpenAI-compatible base URL or models are configured" };
    try {
      await this.sdk().models.list({ signal });
      return { healthy: true };
    } catch (error) {
      return { healthy: false, message: mapError(this.id, error, signal).message };
    }
  }

  private responseFormat() {
    const format = this.config.responseFormat === undefined ? "b64_json" : this.config.responseFormat;
    return format ? { response_format: format } : {};
  }

  private prepare(request: GenerateRequest): string {
    if (!this.isConfigured()) throw new ProviderError(this.id, "auth", "No OpenAI-compatible base URL or models are configured");
    const model = this.models.find((m) => m.id === request.model);
    if (!model) throw new ProviderError(this.id, "bad_request", `Unknown model ${request.model}; ${this.name} serves ${this.models.map((m) => m.id).join(", ")}`);
    if (request.n < 1 || request.n > COMPATIBLE_CAPABILITIES.maxImages) {
      throw new ProviderError(this.id, "bad_request", `${this.name} makes 1 to ${COMPATIBLE_CAPABILITIES.maxImages} images per call`);
    }
    checkSize(this.id, model.id, COMPATIBLE_CAPABILITIES.sizes, request.width, request.height);
    return model.id;
  }

  private sdk(): OpenAI {
    this.client ??= createClient({ apiKey: this.config.apiKey, baseURL: this.config.baseUrl, selfHosted: true });
    return this.client;
  }

  private async call(
    request: GenerateRequest,
    context: ProviderContext,
    send: (client: OpenAI) => PromiseLike<ImagesResponse> & { withResponse(): Promise<{ data: ImagesResponse; request_id: string | null | undefined }> },
  ): Promise<GenerateResult> {
    try {
      const { data, request_id } = await send(this.sdk()).withResponse();
      return {
        images: await collectImages(this.id, data, context),
        model: request.model,
        costUsd: this.estimateCost(request),
        ...(request_id ? { externalId: request_id } : {}),
      };
    } catch (error) {
      throw mapError(this.id, error, context.signal);
    }
  }
}
