import "server-only";
// The HTTP side of the Ideogram adapter: one POST (multipart or JSON, `Api-Key` header) with its failures as
// ProviderErrors, the Deprecation signal of an answer, and the download of the image links it returns. Used by
// lib/providers/ideogram.ts (generation) and lib/providers/ideogram-tools.ts (upscale, remove background, reframe,
// describe, magic prompt); see their headers for the documents followed.
import { httpError, transportError } from "./http-errors";
import { ProviderError, type GeneratedImage, type ProviderContext } from "./types";

/** One image of an answer (ImageObject / ImageGenerationObjectV3 / V4). */
export interface IdeogramImage {
  url?: string | null;
  prompt?: string;
  resolution?: string;
  upscaled_resolution?: string;
  is_image_safe?: boolean;
  seed?: number;
}

export interface IdeogramCall {
  baseUrl: string;
  apiKey: string;
  /** The path after the base URL: "/v1/ideogram-v3/reframe", "/upscale"… */
  path: string;
  body: FormData | Record<string, unknown>;
  /**
   * The catalog model the path serves: a 404 on it reads as that model's retirement (model_not_found), and a
   * Deprecation header is reported for it.
   */
  model?: string;
  context: ProviderContext;
}

/** An error answer as a ProviderError: 422 is the safety refusal; a 404 on a model's path, its retirement. */
export async function ideogramFailure(response: Response, baseUrl: string, model?: string): Promise<ProviderError> {
  const text = await response.text().catch(() => "");
  let message = text.slice(0, 500) || response.statusText;
  try {
    const body = JSON.parse(text) as { error?: unknown; detail?: unknown; message?: unknown };
    message = String(body.error ?? body.detail ?? body.message ?? message);
  } catch {
    /* not JSON: keep the text */
  }
  if (response.status === 422) {
    return new ProviderError("ideogram", "content_policy", `ideogram refused: ${message}`, { status: 422 });
  }
  // The model is in the path (or the path is the tool itself): a 404 on a documented endpoint means it is gone.
  if (response.status === 404 && model) {
    return new ProviderError("ideogram", "model_not_found", `Ideogram no longer serves ${model} (${new URL(response.url || baseUrl).pathname} answered 404: ${message})`, { status: 404, model });
  }
  return httpError("ideogram", response.status, message, response.headers);
}

/** POSTs one call and answers its JSON body; every failure is a ProviderError. */
export async function postIdeogram<T>(call: IdeogramCall): Promise<T> {
  const { signal } = call.context;
  try {
    signal.throwIfAborted();
    const json = !(call.body instanceof FormData);
    const response = await fetch(`${call.baseUrl}${call.path}`, {
      method: "POST",
      headers: { "Api-Key": call.apiKey, accept: "application/json", ...(json ? { "content-type": "application/json" } : {}) },
      body: json ? JSON.stringify(call.body) : (call.body as FormData),
      signal,
    });
    if (!response.ok) throw await ideogramFailure(response, call.baseUrl, call.model);
    const answer = (await response.json()) as T;
    if (call.model) lifecycleSignal(response.headers, (answer as { notice?: string }).notice, call.path, call.model, call.context);
    return answer;
  } catch (error) {
    throw transportError("ideogram", error, signal);
  }
}

/**
 * The images of an answer, downloaded at once (the links expire) through the SSRF-guarded downloader. Images
 * flagged unsafe are withheld; none left is a content_policy failure. `sent`: the prompt we sent, so a rewritten
 * one is kept as `revisedPrompt`.
 */
export async function downloadImages(data: IdeogramImage[], context: ProviderContext, sent?: string): Promise<GeneratedImage[]> {
  const safe = data.filter((d): d is IdeogramImage & { url: string } => d.is_image_safe !== false && typeof d.url === "string" && d.url.length > 0);
  if (!safe.length) {
    throw new ProviderError("ideogram", "content_policy", `Ideogram withheld ${data.length ? "every image as unsafe" : "all images"}`);
  }
  try {
    return await Promise.all(
      safe.map(async (item) => {
        const { data: bytes, mimeType } = await context.fetchResult(item.url);
        return { data: bytes, mimeType, seed: item.seed, revisedPrompt: sent !== undefined && item.prompt && item.prompt !== sent ? item.prompt : undefined };
      }),
    );
  } catch (error) {
    throw transportError("ideogram", error, context.signal);
  }
}

/** An endpoint Ideogram has deprecated says so (Deprecation header, RFC 9745; Sunset, RFC 8594; a `notice`). */
function lifecycleSignal(headers: Headers, notice: string | undefined, path: string, model: string, context: ProviderContext): void {
  const deprecation = headers.get("deprecation");
  if (!deprecation || !context.onModelStatus) return;
  const sunset = Date.parse(headers.get("sunset") ?? "");
  context.onModelStatus({
    model,
    status: "deprecated",
    ...(Number.isNaN(sunset) ? {} : { shutdownDate: new Date(sunset).toISOString().slice(0, 10) }),
    message: notice ?? `Ideogram marks POST ${path} as deprecated`,
    source: "response",
  });
}
