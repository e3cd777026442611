import "server-only";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { utcDay } from "./budget";

/** Records one billed (or free) provider call in the cost ledger. */
export async function recordUsage(entry: {
  ownerId: string;
  jobId?: string | null;
  provider: string;
  model: string;
  images: number;
  costMicroUsd: number;
  durationMs: number;
}) {
  await db().usageEntry.create({ data: { id: newId("use"), day: utcDay(), ...entry, jobId: entry.jobId ?? null } });
}

/** Spend per day and provider in [from, to] (UTC days, inclusive). */
export async function usageByDay(ownerId: string, from: string, to: string) {
  const rows = await db().usageEntry.groupBy({
    by: ["day", "provider"],
    where: { ownerId, day: { gte: from, lte: to } },
    _sum: { costMicroUsd: true, images: true },
    _count: { _all: true },
    orderBy: [{ day: "asc" }, { provider: "asc" }],
  });
  return rows.map((r) => ({
    day: r.day,
    provider: r.provider,
    images: r._sum.images ?? 0,
    calls: r._count._all,
    costUsd: (r._sum.costMicroUsd ?? 0) / 1_000_000,
  }));
}

/** Spend per user, day and provider in [from, to]: what an administrator sees of everyone. */
export async function usageOfEveryone(from: string, to: string) {
  const rows = await db().usageEntry.groupBy({
    by: ["ownerId", "day", "provider"],
    where: { day: { gte: from, lte: to } },
    _sum: { costMicroUsd: true, images: true },
    _count: { _all: true },
    orderBy: [{ ownerId: "asc" }, { day: "asc" }, { provider: "asc" }],
  });
  return rows.map((r) => ({
    userId: r.ownerId,
    day: r.day,
    provider: r.provider,
    images: r._sum.images ?? 0,
    calls: r._count._all,
    costUsd: (r._sum.costMicroUsd ?? 0) / 1_000_000,
  }));
}
