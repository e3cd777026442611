/**
 * The background's colour model for the local background removal (background.ts), estimated from the picture's
 * border in OKLab: one smooth surface (a quadratic in x and y per channel: a plain backdrop, a graded studio sweep,
 * a vignette) or, failing that, up to three flat colours (a two-tone set). Fitted robustly (iteratively trimmed
 * least squares), so a subject touching the edge does not drag it; its residual spread is the border's noise,
 * from which the grow tolerance follows — or the verdict that the border is too varied to be a plain background.
 */

/** 18 coefficients: per channel (L, a, b) [c, x, y, x², y², xy] over x, y normalised to −1…1. */
export type Surface = Float64Array;

export interface BackgroundModel {
  surfaces: Surface[];
  kind: "plain" | "gradient" | "colours";
  /** Per-channel noise of the border around the model, in ΔE units (OKLab × 100). */
  noise: number;
  /** Largest ΔE from the model a background pixel may have. */
  tolerance: number;
  /** Share of the (opaque) border the model explains; the rest is subject touching the edge. */
  borderShare: number;
  /** Mean OKLab of the explained border samples, per surface. */
  means: Array<[number, number, number]>;
}

export type FitResult = { model: BackgroundModel } | { refused: string; noise?: number; borderShare?: number };

/** Border noise (ΔE, after the 3×3 median) above which a border is not a plain background. */
export const maxPlainNoise = 3.2;
const minBorderShare = 0.5;

interface Samples {
  lab: Float64Array;
  x: Float64Array;
  y: Float64Array;
  n: number;
}

/** Border ring samples (opaque pixels only): `ring` pixels deep on each side. */
export function borderSamples(lab: Float32Array, alpha: Uint8Array, width: number, height: number, ring: number, limit = 4096): Samples {
  const all: number[] = [];
  for (let y = 0; y < height; y++) {
    const edgeRow = y < ring || y >= height - ring;
    for (let x = 0; x < width; x++) {
      if (!edgeRow && x >= ring && x < width - ring) {
        x = width - ring - 1;
        continue;
      }
      const i = y * width + x;
      if (alpha[i] >= 128) all.push(i);
    }
  }
  // An even subsample is as good for the fit and keeps it cheap on large pictures.
  const stride = Math.max(1, all.length / limit);
  const idx: number[] = [];
  for (let k = 0; k < all.length; k += stride) idx.push(all[Math.floor(k)]);
  const n = idx.length;
  const s: Samples = { lab: new Float64Array(n * 3), x: new Float64Array(n), y: new Float64Array(n), n };
  idx.forEach((i, k) => {
    s.lab[k * 3] = lab[i * 3];
    s.lab[k * 3 + 1] = lab[i * 3 + 1];
    s.lab[k * 3 + 2] = lab[i * 3 + 2];
    s.x[k] = normX(i % width, width);
    s.y[k] = normX(Math.floor(i / width), height);
  });
  return s;
}

export const normX = (v: number, size: number) => (size > 1 ? (2 * v) / (size - 1) - 1 : 0);

/** The surface's OKLab at (x, y) (normalised) written into out. */
export function evalSurface(s: Surface, x: number, y: number, out: Float64Array | number[]) {
  const xx = x * x, yy = y * y, xy = x * y;
  for (let c = 0; c < 3; c++) {
    const o = c * 6;
    out[c] = s[o] + s[o + 1] * x + s[o + 2] * y + s[o + 3] * xx + s[o + 4] * yy + s[o + 5] * xy;
  }
}

