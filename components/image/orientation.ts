/**
 * Rotations and flips pending on an image, as one of the eight ways a rectangle can lie: `quarter` clockwise
 * quarter turns after an optional horizontal mirror (saved as the equivalent turn-then-mirror, see below). Any sequence of button presses folds into this, so pressing
 * "90° right" four times, or flipping twice, is no edit at all, and the save sends at most two steps.
 */
export interface Orientation {
  /** Clockwise quarter turns, 0–3. */
  quarter: 0 | 1 | 2 | 3;
  /** Mirrored left ↔ right before turning. */
  mirrored: boolean;
}

export const upright: Orientation = { quarter: 0, mirrored: false };

export type OrientAction = "left" | "right" | "half" | "horizontal" | "vertical";

const turn = (q: number) => (((q % 4) + 4) % 4) as Orientation["quarter"];

/** The orientation after one more action (applied to the picture as it now looks). */
export function orient(current: Orientation, action: OrientAction): Orientation {
  switch (action) {
    case "right":
      return { ...current, quarter: turn(current.quarter + 1) };
    case "left":
      return { ...current, quarter: turn(current.quarter + 3) };
    case "half":
      return { ...current, quarter: turn(current.quarter + 2) };
    // Mirroring what is already turned by q equals turning by −q what is mirrored once more.
    case "horizontal":
      return { quarter: turn(-current.quarter), mirrored: !current.mirrored };
    // A vertical flip is a half turn of a horizontal one.
    case "vertical":
      return { quarter: turn(2 - current.quarter), mirrored: !current.mirrored };
  }
}

export const isUpright = (o: Orientation) => o.quarter === 0 && !o.mirrored;

export type OrientOperation = { op: "rotate"; angle: 90 | 180 | 270 } | { op: "flip"; axis: "horizontal" | "vertical" };

/**
 * The turn that, followed by a horizontal mirror, makes a mirrored orientation: turning by q after mirroring is
 * mirroring after turning by −q. Rotate-then-flip is how people say it ("90° right, then flip").
 */
const turnBeforeMirror = (o: Orientation) => turn(-o.quarter);

/** The process steps (docs/api.md "Processing"): a single flip where one does it, else turn first, then mirror. */
export function orientOperations(o: Orientation): OrientOperation[] {
  if (o.mirrored && o.quarter === 2) return [{ op: "flip", axis: "vertical" }];
  const quarter = o.mirrored ? turnBeforeMirror(o) : o.quarter;
  const ops: OrientOperation[] = [];
  if (quarter) ops.push({ op: "rotate", angle: (quarter * 90) as 90 | 180 | 270 });
  if (o.mirrored) ops.push({ op: "flip", axis: "horizontal" });
  return ops;
}

const turnWords = { 1: "Rotate 90° right", 2: "Rotate 180°", 3: "Rotate 90° left" } as const;

/** In words, in the order the steps run: "Rotate 90° right", "Flip vertical", "Rotate 90° right, flip horizontal"; "" when upright. */
export function describeOrientation(o: Orientation): string {
  if (o.mirrored && o.quarter === 2) return "Flip vertical";
  const quarter = o.mirrored ? turnBeforeMirror(o) : o.quarter;
  const words: string[] = [];
  if (quarter) words.push(turnWords[quarter]);
  if (o.mirrored) words.push(words.length ? "flip horizontal" : "Flip horizontal");
  return words.join(", ");
}

/** Whether the sides swap (a quarter or three-quarter turn). */
export const swapsSides = (o: Orientation) => o.quarter % 2 === 1;

/**
 * The CSS transform that shows the picture as it will be saved, inside its present box: turned (and shrunk to fit
 * when the sides swap) and mirrored. CSS applies the rightmost function first: mirror, then turn.
 */
export function orientTransform(o: Orientation, size: { width: number; height: number }): string | undefined {
  if (isUpright(o)) return undefined;
  const fit = swapsSides(o) ? Math.min(size.width / size.height, size.height / size.width) : 1;
  return [o.quarter ? `rotate(${o.quarter * 90}deg)` : "", fit !== 1 ? `scale(${fit.toFixed(4)})` : "", o.mirrored ? "scaleX(-1)" : ""].filter(Boolean).join(" ");
}
