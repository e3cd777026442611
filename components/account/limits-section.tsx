"use client";

import { useCallback, useEffect, useId, useRef, useState } from "react";
import { formatUsd, getMe, getUsage, type Budget, type UserLimits } from "@/components/api/account";
import { messageOf } from "@/components/api/client";
import { Spinner } from "@/components/ui/spinner";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { GaugeIcon } from "./icons";

const percent = (part: number, whole: number) => (whole > 0 ? Math.min(100, Math.max(0, (part / whole) * 100)) : part > 0 ? 100 : 0);

/** "Limits": today's budget as a bar (spent, then reserved, of the limit) and the rate limit. */
export function LimitsSection({ initialBudget, initialLimits, refreshKey = 0 }: { initialBudget: Budget; initialLimits: UserLimits; refreshKey?: number }) {
  const titleId = useId();
  const [budget, setBudget] = useState(initialBudget);
  const [limits, setLimits] = useState(initialLimits);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const first = useRef(true);

  const refresh = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      const [usage, me] = await Promise.all([getUsage(), getMe()]);
      setBudget(usage.budget);
      setLimits(me.limits);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setLoading(false);
    }
  }, []);

  // An administrator changed limits below (perhaps their own): read them again.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    void refresh();
  }, [refreshKey, refresh]);

  const used = budget.spentUsd + budget.reservedUsd;
  const spentPct = percent(budget.spentUsd, budget.limitUsd);
  const reservedPct = Math.min(100 - spentPct, percent(budget.reservedUsd, budget.limitUsd));
  const full = budget.limitUsd > 0 ? used >= budget.limitUsd : true;
  const source = (custom: boolean) => (custom ? "Set for you by an administrator" : "This studio's default");

  return (
    <section aria-labelledby={titleId} data-testid="limits-section" className={`${cardClass} p-4 sm:p-6`}>
      <div className="flex items-start gap-3">
        <span className="grid size-9 shrink-0 place-items-center rounded-lg bg-accent-soft text-accent" aria-hidden="true">
          <GaugeIcon />
        </span>
        <div className="min-w-0 flex-1">
          <h2 id={titleId} className="text-base font-semibold">
            Limits
          </h2>
          <p className="mt-0.5 text-sm leading-6 text-muted">What you may spend on AI providers each day, and how fast you may generate.</p>
        </div>
        <button type="button" data-testid="limits-refresh" onClick={refresh} disabled={loading} className={buttonClass("ghost", "sm", "shrink-0")}>
          {loading && <Spinner className="size-3.5" />} Refresh
        </button>
      </div>

      <div className="mt-5">
        <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
          <h3 className="text-sm font-medium">Today&apos;s budget</h3>
          <p className="text-sm tabular-nums">
            <span data-testid="budget-used" className="font-semibold">
              {formatUsd(used)}
            </span>{" "}
            <span className="text-muted">
              of <span data-testid="budget-limit">{formatUsd(budget.limitUsd)}</span>
            </span>
          </p>
        </div>
        <div
          role="meter"
          aria-label="Today's budget used"
          aria-valuemin={0}
          aria-valuemax={budget.limitUsd}
          aria-valuenow={Math.min(used, budget.limitUsd)}
          aria-valuetext={`${formatUsd(budget.spentUsd)} spent and ${formatUsd(budget.reservedUsd)} reserved of ${formatUsd(budget.limitUsd)}`}
          data-testid="budget-bar"
          className="mt-2 flex h-3 w-full overflow-hidden rounded-full bg-raised ring-1 ring-line ring-inset"
        >
          <div className={`h-full ${full ? "bg-danger" : "bg-accent"} transition-[width]`} style={{ width: `${spentPct}%` }} />
          <div
            className="h-full bg-accent/40 transition-[width]"
            style={{
              width: `${reservedPct}%`,
              backgroundImage: "repeating-linear-gradient(45deg, transparent 0 4px, rgb(255 255 255 / 0.35) 4px 8px)",
            }}
          />
        </div>
        <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted tabular-nums">
          <li className="flex items-center gap-1.5">
            <span className="size-2 rounded-full bg-accent" aria-hidden="true" /> Spent <span data-testid="budget-spent">{formatUsd(budget.spentUsd)}</span>
          </li>
          <li className="flex items-center gap-1.5">
            <span className="size-2 rounded-full bg-accent/40" aria-hidden="true" /> Reserved by running jobs{" "}
            <span data-testid="budget-reserved">{formatUsd(budget.reservedUsd)}</span>
          </li>
          <li>
            Left <span data-testid="budget-left">{formatUsd(budget.leftUsd)}</span>
          </li>
        </ul>
        <p className="mt-2 text-xs text-subtle">
          {source(limits.custom.dailyBudgetUsd)}. The day is {budget.day} (UTC); at most {formatUsd(budget.maxCostPerImageUsd)} per image. The
          local renderer is free.
        </p>
      </div>

      <dl className="mt-5 grid gap-3 border-t border-line pt-5 sm:grid-cols-2">
        <div>
          <dt className="text-sm font-medium">Rate limit</dt>
          <dd className="mt-1 text-sm">
            <span data-testid="rate-limit" className="font-semibold tabular-nums">
              {limits.rateLimitPerMinute}
            </span>{" "}
            <span className="text-muted">generations per minute, per provider</span>
            <span className="mt-0.5 block text-xs text-subtle">{source(limits.custom.rateLimitPerMinute)}.</span>
          </dd>
        </div>
        <div>
          <dt className="text-sm font-medium">Daily budget</dt>
          <dd className="mt-1 text-sm">
            <span data-testid="daily-budget" className="font-semibold tabular-nums">
              {formatUsd(limits.dailyBudgetUsd)}
            </span>{" "}
            <span className="text-muted">per UTC day</span>
            <span className="mt-0.5 block text-xs text-subtle">{source(limits.custom.dailyBudgetUsd)}.</span>
          </dd>
        </div>
      </dl>
      {error && (
        <p role="alert" className="mt-4 text-sm text-danger">
          {error}
        </p>
      )}
    </section>
  );
}
