import "server-only";
// Any server speaking the OpenAI Images API at a base URL: self-hosted ones (LocalAI, vLLM-style gateways, …) and
// hosted ones with an OpenAI-compatible endpoint such as Recraft (https://external.api.recraft.ai/v1). The models
// and what each can do are catalog data (provider "openai-compatible": OPENAI_COMPATIBLE_MODELS plus an operator's
// MODEL_CATALOG_FILE / MODEL_CATALOG entries, see docs/models.md "Adding a model without code"): each model's own
// capabilities (sizes — a fixed table, a range, aspect ratios or free-form rules —, images per call, edit, mask,
// negative prompt, seed), its price, and `options`:
//   responseFormat  "b64_json" (default) | "url" | null (send none; either answer is accepted)
//   style           sent as `style` (Recraft's styles; OpenAI's dall-e-3 had vivid|natural)
//   extraBody       further fields sent as they are (e.g. Recraft's {"controls": {"no_text": true}})
// Follows the OpenAI API reference — Images (https://developers.openai.com/api/reference/resources/images) and, for
// Recraft, https://www.recraft.ai/docs/api-reference/endpoints ("Generate image") and /appendix (its size tables).
import OpenAI, { APIError, toFile, type Uploadable } from "openai";
import type { ImageEditParamsNonStreaming, ImageGenerateParamsNonStreaming, ImagesResponse } from "openai/resources/images";
import { z } from "zod";
import { checkSize, collectImages, dimensions, foldPrompt, mapError, openAIMask, sizeString, sourceUpload } from "./openai-images";
import { describeWithChat, enhanceWithChat } from "./openai-compatible-text";
import { composePrompt, referenceLegend } from "./prompt";
import {
  ProviderError,
  type GenerateRequest,
  type GenerateResult,
  type ImageProvider,
  type ModelInfo,
  type EnhanceRequest,
  type ProviderContext,
  type SentRequest,
  type SourceImage,
  type TextResult,
  type TextServices,
} from "./types";

export interface OpenAICompatibleConfig {
  /** The API root, e.g. http://gpu-box:8000/v1 (OPENAI_COMPATIBLE_BASE_URL). */
  baseUrl: string;
  apiKey?: string;
  /** The catalog's models for this server (default first). */
  models: ModelInfo[];
  /** Display name (OPENAI_COMPATIBLE_NAME). */
  name: string;
  /**
   * OPENAI_COMPATIBLE_TEXT_MODEL: a vision chat model of the server; switches on describe and enhance through
   * POST /chat/completions (./openai-compatible-text.ts). Unset: no text services. (Upscale, background removal and
   * expand are not offered: the Images API has no such operations and servers differ too much to assume them.)
   */
  textModel?: string;
}

/** What the adapter reads from a catalog entry's `options`. */
export const compatibleOptionsSchema = z.strictObject({
  responseFormat: z.enum(["b64_json", "url"]).nullable().default("b64_json"),
  style: z.string().min(1).optional(),
  extraBody: z.record(z.string(), z.unknown()).optional(),
});
type Options = z.output<typeof compatibleOptionsSchema>;

export class OpenAICompatibleProvider implements ImageProvider {
  readonly id = "openai-compatible" as const;
  readonly name: string;
  readonly models: ModelInfo[];
  private readonly options = new Map<string, Options>();
  private client?: OpenAI;

  constructor(private readonly config: OpenAICompatibleConfig) {
    this.name = config.name;
    this.models = config.models;
    for (const model of this.models) {
      if (model.lifecycle?.status === "retired") continue; // never called
      const parsed = compatibleOptionsSchema.safeParse(model.options ?? {});
      if (!parsed.success) {
        throw new Error(`The openai-compatible model ${model.id} has invalid options: ${parsed.error.issues.map((i) => `${i.path.join(".") || "options"}: ${i.message}`).join("; ")}`);
      }
      this.options.set(model.id, parsed.data);
    }
  }

