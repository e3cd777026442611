/**
 * PNG metadata removal without re-encoding: the file is rewritten chunk by chunk, keeping only what draws the
 * picture. Used for generated images, which arrive as large PNGs whose re-encode would cost more than the rest
 * of the pipeline; uploads are still fully re-encoded.
 */
const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Chunks that define the pixels and how to show them; everything else (text, EXIF, time, private) goes. */
const kept = new Set(["IHDR", "PLTE", "IDAT", "IEND", "tRNS", "sRGB", "gAMA", "cHRM", "sBIT", "bKGD", "pHYs"]);
/** Chunks that need a real decode: an ICC profile to convert to sRGB, animation (first frame only). */
const needsDecode = new Set(["iCCP", "acTL", "fcTL", "fdAT"]);

/** The PNG without its metadata chunks, or null when it needs a full re-encode (or is not a well-formed PNG). */
export function stripPngMetadata(png: Uint8Array): Buffer | null {
  const bytes = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (bytes.length < 8 || !bytes.subarray(0, 8).equals(signature)) return null;
  const parts: Buffer[] = [signature];
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(at);
    const end = at + 12 + length;
    if (end > bytes.length) return null;
    const type = bytes.toString("latin1", at + 4, at + 8);
    if (needsDecode.has(type)) return null;
    if (kept.has(type)) parts.push(bytes.subarray(at, end));
    at = end;
    if (type === "IEND") return Buffer.concat(parts);
  }
  return null; // no IEND: truncated
}
