import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { authenticateApiKey, type ApiKeyScope } from "./api-keys";
import { sessionUserId } from "./session";

/** Who is acting. Every service call takes one, and every query is scoped by its id. */
export interface CurrentUser {
  id: string;
  role: "user" | "admin";
  /** How the caller proved it: an API key, a signed-in session, or the embedded install's local owner. */
  via: "api-key" | "session" | "local";
  /** What an API key may do; every scope for sessions and the local owner. */
  scopes: readonly ApiKeyScope[];
}

export const localUserId = "local";
const allScopes: readonly ApiKeyScope[] = ["read", "write", "generate"];
let localUser: Promise<CurrentUser> | undefined;

/** The embedded install's owner: created on first use, so a fresh install works with no sign-up. */
function ensureLocalUser(): Promise<CurrentUser> {
  localUser ??= db()
    .user.upsert({
      where: { id: localUserId },
      create: { id: localUserId, name: "Local user", role: "admin" },
      update: {},
      select: { id: true },
    })
    .then((u) => ({ id: u.id, role: "admin" as const, via: "local" as const, scopes: allScopes }))
    .catch((e) => {
      localUser = undefined;
      throw e;
    });
  return localUser;
}

/** The bearer token of a request, if it carries one. */
export function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new AppError("unauthorized", 'The Authorization header must be "Bearer <API key>".');
  return match[1];
}

/**
 * Resolves the caller of a request: an `Authorization: Bearer` API key first (a bad one is a 401, never a
 * fallback), then a signed-in session, then — in single-user mode only — the local owner. In multi-user mode a
 * request with neither is a 401.
 */
export async function getCurrentUser(request: Request): Promise<CurrentUser> {
  const token = bearerToken(request);
  if (token) {
    const key = await authenticateApiKey(token);
    return { id: key.ownerId, role: key.role === "admin" ? "admin" : "user", via: "api-key", scopes: key.scopes };
  }
  const sessionId = await sessionUserId(request);
  if (sessionId) {
    const user = await db().user.findUnique({ where: { id: sessionId }, select: { id: true, role: true } });
    // A session of a deleted account is no session.
    if (user) return { id: user.id, role: user.role === "admin" ? "admin" : "user", via: "session", scopes: allScopes };
  }
  if (env().AUTH_MODE === "single-user") return ensureLocalUser();
  throw new AppError("unauthorized", "Sign in, or send an API key as Authorization: Bearer <key>.");
}

/** The caller for a page: null when nobody is signed in (the page then sends the visitor to /sign-in). */
export async function getPageUser(request: Request): Promise<CurrentUser | null> {
  try {
    return await getCurrentUser(request);
  } catch (error) {
    if (error instanceof AppError && error.code === "unauthorized") return null;
    throw error;
  }
}

/** A 403 unless the caller may do this (API keys carry scopes; sessions and the local owner may do all). */
export function requireScope(user: CurrentUser, scope: ApiKeyScope): void {
  if (!user.scopes.includes(scope)) {
    throw new AppError("forbidden", `This API key lacks the "${scope}" scope (it has: ${user.scopes.join(", ") || "none"}).`);
  }
}

/** A 403 for callers that are not administrators. */
export function requireAdmin(user: CurrentUser): void {
  if (user.role !== "admin") throw new AppError("forbidden", "Only administrators may do this.");
}

/** Tests reset the cached owner when they reset the database. */
export function forgetLocalUserForTests(): void {
  localUser = undefined;
}
