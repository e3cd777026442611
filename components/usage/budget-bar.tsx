"use client";

import { useEffect, useState } from "react";
import { formatWait } from "@/components/api/providers";
import type { UsageReport } from "@/components/api/studio";
import { money } from "./usage-data";

/** Seconds until the next UTC midnight, measured in the browser after it renders (none on the server). */
function useUntilReset() {
  const [seconds, setSeconds] = useState<number | null>(null);
  useEffect(() => {
    const tick = () => {
      const now = new Date();
      setSeconds(Math.ceil((Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1) - now.getTime()) / 1000));
    };
    tick();
    const timer = setInterval(tick, 60_000);
    return () => clearInterval(timer);
  }, []);
  return seconds;
}

/** Today's budget as a bar: spent, reserved for generations in flight, and what is left, with when it resets. */
export function BudgetBar({ budget }: { budget: UsageReport["budget"] }) {
  const reset = useUntilReset();
  const { limitUsd, spentUsd, reservedUsd, leftUsd } = budget;
  const used = spentUsd + reservedUsd;
  const share = (v: number) => (limitUsd > 0 ? Math.min(100, (v / limitUsd) * 100) : 0);
  const low = limitUsd > 0 && leftUsd / limitUsd < 0.15;

  return (
    <div data-testid="budget">
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <p className="text-sm">
          {limitUsd > 0 ? (
            <>
              <span data-testid="budget-left-today" className={`text-2xl font-semibold tracking-tight tabular-nums ${low ? "text-danger" : "text-fg"}`}>
                {money(leftUsd)}
              </span>{" "}
              <span className="text-muted">left of {money(limitUsd)} today</span>
            </>
          ) : (
            <span className="text-muted">Paid generations are off: today&apos;s budget is $0. The local renderer still works.</span>
          )}
        </p>
        <p className="text-xs text-muted">{reset !== null ? `Resets in ${formatWait(reset)} (midnight UTC)` : "Resets at midnight UTC"}</p>
      </div>
      <div
        role="meter"
        aria-label="Today's budget used"
        aria-valuemin={0}
        aria-valuemax={limitUsd}
        aria-valuenow={Math.min(used, limitUsd)}
        aria-valuetext={limitUsd > 0 ? `${money(used)} of ${money(limitUsd)} used, ${money(leftUsd)} left` : "No budget today"}
        className="mt-2.5 flex h-3 overflow-hidden rounded-full bg-raised ring-1 ring-line ring-inset"
      >
        <div className="h-full bg-accent transition-[width]" style={{ width: `${share(spentUsd)}%` }} />
        <div
          className="h-full bg-accent/45 bg-[repeating-linear-gradient(45deg,transparent_0_4px,rgb(255_255_255/0.35)_4px_8px)] transition-[width]"
          style={{ width: `${share(reservedUsd)}%` }}
        />
      </div>
      <dl className="mt-2 flex flex-wrap gap-x-5 gap-y-1 text-xs text-muted">
        <div className="flex items-center gap-1.5">
          <span aria-hidden="true" className="size-2.5 rounded-sm bg-accent" />
          <dt>Spent</dt>
          <dd className="font-medium text-fg tabular-nums">{money(spentUsd)}</dd>
        </div>
        <div className="flex items-center gap-1.5">
          <span aria-hidden="true" className="size-2.5 rounded-sm bg-accent/45" />
          <dt>Reserved for running jobs</dt>
          <dd className="font-medium text-fg tabular-nums">{money(reservedUsd)}</dd>
        </div>
        {budget.maxCostPerImageUsd !== undefined && (
          <div className="flex items-center gap-1.5">
            <dt>Most per image</dt>
            <dd className="font-medium text-fg tabular-nums">{money(budget.maxCostPerImageUsd)}</dd>
          </div>
        )}
      </dl>
    </div>
  );
}
