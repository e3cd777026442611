import { AppError } from "@/lib/errors";
import { outputSize, type Operation } from "./operations";

/**
 * What one processing request may cost, checked from the request and the source's size before any pixel is
 * decoded. Work is counted in pixel·taps: every pixel an operation writes times the kernel taps it reads for
 * it (a Gaussian blur of sigma σ reads 2·(2·⌈1.8σ⌉+1) taps per pixel, two separable passes at libvips's
 * default minimum amplitude of 0.2; a Lanczos-3 resize 12; point filters, crops, quarter turns, flips, the decode and
 * the encode 1).
 */
export interface ProcessingBudget {
  /** Most operations in one request (MAX_PROCESS_OPERATIONS). */
  maxOperations: number;
  /** Largest width × height of any step's result (MAX_OUTPUT_MEGAPIXELS). */
  maxOutputPixels: number;
  /** Largest estimated work in pixel·taps (MAX_PROCESS_WORK, in millions). */
  maxWork: number;
  /** Longest side of any step's result (MAX_IMAGE_SIDE); unchecked when absent. */
  maxSide?: number;
}

/** Kernel taps per output pixel of a Gaussian of this sigma (separable: two one-dimensional passes). */
export const gaussianTaps = (sigma: number) => 2 * (2 * Math.ceil(1.8 * sigma) + 1);
const lanczosTaps = 12;

/** Taps per output pixel of one operation. */
function taps(op: Operation): number {
  if (op.op === "resize") return lanczosTaps;
  if (op.op === "crop" || op.op === "rotate" || op.op === "flip") return 1;
  if (op.filter.type === "blur") return gaussianTaps(op.filter.params.radius);
  if (op.filter.type === "sharpen") return gaussianTaps(op.filter.params.sigma);
  return 1;
}

export interface WorkEstimate {
  /** Total pixel·taps: the decode, every operation, the encode. */
  work: number;
  /** Each operation's result size and pixel·taps, in order. */
  steps: { width: number; height: number; work: number }[];
}

/** The estimated work of operations on a `width`×`height` input (validates each step's bounds on the way). */
export function estimateWork(operations: readonly Operation[], width: number, height: number): WorkEstimate {
  let size = { width, height };
  let work = width * height; // the decode
  const steps = operations.map((op, i) => {
    size = outputSize(op, size.width, size.height, operations.length > 1 ? i : undefined);
    const stepWork = size.width * size.height * taps(op);
    work += stepWork;
    return { ...size, work: stepWork };
  });
  work += size.width * size.height; // the encode
  return { work, steps };
}

const mp = (pixels: number) => `${+(pixels / 1_000_000).toFixed(1)} MP`;
const millions = (n: number) => Math.ceil(n / 1_000_000).toLocaleString("en-US");

/**
 * Refuses, with a 400 that names the limit and its value, a request over the budget: too many operations, a
 * result (or an intermediate step) over the output pixel or side limit, or more estimated work than allowed.
 * An animation's work is that of one frame times its `frames` (each frame is processed).
 */
export function checkBudget(operations: readonly Operation[], width: number, height: number, budget: ProcessingBudget, frames = 1): WorkEstimate {
  if (operations.length > budget.maxOperations) {
    throw new AppError(
      "invalid_request",
      `The request has ${operations.length} operations, over the limit of ${budget.maxOperations} (MAX_PROCESS_OPERATIONS).`,
      { details: { limit: "MAX_PROCESS_OPERATIONS", value: budget.maxOperations, requested: operations.length } },
    );
  }
  const single = estimateWork(operations, width, height);
  const estimate = { ...single, work: single.work * frames };
  const longest = estimate.steps.find((s) => budget.maxSide !== undefined && Math.max(s.width, s.height) > budget.maxSide);
  if (longest && budget.maxSide !== undefined) {
    throw new AppError("invalid_request", `The result would be ${longest.width}×${longest.height} px: a side may be at most ${budget.maxSide} px.`, {
      details: { limit: "MAX_IMAGE_SIDE", value: budget.maxSide, requested: { width: longest.width, height: longest.height } },
    });
  }
  const largest = estimate.steps.reduce((a, s) => (s.width * s.height > a.width * a.height ? s : a), { width: 0, height: 0 });
  if (largest.width * largest.height > budget.maxOutputPixels) {
    throw new AppError(
      "invalid_request",
      `The result would be ${largest.width}×${largest.height} (${mp(largest.width * largest.height)}), over the output limit of ` +
        `${mp(budget.maxOutputPixels)} (MAX_OUTPUT_MEGAPIXELS).`,
      { details: { limit: "MAX_OUTPUT_MEGAPIXELS", value: budget.maxOutputPixels / 1_000_000, requested: { width: largest.width, height: largest.height } } },
    );
  }
  if (estimate.work > budget.maxWork) {
    throw new AppError(
      "invalid_request",
      `The operations would take about ${millions(estimate.work)} million pixel·taps of work (pixels × kernel size, summed over ` +
        `the operations), over the limit of ${millions(budget.maxWork)} million (MAX_PROCESS_WORK): use fewer or smaller ` +
        `blurs, or a smaller size.`,
      { details: { limit: "MAX_PROCESS_WORK", value: budget.maxWork / 1_000_000, requested: Math.ceil(estimate.work / 1_000_000) } },
    );
  }
  return estimate;
}
