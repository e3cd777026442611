/**
 * People in the integration tests: accounts through the real sign-up route, sessions through the real Auth.js
 * credentials sign-in (CSRF token, form post, session cookie), minted session cookies, and API-key headers.
 */
import "./next-esm"; // before anything imports next-auth
import { encode } from "next-auth/jwt";
import { GET as authGetRoute, POST as authPostRoute } from "@/app/api/auth/[...nextauth]/route";
import { POST as signUpRoute } from "@/app/api/auth/sign-up/route";
import { authSecret } from "@/lib/auth/session";
import { origin } from "./http";

/** The session cookie's name over http (Auth.js adds `__Secure-` over https). */
export const sessionCookieName = "authjs.session-token";

type AuthHandler = (req: Request) => Promise<Response>;
// Auth.js types its handlers for NextRequest; it reads nothing a plain Request lacks.
const authGet = authGetRoute as unknown as AuthHandler;
const authPost = authPostRoute as unknown as AuthHandler;

/** The cookies a response sets, name → value (attributes dropped; an emptied cookie is left out). */
export function cookiesSetBy(res: Response): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const at = pair.indexOf("=");
    const value = pair.slice(at + 1);
    if (at > 0 && value) cookies.set(pair.slice(0, at), value);
  }
  return cookies;
}

const cookieHeader = (cookies: Map<string, string>) => [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");

/** What a browser adds to a request that our own pages make. */
export const sameOriginHeaders: Record<string, string> = { origin, "sec-fetch-site": "same-origin" };

/**
 * POST /api/auth/sign-up; returns the response (201 with the account). By default as the sign-up page sends it;
 * `headers` replace those browser headers (add `sameOriginHeaders` to keep them).
 */
export function signUp(account: { email: string; password: string; name?: string }, headers: Record<string, string> = sameOriginHeaders) {
  const req = new Request(new URL("/api/auth/sign-up", origin), {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify(account),
  });
  return signUpRoute(req, { params: Promise.resolve({}) });
}

export interface SignInResult {
  /** The callback's answer: Auth.js redirects (302) both on success and on failure. */
  status: number;
  location: URL | null;
  /** `error` and `code` of a failed sign-in's redirect to /sign-in (e.g. CredentialsSignin + credentials | rate_limited). */
  error: string | null;
  code: string | null;
  /** "authjs.session-token=…", ready for a Cookie header, when the sign-in succeeded. */
  sessionCookie: string | null;
}

/**
 * Signs in through the real Auth.js routes as the sign-in form does: GET /api/auth/csrf (token + its cookie),
 * then POST /api/auth/callback/credentials with the token, email and password. `address` becomes the client
 * address (X-Forwarded-For) that the per-address attempt limit counts.
 *
 * Auth.js's log of a refused sign-in is dropped (see `withoutAuthJsError`).
 */
export async function signInWithPassword(email: string, password: string, options: { address?: string } = {}): Promise<SignInResult> {
  const client: Record<string, string> = options.address ? { "x-forwarded-for": options.address } : {};
  const csrf = await authGet(new Request(new URL("/api/auth/csrf", origin), { headers: client }));
  if (csrf.status !== 200) throw new Error(`GET /api/auth/csrf answered ${csrf.status}: ${await csrf.text()}`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };

  const res = await withoutAuthJsError("CredentialsSignin", () =>
    authPost(
      new Request(new URL("/api/auth/callback/credentials", origin), {
        method: "POST",
        headers: {
          ...client,
          cookie: cookieHeader(cookiesSetBy(csrf)),
          "content-type": "application/x-www-form-urlencoded",
          origin,
          "sec-fetch-site": "same-origin",
        },
        body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${origin}/` }),
      }),
    ),
  );
  const location = res.headers.get("location") ? new URL(res.headers.get("location")!, origin) : null;
  const token = cookiesSetBy(res).get(sessionCookieName);
  return {
    status: res.status,
    location,
    error: location?.searchParams.get("error") ?? null,
    code: location?.searchParams.get("code") ?? null,
    sessionCookie: token ? `${sessionCookieName}=${token}` : null,
  };
}

/**
 * Runs `run` and drops what Auth.js logs for an expected refusal of type `errorType` (CredentialsSignin,
 * MissingCSRF…): its "[auth][error] <type>" line and the stack after it, so a test of many refusals stays readable.
 * Anything else logged meanwhile is passed on.
 */
export async function withoutAuthJsError<T>(errorType: string, run: () => Promise<T>): Promise<T> {
  const logged: unknown[][] = [];
  const consoleError = console.error;
  console.error = (...args: unknown[]) => void logged.push(args);
  try {
    return await run();
  } finally {
    console.error = consoleError;
    for (let i = 0; i < logged.length; i++) {
      const first = String(logged[i][0] ?? "");
      if (first.includes("[auth][error]") && first.includes(` ${errorType}:`)) i++; // and its stack line
      else consoleError(...logged[i]);
    }
  }
}

/** A session cookie as Auth.js would issue it for `userId` (our `uid` claim), without signing in. */
export async function mintSessionCookie(userId: string): Promise<string> {
  const token = await encode({ token: { uid: userId, sub: userId }, secret: authSecret(), salt: sessionCookieName });
  return `${sessionCookieName}=${token}`;
}

/** Headers of a signed-in browser on our own pages. */
export const sessionHeaders = (cookie: string): Record<string, string> => ({ cookie, "sec-fetch-site": "same-origin" });

/** Headers of an integration calling with an API key. */
export const keyHeaders = (key: string): Record<string, string> => ({ authorization: `Bearer ${key}` });
