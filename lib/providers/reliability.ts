import { transportError } from "./http-errors";
import { ProviderError, type ProviderId } from "./types";

export interface RetryPolicy {
  /** Per-call timeout (each attempt gets its own). */
  timeoutMs: number;
  /** Retries after the first attempt, for retryable failures (429, 5xx, network). */
  maxRetries: number;
  /** Base of the exponential backoff; attempt k waits a random time in [0, base·2^k] (full jitter). */
  baseDelayMs?: number;
  /** Cap of one wait, including a server's Retry-After. */
  maxDelayMs?: number;
  /** Called before each retry (logs, metrics, tests). */
  onRetry?: (info: { attempt: number; delayMs: number; error: ProviderError }) => void;
}

/** A wait that ends early (rejecting) when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Calls a provider with a timeout per attempt and bounded retries with exponential backoff and full jitter,
 * honouring Retry-After. Only retryable failures are retried; a timeout, a refusal or a bad request is final
 * for this provider (the caller may fall back to another). The SDKs' own retries are switched off in the
 * adapters, so this is the only retry loop and a billable call is never repeated blindly.
 */
export async function withRetries<T>(
  provider: ProviderId,
  call: (signal: AbortSignal) => Promise<T>,
  policy: RetryPolicy,
  signal: AbortSignal,
): Promise<T> {
  const base = policy.baseDelayMs ?? 500;
  const cap = policy.maxDelayMs ?? 30_000;
  for (let attempt = 0; ; attempt++) {
    // An explicit timer, not AbortSignal.timeout(): combined with AbortSignal.any, Node 20 may collect the timeout
    // signal before it fires (nodejs/node#57736), and the attempt would then never time out.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new DOMException("The operation timed out.", "TimeoutError")), policy.timeoutMs);
    const attemptSignal = AbortSignal.any([signal, deadline.signal]);
    try {
      return await call(attemptSignal);
    } catch (raw) {
      let error = transportError(provider, raw, attemptSignal);
      if (!signal.aborted && attemptSignal.aborted && error.kind === "canceled") {
        error = new ProviderError(provider, "timeout", `${provider} did not answer within ${Math.round(policy.timeoutMs / 1000)} s`, { cause: raw });
      }
      if (signal.aborted || !error.retryable || attempt >= policy.maxRetries) throw error;
      const backoff = Math.random() * base * 2 ** attempt;
      const delayMs = Math.min(cap, error.retryAfter !== undefined ? Math.max(error.retryAfter * 1000, backoff) : backoff);
      policy.onRetry?.({ attempt: attempt + 1, delayMs, error });
      await sleep(delayMs, signal);
    } finally {
      clearTimeout(timer);
    }
  }
}
