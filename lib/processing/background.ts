/**
 * Local background removal for plain and simple backgrounds: the local renderer's icons and product shots, scans,
 * studio photos on a plain or graded backdrop. No model: the background is estimated from the border
 * (background-model.ts), grown inward from the edges in OKLab, cleaned (specks, enclosed gaps), and given a soft
 * 1–2 px alpha edge whose colours are decontaminated from the backdrop (background-matte.ts). A border that is too
 * varied, or a cut that looks like a scene rather than a subject on a backdrop (background-scene.ts), is refused
 * with the reason, rather than cut badly.
 */
import { AppError } from "@/lib/errors";
import { linearToOklabInto, oklabToRgb, rgbToHex, srgbToLinearLut } from "./oklab";
import { borderSamples, evalSurface, fitBackground, normX, type BackgroundModel } from "./background-model";
import { matte } from "./background-matte";
import { isScene, measureCut, sceneReason, type SceneMeasures } from "./background-scene";
import { sharp } from "./sharp";

export interface RemoveBackgroundOptions {
  format?: "png" | "webp";
  /** Input decode limit (width × height). */
  maxPixels?: number;
  signal?: AbortSignal;
  /** Stages as they finish (0–1 and what was done), for a progress bar. */
  onProgress?: (progress: number, message: string) => void;
}

export interface RemovedBackground {
  data: Buffer;
  mimeType: "image/png" | "image/webp";
  width: number;
  height: number;
  /** The backdrop's colour(s) as found on the border, "#rrggbb" (a graded one: its mean). */
  background: string[];
  backgroundKind: BackgroundModel["kind"];
  /** Share of the pixels kept (alpha ≥ 50 %). */
  keptShare: number;
  /** The result's alpha, one byte per pixel (for tests and benchmarks). */
  alpha: Uint8Array;
  /** How the cut measured as scene or object (background-scene.ts). */
  scene: SceneMeasures;
  notices: string[];
}

const photoHint = "connect Ideogram, Replicate or OpenAI to remove the background of photos";

/** Pixels per side below which the picture is too small to work on. */
const minSide = 8;

export async function removePlainBackground(data: Buffer, options: RemoveBackgroundOptions = {}): Promise<RemovedBackground> {
  const open = () => sharp(data, { limitInputPixels: options.maxPixels ?? 100_000_000, autoOrient: true, pages: 1, failOn: "error" });
  const { data: rgba, info } = await open().ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const { width, height } = info;
  if (width < minSide || height < minSide) throw new AppError("invalid_image", `The picture is ${width}×${height}: too small to remove a background from.`);
  // Classification reads a 3×3 median of the picture: scanner and sensor noise and JPEG speckle mostly gone,
  // edges kept. The output keeps the original pixels.
  const smooth = await sharp(rgba, { raw: { width, height, channels: 4 } }).removeAlpha().median(3).raw().toBuffer();
  await pause(options.signal);
  options.onProgress?.(0.2, "Picture decoded");
  const n = width * height;
  const lab = new Float32Array(n * 3);
  const alphaIn = new Uint8Array(n);
  const lut = srgbToLinearLut;
  for (let i = 0; i < n; i++) {
    linearToOklabInto(lut[smooth[i * 3]], lut[smooth[i * 3 + 1]], lut[smooth[i * 3 + 2]], lab, i * 3);
    alphaIn[i] = rgba[i * 4 + 3];
  }
  const ring = Math.max(2, Math.round(Math.min(width, height) / 128));
  const fit = fitBackground(borderSamples(lab, alphaIn, width, height, ring));
  if ("refused" in fit) {
    throw new AppError("invalid_image", `The background is not plain enough to remove offline — ${fit.refused}; ${photoHint}.`, {
      details: { reason: fit.refused, borderNoise: fit.noise !== undefined ? round(fit.noise, 1) : undefined, borderShare: fit.borderShare !== undefined ? round(fit.borderShare, 2) : undefined },
    });
  }
  const model = fit.model;
  options.onProgress?.(0.35, `Backdrop model: ${describe(model)}`);
  await pause(options.signal);
  const dist = modelDistances(lab, width, height, model);
  const bg = grow(lab, dist, alphaIn, width, height, model);
  await pause(options.signal);
  const specks = removeIslands(bg, width, height, Math.max(6, Math.round(n * 0.0001)));
  const gaps = openEnclosedGaps(bg, dist, width, height, model.tolerance * 0.5, Math.max(64, Math.round(n * 0.002)));
  await pause(options.signal);
  options.onProgress?.(0.6, "Mask found");
  const alpha = matte(rgba, bg, width, height, (i, out) => backdropRgb(model, i, width, height, lab, out));
  let kept = 0;
  for (let i = 0; i < n; i++) if (alpha[i] >= 128) kept++;
  const keptShare = kept / n;
  if (keptShare < 0.002) {
    throw new AppError("invalid_image", `The background is not plain enough to remove offline — no subject stands out from the ${describe(model)} backdrop; ${photoHint}.`, { details: { reason: "no subject" } });
  }
  const scene = measureCut(alpha, width, height, lab, model.tolerance);
  if (isScene(scene)) {
    throw new AppError("invalid_image", `The background is not plain enough to remove offline — ${sceneReason(scene)}; ${photoHint}.`, {
      details: { reason: "scene", frame: round(scene.frame, 3), kept: round(scene.size, 3), weakCut: round(scene.weakCut, 3), score: round(scene.score, 2) },
    });
  }
  const background = model.means.map((m) => rgbToHex(oklabToRgb(m)));
  const format = options.format ?? "png";
  options.onProgress?.(0.85, "Encoding");
  const out = await encodeCutout(rgba, width, height, format);
  const notices = [
    `Local background removal: the ${describe(model)} backdrop (${background.join(", ")}) was made transparent by colour, flooding in from the edges. It handles plain, even backgrounds, not photos; ${photoHint}.`,
  ];
  if (gaps > 0) notices.push(`${gaps} enclosed area${gaps === 1 ? "" : "s"} of the backdrop's colour inside the subject became transparent too.`);
  const edge = edgeKeptShare(alpha, width, height);
  if (edge >= 0.01) notices.push(`The subject touches the picture's edges (${Math.round(edge * 100)} % of the border): it is cut there as the picture is.`);
  if (keptShare > 0.9) notices.push(`Little background was found: ${Math.round(keptShare * 100)} % of the picture was kept.`);
  if (specks > 0) notices.push(`${specks} speck${specks === 1 ? "" : "s"} on the backdrop (dust, noise) were removed with it.`);
  return { data: out, mimeType: format === "webp" ? "image/webp" : "image/png", width, height, background, backgroundKind: model.kind, keptShare, alpha, scene, notices };
}

