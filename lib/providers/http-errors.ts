import { ProviderError, type ProviderId } from "./types";

/** Seconds from a Retry-After header: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - now) / 1000);
}

/** A ProviderError for an HTTP failure of a service, classified by status. */
export function httpError(provider: ProviderId, status: number, message: string, headers?: Headers | Record<string, string | null | undefined>, cause?: unknown): ProviderError {
  const get = (name: string) =>
    headers instanceof Headers ? headers.get(name) : (headers?.[name] ?? headers?.[name.toLowerCase()] ?? undefined);
  const retryAfter = parseRetryAfter(get("retry-after") ?? undefined);
  const kind =
    status === 429 ? "rate_limited" : status >= 500 ? "server" : status === 401 || status === 403 ? "auth" : status === 408 ? "timeout" : "bad_request";
  return new ProviderError(provider, kind, `${provider} answered ${status}: ${message}`, { status, retryAfter, cause });
}

/** Maps a thrown fetch/SDK error without an HTTP status (abort, timeout, connection failure). */
export function transportError(provider: ProviderId, error: unknown, signal?: AbortSignal): ProviderError {
  if (error instanceof ProviderError) return error;
  if (signal?.aborted) {
    const reason = signal.reason as { name?: string } | undefined;
    return reason?.name === "TimeoutError"
      ? new ProviderError(provider, "timeout", `${provider} did not answer in time`, { cause: error })
      : new ProviderError(provider, "canceled", `${provider} call canceled`, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderError(provider, "network", `${provider} could not be reached: ${message}`, { cause: error });
}
