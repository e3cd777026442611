import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

export interface UserLimits {
  /** Today's budget in US dollars (the user's own, else DAILY_BUDGET_USD). */
  dailyBudgetUsd: number;
  /** Generations per minute and provider (the user's own, else RATE_LIMIT_PER_MINUTE). */
  rateLimitPerMinute: number;
  /** True where the user has their own value rather than the instance default. */
  custom: { dailyBudgetUsd: boolean; rateLimitPerMinute: boolean };
}

/** A user's limits: their own where an administrator set one, the instance defaults otherwise. */
export async function limitsOf(userId: string): Promise<UserLimits> {
  const config = env();
  const row = await db().user.findUnique({ where: { id: userId }, select: { dailyBudgetUsd: true, rateLimitPerMinute: true } });
  return {
    dailyBudgetUsd: row?.dailyBudgetUsd ?? config.DAILY_BUDGET_USD,
    rateLimitPerMinute: row?.rateLimitPerMinute ?? config.RATE_LIMIT_PER_MINUTE,
    custom: { dailyBudgetUsd: row?.dailyBudgetUsd != null, rateLimitPerMinute: row?.rateLimitPerMinute != null },
  };
}