/** A cut-out's RGBA pixels encoded with their transparency: PNG, or WebP (alpha kept at full quality). */
export function encodeCutout(rgba: Buffer, width: number, height: number, format: "png" | "webp"): Promise<Buffer> {
  const image = sharp(rgba, { raw: { width, height, channels: 4 } });
  return (format === "webp" ? image.webp({ quality: 92, alphaQuality: 100, effort: 4 }) : image.png({ compressionLevel: 6, adaptiveFiltering: true })).toBuffer();
}

/** Share of the outermost pixels kept. */
function edgeKeptShare(alpha: Uint8Array, width: number, height: number): number {
  let kept = 0, total = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x += y === 0 || y === height - 1 ? 1 : width - 1) {
      total++;
      if (alpha[y * width + x] >= 128) kept++;
    }
  }
  return kept / total;
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;
const describe = (model: BackgroundModel) => (model.kind === "gradient" ? "graded" : model.kind === "colours" ? `${model.surfaces.length}-colour` : "plain");

/**
 * Between the phases (each a pass over the pixels in JavaScript, about 0.2 s per megapixel on one core) the event
 * loop gets a turn — the server keeps answering other requests while a large picture is cut out — and a cancel is
 * noticed.
 */
async function pause(signal?: AbortSignal) {
  await new Promise((resolve) => setImmediate(resolve));
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error("aborted");
}

/** ΔE of every pixel to the nearest background surface at its place. */
function modelDistances(lab: Float32Array, width: number, height: number, model: BackgroundModel): Float32Array {
  const dist = new Float32Array(width * height).fill(Infinity);
  // Along a row each surface channel is A + Bx + Cx² (the y terms folded into A and B).
  const row = new Float64Array(9);
  for (const s of model.surfaces) {
    for (let y = 0; y < height; y++) {
      const ny = normX(y, height);
      for (let c = 0; c < 3; c++) {
        const o = c * 6;
        row[c * 3] = s[o] + s[o + 2] * ny + s[o + 4] * ny * ny;
        row[c * 3 + 1] = s[o + 1] + s[o + 5] * ny;
        row[c * 3 + 2] = s[o + 3];
      }
      for (let x = 0, i = y * width; x < width; x++, i++) {
        const nx = normX(x, width), nx2 = nx * nx;
        const dl = lab[i * 3] - (row[0] + row[1] * nx + row[2] * nx2);
        const da = lab[i * 3 + 1] - (row[3] + row[4] * nx + row[5] * nx2);
        const db = lab[i * 3 + 2] - (row[6] + row[7] * nx + row[8] * nx2);
        const d = Math.sqrt(dl * dl + da * da + db * db) * 100;
        if (d < dist[i]) dist[i] = d;
      }
    }
  }
  return dist;
}

/**
 * The background: pixels reached from the border through pixels within the tolerance of the model — or, up to
 * twice the tolerance, through steps of at most a small ΔE from the pixel it was reached from (a backdrop's slow
 * drift the model missed; a subject's edge, however soft, is a bigger step than the noise). Transparent pixels of
 * the source are background.
 */
