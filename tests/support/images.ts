/**
 * Test images drawn with sharp: every fixture is made by the tests, none is a file on disk.
 * Colours are `[r, g, b]` (0–255); builders return encoded bytes as a Buffer.
 */
import { crc32, deflateSync } from "node:zlib";
import sharp, { type Sharp } from "sharp";

export type Rgb = readonly [number, number, number];
export type Format = "png" | "jpeg" | "webp" | "avif" | "gif";

export const red: Rgb = [255, 0, 0];
export const green: Rgb = [0, 255, 0];
export const blue: Rgb = [0, 0, 255];
export const white: Rgb = [255, 255, 255];
export const black: Rgb = [0, 0, 0];
export const grey: Rgb = [128, 128, 128];

const encode = (image: Sharp, format: Format) => {
  switch (format) {
    case "png":
      return image.png().toBuffer();
    case "jpeg":
      return image.jpeg({ quality: 95, chromaSubsampling: "4:4:4" }).toBuffer();
    case "webp":
      return image.webp({ lossless: true }).toBuffer();
    case "avif":
      return image.avif({ quality: 80, effort: 0 }).toBuffer();
    case "gif":
      return image.gif().toBuffer();
  }
};

type PixelFn = (x: number, y: number) => readonly number[];

function rawPixels(width: number, height: number, pixel: PixelFn, channels: 3 | 4) {
  const data = Buffer.alloc(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set(pixel(x, y).slice(0, channels), (y * width + x) * channels);
  }
  return data;
}

/** Raw RGB(A) pixels computed by `pixel(x, y)`, as a sharp pipeline. */
export function drawRaw(width: number, height: number, pixel: PixelFn, channels: 3 | 4 = 3) {
  return sharp(rawPixels(width, height, pixel, channels), { raw: { width, height, channels } });
}

export function solidImage(width: number, height: number, rgb: Rgb, format: Format = "png", alpha?: number) {
  const background = { r: rgb[0], g: rgb[1], b: rgb[2], alpha: alpha ?? 1 };
  return encode(sharp({ create: { width, height, channels: alpha === undefined ? 3 : 4, background } }), format);
}

export const solidPng = (width: number, height: number, rgb: Rgb) => solidImage(width, height, rgb, "png");

/** Left half `left`, right half `right` (a vertical edge in the middle). */
export function halfAndHalf(width: number, height: number, left: Rgb, right: Rgb, format: Format = "png") {
  return encode(drawRaw(width, height, (x) => (x < width / 2 ? left : right)), format);
}

/** Four quadrants: top-left, top-right, bottom-left, bottom-right. */
export function quadrants(width: number, height: number, colours: readonly [Rgb, Rgb, Rgb, Rgb], format: Format = "png") {
  const [tl, tr, bl, br] = colours;
  return encode(
    drawRaw(width, height, (x, y) => (y < height / 2 ? (x < width / 2 ? tl : tr) : x < width / 2 ? bl : br)),
    format,
  );
}

/** A smooth colour field with a little deterministic texture: compresses like a photograph. */
export function jpegPhotoLike(width: number, height: number) {
  let seed = 42;
  const noise = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 21) - 10;
  const clamp = (v: number) => Math.max(0, Math.min(255, Math.round(v)));
  const image = drawRaw(width, height, (x, y) => [
    clamp(60 + (150 * x) / width + noise()),
    clamp(90 + (100 * y) / height + noise()),
    clamp(200 - (120 * (x + y)) / (width + height) + noise()),
  ]);
  return image.jpeg({ quality: 90 }).toBuffer();
}

/** Opaque `rgb` on the left half, fully transparent on the right. */
export function halfTransparentPng(width: number, height: number, rgb: Rgb) {
  return drawRaw(width, height, (x) => (x < width / 2 ? [...rgb, 255] : [0, 0, 0, 0]), 4).png().toBuffer();
}

/** An animated GIF with one solid frame per colour. */
export function animatedGif(width: number, height: number, frames: readonly Rgb[]) {
  const total = height * frames.length;
  const data = rawPixels(width, total, (_, y) => frames[Math.floor(y / height)], 3);
  return sharp(data, { raw: { width, height: total, channels: 3, pageHeight: height } }).gif().toBuffer();
}

