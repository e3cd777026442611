/** The usage page's numbers: GET /api/v1/usage rows turned into a day × provider grid, totals and labels. */
import { providerLabel } from "@/components/api/providers";
import type { UsageDay } from "@/components/api/studio";

export type Metric = "cost" | "images";

/** The periods the page offers, in days ending today (`/usage?days=7`). */
export const usageRanges = [7, 30, 90] as const;

export interface DayColumn {
  day: string;
  /** Per provider id: the value of each metric. */
  values: Record<string, { cost: number; images: number; calls: number }>;
}

export interface ProviderTotal {
  provider: string;
  label: string;
  costUsd: number;
  images: number;
  calls: number;
  /** Of costUsd and calls: calls whose outcome is unknown, counted as spent at their estimate. */
  unknownUsd: number;
  unknownCalls: number;
  /** var(--chart-n) */
  color: string;
}

const dayMs = 86_400_000;

/** Every UTC day from `from` to `to`, inclusive ("2026-11-21"). */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end && out.length < 400; t += dayMs) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** The grid the chart draws: one column per day of the range, empty days included. */
export function dayColumns(from: string, to: string, rows: UsageDay[]): DayColumn[] {
  const byDay = new Map<string, DayColumn>(daysBetween(from, to).map((day) => [day, { day, values: {} }]));
  for (const r of rows) {
    const col = byDay.get(r.day);
    if (!col) continue;
    const v = (col.values[r.provider] ??= { cost: 0, images: 0, calls: 0 });
    v.cost += r.costUsd;
    v.images += r.images;
    v.calls += r.calls;
  }
  return [...byDay.values()];
}

/** Each provider's totals, biggest spender first (then most images); each keeps its colour on the page. */
export function providerTotals(rows: UsageDay[]): ProviderTotal[] {
  const totals = new Map<string, ProviderTotal>();
  for (const r of rows) {
    const t = totals.get(r.provider) ?? { provider: r.provider, label: providerLabel(r.provider) || r.provider, costUsd: 0, images: 0, calls: 0, unknownUsd: 0, unknownCalls: 0, color: "" };
    t.costUsd += r.costUsd;
    t.unknownUsd += r.unknownUsd ?? 0;
    t.unknownCalls += r.unknownCalls ?? 0;
    t.images += r.images;
    t.calls += r.calls;
    totals.set(r.provider, t);
  }
  return [...totals.values()]
    .sort((a, b) => b.costUsd - a.costUsd || b.images - a.images || a.label.localeCompare(b.label))
    .map((t, i) => ({ ...t, color: `var(--chart-${(i % 7) + 1})` }));
}

export const valueOf = (v: { cost: number; images: number } | undefined, metric: Metric) => (v ? (metric === "cost" ? v.cost : v.images) : 0);

/** A round number at or above `max` for the top of an axis (1, 2, 2.5, 5 × 10ⁿ). */
export function niceCeiling(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

/** Money for totals and axes: "$0", "$0.004", "$1.25". */
export function money(usd: number): string {
  if (usd === 0) return "$0";
  if (usd < 0.01) return `$${usd.toFixed(3)}`;
  if (usd < 1000) return `$${usd.toFixed(2)}`;
  return `$${Math.round(usd).toLocaleString("en")}`;
}

export const formatMetric = (value: number, metric: Metric) => (metric === "cost" ? money(value) : `${value} image${value === 1 ? "" : "s"}`);

/** "Nov 21" (UTC). */
export const shortDay = (day: string) =>
  new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));

/** "Friday, Nov 21" (UTC). */
export const longDay = (day: string) =>
  new Intl.DateTimeFormat("en", { weekday: "long", month: "short", day: "numeric", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
