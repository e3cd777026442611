/**
 * The viewer's zoom and pan, as pure arithmetic. A view is a scale (screen pixels per image pixel) and an offset
 * (screen pixels from the viewport's centre to the picture's centre). "Fit" shows the whole picture; 100% is one
 * image pixel per screen pixel; the picture never drifts off screen: when it is larger than the viewport along an
 * axis, it covers that axis; when smaller, it is centred on it.
 */
export interface Size {
  width: number;
  height: number;
}

export interface View {
  scale: number;
  x: number;
  y: number;
}

/** How much larger than fit (or than 100%, whichever is larger) one may zoom. */
export const maxZoom = 8;
/** One step of the + and - keys, and of a wheel notch. */
export const zoomStep = 1.25;
/** Arrow keys move the picture this many screen pixels when zoomed. */
export const panStep = 80;

/** The scale at which the whole picture fits the viewport. */
export function fitScale(image: Size, viewport: Size): number {
  if (image.width <= 0 || image.height <= 0 || viewport.width <= 0 || viewport.height <= 0) return 1;
  return Math.min(viewport.width / image.width, viewport.height / image.height);
}

export function scaleBounds(image: Size, viewport: Size): { min: number; max: number } {
  const fit = fitScale(image, viewport);
  return { min: Math.min(fit, 1), max: Math.max(fit, 1) * maxZoom };
}

export const fitView = (image: Size, viewport: Size): View => ({ scale: fitScale(image, viewport), x: 0, y: 0 });

/** Whether the view is (about) the fitted one. */
export const isFitted = (view: View, image: Size, viewport: Size) => Math.abs(view.scale / fitScale(image, viewport) - 1) < 0.001;

/** Keeps the picture on screen: centred along an axis where it is smaller than the viewport, covering it where larger. */
export function clampView(view: View, image: Size, viewport: Size): View {
  const { min, max } = scaleBounds(image, viewport);
  const scale = Math.min(max, Math.max(min, view.scale));
  const room = (shown: number, space: number) => Math.max(0, (shown - space) / 2);
  const rx = room(image.width * scale, viewport.width);
  const ry = room(image.height * scale, viewport.height);
  const clamp = (v: number, r: number) => (r === 0 ? 0 : Math.min(r, Math.max(-r, v)));
  return { scale, x: clamp(view.x, rx), y: clamp(view.y, ry) };
}

/**
 * Zooms to `scale`, keeping the image point under `at` (screen pixels from the viewport's top-left corner; its
 * centre when left out) where it is.
 */
export function zoomTo(view: View, scale: number, image: Size, viewport: Size, at?: { x: number; y: number }): View {
  const { min, max } = scaleBounds(image, viewport);
  const next = Math.min(max, Math.max(min, scale));
  const px = (at?.x ?? viewport.width / 2) - viewport.width / 2;
  const py = (at?.y ?? viewport.height / 2) - viewport.height / 2;
  const k = next / view.scale;
  // The point under the pointer, p = centre + offset + u·scale, stays: offset' = p - (p - offset)·k.
  return clampView({ scale: next, x: px - (px - view.x) * k, y: py - (py - view.y) * k }, image, viewport);
}

/** One zoom step in (factor > 1) or out (< 1). */
export const zoomBy = (view: View, factor: number, image: Size, viewport: Size, at?: { x: number; y: number }) =>
  zoomTo(view, view.scale * factor, image, viewport, at);

/**
 * Double-click: from fit to 100% (the picture's own pixels) at the point; from anything else back to fit. A picture
 * shown at or above its own size when fitted goes to twice that instead.
 */
export function toggleZoom(view: View, image: Size, viewport: Size, at?: { x: number; y: number }): View {
  if (!isFitted(view, image, viewport)) return fitView(image, viewport);
  const fit = fitScale(image, viewport);
  return zoomTo(view, fit < 0.99 ? 1 : fit * 2, image, viewport, at);
}

export const panBy = (view: View, dx: number, dy: number, image: Size, viewport: Size) => clampView({ ...view, x: view.x + dx, y: view.y + dy }, image, viewport);

/** Where the picture's box sits in the viewport (screen pixels from its top-left corner). */
export function placement(view: View, image: Size, viewport: Size) {
  const width = image.width * view.scale;
  const height = image.height * view.scale;
  return { left: viewport.width / 2 + view.x - width / 2, top: viewport.height / 2 + view.y - height / 2, width, height };
}

/** The wheel's zoom factor for a delta (pixels; a notch is about 100): smooth for trackpads, a step per notch. */
export const wheelFactor = (deltaY: number) => Math.pow(zoomStep, -Math.max(-3, Math.min(3, deltaY / 100)));

/** The zoom as a percentage of the picture's own pixels. */
export const percentOf = (view: View) => Math.round(view.scale * 100);
