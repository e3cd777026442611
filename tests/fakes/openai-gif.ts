// The fake OpenAI's animated GIF (gpt-image-2.6 `output_format: "gif"`), as the documents lib/providers/openai-gif.ts
// names describe it: `frame_count` 2–16 (default 9), `frame_duration_ms` 20–2000 in steps of 10 (default 200), the
// size is a frame's (multiples of 16), every frame drawn on one sheet — 4×2, 3×3, 4×3 or 4×4 cells for 2–8, 9, 10–12,
// 13–16 frames — whose long side is at most 3840 px and whose pixels (× n) at most 8,294,400, at least 655,360.
// Refusals are 400 invalid_request_error bodies, before anything is drawn; the answer is a real animated GIF whose
// frames differ in colour and carry the asked delay. Written apart from the studio's own checks on purpose.
import sharp from "sharp";

export interface GifCall {
  frames: number;
  durationMs: number;
  width: number;
  height: number;
  /** The pixels of the sheet (all cells of the band): what the usage bills, as one picture. */
  sheetPixels: number;
}

/** Why the service refuses the GIF fields, or the call's shape. `params` are the request's fields (JSON or multipart). */
export function gifCall(params: Record<string, unknown>, model: string, gifModel: boolean): { error: string; param: string } | GifCall {
  if (!gifModel) return { error: `Invalid value 'gif' for 'output_format': ${model} supports png, jpeg and webp.`, param: "output_format" };
  const frames = params.frame_count === undefined ? 9 : Number(params.frame_count);
  if (!Number.isInteger(frames) || frames < 2 || frames > 16) return { error: `Invalid 'frame_count': ${params.frame_count}. Expected an integer between 2 and 16.`, param: "frame_count" };
  const durationMs = params.frame_duration_ms === undefined ? 200 : Number(params.frame_duration_ms);
  if (!Number.isInteger(durationMs) || durationMs < 20 || durationMs > 2000 || durationMs % 10) {
    return { error: `Invalid 'frame_duration_ms': ${params.frame_duration_ms}. Expected a multiple of 10 between 20 and 2000.`, param: "frame_duration_ms" };
  }
  if (params.output_compression !== undefined) return { error: "output_compression is only supported for jpeg and webp.", param: "output_compression" };
  const size = String(params.size ?? "auto") === "auto" ? "512x512" : String(params.size);
  const match = /^(\d+)x(\d+)$/.exec(size);
  if (!match) return { error: `Invalid size '${size}'. Use 'auto' or WIDTHxHEIGHT.`, param: "size" };
  const [width, height] = [Number(match[1]), Number(match[2])];
  if (width % 16 || height % 16 || !width || !height) return { error: `Invalid size '${size}'. Frame width and height must both be divisible by 16.`, param: "size" };
  if (Math.max(width, height) / Math.min(width, height) > 3) return { error: `Invalid size '${size}'. The aspect ratio must be between 1:3 and 3:1.`, param: "size" };
  const [columns, rows] = frames <= 8 ? [4, 2] : frames === 9 ? [3, 3] : frames <= 12 ? [4, 3] : [4, 4];
  const long = Math.min(Math.max(columns * width, rows * height), Math.max(rows * width, columns * height));
  const sheetPixels = columns * rows * width * height;
  const n = params.n === undefined ? 1 : Number(params.n);
  if (long > 3840) return { error: `Invalid size '${size}' for ${frames} frames: the frame sheet would be ${long} pixels on its longest edge; the maximum is 3840.`, param: "size" };
  if (sheetPixels * n > 8_294_400) return { error: `Invalid size '${size}' for ${frames} frames: the request would draw ${sheetPixels * n} pixels; the maximum is 8294400.`, param: "size" };
  if (sheetPixels < 655_360) return { error: `Invalid size '${size}' for ${frames} frames: the frame sheet must have at least 655360 pixels.`, param: "size" };
  return { frames, durationMs, width, height, sheetPixels };
}

/** A real animated GIF: `frames` frames of width×height, each a different colour (from `seed`), each shown `durationMs`. */
export async function drawAnimatedGif(call: Pick<GifCall, "frames" | "durationMs" | "width" | "height">, seed: string, transparent = false): Promise<Buffer> {
  let h = 0;
  for (const c of seed) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  const { width, height, frames } = call;
  const frameBytes = width * height * 4;
  const strip = Buffer.alloc(frameBytes * frames);
  for (let f = 0; f < frames; f++) {
    // Colours far apart from frame to frame (a hue turn per frame), so a decoder can tell the frames apart.
    const hue = ((h % 360) + (f * 360) / frames) % 360;
    const [r, g, b] = hsl(hue, 0.8, 0.5);
    for (let i = 0; i < width * height; i++) {
      const o = f * frameBytes + i * 4;
      const x = i % width;
      const y = Math.floor(i / width);
      const inner = x >= width / 4 && x < (3 * width) / 4 && y >= height / 4 && y < (3 * height) / 4;
      strip[o] = r;
      strip[o + 1] = g;
      strip[o + 2] = b;
      strip[o + 3] = transparent && !inner ? 0 : 255;
    }
  }
  return sharp(strip, { raw: { width, height: height * frames, channels: 4, pageHeight: height } })
    .gif({ delay: Array.from({ length: frames }, () => call.durationMs), loop: 0, keepDuplicateFrames: true })
    .toBuffer();
}

function hsl(h: number, s: number, l: number): [number, number, number] {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return [Math.round(f(0) * 255), Math.round(f(8) * 255), Math.round(f(4) * 255)];
}
