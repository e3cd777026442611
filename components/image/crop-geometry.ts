/** Crop rectangles in ORIGINAL image pixels: moving, resizing by a handle, locking an aspect ratio. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface Size {
  width: number;
  height: number;
}
export type Handle = "n" | "s" | "e" | "w" | "ne" | "nw" | "se" | "sw";

export const aspectPresets = [
  { id: "free", label: "Free", ratio: null },
  { id: "1:1", label: "1:1", ratio: 1 },
  { id: "4:3", label: "4:3", ratio: 4 / 3 },
  { id: "16:9", label: "16:9", ratio: 16 / 9 },
] as const;

const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, v));

export const fullRect = (size: Size): Rect => ({ x: 0, y: 0, width: size.width, height: size.height });

/** Whole pixels, at least 1×1, entirely inside the image. */
export function normalize(r: Rect, size: Size): Rect {
  const x = clamp(Math.round(r.x), 0, size.width - 1);
  const y = clamp(Math.round(r.y), 0, size.height - 1);
  return {
    x,
    y,
    width: clamp(Math.round(r.width), 1, size.width - x),
    height: clamp(Math.round(r.height), 1, size.height - y),
  };
}

export function moveRect(r: Rect, dx: number, dy: number, size: Size): Rect {
  return normalize(
    { ...r, x: clamp(r.x + dx, 0, size.width - r.width), y: clamp(r.y + dy, 0, size.height - r.height) },
    size,
  );
}

/** The largest rectangle of `ratio` inside `r`, centred on it. */
export function fitAspect(r: Rect, ratio: number | null, size: Size): Rect {
  if (!ratio) return r;
  let width = r.width;
  let height = width / ratio;
  if (height > r.height) {
    height = r.height;
    width = height * ratio;
  }
  return normalize({ x: r.x + (r.width - width) / 2, y: r.y + (r.height - height) / 2, width, height }, size);
}

const minSide = 1;

/** Drags one edge or corner of `start` by (dx, dy); the opposite side stays put. */
export function resizeRect(start: Rect, handle: Handle, dx: number, dy: number, size: Size, ratio: number | null): Rect {
  let left = start.x;
  let top = start.y;
  let right = start.x + start.width;
  let bottom = start.y + start.height;
  if (handle.includes("w")) left = clamp(left + dx, 0, right - minSide);
  if (handle.includes("e")) right = clamp(right + dx, left + minSide, size.width);
  if (handle.includes("n")) top = clamp(top + dy, 0, bottom - minSide);
  if (handle.includes("s")) bottom = clamp(bottom + dy, top + minSide, size.height);
  if (!ratio) return normalize({ x: left, y: top, width: right - left, height: bottom - top }, size);

  let width = right - left;
  let height = bottom - top;
  const horizontal = handle.includes("e") || handle.includes("w");
  const vertical = handle.includes("n") || handle.includes("s");

  if (horizontal && vertical) {
    // A corner: follow whichever side moved further, within the room left beyond the fixed corner.
    if (width / height > ratio) height = width / ratio;
    else width = height * ratio;
    const roomW = handle.includes("e") ? size.width - left : right;
    const roomH = handle.includes("s") ? size.height - top : bottom;
    if (width > roomW) [width, height] = [roomW, roomW / ratio];
    if (height > roomH) [width, height] = [roomH * ratio, roomH];
    const x = handle.includes("e") ? left : right - width;
    const y = handle.includes("s") ? top : bottom - height;
    return normalize({ x, y, width, height }, size);
  }
  // An edge: the other dimension follows, centred on the rectangle's middle.
  const cx = start.x + start.width / 2;
  const cy = start.y + start.height / 2;
  if (horizontal) {
    height = width / ratio;
    const roomH = 2 * Math.min(cy, size.height - cy);
    if (height > roomH) [width, height] = [roomH * ratio, roomH];
    const x = handle.includes("e") ? left : right - width;
    return normalize({ x, y: cy - height / 2, width, height }, size);
  }
  width = height * ratio;
  const roomW = 2 * Math.min(cx, size.width - cx);
  if (width > roomW) [width, height] = [roomW, roomW / ratio];
  const y = handle.includes("s") ? top : bottom - height;
  return normalize({ x: cx - width / 2, y, width, height }, size);
}

/** A rectangle from a numeric field: the edited value wins, the others give way to stay inside the image. */
export function setField(r: Rect, field: keyof Rect, value: number, size: Size, ratio: number | null): Rect {
  const next = { ...r };
  if (field === "x") {
    next.x = clamp(value, 0, size.width - 1);
    next.width = Math.min(next.width, size.width - next.x);
  } else if (field === "y") {
    next.y = clamp(value, 0, size.height - 1);
    next.height = Math.min(next.height, size.height - next.y);
  } else if (field === "width") {
    next.width = clamp(value, 1, size.width - next.x);
    if (ratio) next.height = Math.min(Math.round(next.width / ratio), size.height - next.y);
  } else {
    next.height = clamp(value, 1, size.height - next.y);
    if (ratio) next.width = Math.min(Math.round(next.height * ratio), size.width - next.x);
  }
  return normalize(next, size);
}
