import "server-only";
import { z } from "zod";
import { requireAdmin, type CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { limitsOf } from "@/lib/usage/limits";

/** Accounts with their limits: the caller's own, and everyone's for administrators (who set the limits here). */

/** An account's own fields, or null once it no longer exists (GET /api/v1/me, and the top bar's name). */
export const findAccount = (userId: string) =>
  db().user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true, image: true, role: true, createdAt: true } });

/** Who the users among `ids` are (name and e-mail address), for a list of what each did. */
export const findUsers = (ids: string[]) => db().user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true, name: true } });

/** The caller's own account, limits included (GET /api/v1/me). */
export async function getAccount(user: CurrentUser) {
  const [row, limits] = await Promise.all([findAccount(user.id), limitsOf(user.id)]);
  if (!row) throw new AppError("unauthorized", "This account no longer exists.");
  return {
    ...row,
    createdAt: row.createdAt.toISOString(),
    authMode: env().AUTH_MODE,
    via: user.via,
    scopes: user.scopes,
    limits: { dailyBudgetUsd: limits.dailyBudgetUsd, rateLimitPerMinute: limits.rateLimitPerMinute, custom: limits.custom },
  };
}

/** GET /api/v1/admin/users (administrators): everyone, with their limits. */
export async function listUsers(user: CurrentUser) {
  requireAdmin(user);
  const config = env();
  const rows = await db().user.findMany({
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 1000,
    select: { id: true, email: true, name: true, role: true, dailyBudgetUsd: true, rateLimitPerMinute: true, createdAt: true },
  });
  return rows.map((r) => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    limits: { dailyBudgetUsd: r.dailyBudgetUsd ?? config.DAILY_BUDGET_USD, rateLimitPerMinute: r.rateLimitPerMinute ?? config.RATE_LIMIT_PER_MINUTE },
  }));
}

export const updateUserBody = z
  .object({
    /** null returns the user to the instance default. */
    dailyBudgetUsd: z.number().min(0, "dailyBudgetUsd must not be negative").max(100_000).nullable().optional(),
    rateLimitPerMinute: z.number().int("rateLimitPerMinute must be a whole number").min(1).max(100_000).nullable().optional(),
    role: z.enum(["user", "admin"]).optional(),
  })
  .strict();

/** PATCH /api/v1/admin/users/{id} (administrators): limits and role. An unknown user is a 404. */
export async function updateUser(user: CurrentUser, userId: string, body: z.output<typeof updateUserBody>) {
  requireAdmin(user);
  if (body.role === "user" && userId === user.id) throw new AppError("invalid_request", "Administrators cannot demote themselves: ask another administrator.");
  const found = await db().user.findUnique({ where: { id: userId }, select: { id: true } });
  if (!found) throw new AppError("not_found", `User ${userId} not found`);
  await db().user.update({ where: { id: userId }, data: body });
  return (await listUsers(user)).find((u) => u.id === userId)!;
}
