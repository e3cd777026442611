import { describe, expect, it } from "vitest";
import { describeOrientation, orient, orientOperations, orientTransform, upright, type OrientAction, type OrientOperation, type Orientation } from "./orientation";

// A picture as rows of labelled pixels, turned and flipped the way sharp does (rotate: clockwise).
type Grid = string[][];
const rotateCw = (g: Grid): Grid => g[0].map((_, x) => g.map((row) => row[x]).reverse());
const flipH = (g: Grid): Grid => g.map((row) => [...row].reverse());
const flipV = (g: Grid): Grid => [...g].reverse();
const act: Record<OrientAction, (g: Grid) => Grid> = {
  right: rotateCw,
  left: (g) => rotateCw(rotateCw(rotateCw(g))),
  half: (g) => rotateCw(rotateCw(g)),
  horizontal: flipH,
  vertical: flipV,
};
const apply = (g: Grid, op: OrientOperation): Grid => {
  if (op.op === "flip") return op.axis === "horizontal" ? flipH(g) : flipV(g);
  let out = g;
  for (let i = 0; i < op.angle / 90; i++) out = rotateCw(out);
  return out;
};
const picture: Grid = [
  ["a", "b", "c"],
  ["d", "e", "f"],
];

describe("orientation", () => {
  const actions: OrientAction[] = ["left", "right", "half", "horizontal", "vertical"];
  // Every sequence of up to three presses: the folded orientation's operations make the same pixels.
  const sequences: OrientAction[][] = [[]];
  for (let n = 0; n < 3; n++) for (const s of [...sequences]) if (s.length === n) for (const a of actions) sequences.push([...s, a]);

  it.each(sequences.map((s) => [s.join(" → ") || "(none)", s] as const))("%s folds into operations that make the same picture", (_, seq) => {
    const expected = seq.reduce((g, a) => act[a](g), picture);
    const folded = seq.reduce<Orientation>((o, a) => orient(o, a), upright);
    const ops = orientOperations(folded);
    expect(ops.length).toBeLessThanOrEqual(2);
    expect(ops.reduce(apply, picture)).toEqual(expected);
  });

  it("cancels out: four quarter turns, or two flips, leave nothing to save", () => {
    const four = ["right", "right", "right", "right"] as const;
    expect(orientOperations(four.reduce<Orientation>((o, a) => orient(o, a), upright))).toEqual([]);
    expect(orientOperations(orient(orient(upright, "vertical"), "vertical"))).toEqual([]);
  });

  it("says what it does in words, with a single step where one is enough", () => {
    expect(describeOrientation(orient(upright, "left"))).toBe("Rotate 90° left");
    expect(orientOperations(orient(upright, "left"))).toEqual([{ op: "rotate", angle: 270 }]);
    expect(describeOrientation(orient(upright, "vertical"))).toBe("Flip vertical");
    expect(orientOperations(orient(upright, "vertical"))).toEqual([{ op: "flip", axis: "vertical" }]);
    // As pressed: a quarter turn right, then a mirror.
    const pressed = orient(orient(upright, "right"), "horizontal");
    expect(describeOrientation(pressed)).toBe("Rotate 90° right, flip horizontal");
    expect(orientOperations(pressed)).toEqual([{ op: "rotate", angle: 90 }, { op: "flip", axis: "horizontal" }]);
    expect(describeOrientation(orient(orient(upright, "horizontal"), "right"))).toBe("Rotate 90° left, flip horizontal");
  });

  it("previews a quarter turn shrunk to fit the picture's box, mirrored last in CSS order", () => {
    expect(orientTransform(upright, { width: 400, height: 200 })).toBeUndefined();
    expect(orientTransform(orient(upright, "right"), { width: 400, height: 200 })).toBe("rotate(90deg) scale(0.5000)");
    expect(orientTransform(orient(upright, "horizontal"), { width: 400, height: 200 })).toBe("scaleX(-1)");
  });
});
