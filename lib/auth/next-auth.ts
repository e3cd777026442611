import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { checkPassword, clientAddressOf, userForOAuth } from "./accounts";
import { authSecret } from "./session";

/** Too many attempts: the sign-in page says so (the code travels in the redirect URL, so it reveals nothing). */
class TooManyAttempts extends CredentialsSignin {
  code = "rate_limited";
}

/** The OAuth providers whose credentials are configured. */
export function oauthProviders(): Array<{ id: "github" | "google"; name: string }> {
  const c = env();
  return [
    ...(c.AUTH_GITHUB_ID && c.AUTH_GITHUB_SECRET ? [{ id: "github" as const, name: "GitHub" }] : []),
    ...(c.AUTH_GOOGLE_ID && c.AUTH_GOOGLE_SECRET ? [{ id: "google" as const, name: "Google" }] : []),
  ];
}

function authConfig(): NextAuthConfig {
  const c = env();
  return {
    secret: authSecret(),
    // Self-hosted: the host the request came in on is ours (PUBLIC_URL, when set, is the canonical one).
    trustHost: true,
    session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
    // Auth.js's own messages as our JSON log lines; a refused password is an expected event, not an error.
    logger: {
      error(error) {
        const type = (error as { type?: string }).type ?? error.name;
        if (type === "CredentialsSignin") log.info("sign-in refused", { reason: (error as { code?: string }).code ?? "credentials" });
        else if (type === "MissingCSRF") log.warn("auth request without its CSRF token refused");
        else log.error("auth error", { type, error: error.message });
      },
      warn(code) {
        log.warn("auth warning", { code });
      },
      debug() {},
    },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      Credentials({
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          const email = typeof credentials?.email === "string" ? credentials.email : "";
          const password = typeof credentials?.password === "string" ? credentials.password : "";
          if (!email || !password) return null;
          const result = await checkPassword(email, password, clientAddressOf(request));
          if (result.ok) return { id: result.user.id, email: result.user.email, name: result.user.name };
          if (result.retryAfter !== undefined) {
            log.warn("sign-in refused: too many attempts", { email });
            throw new TooManyAttempts();
          }
          return null;
        },
      }),
      ...(c.AUTH_GITHUB_ID && c.AUTH_GITHUB_SECRET ? [GitHub({ clientId: c.AUTH_GITHUB_ID, clientSecret: c.AUTH_GITHUB_SECRET })] : []),
      ...(c.AUTH_GOOGLE_ID && c.AUTH_GOOGLE_SECRET ? [Google({ clientId: c.AUTH_GOOGLE_ID, clientSecret: c.AUTH_GOOGLE_SECRET })] : []),
    ],
    callbacks: {
      // Only our own origin: a path on it, or an absolute URL on it. Anything else, malformed included (Auth.js's
      // default throws a TypeError on it and shows a configuration error), is a bad parameter: home instead.
      redirect({ url, baseUrl }) {
        if (url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\")) return `${baseUrl}${url}`;
        try {
          return new URL(url).origin === new URL(baseUrl).origin ? url : baseUrl;
        } catch {
          return baseUrl;
        }
      },
      async jwt({ token, user, account, profile }) {
        // On sign-in only: put our user id in the token (`uid`); an OAuth sign-in is linked to a user first.
        if (account && account.provider !== "credentials") {
          token.uid = await userForOAuth({
            provider: account.provider,
            providerAccountId: account.providerAccountId,
            email: profile?.email ?? user?.email,
            // GitHub returns only verified primary emails; Google says so explicitly.
            emailVerified: account.provider === "github" ? true : Boolean((profile as { email_verified?: boolean } | undefined)?.email_verified),
            name: profile?.name ?? user?.name,
            image: user?.image,
          });
        } else if (user?.id) {
          token.uid = user.id;
        }
        return token;
      },
      session({ session, token }) {
        if (typeof token.uid === "string") session.user.id = token.uid;
        return session;
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => authConfig());
