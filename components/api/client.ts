/** A small fetch layer for the browser: JSON in and out, and the API's error body turned into an Error. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly requestId?: string,
    readonly details?: unknown,
    /** Seconds until a retry can succeed (the `Retry-After` header of a 429). */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

const offline = () => new ApiError("Could not reach Image Studio. Check your connection and try again.", 0, "network");

/** `Retry-After` as seconds (it may also be an HTTP date); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/** Builds an ApiError from a response body (text), falling back to a sentence about the status. */
export function errorFromBody(status: number, body: string, retryAfter?: number): ApiError {
  try {
    const { error } = JSON.parse(body) as { error?: { code?: string; message?: string; requestId?: string; details?: unknown } };
    if (error?.message) return new ApiError(error.message, status, error.code ?? "unknown", error.requestId, error.details, retryAfter);
  } catch {
    // Not JSON: a proxy page or an empty body.
  }
  return new ApiError(`The server answered ${status}. Please try again.`, status, "unknown", undefined, undefined, retryAfter);
}

export async function apiFetch<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, headers, ...rest } = init;
  let response: Response;
  try {
    response = await fetch(path, {
      ...rest,
      headers: { Accept: "application/json", ...(json !== undefined ? { "Content-Type": "application/json" } : {}), ...headers },
      body: json !== undefined ? JSON.stringify(json) : rest.body,
    });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw offline();
  }
  if (!response.ok) throw errorFromBody(response.status, await response.text(), parseRetryAfter(response.headers.get("retry-after")));
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** The message to show for any thrown value. */
export function messageOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return "Something went wrong. Please try again.";
}

export { offline as networkError };