function grow(lab: Float32Array, dist: Float32Array, alphaIn: Uint8Array, width: number, height: number, model: BackgroundModel): Uint8Array {
  const n = width * height;
  const bg = new Uint8Array(n);
  const queue = new Int32Array(n);
  let head = 0, tail = 0;
  const tol = model.tolerance;
  const step = Math.max(1.2, 1.5 * model.noise) / 100;
  const stepSq = step * step;
  const accepts = (i: number, from: number) => {
    if (alphaIn[i] < 8 || dist[i] <= tol) return true;
    if (from < 0 || dist[i] > 2 * tol) return false;
    const d = (lab[i * 3] - lab[from * 3]) ** 2 + (lab[i * 3 + 1] - lab[from * 3 + 1]) ** 2 + (lab[i * 3 + 2] - lab[from * 3 + 2]) ** 2;
    return d <= stepSq;
  };
  const push = (i: number, from: number) => {
    if (!bg[i] && accepts(i, from)) {
      bg[i] = 1;
      queue[tail++] = i;
    }
  };
  for (let x = 0; x < width; x++) {
    push(x, -1);
    push((height - 1) * width + x, -1);
  }
  for (let y = 0; y < height; y++) {
    push(y * width, -1);
    push(y * width + width - 1, -1);
  }
  while (head < tail) {
    const i = queue[head++];
    const x = i % width;
    if (x > 0) push(i - 1, i);
    if (x < width - 1) push(i + 1, i);
    if (i >= width) push(i - width, i);
    if (i < n - width) push(i + width, i);
  }
  return bg;
}

/** Connected components (4-neighbour) of pixels where `bg[i] === value`; calls `visit` with each one's pixels. */
function components(bg: Uint8Array, width: number, height: number, value: number, visit: (pixels: Int32Array, count: number, touchesEdge: boolean) => void) {
  const n = width * height;
  const seen = new Uint8Array(n);
  const stack = new Int32Array(n);
  for (let start = 0; start < n; start++) {
    if (seen[start] || bg[start] !== value) continue;
    let top = 0, count = 0, edge = false;
    stack[top++] = start;
    seen[start] = 1;
    const pixels: number[] = [];
    while (top > 0) {
      const i = stack[--top];
      pixels.push(i);
      count++;
      const x = i % width;
      if (x === 0 || x === width - 1 || i < width || i >= n - width) edge = true;
      for (const j of [x > 0 ? i - 1 : -1, x < width - 1 ? i + 1 : -1, i - width, i + width]) {
        if (j >= 0 && j < n && !seen[j] && bg[j] === value) {
          seen[j] = 1;
          stack[top++] = j;
        }
      }
    }
    visit(Int32Array.from(pixels), count, edge);
  }
}

/** Foreground specks smaller than `minSize` pixels join the background; returns how many. */
function removeIslands(bg: Uint8Array, width: number, height: number, minSize: number): number {
  let removed = 0;
  components(bg, width, height, 0, (pixels, count) => {
    if (count >= minSize) return;
    for (const i of pixels) bg[i] = 1;
    removed++;
  });
  return removed;
}

/**
 * Enclosed gaps (the hole of a ring, the space inside a handle): areas the flood could not reach whose colour
 * matches the backdrop closely (within `tight` ΔE) and that are at least `minSize` pixels, made background too.
 */
function openEnclosedGaps(bg: Uint8Array, dist: Float32Array, width: number, height: number, tight: number, minSize: number): number {
  const candidate = new Uint8Array(bg.length);
  for (let i = 0; i < bg.length; i++) candidate[i] = !bg[i] && dist[i] <= tight ? 1 : 0;
  let opened = 0;
  components(candidate, width, height, 1, (pixels, count) => {
    if (count < minSize) return;
    for (const i of pixels) bg[i] = 1;
    opened++;
  });
  return opened;
}

/** The backdrop's sRGB colour at pixel i (the nearest surface's). */
function backdropRgb(model: BackgroundModel, i: number, width: number, height: number, lab: Float32Array, out: number[]) {
  const m = [0, 0, 0];
  let best = Infinity, bestLab = [0, 0, 0];
  const x = normX(i % width, width), y = normX(Math.floor(i / width), height);
  for (const s of model.surfaces) {
    evalSurface(s, x, y, m);
    const d = (lab[i * 3] - m[0]) ** 2 + (lab[i * 3 + 1] - m[1]) ** 2 + (lab[i * 3 + 2] - m[2]) ** 2;
    if (d < best) [best, bestLab] = [d, [...m]];
  }
  const rgb = oklabToRgb(bestLab as [number, number, number]);
  out[0] = rgb[0];
  out[1] = rgb[1];
  out[2] = rgb[2];
}
