import type { ExpandGeometry } from "@/lib/providers/types";

// The one rule for how an expand grows a picture, shared by the server (lib/images/tools-schema.ts) and the studio's
// Expand panel, which draws the canvas before anything runs: pure, no imports that need the server.

/** One way to ask for an expand (the body of POST /api/v1/images/{id}/expand, without its other fields). */
export type ExpandWay = { factor: number } | { aspectRatio: string } | { left?: number; right?: number; top?: number; bottom?: number };

const split = (extra: number): [number, number] => [Math.floor(extra / 2), extra - Math.floor(extra / 2)];

/**
 * The pixels an expand adds on each side of a `width × height` picture. A factor grows both dimensions (rounded to
 * whole pixels, split evenly, any odd pixel to the right/bottom); an aspect ratio grows only the dimension that is
 * short of it. Null when nothing would be added (the picture already has that aspect ratio).
 */
export function expandSides(way: ExpandWay, size: { width: number; height: number }): ExpandGeometry | null {
  let sides: ExpandGeometry;
  if ("factor" in way && way.factor !== undefined) {
    const [left, right] = split(Math.round(size.width * way.factor) - size.width);
    const [top, bottom] = split(Math.round(size.height * way.factor) - size.height);
    sides = { left, right, top, bottom };
  } else if ("aspectRatio" in way && way.aspectRatio) {
    const [w, h] = way.aspectRatio.split(":").map(Number);
    const wanted = w / h;
    const current = size.width / size.height;
    const [left, right] = wanted > current ? split(Math.round(size.height * wanted) - size.width) : [0, 0];
    const [top, bottom] = wanted < current ? split(Math.round(size.width / wanted) - size.height) : [0, 0];
    sides = { left, right, top, bottom };
  } else {
    const px = way as { left?: number; right?: number; top?: number; bottom?: number };
    sides = { left: px.left ?? 0, right: px.right ?? 0, top: px.top ?? 0, bottom: px.bottom ?? 0 };
  }
  return sides.left + sides.right + sides.top + sides.bottom > 0 ? sides : null;
}

/** The canvas an expand makes. */
export const expandedSize = (g: ExpandGeometry, size: { width: number; height: number }) => ({ width: size.width + g.left + g.right, height: size.height + g.top + g.bottom });
