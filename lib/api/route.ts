import "server-only";
import { randomBytes } from "node:crypto";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/current-user";
import { env } from "@/lib/env";
import { errorResponse } from "./error-response";

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

/** The origin clients reached us at: PUBLIC_URL when set, else the request's (proxy headers respected). */
export function baseUrlOf(request: Request): string {
  const configured = env().PUBLIC_URL;
  if (configured) return configured.replace(/\/$/, "");
  const url = new URL(request.url);
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? url.host;
  const proto = request.headers.get("x-forwarded-proto") ?? url.protocol.replace(":", "");
  return `${proto.split(",")[0].trim()}://${host.split(",")[0].trim()}`;
}

function wrap<P>(run: (context: Omit<RouteContext<P>, "user">) => Promise<Response>) {
  return async (req: Request, segment?: { params?: Promise<P> }): Promise<Response> => {
    const requestId = req.headers.get("x-request-id")?.match(/^[\w-]{6,64}$/)?.[0] ?? newRequestId();
    let response: Response;
    try {
      const params = ((await segment?.params) ?? {}) as P;
      response = await run({ req, params, requestId, baseUrl: baseUrlOf(req) });
    } catch (error) {
      response = errorResponse(error, requestId, { method: req.method, path: new URL(req.url).pathname });
    }
    response.headers.set("X-Request-Id", requestId);
    return response;
  };
}

/**
 * Wraps a route handler: request id, caller, error mapping, the same for every route.
 * The handler parses input, calls one service function and shapes the response.
 */
export function route<P = Record<string, string | string[]>>(handler: Handler<P>) {
  return wrap<P>(async (context) => handler({ ...context, user: await getCurrentUser(context.req) }));
}

/** A route that needs no caller (health, signed file links). */
export function publicRoute<P = Record<string, string | string[]>>(handler: PublicHandler<P>) {
  return wrap<P>(async (context) => handler(context));
}
