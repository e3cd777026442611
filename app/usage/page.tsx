import type { Metadata } from "next";
import type { UsageReport } from "@/components/api/studio";
import { usageRanges } from "@/components/usage/usage-data";
import { UsageView } from "@/components/usage/usage-view";
import { requirePageUser } from "@/lib/auth/page-user";
import { getUsage } from "@/lib/images";

export const metadata: Metadata = { title: "Usage" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

// Spend per day and provider and today's budget, from the same service as GET /api/v1/usage. `?days=7|30|90`.
export default async function UsagePage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePageUser("/usage");
  const asked = Number((await searchParams).days);
  const days = (usageRanges as readonly number[]).includes(asked) ? asked : 30;
  const now = Date.now();
  const to = utcDay(now);
  const from = utcDay(now - (days - 1) * 86_400_000);
  const usage: UsageReport = await getUsage({ user, from, to });
  return <UsageView key={days} usage={usage} days={days} today={to} />;
}
