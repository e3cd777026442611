// Animated output (gpt-image-2.6 `output_format: "gif"`): the rules a model's `capabilities.animation` states as data,
// and the checks made from them before any job — the frame count, the frame duration, and whether the frames fit.
// Pure (no server imports): the prompt bar runs the same checks to say what fits.
//
// The model draws every frame on ONE sheet and cuts it into frames, so the frames share one picture's limits
// (the dev.to report of 2026-11-05: six 1024×1024 frames "would have been 4096 px on its long side, 256 px over the
// limit"). The sheet is a grid whose cells follow the frame-count bands OpenAI bills by — 2–8, 9, 10–12, 13–16
// (docs.comfy.org OpenAIGPTImageGIFNode) — as 4×2, 3×3, 4×3 and 4×4 cells; the grid's shape is the studio's reading
// of those reports (unconfirmed), chosen because it gives exactly the square-frame caps measured by docs.apiyi.com
// (960 px for 2–9 frames, 816 for 10–12, 720 for 13–16) under the family's sheet limits (long side 3840, at most
// 8,294,400 px) and the 4096 px of the rejected six-frame request.
import type { AnimationSpec } from "./types";

export type { AnimationSpec } from "./types";

/** What is asked: how many frames, each shown how long. */
export interface AnimationRequest {
  frames: number;
  frameDurationMs: number;
}

/** The cells of the sheet for a frame count (the band it falls in), or undefined outside the model's range. */
export function gridFor(spec: AnimationSpec, frames: number): { columns: number; rows: number } | undefined {
  if (!Number.isInteger(frames) || frames < spec.minFrames || frames > spec.maxFrames) return undefined;
  const band = [...spec.sheet.grids].sort((a, b) => a.upTo - b.upTo).find((g) => frames <= g.upTo);
  return band ? { columns: band.columns, rows: band.rows } : undefined;
}

/**
 * The sheet `frames` frames of width×height are laid out on: the band's grid, turned so that its long side is the
 * shorter one (a wide frame goes in fewer columns). Undefined when the frame count has no band.
 */
export function sheetOf(spec: AnimationSpec, frames: number, width: number, height: number): { width: number; height: number; cells: number } | undefined {
  const grid = gridFor(spec, frames);
  if (!grid) return undefined;
  const a = { width: grid.columns * width, height: grid.rows * height };
  const b = { width: grid.rows * width, height: grid.columns * height };
  const best = Math.max(b.width, b.height) < Math.max(a.width, a.height) ? b : a;
  return { ...best, cells: grid.columns * grid.rows };
}

const px = (n: number) => n.toLocaleString("en");

/** Why the frame count is refused, or null. */
export function frameCountError(spec: AnimationSpec, frames: number): string | null {
  if (!Number.isInteger(frames) || frames < spec.minFrames || frames > spec.maxFrames) return `an animation has ${spec.minFrames}–${spec.maxFrames} frames, not ${frames}`;
  if (!gridFor(spec, frames)) return `this model has no sheet layout for ${frames} frames`;
  return null;
}

/** Why the frame duration is refused, or null. */
export function frameDurationError(spec: AnimationSpec, ms: number): string | null {
  const d = spec.frameDurationMs;
  if (!Number.isInteger(ms) || ms < d.min || ms > d.max || (ms - d.min) % d.step) {
    return `a frame is shown ${d.min}–${d.max} ms in steps of ${d.step}, not ${ms} ms`;
  }
  return null;
}

/**
 * Why frames of width×height (n animations in one call) do not fit, or null: sides in the model's steps and shape,
 * then the sheet of the frame count's band — its long side and pixel count, the pixels of all n sheets together
 * ("the number of animations must fit … the total request pixel budget", docs.apiyi.com quoting OpenAI).
 */
