import "server-only";
import { z } from "zod";
import { requireAdmin, type CurrentUser } from "@/lib/auth/current-user";
import { env } from "@/lib/env";
import { budgetToday, toMicroUsd, utcDay } from "@/lib/usage/budget";
import { usageByDay, usageOfEveryone } from "@/lib/usage/ledger";
import { limitsOf } from "@/lib/usage/limits";
import { findUsers } from "@/lib/usage/users";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "use a UTC day such as 2026-11-21");
export const usageQuery = z.object({ from: day.optional(), to: day.optional() });
type UsageQuery = z.output<typeof usageQuery>;

const usd = (micro: number) => micro / 1_000_000;

/** [from, to] in UTC days, default the last 30 days. */
function range(q: UsageQuery) {
  const to = q.to ?? utcDay();
  const from = q.from ?? utcDay(new Date(Date.parse(`${to}T00:00:00Z`) - 29 * 86_400_000));
  return { from, to };
}

/**
 * GET /api/v1/usage: spend per day and provider (default: the last 30 days; calls of unknown outcome included in
 * costUsd and shown apart as unknownUsd/unknownCalls), today's budget and the caller's limits.
 */
export async function getUsage(options: UsageQuery & { user: CurrentUser }) {
  const { from, to } = range(options);
  const limits = await limitsOf(options.user.id);
  const [days, budget] = await Promise.all([usageByDay(options.user.id, from, to), budgetToday(options.user.id, toMicroUsd(limits.dailyBudgetUsd))]);
  return {
    from,
    to,
    days,
    totalUsd: usd(days.reduce((sum, d) => sum + toMicroUsd(d.costUsd), 0)),
    // Of the total, calls whose outcome is unknown (in flight at a crash, a result refused after it was made):
    // counted as spend at their estimate.
    unknownUsd: usd(days.reduce((sum, d) => sum + toMicroUsd(d.unknownUsd), 0)),
    budget: {
      day: budget.day,
      limitUsd: usd(budget.limitMicroUsd),
      spentUsd: usd(budget.spentMicroUsd),
      reservedUsd: usd(budget.reservedMicroUsd),
      leftUsd: usd(budget.leftMicroUsd),
      maxCostPerImageUsd: env().MAX_COST_PER_IMAGE_USD,
    },
    // maxPromptLength: the instance's MAX_PROMPT_LENGTH, so that a prompt box can show how close a prompt is to it.
    limits: { dailyBudgetUsd: limits.dailyBudgetUsd, rateLimitPerMinute: limits.rateLimitPerMinute, custom: limits.custom, maxPromptLength: env().MAX_PROMPT_LENGTH },
  };
}

/** GET /api/v1/admin/usage (administrators): every user's spend per day and provider, and their totals. */
export async function getEveryonesUsage(options: UsageQuery & { user: CurrentUser }) {
  requireAdmin(options.user);
  const { from, to } = range(options);
  const rows = await usageOfEveryone(from, to);
  const people = await findUsers([...new Set(rows.map((r) => r.userId))]);
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.userId, (totals.get(r.userId) ?? 0) + toMicroUsd(r.costUsd));
  return {
    from,
    to,
    days: rows,
    users: people.map((p) => ({ ...p, totalUsd: usd(totals.get(p.id) ?? 0) })).sort((a, b) => b.totalUsd - a.totalUsd),
    totalUsd: usd([...totals.values()].reduce((a, b) => a + b, 0)),
  };
}
