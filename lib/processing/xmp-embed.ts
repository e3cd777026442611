import { crc32 } from "node:zlib";
import { colourTableSize, skipSubBlocks } from "./gif-blocks";
import { pngChunks, pngSignature } from "./png-chunks";
import { sharp } from "./sharp";
import { webpChunks } from "./webp-chunks";

/**
 * Puts an XMP packet into an encoded picture — or replaces the one it has — WITHOUT re-encoding it: the pixels
 * (and every frame of an animation) stay byte for byte what they were; only the container gains a metadata block.
 * Where each format keeps XMP (XMP Specification Part 3, "Storage in files"):
 * - PNG: an `iTXt` chunk with keyword `XML:com.adobe.xmp`, uncompressed, right after IHDR;
 * - JPEG: an APP1 segment `http://ns.adobe.com/xap/1.0/\0` + packet, after SOI and any APP0 (JFIF) / APP1 (EXIF);
 * - WebP: an `XMP ` chunk in the extended format, announced by the XMP flag of `VP8X` (a simple VP8/VP8L file gets
 *   a VP8X chunk with its canvas size and alpha flag first); animation, ICC, EXIF and unknown chunks are kept;
 * - GIF: the application extension `XMP DataXMP`: the packet's bytes as they are, then the 258-byte "magic
 *   trailer" that makes GIF readers skipping sub-blocks land on the block terminator;
 * - AVIF: see {@link embedXmp} — no container edit here; the encoder takes the packet (sharp `withXmp`).
 * Any C2PA manifest the file carries no longer matches after this: mark first, then sign.
 */
export type XmpFormat = "png" | "jpeg" | "webp" | "gif" | "avif";

export async function embedXmp(bytes: Uint8Array, format: XmpFormat, xmp: string): Promise<Buffer> {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const packet = Buffer.from(xmp, "utf8");
  switch (format) {
    case "png":
      return pngWithXmp(data, packet);
    case "jpeg":
      return jpegWithXmp(data, packet);
    case "webp":
      return webpWithXmp(data, packet);
    case "gif":
      return gifWithXmp(data, packet);
    case "avif":
      // The last resort: AVIF keeps XMP in an `mime` item of the HEIF meta box, which cannot be added without
      // rewriting every item location — so the picture is encoded again, at the highest quality (lossless
      // would double its size). The studio's own AVIF encodes pass the packet to the encoder instead
      // (sharp `withXmp`, lib/processing/export.ts) and never come here; only a stored AVIF original that
      // needs a marking added after the fact does.
      return sharp(data, { limitInputPixels: false, failOn: "error" }).keepIccProfile().withXmp(xmp).avif({ quality: 100, effort: 4, chromaSubsampling: "4:4:4" }).toBuffer();
  }
}

// ——— PNG ———

const PNG_KEYWORD = "XML:com.adobe.xmp";
const pngProblems = { signature: "not a PNG file", truncated: "truncated PNG chunk", "no IEND": "PNG without IEND" } as const;

function pngChunk(type: string, payload: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(payload.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), payload])) >>> 0, 0);
  return Buffer.concat([head, payload, crc]);
}

function pngWithXmp(png: Buffer, packet: Buffer): Buffer {
  const read = pngChunks(png);
  if ("problem" in read) throw new Error(`embedXmp: ${pngProblems[read.problem]}`);
  // keyword \0, compression flag 0, method 0, language "" \0, translated keyword "" \0, text
  const itxt = pngChunk("iTXt", Buffer.concat([Buffer.from(`${PNG_KEYWORD}\0\0\0\0\0`, "latin1"), packet]));
  const parts: Buffer[] = [pngSignature];
  for (const { type, start, end } of read.chunks) {
    const isXmp = type === "iTXt" && png.toString("latin1", start + 8, start + 8 + PNG_KEYWORD.length + 1) === `${PNG_KEYWORD}\0`;
    if (!isXmp) parts.push(png.subarray(start, end));
    if (type === "IHDR") parts.push(itxt);
  }
  return Buffer.concat(parts);
}

// ——— JPEG ———

const JPEG_XMP_NS = Buffer.from("http://ns.adobe.com/xap/1.0/\0", "latin1");

