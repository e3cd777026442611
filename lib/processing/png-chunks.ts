/**
 * The PNG chunk reader (used by the metadata stripper below and by embedXmp in ./xmp-embed), and PNG metadata
 * removal without re-encoding: the file is rewritten chunk by chunk, keeping only what draws the picture. Used for
 * generated images, which arrive as large PNGs whose re-encode would cost more than the rest of the pipeline;
 * uploads are still fully re-encoded.
 */
export const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Chunks that define the pixels and how to show them; everything else (text, EXIF, time, private) goes. */
const kept = new Set(["IHDR", "PLTE", "IDAT", "IEND", "tRNS", "sRGB", "gAMA", "cHRM", "sBIT", "bKGD", "pHYs"]);
/** Chunks that need a real decode: an ICC profile to convert to sRGB, animation (first frame only). */
const needsDecode = new Set(["iCCP", "acTL", "fcTL", "fdAT"]);

export interface PngChunk {
  type: string;
  /** Offset of the chunk (its length field) in the file. */
  start: number;
  /** Offset just past the chunk, its CRC included. */
  end: number;
}

/**
 * The chunks of a PNG in order, up to and including IEND (bytes after it are not read; CRCs are not checked), or
 * why they cannot be read: not a PNG signature, a chunk running past the end, or no IEND.
 */
export function pngChunks(png: Uint8Array): { chunks: PngChunk[] } | { problem: "signature" | "truncated" | "no IEND" } {
  const bytes = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (bytes.length < 8 || !bytes.subarray(0, 8).equals(pngSignature)) return { problem: "signature" };
  const chunks: PngChunk[] = [];
  for (let at = 8; at + 12 <= bytes.length; ) {
    const end = at + 12 + bytes.readUInt32BE(at);
    if (end > bytes.length) return { problem: "truncated" };
    const type = bytes.toString("latin1", at + 4, at + 8);
    chunks.push({ type, start: at, end });
    if (type === "IEND") return { chunks };
    at = end;
  }
  return { problem: "no IEND" };
}

/** The PNG without its metadata chunks, or null when it needs a full re-encode (or is not a well-formed PNG). */
export function stripPngMetadata(png: Uint8Array): Buffer | null {
  const read = pngChunks(png);
  if (!("chunks" in read) || read.chunks.some((c) => needsDecode.has(c.type))) return null;
  const bytes = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  return Buffer.concat([pngSignature, ...read.chunks.filter((c) => kept.has(c.type)).map((c) => bytes.subarray(c.start, c.end))]);
}
