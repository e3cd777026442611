// Budget reservations and rate-limit counters are single conditional statements in the database: these tests
// fire them concurrently and check the limits hold exactly, on SQLite and PostgreSQL.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { budgetToday, reserveBudget, secondsUntilNextUtcDay, settleBudget, utcDay } from "@/lib/usage/budget";
import { hitRateLimit } from "@/lib/rate-limit";
import { openCall, recordUsage, usageByDay } from "@/lib/usage/ledger";

beforeAll(async () => {
  await db().user.createMany({ data: [{ id: "u1" }, { id: "u2" }, { id: "u3" }] });
});

describe("daily budget", () => {
  it("lets exactly as many concurrent reservations through as the limit allows", async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => reserveBudget({ ownerId: "u1", microUsd: 40_000, limitMicroUsd: 200_000 })));
    expect(results.filter(Boolean)).toHaveLength(5);
    expect(await budgetToday("u1", 200_000)).toMatchObject({ reservedMicroUsd: 200_000, spentMicroUsd: 0, leftMicroUsd: 0 });
  });

  it("settles a reservation into spend, and releases one that was not billed", async () => {
    const a = (await reserveBudget({ ownerId: "u2", microUsd: 100_000, limitMicroUsd: 150_000 }))!;
    expect(await reserveBudget({ ownerId: "u2", microUsd: 100_000, limitMicroUsd: 150_000 })).toBeNull();
    await settleBudget(a, 0); // failed without being billed
    const b = (await reserveBudget({ ownerId: "u2", microUsd: 100_000, limitMicroUsd: 150_000 }))!;
    await settleBudget(b, 80_000); // cost less than estimated
    expect(await budgetToday("u2", 150_000)).toMatchObject({ spentMicroUsd: 80_000, reservedMicroUsd: 0, leftMicroUsd: 70_000 });
    expect(await reserveBudget({ ownerId: "u2", microUsd: 70_000, limitMicroUsd: 150_000 })).not.toBeNull();
  });

  it("needs no reservation for free work", async () => {
    expect(await reserveBudget({ ownerId: "u3", microUsd: 0, limitMicroUsd: 0 })).toMatchObject({ microUsd: 0 });
  });

  it("knows when the next UTC day starts", () => {
    expect(secondsUntilNextUtcDay(new Date("2026-11-21T23:59:00Z"))).toBe(60);
    expect(utcDay(new Date("2026-11-21T23:59:59Z"))).toBe("2026-11-21");
  });
});

describe("rate limits", () => {
  it("allow exactly `limit` concurrent hits per window and say when to retry", async () => {
    const now = Date.UTC(2026, 10, 21, 12, 0, 15);
    const hits = await Promise.all(Array.from({ length: 12 }, () => hitRateLimit({ key: "gen:u1:local", limit: 5, now })));
    expect(hits.filter((h) => h.allowed)).toHaveLength(5);
    expect(hits.find((h) => !h.allowed)!.retryAfter).toBe(45);
    // another key and the next window are independent
    expect((await hitRateLimit({ key: "gen:u2:local", limit: 5, now })).allowed).toBe(true);
    expect((await hitRateLimit({ key: "gen:u1:local", limit: 5, now: now + 60_000 })).allowed).toBe(true);
  });
});

describe("ledger", () => {
  it("sums spend per day and provider", async () => {
    await recordUsage({ ownerId: "u3", provider: "openai", model: "dall-e-3", images: 1, costMicroUsd: 40_000, durationMs: 10 });
    await recordUsage({ ownerId: "u3", provider: "openai", model: "dall-e-3", images: 2, costMicroUsd: 80_000, durationMs: 10 });
    await recordUsage({ ownerId: "u3", provider: "local", model: "local-v1", images: 1, costMicroUsd: 0, durationMs: 10 });
    // A call whose outcome stayed unknown (in flight at a crash) counts at its estimate, and is shown apart.
    await openCall({ ownerId: "u3", provider: "openai", model: "dall-e-3", estimatedMicroUsd: 40_000 });
    const day = utcDay();
    expect(await usageByDay("u3", day, day)).toEqual([
      { day, provider: "local", images: 1, calls: 1, costUsd: 0, unknownCalls: 0, unknownUsd: 0 },
      { day, provider: "openai", images: 3, calls: 3, costUsd: 0.16, unknownCalls: 1, unknownUsd: 0.04 },
    ]);
  });
});
