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

/**
 * A billable provider call about to be made, written to the ledger before the request leaves with its
 * estimated cost and outcome "unknown": should the process die while it is in flight, the row stays as spend
 * (the provider may well have done and billed the work). Returns the row's id for `closeCall`.
 */
export async function openCall(entry: { ownerId: string; jobId?: string | null; provider: string; model: string; estimatedMicroUsd: number }): Promise<string> {
  const id = newId("use");
  await db().usageEntry.create({
    data: { id, day: utcDay(), ownerId: entry.ownerId, jobId: entry.jobId ?? null, provider: entry.provider, model: entry.model, images: 0, costMicroUsd: entry.estimatedMicroUsd, durationMs: 0, outcome: "unknown" },
  });
  return id;
}

/**
 * What became of a call opened with `openCall`: billed (it returned; its real cost and images), unbilled (the
 * provider provably did no work: it refused the request or could not be reached — the row goes), or unknown (a
 * timeout, a broken connection, a result refused after the provider made it: the estimate stays as spend).
 */
export async function closeCall(
  id: string,
  outcome: { billed: { costMicroUsd: number; images: number; model: string; durationMs: number } } | { unbilled: true } | { unknown: { durationMs: number } },
): Promise<void> {
  if ("unbilled" in outcome) await db().usageEntry.deleteMany({ where: { id } });
  else if ("billed" in outcome) await db().usageEntry.updateMany({ where: { id }, data: { ...outcome.billed, outcome: "billed" } });
  else await db().usageEntry.updateMany({ where: { id }, data: { durationMs: outcome.unknown.durationMs } });
}

type Grouped = { day: string; provider: string; outcome: string; _sum: { costMicroUsd: number | null; images: number | null }; _count: { _all: number } };

/**
 * Folds ledger groups (one per outcome) into one row per key: `costUsd` and `calls` count every call, those of
 * unknown outcome included (they are spend); `unknownUsd` and `unknownCalls` say how much of it is estimated.
 */
function fold<K extends object>(rows: Grouped[], keyOf: (r: Grouped) => K) {
  const out = new Map<string, K & { images: number; calls: number; costUsd: number; unknownCalls: number; unknownUsd: number; micro: number; unknownMicro: number }>();
  for (const r of rows) {
    const key = keyOf(r);
    const id = JSON.stringify(key);
    const row = out.get(id) ?? { ...key, images: 0, calls: 0, costUsd: 0, unknownCalls: 0, unknownUsd: 0, micro: 0, unknownMicro: 0 };
    const micro = r._sum.costMicroUsd ?? 0;
    row.images += r._sum.images ?? 0;
    row.calls += r._count._all;
    row.micro += micro;
    if (r.outcome === "unknown") {
      row.unknownCalls += r._count._all;
      row.unknownMicro += micro;
    }
    out.set(id, row);
  }
  return [...out.values()].map(({ micro, unknownMicro, ...row }) => ({ ...row, costUsd: micro / 1_000_000, unknownUsd: unknownMicro / 1_000_000 }));
}

/** Spend per day and provider in [from, to] (UTC days, inclusive), calls of unknown outcome counted and shown apart. */
export async function usageByDay(ownerId: string, from: string, to: string) {
  const rows = await db().usageEntry.groupBy({
    by: ["day", "provider", "outcome"],
    where: { ownerId, day: { gte: from, lte: to } },
    _sum: { costMicroUsd: true, images: true },
    _count: { _all: true },
    orderBy: [{ day: "asc" }, { provider: "asc" }, { outcome: "asc" }],
  });
  return fold(rows as Grouped[], (r) => ({ day: r.day, provider: r.provider }));
}

/** Spend per user, day and provider in [from, to]: what an administrator sees of everyone. */
export async function usageOfEveryone(from: string, to: string) {
  const rows = await db().usageEntry.groupBy({
    by: ["ownerId", "day", "provider", "outcome"],
    where: { day: { gte: from, lte: to } },
    _sum: { costMicroUsd: true, images: true },
    _count: { _all: true },
    orderBy: [{ ownerId: "asc" }, { day: "asc" }, { provider: "asc" }, { outcome: "asc" }],
  });
  return fold(rows as Array<Grouped & { ownerId: string }>, (r) => ({ userId: (r as Grouped & { ownerId: string }).ownerId, day: r.day, provider: r.provider }));
}
