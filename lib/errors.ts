/** The one error model of the app: every failure a caller can see is an AppError with a code from docs/api.md. */
export const errorStatus = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  /** The request body did not arrive in full within REQUEST_BODY_TIMEOUT_SECONDS. */
  request_timeout: 408,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_image: 422,
  /** A request named a retired model and MODEL_AUTO_UPGRADE=false (details name the successor). */
  model_retired: 422,
  rate_limited: 429,
  budget_exceeded: 429,
  internal: 500,
  provider_error: 502,
  /** Every processing slot and queue place is taken (PROCESSING_CONCURRENCY, PROCESSING_QUEUE); sent with Retry-After. */
  busy: 503,
  timeout: 504,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof errorStatus;

export interface AppErrorOptions {
  details?: unknown;
  /** Seconds after which a retry can succeed (sent as `Retry-After`). */
  retryAfter?: number;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  readonly retryAfter?: number;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.details = options.details;
    this.retryAfter = options.retryAfter;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

export const notFound = (what: string) => new AppError("not_found", `${what} not found`);