  isConfigured(): boolean {
    return !!this.config.baseUrl && this.options.size > 0;
  }

  estimateCost(request: GenerateRequest): number {
    return (this.models.find((m) => m.id === request.model)?.costPerImageUsd ?? 0) * Math.max(1, request.n);
  }

  async generate(request: GenerateRequest, context: ProviderContext): Promise<GenerateResult> {
    const { model, options } = this.prepare(request, "generate");
    // Only a model whose catalog entry sets maxReferenceImages gets here with references (prepare refuses otherwise):
    // they go to /images/edits as image[], like OpenAI's own (several `image[]`, the labels said in the prompt).
    if (request.references?.length) return this.editCall(request, model, options, context, []);
    const body = { ...this.fields(request, model, options), prompt: this.prompt(request, model) };
    return this.call(request, model, context, sentOf(body), (client) => client.images.generate(body as unknown as ImageGenerateParamsNonStreaming, { signal: context.signal }));
  }

  /** POST /images/edits; a server without that endpoint (404) is a bad request for this provider, not an outage. */
  async edit(request: GenerateRequest, context: ProviderContext): Promise<GenerateResult> {
    const { model, options } = this.prepare(request, "edit");
    const source = request.source;
    if (!source) throw new ProviderError(this.id, "bad_request", "An edit needs a source image");
    let mask: File | undefined;
    if (request.mask) {
      const { width, height } = await dimensions(source);
      mask = await toFile(await openAIMask(request.mask, width, height), "mask.png", { type: "image/png" });
    }
    return this.editCall(request, model, options, context, [await sourceUpload(source, "source", { png: true })], mask);
  }

  /** POST /images/edits with `leading` (the source, if any) then the references: one `image`, or several `image[]`. */
  private async editCall(request: GenerateRequest, model: ModelInfo, options: Options, context: ProviderContext, leading: Uploadable[], mask?: File): Promise<GenerateResult> {
    const references = request.references ?? [];
    const images = [...leading, ...(await Promise.all(references.map((r, i) => sourceUpload(r, `reference-${i + 1}`))))];
    const legend = referenceLegend(references, leading.length);
    const prompt = legend ? `${this.prompt(request, model)} ${legend}` : this.prompt(request, model);
    const body = { ...this.fields(request, model, options), image: images.length === 1 ? images[0] : images, prompt, ...(mask ? { mask } : {}) };
    try {
      return await this.call(request, model, context, sentOf(body), (client) => client.images.edit(body as unknown as ImageEditParamsNonStreaming, { signal: context.signal }));
    } catch (error) {
      if (error instanceof ProviderError && error.status === 404 && error.kind !== "model_not_found") {
        throw new ProviderError(this.id, "bad_request", `${this.name} has no edit endpoint (POST /images/edits answered 404)`, { status: 404, cause: error });
      }
      throw error;
    }
  }

  textServices(): TextServices | undefined {
    const model = this.config.textModel?.trim();
    return model && this.isConfigured() ? { model, describe: true, enhance: true, estimateUsd: 0 } : undefined;
  }

  async describeImage(image: SourceImage, context: ProviderContext): Promise<TextResult> {
    return describeWithChat(this.sdk(), this.name, this.textModel(), image, context.signal);
  }

  async enhancePrompt(request: EnhanceRequest, context: ProviderContext): Promise<TextResult> {
    return enhanceWithChat(this.sdk(), this.name, this.textModel(), request, context.signal);
  }

  private textModel(): string {
    const model = this.config.textModel?.trim();
    if (!model) throw new ProviderError(this.id, "bad_request", `${this.name} has no text model configured (OPENAI_COMPATIBLE_TEXT_MODEL)`);
    return model;
  }