function jpegWithXmp(jpeg: Buffer, packet: Buffer): Buffer {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error("embedXmp: not a JPEG file");
  const payload = Buffer.concat([JPEG_XMP_NS, packet]);
  if (payload.length + 2 > 0xffff) throw new Error("embedXmp: the XMP packet is too large for one JPEG APP1 segment");
  const segment = Buffer.alloc(4);
  segment.writeUInt16BE(0xffe1, 0);
  segment.writeUInt16BE(payload.length + 2, 2);
  const app1 = Buffer.concat([segment, payload]);
  const head: Buffer[] = [jpeg.subarray(0, 2)];
  let at = 2;
  // The leading APPn segments: JFIF (APP0) and EXIF (APP1) stay first; any old XMP APP1 goes.
  while (at + 4 <= jpeg.length && jpeg[at] === 0xff && jpeg[at + 1] >= 0xe0 && jpeg[at + 1] <= 0xef) {
    const end = at + 2 + jpeg.readUInt16BE(at + 2);
    const marker = jpeg[at + 1];
    const isXmp = marker === 0xe1 && jpeg.subarray(at + 4, at + 4 + JPEG_XMP_NS.length).equals(JPEG_XMP_NS);
    if (!isXmp && marker !== 0xe0 && marker !== 0xe1) break;
    if (!isXmp) head.push(jpeg.subarray(at, end));
    at = end;
  }
  // Further XMP segments (after other APPn segments) are dropped too: one packet per file.
  const rest: Buffer[] = [];
  let from = at;
  while (at + 4 <= jpeg.length && jpeg[at] === 0xff && jpeg[at + 1] !== 0xda && jpeg[at + 1] !== 0xd9) {
    if (jpeg[at + 1] === 0xff) {
      at++;
      continue;
    }
    const end = at + 2 + jpeg.readUInt16BE(at + 2);
    if (jpeg[at + 1] === 0xe1 && jpeg.subarray(at + 4, at + 4 + JPEG_XMP_NS.length).equals(JPEG_XMP_NS)) {
      rest.push(jpeg.subarray(from, at));
      from = end;
    }
    at = end;
  }
  rest.push(jpeg.subarray(from));
  return Buffer.concat([...head, app1, ...rest]);
}

// ——— WebP ———

interface RiffChunk {
  type: string;
  /** The whole chunk: header, payload and pad byte. */
  bytes: Buffer;
  payload: Buffer;
}

/** The chunks of a WebP file, in order, with their bytes (the container as webp-chunks.ts reads it). */
export function webpChunkBytes(webp: Buffer): RiffChunk[] {
  const chunks = webpChunks(webp);
  if (!chunks) throw new Error("embedXmp: not a well-formed WebP file");
  return chunks.map(({ type, start, end }) => ({ type, bytes: webp.subarray(start, end), payload: webp.subarray(start + 8, start + 8 + webp.readUInt32LE(start + 4)) }));
}

