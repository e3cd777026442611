/** Pixel measurements the local renderer's tests share. */
import sharp from "sharp";

export interface Decoded {
  data: Buffer;
  width: number;
  height: number;
  channels: number;
}

export async function decode(png: Buffer, channels: 3 | 4 = 3): Promise<Decoded> {
  const img = channels === 4 ? sharp(png).ensureAlpha() : sharp(png).removeAlpha();
  const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

/** Mean of each channel, 0–255. */
export function means(img: Decoded): number[] {
  const sums = new Array(img.channels).fill(0);
  for (let i = 0; i < img.data.length; i++) sums[i % img.channels] += img.data[i];
  return sums.map((s) => s / (img.width * img.height));
}

export function meanLuminance(img: Decoded): number {
  const [r, g, b] = means(img);
  return (0.299 * r + 0.587 * g + 0.114 * b) / 255;
}

/** Mean absolute difference per channel value, 0–255. */
export function meanAbsDiff(a: Decoded, b: Decoded): number {
  if (a.data.length !== b.data.length) throw new Error("sizes differ");
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) sum += Math.abs(a.data[i] - b.data[i]);
  return sum / a.data.length;
}

export async function solidPng(width: number, height: number, colour: { r: number; g: number; b: number }): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } }).png().toBuffer();
}
