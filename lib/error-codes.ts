/**
 * The API's error codes (docs/api.md "Errors") with their HTTP statuses, and the `details` the UI reads. No
 * imports, no server code: the studio's components switch on these, lib/errors.ts builds AppError on them, and the
 * OpenAPI document lists them as the Error schema's enum.
 */
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

/** Every code an API error (and so every AppError) can have. */
export type ErrorCode = keyof typeof errorStatus;

/** The codes as a list, in the order of errorStatus (by status). */
export const errorCodes = Object.keys(errorStatus) as ErrorCode[];

export const isErrorCode = (value: unknown): value is ErrorCode => typeof value === "string" && Object.hasOwn(errorStatus, value);

/**
 * A job's `error.code`: an API code, or "partial" on a succeeded job that made fewer images than asked
 * (docs/api.md "Generation").
 */
export type JobErrorCode = ErrorCode | "partial";

/** `details.limit` of a `budget_exceeded`: today's budget is spent (it resets at midnight UTC), or one image costs more than MAX_COST_PER_IMAGE_USD. */
export type BudgetLimit = "daily" | "per_image";

/**
 * `details.reason` of a generation job's `provider_error`: how the provider failed (the adapters' failure kinds,
 * ProviderErrorKind in lib/providers/types.ts, less those with a code of their own: timeout, model_retired).
 */
export type ProviderFailureReason = "content_policy" | "auth" | "rate_limited" | "server" | "network" | "bad_request" | "canceled";