function riffChunk(type: string, payload: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.write(type, 0, "latin1");
  head.writeUInt32LE(payload.length, 4);
  return Buffer.concat([head, payload, payload.length & 1 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}

const VP8X_XMP = 0x04;
const VP8X_ALPHA = 0x10;

/** The VP8X chunk a simple (VP8 / VP8L) WebP needs to carry metadata: its canvas size and whether it has alpha. */
function vp8xFor(image: RiffChunk): Buffer {
  let width: number;
  let height: number;
  let alpha = false;
  const p = image.payload;
  if (image.type === "VP8L") {
    // 0x2f signature, then 14 bits width-1, 14 bits height-1, 1 bit alpha_is_used (little-endian bit order)
    const bits = p.readUInt32LE(1);
    width = (bits & 0x3fff) + 1;
    height = ((bits >>> 14) & 0x3fff) + 1;
    alpha = ((bits >>> 28) & 1) === 1;
  } else {
    // 3-byte frame tag, start code 9d 01 2a, then 14-bit width and height (2 bits of scale each)
    if (p[3] !== 0x9d || p[4] !== 0x01 || p[5] !== 0x2a) throw new Error("embedXmp: not a VP8 key frame");
    width = p.readUInt16LE(6) & 0x3fff;
    height = p.readUInt16LE(8) & 0x3fff;
  }
  const payload = Buffer.alloc(10);
  payload[0] = alpha ? VP8X_ALPHA : 0;
  payload.writeUIntLE(width - 1, 4, 3);
  payload.writeUIntLE(height - 1, 7, 3);
  return riffChunk("VP8X", payload);
}

function webpWithXmp(webp: Buffer, packet: Buffer): Buffer {
  const chunks = webpChunkBytes(webp).filter((c) => c.type !== "XMP ");
  const first = chunks[0];
  if (!first) throw new Error("embedXmp: empty WebP file");
  let vp8x: Buffer;
  let body: RiffChunk[];
  if (first.type === "VP8X") {
    vp8x = Buffer.from(first.bytes);
    body = chunks.slice(1);
  } else if (first.type === "VP8 " || first.type === "VP8L") {
    vp8x = vp8xFor(first);
    body = chunks;
  } else {
    throw new Error(`embedXmp: unexpected first WebP chunk ${first.type}`);
  }
  vp8x[8] |= VP8X_XMP;
  // Order (WebP container spec): VP8X, ICCP, ANIM, image data (ANMF… or ALPH + VP8/VP8L), EXIF, XMP, unknown chunks.
  const known = new Set(["ICCP", "ANIM", "ANMF", "ALPH", "VP8 ", "VP8L", "EXIF"]);
  const lastKnown = body.reduce((last, c, i) => (known.has(c.type) ? i : last), -1);
  const ordered = [...body.slice(0, lastKnown + 1).map((c) => c.bytes), riffChunk("XMP ", packet), ...body.slice(lastKnown + 1).map((c) => c.bytes)];
  const content = Buffer.concat([Buffer.from("WEBP", "latin1"), vp8x, ...ordered]);
  const header = Buffer.alloc(8);
  header.write("RIFF", 0, "latin1");
  header.writeUInt32LE(content.length, 4);
  return Buffer.concat([header, content]);
}

// ——— GIF ———

const GIF_XMP_ID = "XMP DataXMP";
/** 0x01, 0xFF, 0xFE … 0x01, 0x00, then the block terminator 0x00 (XMP spec Part 3, §1.1.2). */
const GIF_MAGIC_TRAILER = Buffer.from([0x01, ...Array.from({ length: 256 }, (_, i) => 0xff - i), 0x00]);

/** Where the sub-blocks starting at `at` end (just after the zero-length terminator). */
function subBlocksEnd(gif: Buffer, at: number): number {
  const end = skipSubBlocks(gif, at);
  if (end < 0) throw new Error("embedXmp: truncated GIF");
  return end;
}

function gifWithXmp(gif: Buffer, packet: Buffer): Buffer {
  const version = gif.toString("latin1", 0, 6);
  if (version !== "GIF89a" && version !== "GIF87a") throw new Error("embedXmp: not a GIF file");
  if (packet.includes(0)) throw new Error("embedXmp: an XMP packet for GIF may not contain NUL bytes");
  const flags = gif[10];
  let at = 13 + colourTableSize(flags);
  const parts: Buffer[] = [Buffer.from(gif.subarray(0, at))];
  parts[0].write("GIF89a", 0, "latin1"); // extensions are GIF89a
  const xmpBlock = Buffer.concat([Buffer.from([0x21, 0xff, 0x0b]), Buffer.from(GIF_XMP_ID, "latin1"), packet, GIF_MAGIC_TRAILER]);
  let inserted = false;
  while (at < gif.length) {
    const introducer = gif[at];
    let end: number;
    if (introducer === 0x21) {
      const label = gif[at + 1];
      end = subBlocksEnd(gif, at + 2);
      const isApp = label === 0xff && gif[at + 2] === 0x0b;
      if (isApp && gif.toString("latin1", at + 3, at + 14) === GIF_XMP_ID) {
        at = end; // the old packet goes
        continue;
      }
      // The XMP block goes after the leading application extensions (NETSCAPE2.0 looping stays first).
      if (!isApp && !inserted) {
        parts.push(xmpBlock);
        inserted = true;
      }
    } else if (introducer === 0x2c) {
      if (!inserted) {
        parts.push(xmpBlock);
        inserted = true;
      }
      const local = gif[at + 9];
      const afterDescriptor = at + 10 + colourTableSize(local);
      end = subBlocksEnd(gif, afterDescriptor + 1); // + LZW minimum code size
    } else if (introducer === 0x3b) {
      if (!inserted) parts.push(xmpBlock);
      parts.push(gif.subarray(at, at + 1));
      return Buffer.concat(parts);
    } else {
      throw new Error(`embedXmp: unexpected GIF block 0x${introducer.toString(16)}`);
    }
    parts.push(gif.subarray(at, end));
    at = end;
  }
  throw new Error("embedXmp: GIF without trailer");
}

/** The XMP packet of a GIF (its `XMP DataXMP` application extension), or null. libvips does not read it. */
export function gifXmp(bytes: Uint8Array): string | null {
  const gif = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const start = gif.indexOf(Buffer.from([0x21, 0xff, 0x0b, ...Buffer.from(GIF_XMP_ID, "latin1")]));
  if (start < 0) return null;
  const from = start + 3 + GIF_XMP_ID.length;
  const end = gif.indexOf(GIF_MAGIC_TRAILER.subarray(0, 3), from);
  return end < 0 ? null : gif.toString("utf8", from, end);
}

/** The XMP packet a picture carries (any format the studio takes), or null. */
export async function readXmp(bytes: Uint8Array): Promise<string | null> {
  if (Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(6, bytes.byteLength)).toString("latin1").startsWith("GIF8")) return gifXmp(bytes);
  const meta = await sharp(bytes, { limitInputPixels: false, pages: 1 }).metadata().catch(() => null);
  return meta?.xmp ? meta.xmp.toString("utf8") : null;
}
