import { describe, expect, it } from "vitest";
import { clampView, fitScale, fitView, isFitted, panBy, placement, scaleBounds, toggleZoom, wheelFactor, zoomBy, zoomTo } from "./viewer-geometry";

const image = { width: 2000, height: 1000 };
const viewport = { width: 1000, height: 800 };

describe("viewer geometry", () => {
  it("fits the whole picture at its aspect ratio, centred", () => {
    expect(fitScale(image, viewport)).toBe(0.5);
    expect(fitScale({ width: 100, height: 400 }, viewport)).toBe(2);
    const box = placement(fitView(image, viewport), image, viewport);
    expect(box).toEqual({ left: 0, top: 150, width: 1000, height: 500 });
  });

  it("zooms between the smaller of fit and 100% and 8× the larger", () => {
    expect(scaleBounds(image, viewport)).toEqual({ min: 0.5, max: 8 });
    expect(zoomTo(fitView(image, viewport), 100, image, viewport).scale).toBe(8);
    expect(zoomTo(fitView(image, viewport), 0.01, image, viewport).scale).toBe(0.5);
  });

  it("keeps the point under the pointer in place", () => {
    const start = fitView(image, viewport);
    const at = { x: 800, y: 300 };
    // The image point under `at` before: ((800 - 0) / 0.5, (300 - 150) / 0.5) = (1600, 300).
    const zoomed = zoomTo(start, 1, image, viewport, at);
    const box = placement(zoomed, image, viewport);
    expect((at.x - box.left) / zoomed.scale).toBeCloseTo(1600);
    expect((at.y - box.top) / zoomed.scale).toBeCloseTo(300);
  });

  it("never lets the picture leave the screen", () => {
    const zoomed = { scale: 1, x: 0, y: 0 };
    // At 100% the picture is 2000 × 1000: 500 px of room each side, 100 up and down.
    expect(panBy(zoomed, 10_000, -10_000, image, viewport)).toEqual({ scale: 1, x: 500, y: -100 });
    // Smaller than the viewport along an axis: centred on it.
    expect(clampView({ scale: 0.5, x: 40, y: 40 }, image, viewport)).toEqual({ scale: 0.5, x: 0, y: 0 });
  });

  it("double-click goes from fit to 100% and back; a small picture goes to twice its fit", () => {
    const fit = fitView(image, viewport);
    const full = toggleZoom(fit, image, viewport, { x: 500, y: 400 });
    expect(full.scale).toBe(1);
    expect(isFitted(full, image, viewport)).toBe(false);
    expect(toggleZoom(full, image, viewport)).toEqual(fit);
    const small = { width: 100, height: 80 };
    expect(toggleZoom(fitView(small, viewport), small, viewport).scale).toBe(20);
  });

  it("steps in and out with + and -, and by the wheel a notch at a time", () => {
    const fit = fitView(image, viewport);
    expect(zoomBy(fit, 1.25, image, viewport).scale).toBeCloseTo(0.625);
    expect(wheelFactor(-100)).toBeCloseTo(1.25);
    expect(wheelFactor(100)).toBeCloseTo(0.8);
    expect(wheelFactor(-10_000)).toBeCloseTo(1.25 ** 3);
  });
});
