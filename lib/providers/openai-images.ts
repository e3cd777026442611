import "server-only";
// What the OpenAI adapter and the OpenAI-compatible adapter share: prompt folding, uploads, mask conversion, size
// checks, error mapping (404 model_not_found → a retirement), turning an Images API answer (b64_json or url, or an
// SSE stream) into GeneratedImages, and the cost of a call from its `usage`.
// The request/response shapes follow the OpenAI API reference — Images:
// https://developers.openai.com/api/reference/resources/images (and openai/openai-node src/resources/images.ts).
import OpenAI, { APIConnectionTimeoutError, APIError, APIUserAbortError, toFile, type Uploadable } from "openai";
import type { ImageEditStreamEvent, ImageGenStreamEvent, ImagesResponse } from "openai/resources/images";
import type { Stream } from "openai/core/streaming";
import sharp from "sharp";
import { httpError, transportError } from "./http-errors";
import { composePrompt } from "./prompt";
import { freeSizeError } from "./sizes";
import {
  ProviderError,
  type GenerateRequest,
  type GeneratedImage,
  type ModelPrice,
  type ProviderContext,
  type ProviderId,
  type SizeSpec,
  type SourceImage,
} from "./types";

/** Create an SDK client that never retries on its own: our reliability layer owns retries (billable POSTs). */
export function createClient(options: { apiKey?: string; baseURL?: string; selfHosted?: boolean }): OpenAI {
  return new OpenAI({
    apiKey: options.apiKey || "unused",
    baseURL: options.baseURL,
    maxRetries: 0,
    // OPENAI_ORG_ID / OPENAI_PROJECT_ID belong to api.openai.com, never to a self-hosted server.
    ...(options.selfHosted ? { organization: null, project: null } : {}),
    // A self-hosted server without a key gets no Authorization header at all.
    ...(options.apiKey ? {} : { defaultHeaders: { Authorization: null } }),
  });
}

/** The prompt with what the Images API has no parameter for folded in: style, palette, negative prompt. */
export function foldPrompt(request: GenerateRequest, maxLength = 32000): string {
  const folded = composePrompt(request);
  // Past the model's limit the additions are dropped rather than the user's own words.
  return folded.length > maxLength ? request.prompt : folded;
}

export const sizeString = (request: Pick<GenerateRequest, "width" | "height">) => `${request.width}x${request.height}`;

/** Throws bad_request when the size is not one the model accepts (before spending anything). */
export function checkSize(provider: ProviderId, model: string, spec: SizeSpec, width: number, height: number): void {
  if (spec.kind === "free") {
    const why = freeSizeError(spec, width, height);
    if (why) throw new ProviderError(provider, "bad_request", `${model} does not accept the size ${why}`);
    return;
  }
  const ok =
    spec.kind === "exact"
      ? spec.sizes.includes(`${width}x${height}`)
      : spec.kind === "range"
        ? [width, height].every((v) => Number.isInteger(v) && v >= spec.min && v <= spec.max && v % spec.multipleOf === 0)
        : true;
  if (!ok) throw new ProviderError(provider, "bad_request", `${model} does not accept the size ${width}x${height}`);
}

/** Sniffs the image type from its first bytes. */
export function sniffMime(data: Buffer): string | null {
  if (data.length >= 8 && data.readUInt32BE(0) === 0x89504e47) return "image/png";
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return "image/jpeg";
  if (data.length >= 12 && data.toString("latin1", 0, 4) === "RIFF" && data.toString("latin1", 8, 12) === "WEBP") return "image/webp";
  // An animated answer (gpt-image-2.6 `output_format: "gif"`).
  if (data.length >= 6 && /^GIF8[79]a$/.test(data.toString("latin1", 0, 6))) return "image/gif";
  return null;
}

const extensions: Record<string, string> = { "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp" };

