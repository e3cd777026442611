import "server-only";
import { db } from "@/lib/db";

/** The UTC day a cost counts against, "YYYY-MM-DD". */
export const utcDay = (at = new Date()) => at.toISOString().slice(0, 10);

/** Seconds until the next UTC midnight, when a new day's budget opens. */
export function secondsUntilNextUtcDay(at = new Date()): number {
  const next = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() + 1);
  return Math.max(1, Math.ceil((next - at.getTime()) / 1000));
}

export const toMicroUsd = (usd: number) => Math.round(usd * 1_000_000);

export interface Reservation {
  ownerId: string;
  day: string;
  microUsd: number;
}

/** Makes sure the owner's row for `day` exists (a new one with `limitMicroUsd`, nothing reserved or spent). */
export const ensureBudgetDay = (ownerId: string, day: string, limitMicroUsd = 0) =>
  db().$executeRaw`INSERT INTO "BudgetDay" ("ownerId", "day", "limitMicroUsd", "reservedMicroUsd", "spentMicroUsd")
    VALUES (${ownerId}, ${day}, ${limitMicroUsd}, 0, 0) ON CONFLICT ("ownerId", "day") DO NOTHING`;

/**
 * Reserves part of a user's daily budget in one conditional UPDATE: it succeeds only while spent + reserved +
 * amount stays within the limit, so concurrent requests (in one process or many) can never overspend.
 */
export async function reserveBudget(options: { ownerId: string; microUsd: number; limitMicroUsd: number; day?: string }): Promise<Reservation | null> {
  const day = options.day ?? utcDay();
  const { ownerId, microUsd, limitMicroUsd } = options;
  if (microUsd <= 0) return { ownerId, day, microUsd: 0 };
  await ensureBudgetDay(ownerId, day, limitMicroUsd);
  const updated = await db().$executeRaw`UPDATE "BudgetDay"
    SET "reservedMicroUsd" = "reservedMicroUsd" + ${microUsd}, "limitMicroUsd" = ${limitMicroUsd}
    WHERE "ownerId" = ${ownerId} AND "day" = ${day}
      AND "spentMicroUsd" + "reservedMicroUsd" + ${microUsd} <= ${limitMicroUsd}`;
  return updated === 1 ? { ownerId, day, microUsd } : null;
}

/**
 * Turns a reservation into spend: the reserved amount is released and the actual cost added. An actual cost of
 * zero releases it all (the call failed without being billed).
 */
export async function settleBudget(reservation: Reservation, actualMicroUsd: number): Promise<void> {
  if (reservation.microUsd <= 0 && actualMicroUsd <= 0) return;
  await ensureBudgetDay(reservation.ownerId, reservation.day);
  await db().$executeRaw`UPDATE "BudgetDay"
    SET "reservedMicroUsd" = "reservedMicroUsd" - ${reservation.microUsd}, "spentMicroUsd" = "spentMicroUsd" + ${actualMicroUsd}
    WHERE "ownerId" = ${reservation.ownerId} AND "day" = ${reservation.day}`;
}

/** Today's budget of a user: limit, spent, reserved (in flight) and what is left. */
export async function budgetToday(ownerId: string, limitMicroUsd: number) {
  const row = await db().budgetDay.findUnique({ where: { ownerId_day: { ownerId, day: utcDay() } } });
  const spent = row?.spentMicroUsd ?? 0;
  const reserved = row?.reservedMicroUsd ?? 0;
  return { day: utcDay(), limitMicroUsd, spentMicroUsd: spent, reservedMicroUsd: reserved, leftMicroUsd: Math.max(0, limitMicroUsd - spent - reserved) };
}
