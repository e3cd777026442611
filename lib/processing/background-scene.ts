/**
 * Scene or object? The local background removal (background.ts) cuts a subject out of a backdrop; a landscape, a
 * street, a lighthouse at dusk has no backdrop — its border is sky, sea and land, and a flood from the edges only
 * shreds it (the sky chopped where its gradient drifts, half the sea gone, holes). This reads the cut the flood
 * made and says whether it looks like an object on a backdrop, from three measurements of the mask:
 *
 * - **frame**: how much of the picture's border the kept part touches. An object stands in the frame (a product on
 *   the floor, a portrait cut by the bottom edge: up to ~20 % of the border); a scene's land and sea run off it.
 * - **size**: the share of the picture kept. A cut-out keeps a subject, not most of the picture.
 * - **weak cut**: the share of the cut's outline that runs through smooth colour — where the pixels on either side
 *   differ by little more than the backdrop's own tolerance. Around an object the outline follows a real edge
 *   (the subject differs from the backdrop); through a scene it follows wherever a gradient left the model.
 *
 * Each becomes a score from 0 (like an object) rising linearly (capped at 1.5) over a range set from what the
 * known-mask set (tests/support/background-scenes.ts: frame ≤ 0.16, size ≤ 0.25, weak cut ≤ 0.12) and the local
 * renderer's landscapes, streets and skies (weak cut 0.4–0.9) measure: frame 0.2 → 0.4, size 0.5 → 0.75, weak
 * cut 0.2 → 0.4. Their sum is the score; 1 or more is a scene (one measure fully, or two of them halfway).
 */

export interface SceneMeasures {
  /** Share of the outermost pixels kept (alpha ≥ 50 %). */
  frame: number;
  /** Share of all pixels kept. */
  size: number;
  /** Share of the cut's outline through smooth colour (NaN when the colours were not given). */
  weakCut: number;
  /** The combined score; ≥ 1 is a scene. */
  score: number;
}

const ramp = (v: number, from: number, to: number) => Math.max(0, Math.min(1.5, (v - from) / (to - from)));

/** The measurements and score of a cut (`alpha`: one byte per pixel); `lab` (OKLab, 3 per pixel) adds the weak cut. */
export function measureCut(alpha: Uint8Array, width: number, height: number, lab?: Float32Array, tolerance = 6): SceneMeasures {
  const n = width * height;
  let kept = 0;
  for (let i = 0; i < n; i++) if (alpha[i] >= 128) kept++;
  let edge = 0, total = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x += y === 0 || y === height - 1 ? 1 : width - 1) {
      total++;
      if (alpha[y * width + x] >= 128) edge++;
    }
  }
  const frame = edge / total;
  const size = kept / n;
  const weakCut = lab ? weakShare(alpha, width, height, lab, tolerance) : NaN;
  const parts = [ramp(frame, 0.2, 0.4), ramp(size, 0.5, 0.75), Number.isNaN(weakCut) ? 0 : ramp(weakCut, 0.2, 0.4)];
  const score = parts.reduce((a, b) => a + b, 0);
  return { frame, size, weakCut, score };
}

export const isScene = (m: SceneMeasures) => m.score >= 1;

/** Why a cut looks like a scene, in words for the refusal. */
export function sceneReason(m: SceneMeasures): string {
  const why: string[] = [];
  if (m.frame >= 0.2) why.push(`what would be kept runs off ${Math.round(m.frame * 100)} % of the picture's edges`);
  if (m.size >= 0.5) why.push(`it would keep ${Math.round(m.size * 100)} % of the picture`);
  if (m.weakCut >= 0.2) why.push(`${Math.round(m.weakCut * 100)} % of the cut would run through smooth colour, not along an edge`);
  return `it looks like a scene, not a subject on a backdrop (${why.join("; ") || "its parts together"})`;
}

/**
 * Share of the outline's pixel pairs (a removed pixel beside a kept one, 4-neighbours) where the kept side, two
 * pixels in (past the anti-aliased edge), differs from the removed pixel by less than 1.5 × the tolerance
 * (ΔE, OKLab × 100): the cut there separates colours the backdrop's own model could almost take as one.
 */
function weakShare(alpha: Uint8Array, width: number, height: number, lab: Float32Array, tolerance: number): number {
  const limit = ((1.5 * tolerance) / 100) ** 2;
  let pairs = 0, weak = 0;
  const check = (b: number, f: number, f2: number) => {
    pairs++;
    const g = alpha[f2] >= 128 ? f2 : f;
    const d = (lab[b * 3] - lab[g * 3]) ** 2 + (lab[b * 3 + 1] - lab[g * 3 + 1]) ** 2 + (lab[b * 3 + 2] - lab[g * 3 + 2]) ** 2;
    if (d < limit) weak++;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (alpha[i] >= 128) continue;
      if (x + 2 < width && alpha[i + 1] >= 128) check(i, i + 1, i + 2);
      if (x >= 2 && alpha[i - 1] >= 128) check(i, i - 1, i - 2);
      if (y + 2 < height && alpha[i + width] >= 128) check(i, i + width, i + 2 * width);
      if (y >= 2 && alpha[i - width] >= 128) check(i, i - width, i - 2 * width);
    }
  }
  return pairs ? weak / pairs : 0;
}