  /**
   * GET /models with the key. A server that answers 404 there has no such list (Recraft): reachable is healthy. A
   * server that lists models but not the default one cannot serve it: unhealthy, saying so.
   */
  async health(signal: AbortSignal): Promise<{ healthy: boolean; message?: string }> {
    if (!this.isConfigured()) return { healthy: false, message: "No OpenAI-compatible base URL or models are configured" };
    const fallback = this.models.find((m) => this.options.has(m.id))!;
    try {
      const ids: string[] = [];
      for await (const listed of this.sdk().models.list({ signal })) ids.push(listed.id);
      if (ids.length && !ids.includes(fallback.id)) return { healthy: false, message: `${this.name} does not list the model ${fallback.id} (it lists ${ids.slice(0, 10).join(", ")})` };
      return { healthy: true };
    } catch (error) {
      if (error instanceof APIError && error.status === 404) return { healthy: true, message: `${this.name} answers (it has no GET /models)` };
      return { healthy: false, message: mapError(this.id, error, signal).message };
    }
  }

  /** The prompt: style, palette and what to avoid folded in, except what the model takes as a parameter. */
  private prompt(request: GenerateRequest, model: ModelInfo): string {
    return model.capabilities.negativePrompt ? composePrompt(request, { negativePrompt: true }) : foldPrompt(request);
  }

  /** The body besides prompt and images: the standard fields, then what the model's capabilities and options add. */
  private fields(request: GenerateRequest, model: ModelInfo, options: Options): Record<string, unknown> {
    const negative = request.negativePrompt?.trim();
    return {
      ...options.extraBody,
      model: model.id,
      n: request.n,
      size: sizeString(request),
      ...(options.responseFormat ? { response_format: options.responseFormat } : {}),
      ...(options.style ? { style: options.style } : {}),
      ...(model.capabilities.negativePrompt && negative ? { negative_prompt: negative } : {}),
      ...(model.capabilities.seed && request.seed !== undefined ? { seed: request.seed } : {}),
    };
  }

  /** Refuses, before anything is sent, what the model cannot do (by its own catalog entry). */
  private prepare(request: GenerateRequest, operation: "generate" | "edit"): { model: ModelInfo; options: Options } {
    if (!this.isConfigured()) throw new ProviderError(this.id, "auth", "No OpenAI-compatible base URL or models are configured");
    const bad = (message: string) => new ProviderError(this.id, "bad_request", message);
    const model = this.models.find((m) => m.id === request.model);
    if (!model) throw bad(`Unknown model ${request.model}; ${this.name} serves ${[...this.options.keys()].join(", ")}`);
    if (model.lifecycle?.status === "retired") throw bad(`${model.id} was retired${model.lifecycle.successor ? ` (its successor is ${model.lifecycle.successor})` : ""}; it is never sent`);
    const c = model.capabilities;
    if (!c[operation]) throw bad(`${model.id} on ${this.name} cannot ${operation === "generate" ? "generate images" : "edit images"}`);
    if (request.mask && !c.mask) throw bad(`${model.id} on ${this.name} cannot edit with a mask`);
    const references = request.references?.length ?? 0;
    const inputs = references + (operation === "edit" ? 1 : 0);
    if (references && inputs > (c.maxReferenceImages ?? 0)) {
      throw bad(c.maxReferenceImages ? `${model.id} on ${this.name} takes at most ${c.maxReferenceImages} input images, not ${inputs}` : `${model.id} on ${this.name} does not take reference images`);
    }
    if (!Number.isInteger(request.n) || request.n < 1 || request.n > c.maxImages) throw bad(`${model.id} on ${this.name} makes 1 to ${c.maxImages} images per call`);
    if (c.sizes.kind === "aspect") {
      // Its pixel table at each of its size classes.
      const scales = [1, ...Object.values(c.resolutions ?? {})];
      const sizes = Object.values(c.sizes.pixels).flatMap((p) => scales.map((s) => p.split("x").map((v) => Number(v) * s).join("x")));
      if (!sizes.includes(sizeString(request))) throw bad(`${model.id} does not accept the size ${sizeString(request)}`);
    } else {
      checkSize(this.id, model.id, c.sizes, request.width, request.height);
    }
    return { model, options: this.options.get(model.id)! };
  }

