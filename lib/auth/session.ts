import "server-only";
import { getToken } from "next-auth/jwt";
import { baseUrlOf } from "@/lib/net/base-url";
import { env } from "@/lib/env";
import { appSecret } from "@/lib/secrets";

/** The secret that signs and encrypts session cookies: AUTH_SECRET, else one derived from the instance secret. */
export function authSecret(): string {
  return env().AUTH_SECRET ?? appSecret("auth.js session").toString("base64url");
}

/** Session cookies are `__Secure-` prefixed when the app is reached over https (as Auth.js names them). */
export const usesSecureCookies = (request: Request) => baseUrlOf(request).startsWith("https:");

/**
 * The user id of the request's Auth.js session cookie (a JWT, encrypted with `authSecret()`), or null. Read from
 * the request itself, so route handlers, pages and tests resolve sessions the same way.
 */
export async function sessionUserId(request: Request): Promise<string | null> {
  if (!request.headers.get("cookie")?.includes("authjs.session-token")) return null;
  const token = await getToken({ req: request, secret: authSecret(), secureCookie: usesSecureCookies(request) });
  const id = token?.uid ?? token?.sub;
  return typeof id === "string" && id ? id : null;
}
