"use client";

import Link from "next/link";
import { useState } from "react";
import type { UsageReport } from "@/components/api/studio";
import { moveRadio } from "@/components/generate/radio-keys";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { BudgetBar } from "./budget-bar";
import { ProviderTotals } from "./provider-totals";
import { SpendChart } from "./spend-chart";
import { money, providerTotals, usageRanges, type Metric } from "./usage-data";

interface Props {
  usage: UsageReport;
  /** The range shown, in days (ending today). */
  days: number;
  today: string;
}

/** The usage page: today's budget, spend (or images) per day and provider as a chart, and each provider's totals. */
export function UsageView({ usage, days, today }: Props) {
  const totals = providerTotals(usage.days);
  const images = totals.reduce((s, t) => s + t.images, 0);
  const unknownCalls = totals.reduce((s, t) => s + t.unknownCalls, 0);
  // Free providers only (the local renderer): spend is all zero, so the chart starts on what happened.
  const [metric, setMetric] = useState<Metric>(usage.totalUsd > 0 || images === 0 ? "cost" : "images");
  const empty = usage.days.length === 0;

  return (
    <main className="mx-auto flex max-w-6xl flex-col gap-5 px-4 pt-6 pb-16 sm:px-6 sm:pt-8">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Usage</h1>
          <p className="mt-1 text-sm text-muted">
            What generations cost per day and provider, and what is left of today&apos;s budget. Days are UTC.
          </p>
        </div>
        <nav aria-label="Period" className="inline-flex rounded-lg border border-line bg-surface p-0.5 text-sm shadow-xs">
          {usageRanges.map((d) => (
            <Link
              key={d}
              href={d === 30 ? "/usage" : `/usage?days=${d}`}
              data-testid={`usage-range-${d}`}
              aria-current={d === days ? "page" : undefined}
              className={`rounded-md px-3 py-1.5 font-medium ${d === days ? "bg-raised text-fg" : "text-muted hover:text-fg"}`}
            >
              {d} days
            </Link>
          ))}
        </nav>
      </header>

      <section aria-labelledby="budget-title" className={`${cardClass} p-4 sm:p-5`}>
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          <h2 id="budget-title" className="text-sm font-semibold">
            Today&apos;s budget
          </h2>
          <Link href="/settings" data-testid="usage-settings-link" className="text-xs font-medium text-accent hover:underline">
            API keys &amp; limits →
          </Link>
        </div>
        <BudgetBar budget={usage.budget} />
      </section>

      <section aria-labelledby="chart-title" className={`${cardClass} p-4 sm:p-5`}>
        <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
          <div>
            <h2 id="chart-title" className="text-sm font-semibold">
              {metric === "cost" ? "Spend" : "Images"} per day, by provider
            </h2>
            <p data-testid="usage-period-total" className="mt-0.5 text-xs text-muted tabular-nums">
              Last {days} days: {money(usage.totalUsd)} · {images} image{images === 1 ? "" : "s"}
            </p>
            {unknownCalls > 0 && (
              <p data-testid="usage-unknown" className="mt-0.5 max-w-xl text-xs text-muted">
                Of which {money(usage.unknownUsd ?? 0)} ({unknownCalls} call{unknownCalls === 1 ? "" : "s"}) outcome unknown: calls
                in flight when the studio stopped, or results it could not keep. The provider may have billed them, so they
                count as spent at their estimate.
              </p>
            )}
          </div>
          <div role="radiogroup" aria-label="Show" onKeyDown={moveRadio} className="inline-flex rounded-lg bg-raised p-0.5 text-xs">
            {(["cost", "images"] as const).map((m) => (
              <button
                key={m}
                type="button"
                role="radio"
                aria-checked={metric === m}
                tabIndex={metric === m ? 0 : -1}
                data-testid={`usage-metric-${m}`}
                onClick={() => setMetric(m)}
                className={`h-7 rounded-md px-3 font-medium ${metric === m ? "bg-surface text-fg shadow-xs" : "text-muted hover:text-fg"}`}
              >
                {m === "cost" ? "Spend" : "Images"}
              </button>
            ))}
          </div>
        </div>
        {empty ? (
          <div data-testid="usage-empty" className="rounded-xl border-2 border-dashed border-line-strong px-6 py-10 text-center">
            <h3 className="font-semibold">Nothing generated in the last {days} days</h3>
            <p className="mx-auto mt-2 max-w-lg text-sm leading-6 text-muted">
              Every generation is counted here per day and provider, with what it cost. The local renderer is free; paid
              providers spend from your daily budget of {money(usage.budget.limitUsd)}, reserved before each call and settled
              with the real price.
            </p>
            <div className="mt-5 flex flex-wrap justify-center gap-2">
              <Link href="/" className={buttonClass("primary", "sm")}>
                Write a prompt
              </Link>
              <Link href="/compare" className={buttonClass("secondary", "sm")}>
                Compare providers
              </Link>
            </div>
          </div>
        ) : (
          <SpendChart from={usage.from} to={usage.to} rows={usage.days} providers={totals} metric={metric} today={today} />
        )}
      </section>

      {!empty && (
        <section aria-labelledby="totals-title" className={`${cardClass} p-4 sm:p-5`}>
          <h2 id="totals-title" className="mb-3 text-sm font-semibold">
            Totals per provider
          </h2>
          <ProviderTotals totals={totals} />
        </section>
      )}
    </main>
  );
}