/** The source as an uploadable file; PNG/JPEG/WebP pass through, anything else (a GIF, or `png: true`) becomes PNG. */
export async function sourceUpload(source: SourceImage, name: string, options: { png?: boolean; square?: number } = {}): Promise<Uploadable> {
  const type = sniffMime(source.data);
  if (options.square) {
    const data = await sharp(source.data).resize(options.square, options.square, { fit: "cover" }).png().toBuffer();
    return toFile(data, `${name}.png`, { type: "image/png" });
  }
  if (type && extensions[type] && !(options.png && type !== "image/png")) return toFile(source.data, `${name}.${extensions[type]}`, { type });
  return toFile(await sharp(source.data).png().toBuffer(), `${name}.png`, { type: "image/png" });
}

/**
 * Our masks are white = change, black = keep; OpenAI's are PNGs whose fully transparent pixels mark the area to
 * edit, at the source image's dimensions. White becomes alpha 0, black stays opaque (grey maps in between).
 */
export async function openAIMask(mask: SourceImage, width: number, height: number): Promise<Buffer> {
  const grey = await sharp(mask.data).resize(width, height, { fit: "fill" }).flatten({ background: "#000000" }).greyscale().raw().toBuffer();
  const rgba = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) rgba[i * 4 + 3] = 255 - grey[i];
  return sharp(rgba, { raw: { width, height, channels: 4 } }).png().toBuffer();
}

/** Source dimensions read from the bytes (the declared ones may be stale). */
export async function dimensions(source: SourceImage): Promise<{ width: number; height: number }> {
  const meta = await sharp(source.data).metadata();
  return { width: meta.width ?? source.width, height: meta.height ?? source.height };
}

const contentPolicyCodes = new Set(["moderation_blocked", "content_policy_violation", "content_filter"]);

/**
 * Maps anything the SDK throws to a classified ProviderError. A 404 whose code is `model_not_found` (the answer for a
 * model that was shut down or never existed) becomes kind "model_not_found" naming `model`, the id that was sent.
 */
export function mapError(provider: ProviderId, error: unknown, signal: AbortSignal, model?: string): ProviderError {
  if (error instanceof ProviderError) return error;
  if (signal.aborted || error instanceof APIUserAbortError) return transportError(provider, error, signal);
  if (error instanceof APIConnectionTimeoutError) return new ProviderError(provider, "timeout", `${provider} did not answer in time`, { cause: error });
  if (error instanceof APIError) {
    const body = (error.error ?? {}) as { code?: unknown; message?: unknown };
    const code = String(error.code ?? body.code ?? "");
    const message = typeof body.message === "string" ? body.message : error.message;
    if (contentPolicyCodes.has(code)) {
      return new ProviderError(provider, "content_policy", `${provider} refused the request: ${message}`, { status: error.status, cause: error });
    }
    if (error.status === 404 && code === "model_not_found") {
      const id = model ?? /model '([^']+)'/.exec(message)?.[1];
      return new ProviderError(provider, "model_not_found", `${provider} does not serve ${id ? `the model ${id}` : "that model"} (any more): ${message}`, { status: 404, cause: error, model: id });
    }
    if (error.status) return httpError(provider, error.status, message, error.headers, error);
    if (Object.keys(body).length) return new ProviderError(provider, "server", `${provider} failed: ${message}`, { cause: error }); // error event in a stream
  }
  return transportError(provider, error, signal);
}

/** Turns an Images API answer into images: b64_json decoded, urls downloaded through `context.fetchResult`. */
export async function collectImages(provider: ProviderId, response: ImagesResponse, context: ProviderContext): Promise<GeneratedImage[]> {
  const images: GeneratedImage[] = [];
  for (const item of response.data ?? []) {
    let data: Buffer;
    let mimeType: string | null;
    if (item.b64_json) {
      data = Buffer.from(item.b64_json, "base64");
      mimeType = sniffMime(data) ?? (response.output_format ? `image/${response.output_format}` : null);
    } else if (item.url) {
      const fetched = await context.fetchResult(item.url);
      data = fetched.data;
      mimeType = sniffMime(data) ?? fetched.mimeType;
    } else continue;
    images.push({ data, mimeType, ...(item.revised_prompt ? { revisedPrompt: item.revised_prompt } : {}) });
  }
  if (!images.length) throw new ProviderError(provider, "server", `${provider} answered without an image`);
  return images;
}

