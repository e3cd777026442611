import "server-only";
import { db } from "@/lib/db";

/**
 * Fixed-window counters in the database: one conditional upsert per hit, so a limit holds across processes and
 * instances. Returns whether the hit is allowed and, if not, when the window reopens.
 */
export async function hitRateLimit(options: { key: string; limit: number; windowSeconds?: number; now?: number }) {
  const windowSeconds = options.windowSeconds ?? 60;
  const nowSeconds = Math.floor((options.now ?? Date.now()) / 1000);
  const windowStart = BigInt(nowSeconds - (nowSeconds % windowSeconds));
  const updated = await db().$executeRaw`INSERT INTO "RateLimitWindow" ("key", "windowStart", "count") VALUES (${options.key}, ${windowStart}, 1)
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitWindow"."count" + 1
    WHERE "RateLimitWindow"."count" < ${options.limit}`;
  if (Math.random() < 0.01) {
    // Old windows are worthless: sweep now and then rather than on every hit.
    await db().$executeRaw`DELETE FROM "RateLimitWindow" WHERE "windowStart" < ${windowStart - BigInt(3600)}`;
  }
  const retryAfter = Number(windowStart) + windowSeconds - nowSeconds;
  return { allowed: updated === 1, retryAfter };
}
