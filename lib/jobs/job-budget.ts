import "server-only";
import { db } from "@/lib/db";
import { ensureBudgetDay, utcDay } from "@/lib/usage/budget";
import { currentLease } from "./lease";

/**
 * A job's share of its owner's daily budget, kept in step with its row: `Job.reservedMicroUsd` is what the job
 * still holds reserved on its budget day, `Job.costMicroUsd` what of its ledger entries (`UsageEntry.jobId`) has
 * been counted as spent. Every change to the day's totals happens in the same transaction as the change to the
 * row, so a run that stops anywhere — crash, kill, lost lease — leaves a row that the next run, or the sweep that
 * gives the job up, settles exactly: nothing billed goes uncounted, nothing reserved stays held, nothing is
 * released twice. Only the job's lease holder (or, with none, the sweep) settles a job; a settlement reads the row
 * and the ledger, then writes both with a compare-and-set on what it read.
 */

const budgetDayOf = (job: { input: unknown; createdAt: Date }) => (job.input as { budgetDay?: string } | null)?.budgetDay ?? utcDay(job.createdAt);

// Two short statements each; on SQLite transactions take turns on the one connection, so allow a wait in a busy
// process (Prisma's default is 2 s).
const transactionOptions = { maxWait: 15_000, timeout: 15_000 };

/**
 * Reserves `microUsd` more for a running job (a fallback provider that costs more than the first choice): one
 * conditional UPDATE keeps spent + reserved within `limitMicroUsd`, and the row's reservation grows with it in
 * the same transaction. Returns whether it was granted.
 */
export async function reserveMoreForJob(jobId: string, microUsd: number, limitMicroUsd: number): Promise<boolean> {
  if (microUsd <= 0) return true;
  const job = await db().job.findUniqueOrThrow({ where: { id: jobId }, select: { ownerId: true, input: true, createdAt: true } });
  const day = budgetDayOf(job);
  await ensureBudgetDay(job.ownerId, day, limitMicroUsd);
  return db().$transaction(async (tx) => {
    const granted = await tx.$executeRaw`UPDATE "BudgetDay"
      SET "reservedMicroUsd" = "reservedMicroUsd" + ${microUsd}, "limitMicroUsd" = ${limitMicroUsd}
      WHERE "ownerId" = ${job.ownerId} AND "day" = ${day} AND "spentMicroUsd" + "reservedMicroUsd" + ${microUsd} <= ${limitMicroUsd}`;
    if (granted === 1) await tx.$executeRaw`UPDATE "Job" SET "reservedMicroUsd" = "reservedMicroUsd" + ${microUsd} WHERE "id" = ${jobId}`;
    return granted === 1;
  }, transactionOptions);
}

/**
 * Settles a job against its ledger: what its provider calls billed since the last settlement moves into the
 * day's spent, taken out of its reservation first; with `release`, the rest of the reservation is let go too
 * (the job's calls are over). The day and the row change in one transaction. Returns the job's total cost so far
 * (null while it has no ledger entry and no cost), or undefined when the job is gone or another settlement won.
 */
export async function settleJobBudget(jobId: string, options: { release: boolean }): Promise<number | null | undefined> {
  const job = await db().job.findUnique({
    where: { id: jobId },
    select: { ownerId: true, input: true, createdAt: true, reservedMicroUsd: true, costMicroUsd: true },
  });
  if (!job) return undefined;
  const ledger = await db().usageEntry.aggregate({ where: { jobId }, _sum: { costMicroUsd: true }, _count: true });
  const billed = ledger._sum.costMicroUsd ?? 0;
  const cost = ledger._count > 0 ? billed : job.costMicroUsd;
  const unsettled = billed - (job.costMicroUsd ?? 0);
  const freed = options.release ? job.reservedMicroUsd : Math.min(job.reservedMicroUsd, Math.max(0, unsettled));
  if (unsettled === 0 && freed === 0 && cost === job.costMicroUsd) return cost;
  // Compare-and-set on the row as it was read (and, inside a job's handler, on this process's lease): a second
  // settlement racing this one, or a run that lost its lease, changes nothing. The day only when the row changed.
  const owner = currentLease(jobId) ?? null;
  const setRow = (client: Pick<ReturnType<typeof db>, "$executeRaw">) =>
    client.$executeRaw`UPDATE "Job" SET "reservedMicroUsd" = ${job.reservedMicroUsd - freed}, "costMicroUsd" = ${cost}
      WHERE "id" = ${jobId} AND "reservedMicroUsd" = ${job.reservedMicroUsd} AND COALESCE("costMicroUsd", -1) = ${job.costMicroUsd ?? -1}
        AND (CAST(${owner} AS TEXT) IS NULL OR "leaseOwner" = ${owner})`;
  // Nothing for the day (a free job's first cost of 0): the row alone, no transaction.
  if (unsettled === 0 && freed === 0) return (await setRow(db())) === 1 ? cost : undefined;
  const day = budgetDayOf(job);
  await ensureBudgetDay(job.ownerId, day);
  const changed = await db().$transaction(async (tx) => {
    if ((await setRow(tx)) !== 1) return false;
    await tx.$executeRaw`UPDATE "BudgetDay"
      SET "reservedMicroUsd" = "reservedMicroUsd" - ${freed}, "spentMicroUsd" = "spentMicroUsd" + ${unsettled}
      WHERE "ownerId" = ${job.ownerId} AND "day" = ${day}`;
    return true;
  }, transactionOptions);
  return changed ? cost : undefined;
}