type StreamEvent = ImageGenStreamEvent | ImageEditStreamEvent;

/**
 * Reads an Images API SSE stream: each `*.partial_image` goes to onProgress, each `*.completed` is a final image
 * (with the usage of the call). The SDK ends the iteration quietly on abort, so the signal is checked after.
 */
export async function consumeStream(
  provider: ProviderId,
  stream: Stream<StreamEvent>,
  context: ProviderContext,
  partialImages: number,
): Promise<{ images: GeneratedImage[]; response: ImagesResponse }> {
  const response: ImagesResponse = { created: Math.floor(Date.now() / 1000), data: [] };
  for await (const event of stream) {
    if (event.type === "image_generation.partial_image" || event.type === "image_edit.partial_image") {
      const progress = Math.min(0.95, (event.partial_image_index + 1) / (partialImages + 1));
      context.onProgress?.({ partialImage: Buffer.from(event.b64_json, "base64"), progress });
    } else if (event.type === "image_generation.completed" || event.type === "image_edit.completed") {
      response.data!.push({ b64_json: event.b64_json });
      response.output_format = event.output_format;
      if (event.usage) response.usage = addUsage(response.usage, event.usage);
    }
  }
  if (context.signal.aborted) throw transportError(provider, context.signal.reason, context.signal);
  if (!response.data!.length) throw new ProviderError(provider, "server", `${provider} ended the stream without an image`);
  context.onProgress?.({ progress: 1 });
  return { images: await collectImages(provider, response, context), response };
}

type Usage = NonNullable<ImagesResponse["usage"]>;

function addUsage(total: Usage | undefined, usage: Usage): Usage {
  if (!total) return usage;
  const sum = (a?: { text_tokens: number; image_tokens: number }, b?: { text_tokens: number; image_tokens: number }) => ({
    text_tokens: (a?.text_tokens ?? 0) + (b?.text_tokens ?? 0),
    image_tokens: (a?.image_tokens ?? 0) + (b?.image_tokens ?? 0),
  });
  return {
    input_tokens: total.input_tokens + usage.input_tokens,
    output_tokens: total.output_tokens + usage.output_tokens,
    total_tokens: total.total_tokens + usage.total_tokens,
    input_tokens_details: sum(total.input_tokens_details, usage.input_tokens_details),
    ...(total.output_tokens_details || usage.output_tokens_details ? { output_tokens_details: sum(total.output_tokens_details, usage.output_tokens_details) } : {}),
  };
}

/**
 * The exact cost of a call from the `usage` it reported, at a model's token prices (US dollars per 1M tokens):
 * input text and image tokens apart when the details are given (else all input counts as text), output image and
 * text tokens apart (text output at the text-output price where the model has one, else at the image price).
 * Undefined when the model has no token prices (its estimate is charged instead).
 */
export function usageCost(usage: Usage | undefined, prices: ModelPrice["tokens"]): number | undefined {
  if (!usage || !prices) return undefined;
  const imageIn = usage.input_tokens_details?.image_tokens ?? 0;
  const textIn = usage.input_tokens_details?.text_tokens ?? Math.max(0, usage.input_tokens - imageIn);
  const textOut = usage.output_tokens_details?.text_tokens ?? 0;
  const imageOut = usage.output_tokens_details?.image_tokens ?? Math.max(0, usage.output_tokens - textOut);
  const imageOutPrice = prices.imageOutput ?? 0;
  const dollars =
    (textIn * (prices.textInput ?? 0) + imageIn * (prices.imageInput ?? prices.textInput ?? 0) + imageOut * imageOutPrice + textOut * (prices.textOutput ?? imageOutPrice)) / 1e6;
  return Math.round(dollars * 1e9) / 1e9;
}

/** Our usage record from the API's. */
export function toUsage(usage: Usage | undefined) {
  return usage ? { inputTokens: usage.input_tokens, outputTokens: usage.output_tokens, totalTokens: usage.total_tokens } : undefined;
}
