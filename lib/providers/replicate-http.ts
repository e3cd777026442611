import "server-only";
import type { Prediction } from "replicate";
import { httpError, transportError } from "./http-errors";
import { ProviderError } from "./types";

/** The HTTP side of the Replicate adapter: failures as ProviderErrors, and the SDK's own retries switched off. */

/** A prediction that ended without output (failed, canceled, aborted) as a ProviderError. */
export function predictionFailure(prediction: Prediction): ProviderError {
  const detail = typeof prediction.error === "string" ? prediction.error : JSON.stringify(prediction.error ?? "no error given");
  if (prediction.status === "canceled") return new ProviderError("replicate", "canceled", `Prediction ${prediction.id} was canceled`);
  if (prediction.status === "aborted") return new ProviderError("replicate", "timeout", `Prediction ${prediction.id} passed its deadline before starting`);
  const kind = /nsfw|safety|sensitive|flagged|E005|content polic/i.test(detail) ? "content_policy" : "server";
  return new ProviderError("replicate", kind, `Prediction ${prediction.id} failed: ${detail}`);
}

/** The SDK throws `ApiError` (with the Response) for HTTP failures; everything else is transport. */
export function toProviderError(error: unknown, signal?: AbortSignal): ProviderError {
  if (error instanceof ProviderError) return error;
  const response = (error as { name?: string; response?: unknown })?.response;
  if ((error as Error)?.name === "ApiError" && response instanceof Response) {
    return httpError("replicate", response.status, apiErrorDetail((error as Error).message), response.headers, error);
  }
  return transportError("replicate", error, signal);
}

/** Replicate answers errors as problem details `{title, detail, status}`; the SDK embeds the body in its message. */
function apiErrorDetail(message: string): string {
  const start = message.indexOf("{");
  const end = message.lastIndexOf("}");
  if (start >= 0 && end > start) {
    try {
      const body = JSON.parse(message.slice(start, end + 1)) as { detail?: unknown; title?: unknown };
      const text = body.detail ?? body.title;
      if (typeof text === "string" && text) return text;
    } catch {
      /* not JSON: fall through */
    }
  }
  return message;
}

/**
 * The SDK retries every request it sends (POSTs on 429, GETs on 429/5xx, and any thrown error) up to five
 * times with no option to turn that off. A prediction is a billable POST and our reliability layer owns
 * retries, so each request the SDK makes is sent once: a repeat of the same request (the SDK reuses its `init`
 * object for retries) replays the first outcome instead of going to the network again.
 */
export function withoutSdkRetries(baseFetch: typeof fetch): (input: Request | string, init?: RequestInit) => Promise<Response> {
  type Outcome = { status: number; statusText: string; headers: Headers; body: ArrayBuffer | null };
  const sent = new WeakMap<object, Promise<Outcome>>();
  return async (input, init) => {
    const key = init ?? (input as object);
    let outcome = sent.get(key);
    if (!outcome) {
      outcome = baseFetch(input, init).then(async (response) => ({
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
        body: [101, 204, 205, 304].includes(response.status) ? null : await response.arrayBuffer(),
      }));
      sent.set(key, outcome);
    }
    const { status, statusText, headers, body } = await outcome;
    return new Response(body, { status, statusText, headers });
  };
}
