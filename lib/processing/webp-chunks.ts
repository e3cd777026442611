/**
 * WebP metadata removal without re-encoding: the RIFF container is rewritten chunk by chunk. Used for animated
 * WebP, whose frames a re-encode would merge, re-time or degrade; every frame (ANMF) is kept byte for byte.
 * Container layout: https://developers.google.com/speed/webp/docs/riff_container
 */

/** Chunks that draw the picture or its animation; EXIF, XMP and anything unknown (possibly private) goes. */
const kept = new Set(["VP8 ", "VP8L", "VP8X", "ALPH", "ANIM", "ANMF", "ICCP"]);
/** VP8X flag bits (the first byte of its payload) announcing an EXIF and an XMP chunk. */
const exifFlag = 0x08;
const xmpFlag = 0x04;
/** VP8X flag bit of an animation. */
const animationFlag = 0x02;

export interface WebpChunk {
  type: string;
  /** Offset of the chunk header (its fourcc) in the file. */
  start: number;
  /** Offset just past the chunk, its padding byte included. */
  end: number;
}

/** The top-level chunks of a WebP, or null when it is not a complete, well-formed RIFF WebP (e.g. truncated). */
export function webpChunks(webp: Uint8Array): WebpChunk[] | null {
  const bytes = Buffer.from(webp.buffer, webp.byteOffset, webp.byteLength);
  if (bytes.length < 20 || bytes.toString("latin1", 0, 4) !== "RIFF" || bytes.toString("latin1", 8, 12) !== "WEBP") return null;
  const riffEnd = 8 + bytes.readUInt32LE(4);
  if (riffEnd > bytes.length || riffEnd % 2 === 1) return null;
  const chunks: WebpChunk[] = [];
  let at = 12;
  while (at < riffEnd) {
    if (at + 8 > riffEnd) return null;
    const size = bytes.readUInt32LE(at + 4);
    const end = at + 8 + size + (size % 2);
    if (end > riffEnd) return null;
    chunks.push({ type: bytes.toString("latin1", at, at + 4), start: at, end });
    at = end;
  }
  return chunks.length ? chunks : null;
}

/** How many frames a WebP holds: its ANMF chunks for an animation, 1 for a still; null when malformed. */
export function webpFrameCount(webp: Uint8Array): number | null {
  const chunks = webpChunks(webp);
  if (!chunks) return null;
  const frames = chunks.filter((c) => c.type === "ANMF").length;
  return frames || 1;
}

/**
 * The WebP without its EXIF and XMP chunks (and unknown chunks), the VP8X flags that announced them cleared and
 * the RIFF size set to what is left; every frame, the animation header and an ICC profile are kept as they are.
 * Bytes after the RIFF chunk are dropped. Null when the file is not a well-formed WebP.
 */
export function stripWebpMetadata(webp: Uint8Array): Buffer | null {
  const chunks = webpChunks(webp);
  if (!chunks) return null;
  const bytes = Buffer.from(webp.buffer, webp.byteOffset, webp.byteLength);
  const parts = chunks
    .filter((c) => kept.has(c.type))
    .map((c) => {
      const chunk = Buffer.from(bytes.subarray(c.start, c.end));
      if (c.type === "VP8X" && chunk.length >= 9) chunk[8] &= ~(exifFlag | xmpFlag);
      return chunk;
    });
  const body = Buffer.concat(parts);
  const header = Buffer.alloc(12);
  header.write("RIFF", 0, "latin1");
  header.writeUInt32LE(4 + body.length, 4);
  header.write("WEBP", 8, "latin1");
  return Buffer.concat([header, body]);
}

/** Whether a WebP's VP8X header announces an animation. */
export function isAnimatedWebp(webp: Uint8Array): boolean {
  const vp8x = webpChunks(webp)?.find((c) => c.type === "VP8X");
  return !!vp8x && (webp[vp8x.start + 8] & animationFlag) !== 0;
}
