import type { DigitalSourceType } from "@/lib/provenance/source-type";
import { decodeFrames, encodeFrames, frameOf } from "./animated";
import { decodeError, type InputLimits } from "./decode";
import { exportXmp, provenanceExif, type Provenance } from "./export";
import { colourTableSize, skipSubBlocks } from "./gif-blocks";
import type { AnimatedFormat } from "./formats";
import { timeLimit, timeoutError } from "./pipeline";
import { embedXmp } from "./xmp-embed";

export interface AnimationExportOptions extends Pick<InputLimits, "maxPixels" | "maxAnimationPixels"> {
  /** The stored animation's format. */
  source: AnimatedFormat;
  format: AnimatedFormat;
  /** WebP only (GIF has none). */
  quality?: number;
  /** The AI marking as XMP when there is no provenance; null or absent: none. */
  digitalSourceType?: DigitalSourceType | null;
  /** `metadata=true`: the provenance as XMP (and as EXIF in a WebP; GIF has no EXIF). */
  provenance?: Provenance;
  timeoutSeconds?: number;
}

/**
 * Exports an animated GIF or WebP as an animation: every frame, with the source's frame delays and loop count.
 * - GIF → GIF: the stored frames as they are (no re-quantisation: every pixel stays), only the picture's blocks
 *   kept — comments and application extensions (an XMP packet, a manifest, anything private) go, the loop stays.
 * - anything → WebP, WebP → GIF: every frame decoded and encoded again (like a still's export).
 * Then the XMP (the marking, or the provenance with `metadata`) goes into the container without re-encoding
 * (lib/processing/xmp-embed.ts); the caller signs the result.
 */
export async function exportAnimation(input: Uint8Array, options: AnimationExportOptions): Promise<Buffer> {
  const xmp = exportXmp(options);
  try {
    let encoded: Buffer;
    if (options.source === "gif" && options.format === "gif") {
      encoded = gifPictureOnly(input);
    } else {
      const limited = timeLimit(options.timeoutSeconds);
      const decoded = await decodeFrames(input, options, limited);
      const frames = Array.from({ length: decoded.frames }, (_, i) => frameOf(decoded, i));
      let image = encodeFrames(frames, decoded, { format: options.format, quality: options.quality }, decoded);
      if (options.provenance && options.format === "webp") image = image.withExif(provenanceExif(options.provenance));
      encoded = await limited(image).toBuffer();
    }
    return xmp ? await embedXmp(encoded, options.format, xmp) : encoded;
  } catch (e) {
    throw timeoutError(e, options.timeoutSeconds) ?? decodeError(e, options.source);
  }
}

// ——— GIF blocks (https://www.w3.org/Graphics/GIF/spec-gif89a.txt) ———

const extensionIntroducer = 0x21;
const imageSeparator = 0x2c;
const trailer = 0x3b;
const graphicControl = 0xf9;
const plainText = 0x01;
const application = 0xff;
/** Application extensions that belong to the picture: the loop count (Netscape, AnimExts) and an ICC profile. */
const pictureApplications = new Set(["NETSCAPE2.0", "ANIMEXTS1.0", "ICCRGBG1012"]);


/** The offset after a run of data sub-blocks (a length byte and its bytes each, ended by a 0 length). */
function subBlocksEnd(gif: Uint8Array, start: number): number {
  const end = skipSubBlocks(gif, start);
  if (end < 0) throw new Error("GIF: a block is cut short");
  return end;
}

/**
 * A GIF with only what draws it: header, screen descriptor and colour table, each frame's graphic control
 * extension, image descriptor and data, plain-text extensions, the loop count and ICC profile; comments and every
 * other application extension (XMP, C2PA, private data) are left out. The image data is copied byte for byte.
 */
export function gifPictureOnly(gif: Uint8Array): Buffer {
  const header = Buffer.from(gif.subarray(0, 6)).toString("latin1");
  if (gif.length < 13 || (header !== "GIF87a" && header !== "GIF89a")) throw new Error("GIF: not a GIF file");
  let at = 13 + colourTableSize(gif[10]);
  const parts: Uint8Array[] = [gif.subarray(0, at)];
  while (at < gif.length) {
    const introducer = gif[at];
    if (introducer === trailer) {
      parts.push(gif.subarray(at, at + 1));
      return Buffer.concat(parts);
    }
    const start = at;
    if (introducer === extensionIntroducer) {
      const label = gif[at + 1];
      at = subBlocksEnd(gif, at + 2);
      const identifier = label === application && gif[start + 2] === 11 ? Buffer.from(gif.subarray(start + 3, start + 14)).toString("latin1") : "";
      if (label === graphicControl || label === plainText || pictureApplications.has(identifier)) parts.push(gif.subarray(start, at));
    } else if (introducer === imageSeparator) {
      if (at + 10 > gif.length) throw new Error("GIF: an image descriptor is cut short");
      at = subBlocksEnd(gif, at + 10 + colourTableSize(gif[at + 9]) + 1);
      parts.push(gif.subarray(start, at));
    } else {
      throw new Error(`GIF: unknown block 0x${introducer.toString(16)}`);
    }
  }
  throw new Error("GIF: no trailer");
}
