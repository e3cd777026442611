/**
 * Next 16 Proxy (the former `middleware.ts`): a fresh Content-Security-Policy nonce for every HTML page.
 *
 * Next reads the policy from the *request* headers while rendering and puts the nonce on its own scripts
 * (framework, page chunks, the inline flight data), so the policy goes on the forwarded request and on the
 * response. Only dynamically rendered pages can carry a per-request nonce: `/` and `/images/[id]` are.
 *
 * The headers every response gets (nosniff, Referrer-Policy, X-Frame-Options, …) and the API's and stored
 * files' own policies are static and live in next.config.ts `headers()`; this file only does what needs a
 * request. It runs in the Node.js runtime (Next 16's default for Proxy) but stays light on purpose: no
 * Prisma, sharp or lib/env.ts here, only `process.env` read directly.
 *
 * docs/security.md explains each directive and the one 'unsafe-inline' that remains (style attributes).
 */
import { NextResponse, type NextRequest } from "next/server";

/** 128 random bits, base64: unguessable and unique per response, as CSP nonces must be. */
function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/** The origin of PUBLIC_URL, when it is a valid absolute URL. */
function publicOrigin(): URL | null {
  const configured = process.env.PUBLIC_URL;
  if (!configured) return null;
  try {
    return new URL(configured);
  } catch {
    return null;
  }
}

/** The policy of an HTML page rendered with this nonce. */
function pageContentSecurityPolicy(nonce: string, options: { dev: boolean; publicUrl?: URL | null }): string {
  const { dev, publicUrl } = options;
  // Image and API URLs in the app are absolute, built from PUBLIC_URL when it is set: if the browser reached us
  // under another name (a LAN address, localhost), those URLs are cross-origin and still ours.
  const own = publicUrl ? ` ${publicUrl.origin}` : "";
  const directives = [
    "default-src 'self'",
    // 'strict-dynamic': scripts the nonce'd framework loads are trusted; 'self' is only a fallback for old browsers.
    // React uses eval() in development only (server error stacks in the browser).
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // <style>/<link> elements: our stylesheets and whatever Next inlines with the nonce. In development the
    // error overlay and hot reloading inject styles without one.
    `style-src 'self' ${dev ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    // style="…" attributes: React renders `style={{…}}` (progress widths, aspect ratios, swatch colours, crop box)
    // into the server HTML, and nonces cannot apply to attributes. Attributes cannot load scripts or make requests
    // beyond img-src, so this is the one 'unsafe-inline' kept (see docs/security.md).
    "style-src-attr 'unsafe-inline'",
    // data: previews arrive in the job event stream; blob: URLs preview files before they are uploaded.
    `img-src 'self' data: blob:${own}`,
    "font-src 'self'",
    `connect-src 'self'${own}`,
    "media-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'self'",
    "manifest-src 'self'",
  ];
  if (publicUrl?.protocol === "https:") directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const publicUrl = publicOrigin();
  const policy = pageContentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development", publicUrl });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  // HSTS only where it means something: a deployment whose public address is https (browsers ignore it over http).
  if (publicUrl?.protocol === "https:") response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: API routes, static chunks, image optimisation and public files keep the static headers of
      // next.config.ts (so uploads are not buffered through the proxy and _next/static is not slowed).
      source: "/((?!api/|_next/static|_next/image|favicon\\.svg|favicon\\.ico|robots\\.txt).*)",
      // Router prefetches fetch RSC payloads, not documents: no policy needed, and no work done.
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
