import "server-only";
import { db } from "@/lib/db";
import { trustedForwarded } from "@/lib/net/base-url";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { hitRateLimit } from "@/lib/rate-limit";
import { hashPassword, passwordProblem, verifyPassword } from "./password";

/** People: sign-up, password checks with a guard against guessing, OAuth accounts linked by verified email. */

export interface AccountDto {
  id: string;
  email: string | null;
  name: string | null;
  role: "user" | "admin";
}

const normalizeEmail = (email: string) => email.trim().toLowerCase();
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export async function createAccount(input: { email: string; password: string; name?: string; role?: "user" | "admin" }): Promise<AccountDto> {
  const email = normalizeEmail(input.email);
  if (!emailPattern.test(email) || email.length > 254) throw new AppError("invalid_request", "Enter a valid email address.", { details: [{ path: ["email"], message: "invalid" }] });
  const problem = passwordProblem(input.password);
  if (problem) throw new AppError("invalid_request", problem, { details: [{ path: ["password"], message: problem }] });
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await db().user.create({
      data: { id: newId("usr"), email, name: input.name?.trim() || email.split("@")[0], passwordHash, role: input.role ?? "user" },
    });
    return { id: user.id, email: user.email, name: user.name, role: user.role === "admin" ? "admin" : "user" };
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw new AppError("conflict", "An account with this email already exists: sign in instead.");
    throw error;
  }
}

/** Sign-up from the web page: only in multi-user mode, and only while ALLOW_SIGN_UP is on. */
export async function signUp(input: { email: string; password: string; name?: string }): Promise<AccountDto> {
  const config = env();
  if (config.AUTH_MODE !== "multi-user") throw new AppError("forbidden", "This studio runs in single-user mode: there is nothing to sign up for.");
  if (!config.ALLOW_SIGN_UP) throw new AppError("forbidden", "Sign-up is closed on this studio: ask its administrator for an account.");
  return createAccount(input);
}

const window = 15 * 60;

/**
 * Checks an email and password. Attempts are counted in 15-minute windows; past a limit the check is refused
 * without being tried, with the seconds to wait. Without a known client address (no TRUST_PROXY) the limit is
 * SIGN_IN_ATTEMPTS_PER_15_MIN per email. With one, that limit applies per email and address — a stranger
 * guessing from elsewhere does not hold the owner back —, with ten times as many per email from all addresses
 * (distributed guessing) and five times as many per address across emails (spraying).
 * Every attempt costs a full scrypt, whether or not the account exists.
 */
export async function checkPassword(emailInput: string, password: string, clientAddress: string | null): Promise<{ ok: true; user: AccountDto } | { ok: false; retryAfter?: number }> {
  const email = normalizeEmail(emailInput);
  const limit = env().SIGN_IN_ATTEMPTS_PER_15_MIN;
  const limits = clientAddress
    ? [
        { key: `sign-in:email-ip:${email}:${clientAddress}`, limit },
        { key: `sign-in:email:${email}`, limit: limit * 10 },
        { key: `sign-in:ip:${clientAddress}`, limit: limit * 5 },
      ]
    : [{ key: `sign-in:email:${email}`, limit }];
  const hits = await Promise.all(limits.map((l) => hitRateLimit({ ...l, windowSeconds: window })));
  if (hits.some((h) => !h.allowed)) return { ok: false, retryAfter: Math.max(...hits.map((h) => h.retryAfter ?? 0)) };
  const user = await db().user.findUnique({ where: { email } });
  if (!(await verifyPassword(password, user?.passwordHash))) return { ok: false };
  return { ok: true, user: { id: user!.id, email: user!.email, name: user!.name, role: user!.role === "admin" ? "admin" : "user" } };
}

/**
 * The user behind an OAuth sign-in: the linked account's, else the user with the provider's verified email (linked
 * now), else a new user.
 */
export async function userForOAuth(profile: { provider: string; providerAccountId: string; email?: string | null; emailVerified?: boolean; name?: string | null; image?: string | null }): Promise<string> {
  const linked = await db().authAccount.findUnique({ where: { provider_providerAccountId: { provider: profile.provider, providerAccountId: profile.providerAccountId } } });
  if (linked) return linked.userId;
  const email = profile.email ? normalizeEmail(profile.email) : null;
  const existing = email && profile.emailVerified ? await db().user.findUnique({ where: { email } }) : null;
  const userId = existing?.id ?? newId("usr");
  if (!existing) {
    if (env().AUTH_MODE === "multi-user" && !env().ALLOW_SIGN_UP) throw new AppError("forbidden", "Sign-up is closed on this studio.");
    await db().user.create({ data: { id: userId, email: profile.emailVerified ? email : null, name: profile.name ?? email ?? "New user", image: profile.image ?? null } });
  }
  await db().authAccount.create({ data: { id: newId("acc"), userId, provider: profile.provider, providerAccountId: profile.providerAccountId } });
  return userId;
}

/**
 * The client address for rate limits: with TRUST_PROXY (N proxies), the X-Forwarded-For entry the outermost trusted
 * proxy added (N from the right: entries left of it may be forged by the client); otherwise null — a route handler
 * cannot see the socket, and a header anyone can forge must not count.
 */
export function clientAddressOf(request: Request | undefined): string | null {
  if (!env().TRUST_PROXY || !request) return null;
  return trustedForwarded(request, "x-forwarded-for") || request.headers.get("x-real-ip") || null;
}
