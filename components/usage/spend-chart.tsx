"use client";

import { useEffect, useId, useRef, useState } from "react";
import { dayColumns, formatMetric, longDay, money, niceCeiling, shortDay, valueOf, type Metric, type ProviderTotal } from "./usage-data";
import type { UsageDay } from "@/components/api/studio";

interface Props {
  from: string;
  to: string;
  rows: UsageDay[];
  providers: ProviderTotal[];
  metric: Metric;
  /** Today (UTC): its bar is marked. */
  today: string;
}

const height = 240;
const pad = { top: 12, right: 8, bottom: 28, left: 52 };

/** The element's width in CSS pixels, followed as it changes (720 until measured). */
function useWidth<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(720);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.max(280, Math.round(entry.contentRect.width))));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

/**
 * Spend (or images) per day for the range, one bar per day stacked by provider, drawn in SVG at the container's
 * own pixel width so its text stays readable on a phone. The picture is summarised for screen readers, and the
 * same numbers are in the table that follows it (shown on request, always there for assistive technology).
 */
export function SpendChart({ from, to, rows, providers, metric, today }: Props) {
  const id = useId();
  const { ref, width } = useWidth<HTMLDivElement>();
  const [showTable, setShowTable] = useState(false);
  const columns = dayColumns(from, to, rows);
  const totals = columns.map((c) => providers.reduce((sum, p) => sum + valueOf(c.values[p.provider], metric), 0));
  const max = Math.max(0, ...totals);
  const top = metric === "images" ? Math.max(1, Math.ceil(niceCeiling(max))) : niceCeiling(max);
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const band = plotW / Math.max(1, columns.length);
  const barW = Math.max(2, Math.min(28, band * 0.68));
  const y = (v: number) => pad.top + plotH - (v / top) * plotH;
  const ticks = [0, top / 4, top / 2, (3 * top) / 4, top].filter((t) => metric === "cost" || Number.isInteger(t));
  const labelEvery = Math.max(1, Math.ceil(columns.length / Math.max(2, Math.floor(plotW / 64))));
  const busiest = totals.indexOf(max);
  const sum = totals.reduce((a, b) => a + b, 0);
  const noun = metric === "cost" ? "Spend" : "Images";
  const summary =
    sum > 0
      ? `${noun} per day from ${longDay(from)} to ${longDay(to)}, stacked by provider: ${formatMetric(metric === "cost" ? Number(sum.toFixed(6)) : sum, metric)} in all, the most on ${longDay(columns[busiest].day)} (${formatMetric(max, metric)}).`
      : `No ${metric === "cost" ? "spend" : "images"} between ${longDay(from)} and ${longDay(to)}.`;
  const activeDays = columns.filter((c) => Object.keys(c.values).length > 0);

  return (
    <figure data-testid="usage-chart" data-metric={metric} className="min-w-0">
      <div ref={ref} className="relative w-full">
        {sum === 0 && (
          <p data-testid="usage-chart-note" className="absolute inset-x-0 top-1/3 mx-auto w-fit max-w-[80%] rounded-lg bg-surface/90 px-3 py-1.5 text-center text-xs text-muted shadow-xs ring-1 ring-line">
            {metric === "cost" && rows.some((r) => r.images > 0)
              ? "No spend in this period: only free providers (the local renderer) were used. Switch to Images to see them."
              : "Nothing in this period."}
          </p>
        )}
        <svg
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          role="img"
          aria-labelledby={`${id}-title`}
          aria-describedby={`${id}-desc`}
          className="block max-w-full overflow-visible text-muted"
        >
          <title id={`${id}-title`}>{`${noun} per day and provider`}</title>
          <desc id={`${id}-desc`}>{summary}</desc>
          {ticks.map((t) => (
            <g key={t}>
              <line x1={pad.left} x2={width - pad.right} y1={y(t)} y2={y(t)} stroke="var(--line)" strokeDasharray={t === 0 ? undefined : "3 4"} />
              <text x={pad.left - 8} y={y(t)} dy="0.32em" textAnchor="end" fontSize="11" fill="currentColor" className="tabular-nums">
                {metric === "cost" ? money(t) : t}
              </text>
            </g>
          ))}
          {columns.map((c, i) => {
            const x = pad.left + i * band + (band - barW) / 2;
            let base = 0;
            const parts = providers
              .map((p) => ({ p, v: valueOf(c.values[p.provider], metric) }))
              .filter((part) => part.v > 0);
            const tip = parts.length
              ? `${longDay(c.day)}: ${formatMetric(totals[i], metric)} — ${parts.map((part) => `${part.p.label} ${formatMetric(part.v, metric)}`).join(", ")}`
              : `${longDay(c.day)}: nothing`;
            return (
              <g key={c.day} data-testid={parts.length ? "usage-bar" : undefined} data-day={c.day}>
                <title>{tip}</title>
                {/* The whole band answers the pointer, so a thin bar's tooltip is easy to reach. */}
                <rect x={pad.left + i * band} y={pad.top} width={band} height={plotH} fill="transparent" />
                {c.day === today && <rect x={x - 2} y={pad.top} width={barW + 4} height={plotH} rx={3} fill="var(--accent)" opacity={0.07} />}
                {parts.map(({ p, v }, k) => {
                  const y0 = y(base);
                  base += v;
                  const h = Math.max(1.5, y0 - y(base));
                  return (
                    <rect
                      key={p.provider}
                      data-provider={p.provider}
                      x={x}
                      y={y0 - h}
                      width={barW}
                      height={h}
                      rx={k === parts.length - 1 ? Math.min(3, barW / 3) : 0}
                      fill={p.color}
                    />
                  );
                })}
              </g>
            );
          })}
          {columns.map((c, i) =>
            // Counted from the right, so the last day (today) always has its label.
            (columns.length - 1 - i) % labelEvery === 0 ? (
              <text
                key={c.day}
                x={pad.left + i * band + band / 2}
                y={height - 8}
                textAnchor="middle"
                fontSize="11"
                fill="currentColor"
                fontWeight={c.day === today ? 600 : 400}
              >
                {c.day === today ? "Today" : shortDay(c.day)}
              </text>
            ) : null,
          )}
        </svg>
      </div>
      <figcaption className="mt-3 flex flex-wrap items-center justify-between gap-3">
        <ul aria-label="Providers" className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted">
          {providers.map((p) => (
            <li key={p.provider} className="flex items-center gap-1.5">
              <span aria-hidden="true" className="size-2.5 rounded-sm" style={{ background: p.color }} />
              {p.label}
            </li>
          ))}
        </ul>
        <button
          type="button"
          data-testid="usage-table-toggle"
          aria-expanded={showTable}
          aria-controls={`${id}-table`}
          onClick={() => setShowTable((v) => !v)}
          className="rounded-md px-2 py-1 text-xs font-medium text-accent hover:bg-raised"
        >
          {showTable ? "Hide the table" : "Show as a table"}
        </button>
      </figcaption>
      {/* Focusable when shown: on a phone the table scrolls sideways, and keyboard users must be able to scroll it. */}
      <div
        id={`${id}-table`}
        role={showTable ? "region" : undefined}
        aria-label={showTable ? `${noun} per day and provider, table` : undefined}
        tabIndex={showTable ? 0 : undefined}
        className={showTable ? "relative mt-3 overflow-x-auto rounded-md" : "sr-only"}
      >
        <table data-testid="usage-table" className="w-full min-w-[28rem] text-left text-sm tabular-nums">
          <caption className="sr-only">{`${noun} per day and provider`}</caption>
          <thead className="border-b border-line text-xs text-muted">
            <tr>
              <th scope="col" className="py-2 pr-3 font-medium">
                Day (UTC)
              </th>
              {providers.map((p) => (
                <th key={p.provider} scope="col" className="py-2 pr-3 text-right font-medium">
                  {p.label}
                </th>
              ))}
              <th scope="col" className="py-2 text-right font-medium">
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {activeDays.length === 0 && (
              <tr>
                <td colSpan={providers.length + 2} className="py-3 text-muted">
                  Nothing in this period.
                </td>
              </tr>
            )}
            {activeDays
              .slice()
              .reverse()
              .map((c) => (
                <tr key={c.day} data-testid="usage-row" data-day={c.day} className="border-b border-line/60">
                  <th scope="row" className="py-1.5 pr-3 font-normal whitespace-nowrap">
                    {c.day === today ? `Today (${shortDay(c.day)})` : shortDay(c.day)}
                  </th>
                  {providers.map((p) => {
                    const v = c.values[p.provider];
                    return (
                      <td key={p.provider} data-provider={p.provider} className="py-1.5 pr-3 text-right whitespace-nowrap">
                        {v ? `${money(v.cost)} · ${v.images} img` : "—"}
                      </td>
                    );
                  })}
                  <td className="py-1.5 text-right font-medium whitespace-nowrap">
                    {money(providers.reduce((s, p) => s + (c.values[p.provider]?.cost ?? 0), 0))} ·{" "}
                    {providers.reduce((s, p) => s + (c.values[p.provider]?.images ?? 0), 0)} img
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