function chunk(type: string, data: Buffer) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/**
 * A decompression bomb: a few dozen bytes whose IHDR claims `width`×`height` RGB pixels, with a tiny IDAT
 * (one row of zeros). Every chunk has a correct CRC, so only a decoder that trusts the header pays for it.
 */
export function bombPng(width: number, height: number) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit, truecolour, deflate, adaptive filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(Buffer.alloc(1 + Math.min(width, 1024) * 3))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** The RGB(A) value of one pixel of encoded bytes. */
export async function pixelAt(bytes: Uint8Array, x: number, y: number) {
  const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  const px = [...data.subarray(at, at + info.channels)];
  if (info.channels <= 2) return { r: px[0], g: px[0], b: px[0], a: px[1] ?? 255, channels: info.channels };
  return { r: px[0], g: px[1], b: px[2], a: px[3] ?? 255, channels: info.channels };
}

/** Mean of each channel over the whole image ([r, g, b]; a grey image repeats its one channel). */
export async function meanColour(bytes: Uint8Array): Promise<[number, number, number]> {
  const { channels } = await sharp(bytes).stats();
  const [r, g = r, b = r] = channels.map((c) => c.mean);
  return [r, g, b];
}

/** Largest jump between neighbouring pixels along row `y` of the first channel: how sharp an edge is. */
export async function maxStepAlongRow(bytes: Uint8Array, y: number) {
  const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
  let max = 0;
  for (let x = 1; x < info.width; x++) {
    const a = data[(y * info.width + x - 1) * info.channels];
    const b = data[(y * info.width + x) * info.channels];
    max = Math.max(max, Math.abs(a - b));
  }
  return max;
}

/** Range (max − min) of the first channel along row `y`: over/undershoot makes it grow, smoothing shrinks it. */
export async function rangeAlongRow(bytes: Uint8Array, y: number) {
  const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
  let min = 255;
  let max = 0;
  for (let x = 0; x < info.width; x++) {
    const v = data[(y * info.width + x) * info.channels];
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  return { min, max };
}

/** Private details an upload must not keep: EXIF camera fields, a GPS position, XMP and an ICC profile. */
export const privateMetadata = { make: "SpyCam", copyright: "Jane Doe", xmpSecret: "home-address-42" } as const;

/** A JPEG carrying EXIF (IFD0 and a GPS IFD), XMP and an ICC profile: what a phone photo leaks. */
export function jpegWithPrivateMetadata(width: number, height: number) {
  return drawRaw(width, height, (x, y) => [(x * 7) % 256, (y * 5) % 256, 128])
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: privateMetadata.make, Copyright: privateMetadata.copyright },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 30/1 12/1", GPSLongitudeRef: "W", GPSLongitude: "0/1 7/1 39/1" },
    })
    .withXmp(`<x:xmpmeta xmlns:x="adobe:ns:meta/"><secret>${privateMetadata.xmpSecret}</secret></x:xmpmeta>`)
    .withIccProfile("p3")
    .toBuffer();
}

/** True when EXIF bytes hold a GPS IFD pointer (tag 0x8825, either byte order). */
export function exifHasGps(exif: Buffer | undefined) {
  if (!exif) return false;
  return exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88]));
}

/** A colourful photo-like JPEG: a smooth hue field over a lighting gradient, grey patches and grain. */
export function colourfulPhoto(width = 400, height = 300) {
  let seed = 42;
  const noise = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 17) - 8;
  const clamp = (v: number) => Math.max(0, Math.min(255, Math.round(v)));
  return drawRaw(width, height, (x, y) => {
    const u = x / width, v = y / height;
    if ((u - 0.25) ** 2 + (v - 0.7) ** 2 < 0.02) return [128 + noise(), 124 + noise(), 118 + noise()];
    const hue = (u * 2 + v) * Math.PI;
    const light = 110 + 90 * (1 - v);
    return [
      clamp(light + 90 * Math.sin(hue) + noise()),
      clamp(light + 90 * Math.sin(hue + 2.1) + noise()),
      clamp(light + 90 * Math.sin(hue + 4.2) + noise()),
    ];
  })
    .jpeg({ quality: 90 })
    .toBuffer();
}
