import "server-only";
import { db, type Prisma } from "@/lib/db";

/** Data access for outgoing webhook deliveries and incoming webhook receipts. */

export type DeliveryRow = Prisma.WebhookDeliveryGetPayload<object>;

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === "P2002";

/** Records a delivery to attempt now; false when this message already exists (another process made it). */
export async function createDelivery(data: { id: string; jobId: string; url: string; event: string; payload: object }): Promise<boolean> {
  try {
    await db().webhookDelivery.create({ data: { ...data, status: "pending", nextAttemptAt: new Date() } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/**
 * Takes a due pending delivery for one attempt: pushes its nextAttemptAt to `leaseUntil` so no other process
 * attempts it meanwhile (and so one that crashed mid-attempt is retried after the lease). Null when not due
 * or taken.
 */
export async function claimDelivery(id: string, leaseUntil: Date): Promise<(DeliveryRow & { job: { ownerId: string } }) | null> {
  const now = new Date();
  const { count } = await db().webhookDelivery.updateMany({
    where: { id, status: "pending", OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }] },
    data: { nextAttemptAt: leaseUntil },
  });
  return count === 1 ? db().webhookDelivery.findUnique({ where: { id }, include: { job: { select: { ownerId: true } } } }) : null;
}

export async function recordAttempt(
  id: string,
  outcome: { status: "pending" | "delivered" | "failed"; attempts: number; lastStatus: number | null; lastError: string | null; nextAttemptAt: Date | null },
): Promise<void> {
  await db().webhookDelivery.update({
    where: { id },
    data: { ...outcome, deliveredAt: outcome.status === "delivered" ? new Date() : undefined },
  });
}

/** Pending deliveries whose next attempt is due (oldest first). */
export async function dueDeliveryIds(limit: number): Promise<string[]> {
  const rows = await db().webhookDelivery.findMany({
    where: { status: "pending", nextAttemptAt: { lte: new Date() } },
    orderBy: { nextAttemptAt: "asc" },
    take: limit,
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/** Jobs with a webhook, created since `since` (the (status, createdAt) index), that ended without a delivery. */
export async function finishedJobsWithoutDelivery(since: Date, limit: number): Promise<Array<{ id: string; status: string }>> {
  return db().job.findMany({
    where: { webhookUrl: { not: null }, status: { in: ["succeeded", "failed", "canceled"] }, createdAt: { gte: since }, deliveries: { none: {} } },
    orderBy: { createdAt: "asc" },
    take: limit,
    select: { id: true, status: true },
  });
}

/** Notes an incoming webhook's id; false when it was seen before (a replay or a retry of a processed one). */
export async function recordReceipt(id: string): Promise<boolean> {
  try {
    await db().webhookReceipt.create({ data: { id } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/** Receipts older than the signature tolerance can go: a replay that old fails verification anyway. */
export async function pruneReceipts(before: Date): Promise<void> {
  await db().webhookReceipt.deleteMany({ where: { receivedAt: { lt: before } } });
}
