/**
 * Animated test images (GIF and WebP) drawn with sharp, and their frames read back. Plain Node (no app imports):
 * used by unit, integration and Playwright tests alike.
 *
 * Each frame of `markedFrames` has its own background colour and a white marker square whose place moves with
 * the frame's index: a frame taken for another, frames in another order, or a frame turned or mirrored the wrong
 * way all show in the pixels.
 */
import sharp from "sharp";

export type Rgb = readonly [number, number, number];

/** Distinct, palette-friendly colours (a GIF keeps them exactly). */
export const frameColours: readonly Rgb[] = [
  [220, 20, 20],
  [20, 180, 40],
  [30, 60, 220],
  [240, 200, 0],
  [160, 0, 200],
  [0, 200, 200],
];

export interface Frames {
  width: number;
  /** One frame's height. */
  height: number;
  /** RGBA pixels of each frame. */
  frames: Buffer[];
  delay?: number[];
  loop?: number;
}

/** `count` RGBA frames of `width`×`height`: background `frameColours[i]`, a white `marker`² square at (2 + 3·i, 2 + 2·i). */
export function markedFrames(width: number, height: number, count: number, marker = 4): Frames {
  const frames = Array.from({ length: count }, (_, i) => {
    const colour = frameColours[i % frameColours.length];
    const mx = 2 + 3 * i;
    const my = 2 + 2 * i;
    const data = Buffer.alloc(width * height * 4);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const inMarker = x >= mx && x < mx + marker && y >= my && y < my + marker;
        data.set(inMarker ? [255, 255, 255, 255] : [...colour, 255], (y * width + x) * 4);
      }
    }
    return data;
  });
  return { width, height, frames, delay: frames.map((_, i) => 100 + 10 * i), loop: 0 };
}

/** Encodes frames as an animated GIF or WebP (lossless), every frame kept (no merging of equal frames). */
export function encodeAnimation(f: Frames, format: "gif" | "webp", extra?: { exif?: Record<string, Record<string, string>>; xmp?: string }) {
  let image = sharp(Buffer.concat(f.frames), { raw: { width: f.width, height: f.height * f.frames.length, channels: 4, pageHeight: f.height } });
  if (extra?.exif) image = image.withExif(extra.exif);
  if (extra?.xmp) image = image.withXmp(extra.xmp);
  const timing = { loop: f.loop ?? 0, ...(f.delay ? { delay: f.delay } : {}) };
  return format === "gif" ? image.gif({ ...timing, keepDuplicateFrames: true }).toBuffer() : image.webp({ ...timing, lossless: true }).toBuffer();
}

/** Every frame of an animated (or still) image, RGBA, with its timing. */
export async function readFrames(bytes: Uint8Array): Promise<Frames> {
  const image = sharp(bytes, { animated: true });
  const meta = await image.metadata();
  const { data, info } = await image.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const count = meta.pages ?? 1;
  const height = info.height / count;
  const size = info.width * height * 4;
  const frames = Array.from({ length: count }, (_, i) => Buffer.from(data.subarray(i * size, (i + 1) * size)));
  return { width: info.width, height, frames, delay: meta.delay, loop: meta.loop };
}

/** The RGBA pixels of a rectangle of a frame (an independent crop, for comparisons). */
export function cropFrame(frame: Buffer, width: number, rect: { x: number; y: number; width: number; height: number }): Buffer {
  const out = Buffer.alloc(rect.width * rect.height * 4);
  for (let y = 0; y < rect.height; y++) {
    frame.copy(out, y * rect.width * 4, ((rect.y + y) * width + rect.x) * 4, ((rect.y + y) * width + rect.x + rect.width) * 4);
  }
  return out;
}

/** A frame turned a quarter clockwise (RGBA; the result is `height` wide). */
export function rotateFrame90(frame: Buffer, width: number, height: number): Buffer {
  const out = Buffer.alloc(frame.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) frame.copy(out, (x * height + (height - 1 - y)) * 4, (y * width + x) * 4, (y * width + x) * 4 + 4);
  }
  return out;
}

/** A frame mirrored top to bottom (RGBA). */
export function flipFrame(frame: Buffer, width: number, height: number): Buffer {
  const out = Buffer.alloc(frame.length);
  for (let y = 0; y < height; y++) frame.copy(out, (height - 1 - y) * width * 4, y * width * 4, (y + 1) * width * 4);
  return out;
}

/** Largest difference of any channel between two RGBA buffers of the same size (Infinity when sizes differ). */
export function maxDifference(a: Buffer, b: Buffer): number {
  if (a.length !== b.length) return Infinity;
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

/** Mean difference per channel between two RGBA buffers of the same size (for lossy encodings). */
export function meanDifference(a: Buffer, b: Buffer): number {
  if (a.length !== b.length) return Infinity;
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
  return sum / a.length;
}

/**
 * The centre of a frame's marker: the pixels far from the background (the colour of the last pixel, a corner the
 * marker never reaches) — robust to a lossy encoding's blur; null when there is none.
 */
export function markerCentre(frame: Buffer, width: number): { x: number; y: number } | null {
  const bg = frame.subarray(frame.length - 4, frame.length - 1);
  let [sx, sy, n] = [0, 0, 0];
  for (let i = 0; i < frame.length; i += 4) {
    if (Math.abs(frame[i] - bg[0]) + Math.abs(frame[i + 1] - bg[1]) + Math.abs(frame[i + 2] - bg[2]) > 150) {
      sx += (i / 4) % width;
      sy += Math.floor(i / 4 / width);
      n++;
    }
  }
  return n ? { x: sx / n, y: sy / n } : null;
}