  /**
   * The official SDK, never retrying on its own (the reliability layer does), without OpenAI's organization and
   * project headers, without an Authorization header when no key is set, and reading error bodies that are not in
   * OpenAI's shape (see `openAIShapedErrors`).
   */
  private sdk(): OpenAI {
    this.client ??= new OpenAI({
      apiKey: this.config.apiKey || "unused",
      baseURL: this.config.baseUrl,
      maxRetries: 0,
      organization: null,
      project: null,
      fetch: openAIShapedErrors,
      ...(this.config.apiKey ? {} : { defaultHeaders: { Authorization: null } }),
    });
    return this.client;
  }

  private async call(
    request: GenerateRequest,
    model: ModelInfo,
    context: ProviderContext,
    sent: SentRequest,
    send: (client: OpenAI) => PromiseLike<ImagesResponse> & { withResponse(): Promise<{ data: ImagesResponse; request_id: string | null | undefined }> },
  ): Promise<GenerateResult> {
    try {
      const { data, request_id } = await send(this.sdk()).withResponse();
      return {
        images: await collectImages(this.id, data, context),
        sent,
        model: model.id,
        costUsd: this.estimateCost(request),
        ...(request_id ? { externalId: request_id } : {}),
      };
    } catch (error) {
      throw this.failure(error, model.id, context.signal);
    }
  }

  /**
   * A 404 that says the model is unknown (OpenAI's code model_not_found; vLLM's and LocalAI's "model … does not
   * exist / not found") is a retirement of that model; anything else as the shared mapping classifies it.
   */
  private failure(error: unknown, model: string, signal: AbortSignal): ProviderError {
    if (error instanceof APIError && error.status === 404) {
      const body = (error.error ?? {}) as { code?: unknown; message?: unknown };
      const message = typeof body.message === "string" ? body.message : error.message;
      if (String(error.code ?? body.code ?? "") === "model_not_found" || /model\b.*\b(does not exist|not found|unknown)/i.test(message)) {
        return new ProviderError(this.id, "model_not_found", `${this.name} does not serve the model ${model} (any more): ${message}`, { status: 404, model, cause: error });
      }
    }
    return mapError(this.id, error, signal);
  }
}

/** What a body sent to the server says of the picture: its prompt, and the seed where the model takes one. */
function sentOf(body: Record<string, unknown> & { prompt: string }): SentRequest {
  return { prompt: body.prompt, ...(typeof body.seed === "number" ? { seed: body.seed } : {}) };
}

/**
 * Compatible servers answer errors in their own shapes — Recraft `{code, message}`, vLLM `{object: "error", message,
 * code}`, FastAPI `{detail}` — and the SDK keeps only an `error` object, so what they said would be lost ("400 status
 * code (no body)"). This rewrites such a body as `{error: {message, code}}` on the way in.
 */
export async function openAIShapedErrors(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const response = await fetch(input, init);
  if (response.ok) return response;
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const record = body && typeof body === "object" ? (body as Record<string, unknown>) : undefined;
  if (record && record.error && typeof record.error === "object") body = record;
  else {
    const said = (record ? (record.message ?? record.detail ?? record.error) : undefined) ?? (text || response.statusText || "no body");
    const code = record && (typeof record.code === "string" || typeof record.code === "number") ? String(record.code) : undefined;
    body = { error: { message: typeof said === "string" ? said : JSON.stringify(said), ...(code ? { code } : {}) } };
  }
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  headers.delete("content-encoding");
  headers.set("content-type", "application/json");
  return new Response(JSON.stringify(body), { status: response.status, statusText: response.statusText, headers });
}
