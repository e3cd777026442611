// A job's share of the daily budget stays exact whatever stops its runs (lib/jobs/job-budget.ts): what its
// provider calls billed is counted as spent exactly once — also when a run was interrupted before it settled —,
// and what it reserved is released when its calls are over: by its last run, by a cancel, or by the sweep that
// gives it up after three interrupted runs.
import { describe, expect, it } from "vitest";
import { db, type Prisma } from "@/lib/db";
import { newId } from "@/lib/ids";
import { leaseContext, leaseOwnerId } from "@/lib/jobs/lease";
import { abandonedJobs, takeOverJob } from "@/lib/jobs/repository";
import { runJob } from "@/lib/jobs/worker";
import { reserveBudget, utcDay } from "@/lib/usage/budget";
import { reserveMoreForJob, settleJobBudget } from "@/lib/jobs/job-budget";
import { recordUsage } from "@/lib/usage/ledger";
import { ensureUser } from "../support/studio";

const day = utcDay();

/** A user of its own (so no other test's spend shows), a job of theirs holding `reserved` µUSD, as createGeneration leaves them. */
async function reservedJob(reserved: number, data: Partial<Prisma.JobUncheckedCreateInput> = {}) {
  const ownerId = newId("usr");
  await ensureUser(ownerId);
  expect(await reserveBudget({ ownerId, microUsd: reserved, limitMicroUsd: 1_000_000, day })).not.toBeNull();
  const job = await db().job.create({
    data: { id: newId("job"), ownerId, type: "generate", status: "running", attempts: 1, input: { budgetDay: day }, reservedMicroUsd: reserved, ...data },
  });
  return job;
}
const bill = (job: { id: string; ownerId: string }, costMicroUsd: number) =>
  recordUsage({ ownerId: job.ownerId, jobId: job.id, provider: "openai", model: "dall-e-3", images: 1, costMicroUsd, durationMs: 1 });
const budgetOf = async (ownerId: string) => {
  const row = await db().budgetDay.findUniqueOrThrow({ where: { ownerId_day: { ownerId, day } } });
  return { reserved: row.reservedMicroUsd, spent: row.spentMicroUsd };
};
const rowOf = async (id: string) => {
  const row = await db().job.findUniqueOrThrow({ where: { id } });
  return { reserved: row.reservedMicroUsd, cost: row.costMicroUsd };
};

describe("a job's budget", () => {
  it("counts what an interrupted run billed once, out of its reservation, and releases the rest at the end", async () => {
    const job = await reservedJob(120_000); // three $0.04 images
    await bill(job, 40_000); // the first call of a run that then died, before it settled
    expect(await budgetOf(job.ownerId)).toEqual({ reserved: 120_000, spent: 0 });

    // The next run starts by counting it: spent, and no longer reserved.
    expect(await settleJobBudget(job.id, { release: false })).toBe(40_000);
    expect(await budgetOf(job.ownerId)).toEqual({ reserved: 80_000, spent: 40_000 });
    expect(await rowOf(job.id)).toEqual({ reserved: 80_000, cost: 40_000 });
    // Settling again changes nothing.
    expect(await settleJobBudget(job.id, { release: false })).toBe(40_000);
    expect(await budgetOf(job.ownerId)).toEqual({ reserved: 80_000, spent: 40_000 });

    // It makes one more image, and is done: the last $0.04 is released.
    await bill(job, 40_000);
    expect(await settleJobBudget(job.id, { release: true })).toBe(80_000);
    expect(await budgetOf(job.ownerId)).toEqual({ reserved: 0, spent: 80_000 });
    expect(await rowOf(job.id)).toEqual({ reserved: 0, cost: 80_000 });
  });

  it("gives a job up after three interrupted runs with its billed calls counted and its reservation released", async () => {
    const job = await reservedJob(120_000, { attempts: 3, leaseOwner: "another-host/1/x", leaseExpiresAt: new Date(Date.now() - 1000) });
    await bill(job, 40_000);
    const [seen] = (await abandonedJobs()).filter((j) => j.id === job.id);
    expect(await takeOverJob(seen, 3)).toBe("failed");
    expect(await budgetOf(job.ownerId)).toEqual({ reserved: 0, spent: 40_000 });
    expect(await db().job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "failed", reservedMicroUsd: 0, costMicroUsd: 40_000 });
  });

  it("counts once when two settlements race, and not at all under a lease this process no longer holds", async () => {
    const job = await reservedJob(80_000, { leaseOwner: "another-host/2/y", leaseExpiresAt: new Date(Date.now() + 60_000) });
    await bill(job, 40_000);
    // A run whose lease was taken over: its settlement does not land.
    const stale = await leaseContext.run({ jobId: job.id, owner: leaseOwnerId() }, () => settleJobBudget(job.id, { release: true }));
    expect(stale).toBeUndefined();
    expect(await budgetOf(job.ownerId)).toEqual({ reserved: 80_000, spent: 0 });

    const results = await Promise.all([settleJobBudget(job.id, { release: true }), settleJobBudget(job.id, { release: true })]);
    expect(results.filter((r) => r === 40_000)).toHaveLength(1);
    expect(await budgetOf(job.ownerId)).toEqual({ reserved: 0, spent: 40_000 });
    expect(await rowOf(job.id)).toEqual({ reserved: 0, cost: 40_000 });
  });

  it("reserves more for a fallback only within the limit, on the job's row as well", async () => {
    const job = await reservedJob(40_000);
    expect(await reserveMoreForJob(job.id, 80_000, 100_000)).toBe(false); // 120,000 > 100,000
    expect(await budgetOf(job.ownerId)).toEqual({ reserved: 40_000, spent: 0 });
    expect(await reserveMoreForJob(job.id, 60_000, 100_000)).toBe(true);
    expect(await budgetOf(job.ownerId)).toEqual({ reserved: 100_000, spent: 0 });
    expect(await rowOf(job.id)).toEqual({ reserved: 100_000, cost: null });
    // A job that ends without billing anything gives it all back and has no cost.
    expect(await settleJobBudget(job.id, { release: true })).toBeNull();
    expect(await budgetOf(job.ownerId)).toEqual({ reserved: 0, spent: 0 });
  });

  it("is settled when a handler fails unexpectedly after a billed call", async () => {
    const handlers = {
      "budget-test-crash": async (job: { id: string; ownerId: string }) => {
        await bill(job, 40_000);
        throw new Error("the disk is full (simulated)");
      },
    };
    const job = await reservedJob(120_000, { type: "budget-test-crash", status: "queued", attempts: 0 });
    await runJob(job.id, handlers);
    expect(await db().job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "failed", reservedMicroUsd: 0, costMicroUsd: 40_000 });
    expect(await budgetOf(job.ownerId)).toEqual({ reserved: 0, spent: 40_000 });
  });
});
