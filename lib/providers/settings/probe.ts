import "server-only";
import type { ManagedProviderId } from "./managed";
import { managedProviders } from "./managed";

/** What "Test" found, in words for the page: "Connected — 14 models", "The key was refused (401)". */
export interface ProbeResult {
  ok: boolean;
  message: string;
  /** The provider's HTTP status, when it answered. */
  status?: number;
  /** How many models the key can use, where the answer lists them. */
  models?: number;
  /** The request made, for the audit and the page ("GET https://api.openai.com/v1/models"). */
  request: string;
}

/**
 * The cheapest documented request that proves a key works, none of them billed (checked against the providers'
 * references, December 2026):
 * - OpenAI: GET /v1/models — https://developers.openai.com/api/reference/resources/models/methods/list
 * - OpenAI-compatible servers: GET {base}/models (the same list; 404 where a server has none, e.g. Recraft)
 * - Google Gemini API: models.list, GET /v1beta/models — https://ai.google.dev/api/models#method:-models.list
 * - Replicate: GET /v1/account — https://replicate.com/docs/reference/http#account.get
 * - Ideogram: GET /models (the account's custom models; free, no image is made) —
 *   https://developer.ideogram.ai/v1/api-reference/custom-model-training/list-models
 */
export function probeRequest(provider: ManagedProviderId, baseUrl: string | undefined, secret: string | undefined): { url: string; headers: Record<string, string> } {
  const base = (baseUrl ?? managedProviders[provider].defaultBaseUrl ?? "").replace(/\/+$/, "");
  const bearer: Record<string, string> = secret ? { authorization: `Bearer ${secret}` } : {};
  switch (provider) {
    case "openai":
    case "openai-compatible":
      return { url: `${base}/models`, headers: bearer };
    case "google":
      return { url: `${base}/v1beta/models?pageSize=1000`, headers: secret ? { "x-goog-api-key": secret } : {} };
    case "replicate":
      return { url: `${base}/account`, headers: bearer };
    case "ideogram":
      return { url: `${base}/models`, headers: secret ? { "Api-Key": secret } : {} };
  }
}

/** Google answers a wrong key with 400 INVALID_ARGUMENT, reason API_KEY_INVALID (its provider's message is not shown: some echo part of the key). */
function keyInvalid(status: number, body: Record<string, unknown> | null): boolean {
  if (status !== 400) return false;
  const details = (body?.error as { details?: Array<{ reason?: string }> } | undefined)?.details;
  return Array.isArray(details) && details.some((d) => d?.reason === "API_KEY_INVALID");
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Sends the probe (no redirects followed: a redirect is reported, not taken) and says what it found. */
export async function probeProvider(provider: ManagedProviderId, baseUrl: string | undefined, secret: string | undefined, timeoutMs = 10_000): Promise<ProbeResult> {
  const { url, headers } = probeRequest(provider, baseUrl, secret);
  const request = `GET ${url.replace(/\?.*$/, "")}`;
  const host = new URL(url).host;
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: "application/json", ...headers }, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const e = error as Error & { cause?: { code?: string; message?: string } };
    if (e.name === "TimeoutError") return { ok: false, message: `No answer from ${host} within ${timeoutMs / 1000} s.`, request };
    const why = e.cause?.code ?? e.cause?.message;
    return { ok: false, message: `Could not connect to ${host}${why ? ` (${why})` : ""}.`, request };
  }
  const status = response.status;
  const body = await response.json().catch(() => null) as Record<string, unknown> | null;
  if (status >= 300 && status < 400) return { ok: false, status, message: `${host} answered with a redirect (${status}): is the base URL right?`, request };
  if (status === 401 || status === 403 || keyInvalid(status, body)) return { ok: false, status, message: `The key was refused (${status}).`, request };
  if (status === 404 && provider === "openai-compatible") return { ok: true, status, message: "Connected — the server answers (it has no model list).", request };
  if (status === 404) return { ok: false, status, message: `Nothing at ${request.slice(4)} (404): is the base URL right?`, request };
  if (status === 429) return { ok: false, status, message: "The provider is limiting this key (429): out of quota or credit, or too many requests. Try again later.", request };
  if (status >= 400) return { ok: false, status, message: `The provider answered with an error (${status}).`, request };
  if (provider === "replicate") {
    const name = typeof body?.username === "string" ? body.username : null;
    return { ok: true, status, message: name ? `Connected — account ${name}.` : "Connected.", request };
  }
  const list = provider === "google" ? body?.models : provider === "ideogram" ? (body?.models ?? body?.data) : body?.data;
  if (!Array.isArray(list)) return { ok: true, status, message: "Connected.", request };
  const count = list.length;
  const what = provider === "ideogram" ? `${plural(count, "custom model")}` : plural(count, "model");
  return { ok: true, status, models: count, message: `Connected — ${what}.`, request };
}
