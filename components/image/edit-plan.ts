/**
 * The edits waiting on an image — a crop, a resize, a filter — and the one request that applies them:
 * `POST /api/v1/images/{id}/process` with the operations in that order (crop → resize → filter), saved once.
 */
import { fullRect, type Rect, type Size } from "./crop-geometry";
import { filterBody, optionOf, type FilterChoice } from "./filter-options";

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
}

export const emptyPlan = (size: Size): EditPlan => ({ crop: fullRect(size), resize: null, filter: null });

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

/** The size of the image the plan makes. */
export function resultSize(plan: EditPlan, size: Size): Size {
  const cropped = croppedSize(plan, size);
  const resize = effectiveResize(plan, size);
  return resize ? resizedSize(resize, cropped) : cropped;
}

export type ProcessOperation =
  | { op: "crop"; x: number; y: number; width: number; height: number }
  | { op: "resize"; width: number; height: number; maintainAspectRatio: boolean }
  | { op: "filter"; type: string; params: Record<string, unknown> };

/** The body's operations, in order; empty when nothing would change. */
export function operationsOf(plan: EditPlan, size: Size): ProcessOperation[] {
  const ops: ProcessOperation[] = [];
  if (!isWhole(plan.crop, size)) ops.push({ op: "crop", ...plan.crop });
  const resize = effectiveResize(plan, size);
  if (resize) ops.push({ op: "resize", width: resize.width, height: resize.height, maintainAspectRatio: resize.keep });
  if (plan.filter) ops.push({ op: "filter", ...filterBody(plan.filter) });
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
  return words;
}

/** The toast once saved: "Cropped to 300 × 200", "Cropped, resized and filtered (Sepia) to 150 × 100". */
export function savedMessage(ops: ProcessOperation[], plan: EditPlan, result: Size): string {
  const verbs = ops.map((o) => (o.op === "crop" ? "cropped" : o.op === "resize" ? "resized" : "filtered"));
  const list = verbs.length > 1 ? `${verbs.slice(0, -1).join(", ")} and ${verbs.at(-1)}` : verbs[0];
  const filter = plan.filter && verbs.length > 1 ? ` (${optionOf(plan.filter.type).label.toLowerCase()})` : plan.filter ? ` with ${optionOf(plan.filter.type).label.toLowerCase()}` : "";
  const sentence = `${list}${filter}${verbs.includes("cropped") || verbs.includes("resized") ? ` to ${result.width} × ${result.height}` : ""}`;
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)} — saved as a new image`;
}
