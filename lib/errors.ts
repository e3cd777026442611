/**
 * The one error model of the app: every failure a caller can see is an AppError with a code from docs/api.md. The
 * codes and their statuses live in the browser-safe lib/error-codes.ts (the UI switches on them).
 */
import { errorStatus, type ErrorCode } from "./error-codes";

export { errorCodes, errorStatus, isErrorCode, type ErrorCode } from "./error-codes";

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