/** Least squares fit of a quadratic (or constant) surface to the chosen samples. */
function fitSurface(s: Samples, use: Uint8Array, quadratic: boolean): Surface {
  const k = quadratic ? 6 : 1;
  const ata = new Float64Array(k * k);
  const atb = new Float64Array(k * 3);
  const row = new Float64Array(6);
  for (let i = 0; i < s.n; i++) {
    if (!use[i]) continue;
    const x = s.x[i], y = s.y[i];
    row[0] = 1; row[1] = x; row[2] = y; row[3] = x * x; row[4] = y * y; row[5] = x * y;
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) ata[a * k + b] += row[a] * row[b];
      for (let c = 0; c < 3; c++) atb[a * 3 + c] += row[a] * s.lab[i * 3 + c];
    }
  }
  for (let a = 0; a < k; a++) ata[a * k + a] += 1e-9 + 1e-6 * ata[0];
  const coef = solve(ata, atb, k);
  const surface = new Float64Array(18);
  for (let c = 0; c < 3; c++) for (let a = 0; a < k; a++) surface[c * 6 + a] = coef[a * 3 + c];
  return surface;
}

/** Gaussian elimination with partial pivoting for a k×k system with 3 right-hand sides. */
function solve(m: Float64Array, r: Float64Array, k: number): Float64Array {
  const a = Float64Array.from(m), b = Float64Array.from(r);
  for (let col = 0; col < k; col++) {
    let p = col;
    for (let i = col + 1; i < k; i++) if (Math.abs(a[i * k + col]) > Math.abs(a[p * k + col])) p = i;
    if (p !== col) {
      for (let j = 0; j < k; j++) [a[col * k + j], a[p * k + j]] = [a[p * k + j], a[col * k + j]];
      for (let c = 0; c < 3; c++) [b[col * 3 + c], b[p * 3 + c]] = [b[p * 3 + c], b[col * 3 + c]];
    }
    const d = a[col * k + col] || 1e-12;
    for (let i = col + 1; i < k; i++) {
      const f = a[i * k + col] / d;
      for (let j = col; j < k; j++) a[i * k + j] -= f * a[col * k + j];
      for (let c = 0; c < 3; c++) b[i * 3 + c] -= f * b[col * 3 + c];
    }
  }
  const x = new Float64Array(k * 3);
  for (let i = k - 1; i >= 0; i--) {
    for (let c = 0; c < 3; c++) {
      let v = b[i * 3 + c];
      for (let j = i + 1; j < k; j++) v -= a[i * k + j] * x[j * 3 + c];
      x[i * 3 + c] = v / (a[i * k + i] || 1e-12);
    }
  }
  return x;
}

/** Distances (OKLab units) of every sample to its nearest surface, and which surface that is. */
function residuals(s: Samples, surfaces: Surface[]) {
  const r = new Float64Array(s.n);
  const owner = new Uint8Array(s.n);
  const m = [0, 0, 0];
  for (let i = 0; i < s.n; i++) {
    let best = Infinity;
    surfaces.forEach((surface, j) => {
      evalSurface(surface, s.x[i], s.y[i], m);
      const d = Math.hypot(s.lab[i * 3] - m[0], s.lab[i * 3 + 1] - m[1], s.lab[i * 3 + 2] - m[2]);
      if (d < best) [best, owner[i]] = [d, j];
    });
    r[i] = best;
  }
  return { r, owner };
}

const median = (values: Float64Array) => {
  const sorted = Float64Array.from(values).sort();
  return sorted.length ? sorted[sorted.length >> 1] : 0;
};

/**
 * Fits `count` surfaces (1 quadratic, or 2–3 constants) with trimmed refits: samples farther than 3.5 σ (and
 * 1 ΔE) from the model are the subject, not background. The median of a 3-D distance is about 1.54 σ.
 */
function robustFit(s: Samples, count: number): { surfaces: Surface[]; noise: number; share: number; inliers: Uint8Array; owner: Uint8Array } {
  const quadratic = count === 1;
  const use = new Uint8Array(s.n).fill(1);
  let surfaces: Surface[] = quadratic ? [fitSurface(s, use, true)] : seedConstants(s, count);
  let noise = 0;
  let fit = residuals(s, surfaces);
  for (let iteration = 0; iteration < 6; iteration++) {
    const inlierR = fit.r.filter((_, i) => use[i]);
    noise = median(inlierR) / 1.54;
    const cut = Math.max(3.5 * noise, 0.01);
    for (let i = 0; i < s.n; i++) use[i] = fit.r[i] <= cut ? 1 : 0;
    surfaces = surfaces.map((_, j) => fitSurface(s, use.map((u, i) => (u && fit.owner[i] === j ? 1 : 0)), quadratic));
    fit = residuals(s, surfaces);
  }
  let inside = 0;
  for (let i = 0; i < s.n; i++) inside += use[i];
  return { surfaces, noise: noise * 100, share: s.n ? inside / s.n : 0, inliers: use, owner: fit.owner };
}

