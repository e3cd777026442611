import { AppError } from "@/lib/errors";

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/** What a browser may say in Sec-Fetch-Site for a request that our own pages (or the user, typing a URL) made. */
const sameSiteAnswers = new Set(["same-origin", "none"]);

/** The scheme, host and port of an absolute URL, lower-cased as browsers serialise it; null when not parseable. */
function originOf(value: string): string | null {
  try {
    const url = new URL(value);
    return url.origin === "null" ? null : url.origin;
  } catch {
    return null;
  }
}

/**
 * Refuses a state-changing request that a browser sent on behalf of another site (cross-site request forgery):
 * the session cookie rides along with such requests, so the browser's own word about where they came from decides.
 *
 * - GET, HEAD and OPTIONS pass: they must not change anything.
 * - When `Sec-Fetch-Site` is present (every current browser sends it), it must be `same-origin` (our own pages)
 *   or `none` (typed by the user). `same-site` is refused too: a sibling subdomain is another application.
 * - Otherwise, when `Origin` is present (older browsers), it must equal `expectedOrigin` (scheme, host and port).
 *   `Origin: null` (sandboxed frames, some redirects) is refused.
 * - With neither header the request did not come from a browser page (curl, server to server): it passes, as it
 *   cannot carry a victim's cookie without the caller already holding it.
 *
 * Requests authenticated by `Authorization: Bearer …` are exempt: browsers never add that header on their own, so
 * a forged request cannot carry it. The caller decides that and skips this check for them; this function only
 * looks at the method and the two headers.
 *
 * @param expectedOrigin the app's public origin, such as `https://studio.example.com` (a trailing path is ignored)
 * @returns null when the request may proceed, else a `forbidden` AppError to answer with (403)
 */
export function checkCsrf(request: Request, expectedOrigin: string): AppError | null {
  if (safeMethods.has(request.method.toUpperCase())) return null;

  const fetchSite = request.headers.get("sec-fetch-site")?.trim().toLowerCase();
  if (fetchSite) {
    if (sameSiteAnswers.has(fetchSite)) return null;
    return new AppError("forbidden", `Cross-site request refused: this ${request.method} came from another site (Sec-Fetch-Site: ${fetchSite.slice(0, 40)}).`);
  }

  const origin = request.headers.get("origin")?.trim();
  if (origin) {
    const expected = originOf(expectedOrigin);
    const given = origin === "null" ? null : originOf(origin);
    if (given && expected && given === expected) return null;
    return new AppError(
      "forbidden",
      `Cross-site request refused: Origin ${JSON.stringify(origin.slice(0, 200))} is not this app's origin (${expected ?? expectedOrigin}).`,
    );
  }

  return null;
}
