import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

/** Who is acting. Every service call takes one, and every query is scoped by its id. */
export interface CurrentUser {
  id: string;
  role: "user" | "admin";
}

export const localUserId = "local";
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
    .then((u) => ({ id: u.id, role: "admin" as const }))
    .catch((e) => {
      localUser = undefined;
      throw e;
    });
  return localUser;
}

/** Resolves the caller of a request; in single-user mode that is always the local owner. */
export async function getCurrentUser(_request: Request): Promise<CurrentUser> {
  if (env().AUTH_MODE === "single-user") return ensureLocalUser();
  throw new AppError("unauthorized", "Sign-in is required: multi-user mode is not available in this version yet.");
}

/** Tests reset the cached owner when they reset the database. */
export function forgetLocalUserForTests(): void {
  localUser = undefined;
}
