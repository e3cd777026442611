import "server-only";
import { ZodError } from "zod";
import { AppError, type ErrorCode } from "@/lib/errors";
import { log } from "@/lib/log";

/** The structured part of a zod issue the browser words from (the limit, the unknown keys, the expected type), never its input. */
function issueFacts(issue: ZodError["issues"][number]): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(issue)) {
    if (!factKeys.has(key)) continue;
    if (typeof value === "bigint") facts[key] = Number(value);
    else if (typeof value === "string" || typeof value === "number" || Array.isArray(value)) facts[key] = value;
  }
  return facts;
}
const factKeys = new Set(["origin", "minimum", "maximum", "keys", "expected"]);

/** Maps anything thrown to the API's error body; unknown errors become a logged 500 with a generic message. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) {
    const first = error.issues[0];
    const where = first?.path.length ? `${first.path.join(".")}: ` : "";
    return new AppError("invalid_request", `Invalid request: ${where}${first?.message ?? "invalid input"}`, {
      details: error.issues.map((i) => ({ path: i.path, message: i.message, code: i.code, ...issueFacts(i) })),
    });
  }
  const prismaCode = (error as { code?: unknown })?.code;
  if (typeof prismaCode === "string" && /^P\d{4}$/.test(prismaCode)) {
    const map: Record<string, [ErrorCode, string]> = {
      P2025: ["not_found", "Not found"],
      P2002: ["conflict", "A record with the same unique value already exists"],
      P2003: ["not_found", "A referenced record does not exist"],
    };
    const mapped = map[prismaCode];
    if (mapped) return new AppError(mapped[0], mapped[1], { cause: error });
  }
  return new AppError("internal", "Something went wrong on our side. Try again, and quote the request id if it persists.", {
    cause: error,
  });
}

/** The mapped error, logged when it is ours (500), with the headers every error response carries. */
function prepare(error: unknown, requestId: string, context: Record<string, unknown>) {
  const appError = toAppError(error);
  if (appError.code === "internal") log.error("request failed", { requestId, ...context, error: appError.cause ?? error });
  const headers = new Headers({ "Cache-Control": "no-store" });
  if (appError.retryAfter !== undefined) headers.set("Retry-After", String(Math.ceil(appError.retryAfter)));
  const shaped = { code: appError.code, message: appError.message, ...(appError.details !== undefined ? { details: appError.details } : {}) };
  return { status: appError.status, headers, error: shaped };
}

export function errorResponse(error: unknown, requestId: string, context: Record<string, unknown> = {}): Response {
  const { status, headers, error: body } = prepare(error, requestId, context);
  return Response.json({ error: { ...body, requestId } }, { status, headers });
}

/** The compatibility route's error shape: `{success: false, error: {code, message}, request_id}`. */
export function compatErrorResponse(error: unknown, requestId: string): Response {
  const { status, headers, error: body } = prepare(error, requestId, {});
  return Response.json({ success: false, error: body, request_id: requestId }, { status, headers });
}
