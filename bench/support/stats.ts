import os from "node:os";

/** Small helpers for benchmarks: timing, percentiles, tables, RSS sampling. */

/**
 * Wall time of one call, and the CPU time the whole process spent meanwhile (user + system, every thread: the
 * libvips workers included). CPU time hardly moves when other processes compete for the cores; wall time does.
 */
export async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; cpuMs: number; value: T }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await fn();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, value };
}

/** "1.23 / 1.10 / 0.95" (1, 5, 15 minutes): how busy the machine was, for reading the numbers. */
export const loadAverage = () => {
  const load = os.loadavg();
  return load.every((l) => l === 0) ? "n/a" : load.map((l) => l.toFixed(2)).join(" / ");
};

/** Linear-interpolated percentile (p in 0–100) of the samples, like numpy's default. */
export function percentile(samples: number[], p: number): number {
  if (!samples.length) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

export const median = (samples: number[]) => percentile(samples, 50);
export const p95 = (samples: number[]) => percentile(samples, 95);

export interface Summary {
  n: number;
  median: number;
  p95: number;
  min: number;
  max: number;
}

export function summarize(samples: number[]): Summary {
  return { n: samples.length, median: median(samples), p95: p95(samples), min: Math.min(...samples), max: Math.max(...samples) };
}

export const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : "–");
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** A plain-text table; numbers right-aligned. */
export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? "").length)));
  const numeric = header.map((_, c) => rows.every((r) => /^[-+]?[\d.,]+( ?[a-zA-Z%×]+)?$|^–$/.test(String(r[c] ?? ""))));
  const line = (r: string[]) =>
    r.map((cell, c) => (numeric[c] && c > 0 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join("  ");
  return [line(cells[0]), widths.map((w) => "─".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

/** Samples process RSS on a timer (the event loop is free while libvips works on its own threads). */
export function sampleRss(everyMs = 20) {
  let peak = process.memoryUsage().rss;
  let samples = 1;
  const timer = setInterval(() => {
    const rss = process.memoryUsage().rss;
    samples++;
    if (rss > peak) peak = rss;
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      const rss = process.memoryUsage().rss;
      return { peak: Math.max(peak, rss), samples: samples + 1 };
    },
  };
}

/** A whole-number setting of a benchmark (BENCH_ITERATIONS…), or `fallback` when unset or below `min`. */
export const intFromEnv = (name: string, fallback: number, min: number) => {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v >= min ? v : fallback;
};