/** k-means++-like seeds: the median sample, then the samples farthest from the seeds so far; 6 Lloyd steps. */
function seedConstants(s: Samples, count: number): Surface[] {
  const constant = (l: number, a: number, b: number) => {
    const c = new Float64Array(18);
    [c[0], c[6], c[12]] = [l, a, b];
    return c;
  };
  let surfaces: Surface[] = [constant(s.lab[0], s.lab[1], s.lab[2])];
  while (surfaces.length < count) {
    const { r } = residuals(s, surfaces);
    let far = 0;
    for (let i = 1; i < s.n; i++) if (r[i] > r[far]) far = i;
    surfaces.push(constant(s.lab[far * 3], s.lab[far * 3 + 1], s.lab[far * 3 + 2]));
  }
  for (let step = 0; step < 6; step++) {
    const { owner } = residuals(s, surfaces);
    surfaces = surfaces.map((_, j) => fitSurface(s, owner.map((o) => (o === j ? 1 : 0)), false));
  }
  return surfaces;
}

/** The background model of a picture's border, or why there is none. */
export function fitBackground(s: Samples): FitResult {
  if (s.n < 16) return { refused: "the picture's edges are transparent already" };
  const candidates = [1, 2, 3].map((count) => ({ count, ...robustFit(s, count) }));
  let refusal: FitResult | undefined;
  for (const c of candidates) {
    const shares = c.surfaces.map((_, j) => {
      let n = 0;
      for (let i = 0; i < s.n; i++) if (c.inliers[i] && c.owner[i] === j) n++;
      return n / s.n;
    });
    if (c.count > 1 && shares.some((share) => share < 0.08)) continue;
    if (c.noise > maxPlainNoise || c.share < minBorderShare) {
      refusal ??= { refused: c.share < minBorderShare ? "the subject covers most of the picture's edges" : "its edges vary too much in colour", noise: c.noise, borderShare: c.share };
      continue;
    }
    const means = c.surfaces.map((_, j) => {
      const m: [number, number, number] = [0, 0, 0];
      let n = 0;
      for (let i = 0; i < s.n; i++) {
        if (!c.inliers[i] || c.owner[i] !== j) continue;
        for (let k = 0; k < 3; k++) m[k] += s.lab[i * 3 + k];
        n++;
      }
      return m.map((v) => v / Math.max(1, n)) as [number, number, number];
    });
    const span = c.count === 1 ? gradientSpan(c.surfaces[0]) : 0;
    const kind = c.count > 1 ? "colours" : span > 4 ? "gradient" : "plain";
    // 4.5 σ covers the noise tail of a 3-D distance (chi with 3 degrees of freedom: 99.9 % below 4 σ).
    const tolerance = Math.min(16, Math.max(4, 4.5 * c.noise + 1.5));
    return { model: { surfaces: c.surfaces, kind, noise: c.noise, tolerance, borderShare: c.share, means } };
  }
  return refusal ?? { refused: "its edges vary too much in colour" };
}

/** ΔE between the surface's corners and centre: how graded the backdrop is. */
function gradientSpan(surface: Surface): number {
  const centre = [0, 0, 0], p = [0, 0, 0];
  evalSurface(surface, 0, 0, centre);
  let span = 0;
  for (const [x, y] of [[-1, -1], [1, -1], [-1, 1], [1, 1]]) {
    evalSurface(surface, x, y, p);
    span = Math.max(span, Math.hypot(p[0] - centre[0], p[1] - centre[1], p[2] - centre[2]) * 100);
  }
  return span;
}
