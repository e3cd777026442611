/**
 * What reference images gave a local picture, kept in its record (params.local) so a variation or refinement can
 * redraw it with the same influence when the references are not sent again — or no longer exist: the scene guide
 * their first one set (horizon, light, time of day) and each coarse layout grid laid under the render, with how much
 * of it. A grid is ≤ 10×10 RGB (≤ 400 base64 characters): the record stays small.
 */
import type { RenderRecord } from "./png-meta";
import type { Pixels } from "./rasterize";
import type { SceneGuide } from "./scene";
import type { TimeOfDay } from "./vocabulary";
import { applyLayout, type ReferenceReading } from "./references";

/** One layout as the record keeps it: the grid's size, its RGB bytes (base64), the amount, and whether only light moved. */
export interface RecordedLayout {
  w: number;
  h: number;
  rgb: string;
  amount: number;
  lightOnly?: boolean;
}

/** A redraw keeps at most this many layouts (a variation of a variation of … made from new references each time). */
const MAX_LAYOUTS = 4;
const MAX_GRID = 32;

export function recordLayout(layout: ReferenceReading["layout"], amount: number, lightOnly: boolean): RecordedLayout {
  return { w: layout.width, h: layout.height, rgb: layout.data.toString("base64"), amount: Math.round(amount * 1000) / 1000, lightOnly: lightOnly || undefined };
}

/** What a record says the references gave its picture; anything malformed (a hand-edited row) is left out. */
export function keptReferences(record: RenderRecord | null): { guide?: SceneGuide; layouts: RecordedLayout[] } {
  if (!record) return { layouts: [] };
  const layouts = (Array.isArray(record.layouts) ? record.layouts : []).filter(validLayout).slice(-MAX_LAYOUTS);
  return { guide: validGuide(record.guide), layouts };
}

/** Lays the recorded layouts under a redraw, in the order they were first laid. */
export async function applyRecordedLayouts(px: Pixels, layouts: readonly RecordedLayout[]): Promise<void> {
  for (const l of layouts) await applyLayout(px, { data: Buffer.from(l.rgb, "base64"), width: l.w, height: l.h }, l.amount, !!l.lightOnly);
}

/** The record's layouts after this render: those it kept, then the one it laid now (if any), newest last. */
export const withLayout = (kept: readonly RecordedLayout[], added?: RecordedLayout) => {
  const all = added ? [...kept, added] : [...kept];
  return all.length ? all.slice(-MAX_LAYOUTS) : undefined;
};

function validLayout(l: unknown): l is RecordedLayout {
  if (!l || typeof l !== "object") return false;
  const { w, h, rgb, amount } = l as Partial<RecordedLayout>;
  const size = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= MAX_GRID;
  if (!size(w) || !size(h) || typeof rgb !== "string" || typeof amount !== "number" || !(amount >= 0 && amount <= 1)) return false;
  return Buffer.from(rgb, "base64").length === w * h * 3;
}

const TIMES: readonly string[] = ["sunrise", "morning", "noon", "afternoon", "golden", "sunset", "dusk", "night"] satisfies TimeOfDay[];

function validGuide(g: unknown): SceneGuide | undefined {
  if (!g || typeof g !== "object") return undefined;
  const { horizon, light, time } = g as SceneGuide;
  const frac = (v: unknown): v is number => typeof v === "number" && v >= 0 && v <= 1;
  const out: SceneGuide = {};
  if (frac(horizon)) out.horizon = horizon;
  if (light && frac(light.x) && frac(light.y)) out.light = { x: light.x, y: light.y };
  if (typeof time === "string" && TIMES.includes(time)) out.time = time;
  return Object.keys(out).length ? out : undefined;
}
