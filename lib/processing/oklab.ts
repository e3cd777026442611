/**
 * sRGB ⇄ OKLab (Björn Ottosson, 2020) for 8-bit colours, with lookup tables for the two transfer functions:
 * a 256-entry sRGB → linear table, and a 65,536-entry linear → sRGB byte table (error < 0.06 of a byte step).
 * OKLab distances are perceptual: ΔE = Euclidean distance × 100 (about 2 is a just-noticeable difference).
 */

export type Rgb = [number, number, number];
export type Lab = [number, number, number];

const toLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const toSrgb = (l: number) => (l <= 0.0031308 ? l * 12.92 : 1.055 * l ** (1 / 2.4) - 0.055);

/** sRGB byte → linear light, 0–1. */
export const srgbToLinearLut: Float64Array = new Float64Array(256);
for (let i = 0; i < 256; i++) srgbToLinearLut[i] = toLinear(i / 255);

const LINEAR_STEPS = 65535;
const linearToSrgbLut = new Uint8Array(LINEAR_STEPS + 1);
for (let i = 0; i <= LINEAR_STEPS; i++) linearToSrgbLut[i] = Math.round(toSrgb(i / LINEAR_STEPS) * 255);

/** Linear light (clamped to 0–1) → the nearest sRGB byte. */
export function linearToSrgbByte(l: number): number {
  if (!(l > 0)) return 0; // also NaN
  if (l >= 1) return 255;
  return linearToSrgbLut[Math.round(l * LINEAR_STEPS)];
}

/** OKLab of linear-light RGB, written into `out` at `offset` (L, a, b). */
export function linearToOklabInto(r: number, g: number, b: number, out: Float64Array | Float32Array | number[], offset = 0): void {
  const l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
  const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
  const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
  out[offset] = 0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s;
  out[offset + 1] = 1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s;
  out[offset + 2] = 0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s;
}

/** OKLab of an 8-bit sRGB colour. */
export function rgbToOklab(rgb: readonly [number, number, number]): Lab {
  const out: Lab = [0, 0, 0];
  linearToOklabInto(srgbToLinearLut[rgb[0] & 255], srgbToLinearLut[rgb[1] & 255], srgbToLinearLut[rgb[2] & 255], out);
  return out;
}

/** OKLab → linear-light RGB (not clamped: out-of-gamut colours give values outside 0–1). */
export function oklabToLinearInto(L: number, a: number, b: number, out: Float64Array | number[], offset = 0): void {
  const l_ = L + 0.3963377774 * a + 0.2158037573 * b;
  const m_ = L - 0.1055613458 * a - 0.0638541728 * b;
  const s_ = L - 0.0894841775 * a - 1.291485548 * b;
  const l = l_ * l_ * l_, m = m_ * m_ * m_, s = s_ * s_ * s_;
  out[offset] = 4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s;
  out[offset + 1] = -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s;
  out[offset + 2] = -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s;
}

/** OKLab → 8-bit sRGB, each channel clamped to the gamut. */
export function oklabToRgb(lab: readonly [number, number, number]): Rgb {
  const lin = [0, 0, 0];
  oklabToLinearInto(lab[0], lab[1], lab[2], lin);
  return [linearToSrgbByte(lin[0]), linearToSrgbByte(lin[1]), linearToSrgbByte(lin[2])];
}

/** Squared OKLab distance. */
export const labDistanceSq = (p: readonly number[], q: readonly number[]) => {
  const dL = p[0] - q[0], da = p[1] - q[1], db = p[2] - q[2];
  return dL * dL + da * da + db * db;
};

/** ΔE: OKLab Euclidean distance × 100. */
export const deltaE = (p: readonly number[], q: readonly number[]) => Math.sqrt(labDistanceSq(p, q)) * 100;

/** OKLCh chroma. */
export const chroma = (lab: readonly number[]) => Math.hypot(lab[1], lab[2]);

/** HSV of an 8-bit colour: hue 0–359 (degrees), saturation and value 0–100, all rounded to integers. */
export function rgbToHsv(rgb: readonly [number, number, number]): [number, number, number] {
  const [r, g, b] = rgb.map((c) => c / 255);
  const max = Math.max(r, g, b), min = Math.min(r, g, b), d = max - min;
  let h = 0;
  if (d > 0) {
    if (max === r) h = ((g - b) / d) % 6;
    else if (max === g) h = (b - r) / d + 2;
    else h = (r - g) / d + 4;
    h *= 60;
    if (h < 0) h += 360;
  }
  return [Math.round(h) % 360, Math.round(max === 0 ? 0 : (d / max) * 100), Math.round(max * 100)];
}

/** "#rrggbb" (lowercase). */
export const rgbToHex = (rgb: readonly [number, number, number]) =>
  `#${rgb.map((c) => c.toString(16).padStart(2, "0")).join("")}`;

/** Parses "#rgb" or "#rrggbb" (the "#" optional, any case); throws on anything else. */
export function hexToRgb(hex: string): Rgb {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(typeof hex === "string" ? hex.trim() : "");
  if (!m) throw new TypeError(`Not a hex colour: ${JSON.stringify(hex)} (expected #rrggbb or #rgb).`);
  const h = m[1].length === 3 ? [...m[1]].map((c) => c + c).join("") : m[1];
  return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16)];
}
