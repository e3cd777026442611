import "server-only";
// How an expand maps onto Ideogram's reframe (POST /v1/ideogram-v3/reframe, developer.ideogram.ai/v1/api-reference/
// tools/reframe-v3): "Reframe a square image to a chosen resolution" — it takes a SQUARE `image` and a `resolution`
// from Ideogram 3.0's list, keeps the square in the middle (its side becomes the output's short side) and fills
// the rest. So reframe grows a picture along one axis only, starting from a square that must lie inside the
// original. Our expand may grow either axis, off-centre (a pan): we pick a square of the original and a wider (or
// taller) resolution whose frame, centred on that square, covers the whole canvas, then crop the answer back to
// the canvas. A canvas grown on both axes (a zoom out), or across the original's long side (widening a portrait
// picture, making a landscape one taller), cannot be reframed and is refused with the reason.
import type { ExpandGeometry } from "./types";

/** ResolutionV3: "The resolutions supported for Ideogram 3.0" (the OpenAPI document's enum), WxH. */
export const IDEOGRAM_V3_RESOLUTIONS = [
  "512x1536", "576x1408", "576x1472", "576x1536", "640x1344", "640x1408", "640x1472", "640x1536", "704x1152", "704x1216",
  "704x1280", "704x1344", "704x1408", "704x1472", "736x1312", "768x1088", "768x1216", "768x1280", "768x1344", "800x1280",
  "832x960", "832x1024", "832x1088", "832x1152", "832x1216", "832x1248", "864x1152", "896x960", "896x1024", "896x1088",
  "896x1120", "896x1152", "960x832", "960x896", "960x1024", "960x1088", "1024x832", "1024x896", "1024x960", "1024x1024",
  "1088x768", "1088x832", "1088x896", "1088x960", "1120x896", "1152x704", "1152x832", "1152x864", "1152x896", "1216x704",
  "1216x768", "1216x832", "1248x832", "1280x704", "1280x768", "1280x800", "1312x736", "1344x640", "1344x704", "1344x768",
  "1408x576", "1408x640", "1408x704", "1472x576", "1472x640", "1472x704", "1536x512", "1536x576", "1536x640",
];

export interface ReframePlan {
  /** The `resolution` to ask for. */
  resolution: { width: number; height: number };
  /** The square of the canvas to send as `image` (canvas pixels; inside the original). */
  square: { left: number; top: number; size: number };
  /** The part of the answer (at `resolution`) that is the canvas. */
  crop: { left: number; top: number; width: number; height: number };
}

interface Axis {
  /** Canvas extent along the growing axis, and across it. */
  long: number;
  across: number;
  /** Where the original starts along the growing axis, and its extents. */
  start: number;
  extent: number;
  thickness: number;
}

/** The plan along one growing axis ("long"), as if horizontal; `null` when no resolution covers the canvas. */
function planAxis(axis: Axis, frames: Array<{ long: number; short: number }>): { frame: { long: number; short: number }; at: number; crop: number; cropLength: number } | null {
  const s = axis.thickness; // the square's side: the original's extent across the growing axis
  for (const frame of frames) {
    const length = (s * frame.long) / frame.short; // the frame's extent along the axis, in canvas pixels
    // The square's start `a` (inside the original) such that the frame centred on it covers [0, long].
    const lo = Math.max(axis.start, axis.long - length / 2 - s / 2);
    const hi = Math.min(axis.start + axis.extent - s, length / 2 - s / 2);
    if (lo > hi + 1e-6) continue;
    const at = Math.min(Math.max(Math.round((lo + hi) / 2), axis.start), axis.start + axis.extent - s);
    const scale = frame.short / s;
    const frameStart = at + s / 2 - length / 2;
    const crop = Math.max(0, Math.round(-frameStart * scale));
    return { frame, at, crop, cropLength: Math.min(frame.long - crop, Math.round(axis.long * scale)) };
  }
  return null;
}

/**
 * The reframe call that fills an expand's canvas, or the reason it cannot. `canvas` is the grown canvas, the
 * original sits at (geometry.left, geometry.top).
 */
export function reframePlan(canvas: { width: number; height: number }, geometry: ExpandGeometry, original: { width: number; height: number }, resolutions = IDEOGRAM_V3_RESOLUTIONS): ReframePlan | string {
  const wider = geometry.left > 0 || geometry.right > 0;
  const taller = geometry.top > 0 || geometry.bottom > 0;
  if (wider && taller) {
    return "Ideogram's reframe grows a picture in one direction only (wider, or taller): this expand grows it both ways (a zoom out); expand it one way at a time, or choose another provider";
  }
  const sizes = resolutions.map((r) => r.split("x").map(Number) as [number, number]);
  if (wider) {
    if (original.height > original.width) return "Ideogram's reframe widens a picture from a square of it: a portrait picture cannot be widened by it; choose another provider";
    const frames = sizes.filter(([w, h]) => w > h).map(([w, h]) => ({ long: w, short: h })).sort((a, b) => a.long / a.short - b.long / b.short || b.long * b.short - a.long * a.short);
    const plan = planAxis({ long: canvas.width, across: canvas.height, start: geometry.left, extent: original.width, thickness: original.height }, frames);
    if (!plan) return `Ideogram's reframe cannot make a frame this wide from this picture (its widest resolution is 3:1); choose another provider`;
    return {
      resolution: { width: plan.frame.long, height: plan.frame.short },
      square: { left: plan.at, top: geometry.top, size: original.height },
      crop: { left: plan.crop, top: 0, width: plan.cropLength, height: plan.frame.short },
    };
  }
  if (original.width > original.height) return "Ideogram's reframe makes a picture taller from a square of it: a landscape picture cannot be made taller by it; choose another provider";
  const frames = sizes.filter(([w, h]) => h > w).map(([w, h]) => ({ long: h, short: w })).sort((a, b) => a.long / a.short - b.long / b.short || b.long * b.short - a.long * a.short);
  const plan = planAxis({ long: canvas.height, across: canvas.width, start: geometry.top, extent: original.height, thickness: original.width }, frames);
  if (!plan) return `Ideogram's reframe cannot make a frame this tall from this picture (its tallest resolution is 1:3); choose another provider`;
  return {
    resolution: { width: plan.frame.short, height: plan.frame.long },
    square: { left: geometry.left, top: plan.at, size: original.width },
    crop: { left: 0, top: plan.crop, width: plan.frame.short, height: plan.cropLength },
  };
}
