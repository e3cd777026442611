import "server-only";
import { baseUrlOf } from "@/lib/net/base-url";
import { handlers } from "./next-auth";

/**
 * Auth.js builds its redirects (after sign-in, to the sign-in page, OAuth callback URLs) on the request's URL, and
 * Next builds that from the name it listens on (`localhost`), not the one the person used (127.0.0.1, a LAN name).
 * The request goes on with the origin the API routes use (PUBLIC_URL, else Host; X-Forwarded-* only behind
 * TRUST_PROXY), as next-auth itself does for AUTH_URL.
 */
async function onOurOrigin(req: Request): Promise<Request> {
  const url = new URL(req.url);
  const target = new URL(`${url.pathname}${url.search}`, baseUrlOf(req));
  // A callbackUrl that is no URL at all is a bad parameter: dropped (home after sign-in), where Auth.js would log
  // a TypeError and show its configuration error.
  const callbackUrl = target.searchParams.get("callbackUrl");
  if (callbackUrl !== null && !isHttpUrl(callbackUrl)) target.searchParams.delete("callbackUrl");
  if (target.href === url.href) return req;
  const body = req.method === "GET" || req.method === "HEAD" ? undefined : await req.arrayBuffer();
  return new Request(target, { method: req.method, headers: req.headers, body, signal: req.signal });
}

/** A path on this site or an absolute http(s) URL (Auth.js's redirect callback then keeps only our origin). */
function isHttpUrl(value: string): boolean {
  if (value.startsWith("/")) return !value.startsWith("//") && !value.startsWith("/\\");
  try {
    return /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
}

type AuthHandler = (req: Request) => Promise<Response>;
const authGet = handlers.GET as unknown as AuthHandler;
const authPost = handlers.POST as unknown as AuthHandler;

export const GET = async (req: Request) => authGet(await onOurOrigin(req));
export const POST = async (req: Request) => authPost(await onOurOrigin(req));