export function animationSizeError(spec: AnimationSpec, frames: number, width: number, height: number, n = 1): string | null {
  const count = frameCountError(spec, frames);
  if (count) return count;
  const m = spec.multipleOf;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < m || height < m || width % m || height % m) {
    return `${width}×${height} frames: both sides must be multiples of ${m}`;
  }
  if (Math.max(width, height) / Math.min(width, height) > spec.maxRatio + 1e-9) return `${width}×${height} frames: the aspect ratio must lie between 1:${spec.maxRatio} and ${spec.maxRatio}:1`;
  const sheet = sheetOf(spec, frames, width, height)!;
  const { maxSide, maxPixels, minPixels } = spec.sheet;
  const cap = maxSquareFrame(spec, frames, n);
  const hint = cap ? `; at ${bandLabel(spec, frames)} frames${n > 1 ? ` and ${n} animations` : ""} a square frame may be at most ${cap}×${cap}` : "";
  const laid = `${frames} frames of ${width}×${height} are drawn on one ${sheet.width}×${sheet.height} sheet`;
  if (Math.max(sheet.width, sheet.height) > maxSide) return `${laid}, longer than ${px(maxSide)} px${hint}`;
  const pixels = sheet.width * sheet.height;
  if (pixels * n > maxPixels) {
    return n > 1 ? `${laid}, and ${n} of them (${px(pixels * n)} px) exceed the ${px(maxPixels)} px a request may draw${hint}` : `${laid} (${px(pixels)} px), over ${px(maxPixels)} px${hint}`;
  }
  if (pixels < minPixels) return `${laid} (${px(pixels)} px), under the ${px(minPixels)} px a sheet needs: use larger frames`;
  return null;
}

/** "2–8", "9", "10–12"…: the band of frame counts `frames` falls in. */
export function bandLabel(spec: AnimationSpec, frames: number): string {
  const bands = [...spec.sheet.grids].sort((a, b) => a.upTo - b.upTo);
  const i = bands.findIndex((g) => frames <= g.upTo);
  if (i < 0) return String(frames);
  const from = i === 0 ? spec.minFrames : bands[i - 1].upTo + 1;
  return from === bands[i].upTo ? String(from) : `${from}–${bands[i].upTo}`;
}

/** The largest square frame side (a multiple of the step) that fits `frames` frames, n animations; 0 when none does. */
export function maxSquareFrame(spec: AnimationSpec, frames: number, n = 1): number {
  const grid = gridFor(spec, frames);
  if (!grid) return 0;
  const cells = grid.columns * grid.rows;
  const bySide = spec.sheet.maxSide / Math.max(grid.columns, grid.rows);
  const byPixels = Math.sqrt(spec.sheet.maxPixels / (cells * n));
  const side = Math.floor(Math.min(bySide, byPixels) / spec.multipleOf) * spec.multipleOf;
  return side >= spec.multipleOf && side * side * cells >= spec.sheet.minPixels ? side : 0;
}

/** A frame's pixel count when the request names no size: about 512×512 (the default frame size of ComfyUI's node). */
export const DEFAULT_FRAME_PIXELS = 512 * 512;

/**
 * The frame size for a request: the asked width×height checked as they are, else about DEFAULT_FRAME_PIXELS in the
 * asked shape (default square), made smaller until the sheet fits and larger until it has its minimum.
 */
export function animationFrameSize(
  spec: AnimationSpec,
  wish: { frames: number; n?: number; width?: number; height?: number; ratio?: number },
): { width: number; height: number } | { error: string } {
  const n = wish.n ?? 1;
  if (wish.width !== undefined && wish.height !== undefined) {
    const why = animationSizeError(spec, wish.frames, wish.width, wish.height, n);
    return why ? { error: why } : { width: wish.width, height: wish.height };
  }
  const count = frameCountError(spec, wish.frames);
  if (count) return { error: count };
  const known = wish.width ?? wish.height;
  const r = Math.min(spec.maxRatio, Math.max(1 / spec.maxRatio, wish.ratio ?? 1));
  const m = spec.multipleOf;
  const snap = (v: number) => Math.max(m, Math.round(v / m) * m);
  let w = known !== undefined ? (wish.width ?? snap(known * r)) : snap(Math.sqrt(DEFAULT_FRAME_PIXELS * r));
  let h = known !== undefined ? (wish.height ?? snap(known / r)) : snap(w / r);
  if (known !== undefined) {
    const why = animationSizeError(spec, wish.frames, w, h, n);
    return why ? { error: why } : { width: w, height: h };
  }
  const fits = () => animationSizeError(spec, wish.frames, w, h, n) === null;
  const sheetPixels = () => sheetOf(spec, wish.frames, w, h)!.width * sheetOf(spec, wish.frames, w, h)!.height;
  for (let i = 0; i < 400 && !fits(); i++) {
    if (sheetPixels() < spec.sheet.minPixels) {
      if (w / h < r) w += m;
      else h += m;
    } else if (w <= m && h <= m) break;
    else if (w / h >= r) w -= m;
    else h -= m;
  }
  const why = animationSizeError(spec, wish.frames, w, h, n);
  return why ? { error: why } : { width: w, height: h };
}
