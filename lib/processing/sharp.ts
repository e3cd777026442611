import sharp, { type Sharp } from "sharp";

// Set once for the process: no libvips operation cache (every request works on different bytes, and the cache
// only costs memory), and at most one libvips thread per core.
sharp.cache(false);
sharp.concurrency(Math.max(1, Math.min(4, (globalThis.navigator?.hardwareConcurrency as number | undefined) ?? 2)));

export interface DecodeLimits {
  /** Largest accepted width × height of an input. */
  maxPixels: number;
}

/** Opens encoded image bytes for a full decode: pixel limit enforced, EXIF orientation applied, first frame only. */
export function openImage(input: Uint8Array, limits: DecodeLimits): Sharp {
  return sharp(input, { limitInputPixels: limits.maxPixels, failOn: "error", autoOrient: true, pages: 1 });
}

/** Opens raw pixels handed from one pipeline step to the next. */
export function openRaw(data: Buffer, info: { width: number; height: number; channels: 1 | 2 | 3 | 4 }): Sharp {
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels }, limitInputPixels: false });
}

/** Reads only the header: dimensions and format, without decoding pixels (fast even for huge claims). */
export function readHeader(input: Uint8Array) {
  return sharp(input, { limitInputPixels: false, pages: 1 }).metadata();
}

export { sharp };
export type { Sharp };
