/**
 * The canvas an expand makes, worked out in the browser to draw it before anything runs — the server's rule
 * (lib/images/tools-schema.ts `expandGeometry`): a factor grows both sides, split evenly with any odd pixel to the
 * right/bottom; an aspect ratio grows only the short dimension, centred; a pan adds pixels on one side.
 */
import type { ExpandWay } from "@/components/api/tools";

export interface Sides {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export type PanDirection = "left" | "right" | "up" | "down";

/** The choices the panel offers: zoom out, pan one way, or reach an aspect ratio. */
export type ExpandChoice = { mode: "zoom"; factor: number } | { mode: "pan"; direction: PanDirection; share: number } | { mode: "aspect"; ratio: string };

export const zoomFactors = [1.5, 2] as const;
export const panShares = [0.25, 0.5, 1] as const;
export const expandAspects = ["1:1", "4:3", "3:2", "16:9", "3:4", "2:3", "9:16"] as const;
/** The server's pixel limit for a result (MAX_OUTPUT_MEGAPIXELS, default 50). */
export const maxOutputPixels = 50_000_000;

const split = (extra: number): [number, number] => [Math.floor(extra / 2), extra - Math.floor(extra / 2)];

/** The request's way to grow for a choice on a picture of `size`. */
export function expandWayOf(choice: ExpandChoice, size: { width: number; height: number }): ExpandWay {
  if (choice.mode === "zoom") return { factor: choice.factor };
  if (choice.mode === "aspect") return { aspectRatio: choice.ratio };
  const along = choice.direction === "left" || choice.direction === "right" ? size.width : size.height;
  const px = Math.max(1, Math.round(along * choice.share));
  const side = ({ left: "left", right: "right", up: "top", down: "bottom" } as const)[choice.direction];
  return { [side]: px };
}

/** The pixels added on each side; null when nothing would be added (already that aspect ratio). */
export function expandSides(way: ExpandWay, size: { width: number; height: number }): Sides | null {
  let sides: Sides;
  if ("factor" in way) {
    const [left, right] = split(Math.round(size.width * way.factor) - size.width);
    const [top, bottom] = split(Math.round(size.height * way.factor) - size.height);
    sides = { left, right, top, bottom };
  } else if ("aspectRatio" in way) {
    const [w, h] = way.aspectRatio.split(":").map(Number);
    const wanted = w / h;
    const current = size.width / size.height;
    const [left, right] = wanted > current ? split(Math.round(size.height * wanted) - size.width) : [0, 0];
    const [top, bottom] = wanted < current ? split(Math.round(size.width / wanted) - size.height) : [0, 0];
    sides = { left, right, top, bottom };
  } else {
    sides = { left: way.left ?? 0, right: way.right ?? 0, top: way.top ?? 0, bottom: way.bottom ?? 0 };
  }
  return sides.left + sides.right + sides.top + sides.bottom > 0 ? sides : null;
}

export const canvasOf = (sides: Sides, size: { width: number; height: number }) => ({ width: size.width + sides.left + sides.right, height: size.height + sides.top + sides.bottom });

/** In words: "Zoom out 1.5×", "Pan left by 50%", "To 16:9". */
export function describeExpand(choice: ExpandChoice): string {
  if (choice.mode === "zoom") return `Zoom out ${choice.factor}×`;
  if (choice.mode === "aspect") return `To ${choice.ratio}`;
  return `Pan ${choice.direction} by ${Math.round(choice.share * 100)}%`;
}
