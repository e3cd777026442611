/**
 * The edits waiting on an image — a crop, a resize, a filter, a rotation or flip — and the one request that applies
 * them: `POST /api/v1/images/{id}/process` with the operations in that order (crop → resize → filter → rotate/flip),
 * saved once. The turn comes last, so the crop box and the resize fields keep the picture's own sides.
 */
import { fullRect, type Rect, type Size } from "./crop-geometry";
import { filterBody, optionOf, type FilterChoice } from "./filter-options";
import { describeOrientation, isUpright, orientOperations, swapsSides, upright, type Orientation, type OrientOperation } from "./orientation";

/** A resize of the cropped picture: with `keep`, it fits inside width × height; without, exactly that size. */
export interface ResizeTarget {
  width: number;
  height: number;
  keep: boolean;
}

export interface EditPlan {
  crop: Rect;
  resize: ResizeTarget | null;
  filter: FilterChoice | null;
  orientation: Orientation;
}

export const emptyPlan = (size: Size): EditPlan => ({ crop: fullRect(size), resize: null, filter: null, orientation: upright });

export const isWhole = (rect: Rect, size: Size) => rect.x === 0 && rect.y === 0 && rect.width === size.width && rect.height === size.height;

/** The size after the crop. */
export const croppedSize = (plan: EditPlan, size: Size): Size => (isWhole(plan.crop, size) ? size : { width: plan.crop.width, height: plan.crop.height });

/** What a resize makes of `from` (the server's rule: fit inside the box with the aspect kept, else exactly the box). */
export function resizedSize(target: ResizeTarget, from: Size): Size {
  if (!target.keep) return { width: target.width, height: target.height };
  const scale = Math.min(target.width / from.width, target.height / from.height);
  return { width: Math.max(1, Math.round(from.width * scale)), height: Math.max(1, Math.round(from.height * scale)) };
}

/** The resize, unless it leaves the cropped picture as it is. */
export function effectiveResize(plan: EditPlan, size: Size): ResizeTarget | null {
  if (!plan.resize) return null;
  const from = croppedSize(plan, size);
  const to = resizedSize(plan.resize, from);
  return to.width === from.width && to.height === from.height ? null : plan.resize;
}

/** The size before the turn: after the crop and the resize. */
function unturnedSize(plan: EditPlan, size: Size): Size {
  const cropped = croppedSize(plan, size);
  const resize = effectiveResize(plan, size);
  return resize ? resizedSize(resize, cropped) : cropped;
}

/** The size of the image the plan makes (a quarter turn swaps the sides). */
export function resultSize(plan: EditPlan, size: Size): Size {
  const made = unturnedSize(plan, size);
  return swapsSides(plan.orientation) ? { width: made.height, height: made.width } : made;
}

export type ProcessOperation =
  | { op: "crop"; x: number; y: number; width: number; height: number }
  | { op: "resize"; width: number; height: number; maintainAspectRatio: boolean }
  | { op: "filter"; type: string; params: Record<string, unknown> }
  | OrientOperation;

/** The body's operations, in order; empty when nothing would change. */
export function operationsOf(plan: EditPlan, size: Size): ProcessOperation[] {
  const ops: ProcessOperation[] = [];
  if (!isWhole(plan.crop, size)) ops.push({ op: "crop", ...plan.crop });
  const resize = effectiveResize(plan, size);
  if (resize) ops.push({ op: "resize", width: resize.width, height: resize.height, maintainAspectRatio: resize.keep });
  if (plan.filter) ops.push({ op: "filter", ...filterBody(plan.filter) });
  ops.push(...orientOperations(plan.orientation));
  return ops;
}

/** The pending edits in a few words each: ["Crop 300 × 200", "Resize to 150 × 100", "Sepia"]. */
export function describePlan(plan: EditPlan, size: Size): string[] {
  const words: string[] = [];
  if (!isWhole(plan.crop, size)) words.push(`Crop ${plan.crop.width} × ${plan.crop.height}`);
  const resize = effectiveResize(plan, size);
  if (resize) {
    const to = resizedSize(resize, croppedSize(plan, size));
    words.push(`Resize to ${to.width} × ${to.height}`);
  }
  if (plan.filter) words.push(optionOf(plan.filter.type).label);
  if (!isUpright(plan.orientation)) words.push(describeOrientation(plan.orientation));
  return words;
}

/** The toast once saved: "Cropped to 300 × 200", "Cropped, resized and filtered (Sepia) to 150 × 100". */
export function savedMessage(ops: ProcessOperation[], plan: EditPlan, result: Size): string {
  const verbs = [...new Set(ops.map((o) => ({ crop: "cropped", resize: "resized", filter: "filtered", rotate: "rotated", flip: "flipped" })[o.op]))];
  const list = verbs.length > 1 ? `${verbs.slice(0, -1).join(", ")} and ${verbs.at(-1)}` : verbs[0];
  const filter = plan.filter && verbs.length > 1 ? ` (${optionOf(plan.filter.type).label.toLowerCase()})` : plan.filter ? ` with ${optionOf(plan.filter.type).label.toLowerCase()}` : "";
  const sentence = `${list}${filter}${verbs.some((v) => v === "cropped" || v === "resized" || v === "rotated") ? ` to ${result.width} × ${result.height}` : ""}`;
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)} — saved as a new image`;
}
