import "server-only";
import { z } from "zod";
import type { CurrentUser } from "@/lib/auth/current-user";
import { env } from "@/lib/env";
import { budgetToday, toMicroUsd, utcDay } from "@/lib/usage/budget";
import { usageByDay } from "@/lib/usage/ledger";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "use a UTC day such as 2026-11-21");
export const usageQuery = z.object({ from: day.optional(), to: day.optional() });

/** GET /api/v1/usage: spend per day and provider (default: the last 30 days) and the budget left today. */
export async function getUsage(options: z.output<typeof usageQuery> & { user: CurrentUser }) {
  const to = options.to ?? utcDay();
  const from = options.from ?? utcDay(new Date(Date.parse(`${to}T00:00:00Z`) - 29 * 86_400_000));
  const limit = toMicroUsd(env().DAILY_BUDGET_USD);
  const [days, budget] = await Promise.all([usageByDay(options.user.id, from, to), budgetToday(options.user.id, limit)]);
  const usd = (micro: number) => micro / 1_000_000;
  return {
    from,
    to,
    days,
    totalUsd: usd(days.reduce((sum, d) => sum + toMicroUsd(d.costUsd), 0)),
    budget: {
      day: budget.day,
      limitUsd: usd(budget.limitMicroUsd),
      spentUsd: usd(budget.spentMicroUsd),
      reservedUsd: usd(budget.reservedMicroUsd),
      leftUsd: usd(budget.leftMicroUsd),
      maxCostPerImageUsd: env().MAX_COST_PER_IMAGE_USD,
    },
  };
}
