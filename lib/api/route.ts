import "server-only";
import { randomBytes } from "node:crypto";
import type { ApiKeyScope } from "@/lib/auth/api-keys";
import { getCurrentUser, requireScope, type CurrentUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";
import { checkCsrf } from "./csrf";
import { baseUrlOf } from "@/lib/net/base-url";
import { compatErrorResponse, errorResponse } from "./error-response";

export { baseUrlOf };

export interface RouteContext<P> {
  req: Request;
  params: P;
  user: CurrentUser;
  requestId: string;
  /** The app's public origin, for absolute URLs in responses. */
  baseUrl: string;
}

type Handler<P> = (context: RouteContext<P>) => Promise<Response> | Response;
type PublicHandler<P> = (context: Omit<RouteContext<P>, "user">) => Promise<Response> | Response;

const newRequestId = () => `req_${randomBytes(9).toString("base64url")}`;

function wrap<P>(run: (context: Omit<RouteContext<P>, "user">) => Promise<Response>, errorShape: RouteOptions["errorShape"] = "api") {
  return async (req: Request, segment?: { params?: Promise<P> }): Promise<Response> => {
    const requestId = req.headers.get("x-request-id")?.match(/^[\w-]{6,64}$/)?.[0] ?? newRequestId();
    let response: Response;
    try {
      const params = ((await segment?.params) ?? {}) as P;
      response = await run({ req, params, requestId, baseUrl: baseUrlOf(req) });
    } catch (error) {
      response =
        errorShape === "compat"
          ? compatErrorResponse(error, requestId)
          : errorResponse(error, requestId, { method: req.method, path: new URL(req.url).pathname });
    }
    response.headers.set("X-Request-Id", requestId);
    return response;
  };
}

export interface RouteOptions {
  /**
   * What an API key needs for this route: by default "read" for GET/HEAD and "write" for everything else;
   * "generate" for routes that spend on AI providers.
   */
  scope?: ApiKeyScope;
  /** Who may call: by default anyone authenticated; key management is for people (sessions, the local owner). */
  callers?: ReadonlyArray<CurrentUser["via"]>;
  /** "compat": errors (sign-in, scope, cross-site included) in the compatibility route's `{success: false}` shape. */
  errorShape?: "api" | "compat";
}

const reads = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Wraps a route handler: request id, caller, API-key scope, cross-site check, error mapping, the same for every
 * route. The handler parses input, calls one service function and shapes the response.
 */
export function route<P = Record<string, string | string[]>>(handler: Handler<P>, options: RouteOptions = {}) {
  return wrap<P>(async (context) => {
    const user = await getCurrentUser(context.req);
    // A browser's cookie (or the cookie-less local owner) rides along on cross-site requests; a bearer key does not.
    if (user.via !== "api-key") {
      const refused = checkCsrf(context.req, context.baseUrl);
      if (refused) throw refused;
    }
    requireScope(user, options.scope ?? (reads.has(context.req.method) ? "read" : "write"));
    if (options.callers && !options.callers.includes(user.via)) {
      throw new AppError("forbidden", user.via === "api-key" ? "API keys cannot do this: sign in to the studio." : "Not allowed for this caller.");
    }
    return handler({ ...context, user });
  }, options.errorShape);
}

/** A route that needs no caller (health, signed file links). */
export function publicRoute<P = Record<string, string | string[]>>(handler: PublicHandler<P>) {
  return wrap<P>(async (context) => handler(context));
}
