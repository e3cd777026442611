import { describe, expect, it } from "vitest";
import { fitAspect, fullRect, moveRect, normalize, resizeRect, setField } from "./crop-geometry";

const size = { width: 400, height: 300 };

describe("crop geometry (original pixels)", () => {
  it("normalizes to whole pixels, at least 1×1, inside the image", () => {
    expect(normalize({ x: -5.4, y: 10.6, width: 1000, height: 0.2 }, size)).toEqual({ x: 0, y: 11, width: 400, height: 1 });
    expect(normalize({ x: 399.9, y: 299.9, width: 50, height: 50 }, size)).toEqual({ x: 399, y: 299, width: 1, height: 1 });
  });

  it("moves a rectangle without letting it leave the image", () => {
    const r = { x: 10, y: 10, width: 100, height: 50 };
    expect(moveRect(r, 25, -3, size)).toEqual({ x: 35, y: 7, width: 100, height: 50 });
    expect(moveRect(r, 1000, 1000, size)).toEqual({ x: 300, y: 250, width: 100, height: 50 });
    expect(moveRect(r, -1000, -1000, size)).toEqual({ x: 0, y: 0, width: 100, height: 50 });
  });

  it("fits the largest rectangle of a ratio, centred", () => {
    expect(fitAspect(fullRect(size), 1, size)).toEqual({ x: 50, y: 0, width: 300, height: 300 });
    expect(fitAspect(fullRect(size), 16 / 9, size)).toEqual({ x: 0, y: 38, width: 400, height: 225 });
    expect(fitAspect({ x: 0, y: 0, width: 100, height: 100 }, null, size)).toEqual({ x: 0, y: 0, width: 100, height: 100 });
  });

  it("drags an edge or a corner, the opposite side staying put, never below 1 px", () => {
    const r = { x: 100, y: 100, width: 100, height: 100 };
    expect(resizeRect(r, "e", 50, 0, size, null)).toEqual({ x: 100, y: 100, width: 150, height: 100 });
    expect(resizeRect(r, "nw", -20, -30, size, null)).toEqual({ x: 80, y: 70, width: 120, height: 130 });
    expect(resizeRect(r, "w", 500, 0, size, null)).toEqual({ x: 199, y: 100, width: 1, height: 100 });
    expect(resizeRect(r, "se", 1000, 1000, size, null)).toEqual({ x: 100, y: 100, width: 300, height: 200 });
  });

  it("keeps a locked ratio on corners and edges, within the room the image leaves", () => {
    const r = { x: 100, y: 100, width: 100, height: 100 };
    const corner = resizeRect(r, "se", 60, 10, size, 1);
    expect(corner.width).toBe(corner.height);
    expect(corner).toMatchObject({ x: 100, y: 100, width: 160 });
    const clamped = resizeRect(r, "se", 1000, 1000, size, 1);
    expect(clamped).toEqual({ x: 100, y: 100, width: 200, height: 200 });
    const edge = resizeRect(r, "e", 40, 0, size, 2);
    expect(edge.width / edge.height).toBeCloseTo(2, 1);
    expect(edge.y + edge.height / 2).toBeCloseTo(150, 0); // centred on the middle
  });

  it("sets a field: the edited value wins, the others give way", () => {
    const r = { x: 100, y: 50, width: 200, height: 100 };
    expect(setField(r, "x", 300, size, null)).toEqual({ x: 300, y: 50, width: 100, height: 100 });
    expect(setField(r, "width", 150, size, 3 / 2)).toEqual({ x: 100, y: 50, width: 150, height: 100 });
    expect(setField(r, "height", 1000, size, null)).toEqual({ x: 100, y: 50, width: 200, height: 250 });
  });
});
