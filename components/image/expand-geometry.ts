/**
 * The canvas an expand makes, worked out in the browser to draw it before anything runs — with the server's own rule
 * (lib/images/expand-sides.ts): a factor grows both sides, split evenly with any odd pixel to the
 * right/bottom; an aspect ratio grows only the short dimension, centred; a pan adds pixels on one side.
 */
import type { ExpandWay } from "@/components/api/tools";
import { expandSides as sharedExpandSides } from "@/lib/images/expand-sides";

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

/** The request's way to grow for a choice on a picture of `size`. */
export function expandWayOf(choice: ExpandChoice, size: { width: number; height: number }): ExpandWay {
  if (choice.mode === "zoom") return { factor: choice.factor };
  if (choice.mode === "aspect") return { aspectRatio: choice.ratio };
  const along = choice.direction === "left" || choice.direction === "right" ? size.width : size.height;
  const px = Math.max(1, Math.round(along * choice.share));
  const side = ({ left: "left", right: "right", up: "top", down: "bottom" } as const)[choice.direction];
  return { [side]: px };
}

/** The pixels added on each side; null when nothing would be added (already that aspect ratio) — the server's rule. */
export const expandSides = (way: ExpandWay, size: { width: number; height: number }): Sides | null => sharedExpandSides(way, size);

export const canvasOf = (sides: Sides, size: { width: number; height: number }) => ({ width: size.width + sides.left + sides.right, height: size.height + sides.top + sides.bottom });

/** In words: "Zoom out 1.5×", "Pan left by 50%", "To 16:9". */
export function describeExpand(choice: ExpandChoice): string {
  if (choice.mode === "zoom") return `Zoom out ${choice.factor}×`;
  if (choice.mode === "aspect") return `To ${choice.ratio}`;
  return `Pan ${choice.direction} by ${Math.round(choice.share * 100)}%`;
}
