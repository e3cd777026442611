/** Image formats: what we accept (decided from the bytes) and what we write. */
export const inputFormats = ["jpeg", "png", "webp", "avif", "gif"] as const;
export type InputFormat = (typeof inputFormats)[number];

export const outputFormats = ["png", "jpeg", "webp", "avif"] as const;
export type OutputFormat = (typeof outputFormats)[number];

/**
 * What a stored original can be: an output format, or GIF — only ever an animation (an animated GIF upload kept
 * byte for byte, a provider's animated answer, or the processing of one); a one-frame GIF is stored as PNG.
 */
export const storedFormats = [...outputFormats, "gif"] as const;
export type StoredFormat = (typeof storedFormats)[number];

/** The formats whose animations the studio keeps, frame by frame (lib/processing/animated.ts). */
export const animatedFormats = ["gif", "webp"] as const;
export type AnimatedFormat = (typeof animatedFormats)[number];
export const isAnimatedFormat = (format: string): format is AnimatedFormat => (animatedFormats as readonly string[]).includes(format);

export const mimeTypes: Record<InputFormat, string> = {
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  avif: "image/avif",
  gif: "image/gif",
};

export const extensions: Record<InputFormat, string> = { jpeg: "jpg", png: "png", webp: "webp", avif: "avif", gif: "gif" };

const ascii = (bytes: Uint8Array, start: number, end: number) => String.fromCharCode(...bytes.subarray(start, end));

/** The format the bytes really are (magic numbers), or null when it is not one we accept. */
export function sniffFormat(bytes: Uint8Array): InputFormat | null {
  if (bytes.length < 12) return null;
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  if (bytes[0] === 0x89 && ascii(bytes, 1, 4) === "PNG" && bytes[4] === 0x0d && bytes[5] === 0x0a) return "png";
  if (ascii(bytes, 0, 6) === "GIF87a" || ascii(bytes, 0, 6) === "GIF89a") return "gif";
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP") return "webp";
  if (ascii(bytes, 4, 8) === "ftyp") {
    // ISO-BMFF: the major brand, then compatible brands up to the end of the ftyp box.
    const boxSize = Math.min(((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0, bytes.length, 256);
    const brands = [ascii(bytes, 8, 12)];
    for (let at = 16; at + 4 <= boxSize; at += 4) brands.push(ascii(bytes, at, at + 4));
    if (brands.includes("avif") || brands.includes("avis")) return "avif";
  }
  return null;
}

/** A short description of bytes we refuse, so the error can say what the file really was. */
export function describeUnsupported(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.subarray(0, 512)).toString("utf8").trimStart().toLowerCase();
  if (head.startsWith("<svg") || (head.startsWith("<?xml") && head.includes("<svg")) || head.includes("<svg"))
    return "an SVG document (SVG is not accepted: it can carry scripts)";
  if (head.startsWith("<")) return "an XML or HTML document";
  if (ascii(bytes, 4, 8) === "ftyp") return "an ISO media file (e.g. HEIC or MP4)";
  if (bytes[0] === 0x25 && ascii(bytes, 1, 4) === "PDF") return "a PDF document";
  if (ascii(bytes, 0, 2) === "BM") return "a BMP image";
  if ((bytes[0] === 0x49 && bytes[1] === 0x49) || (bytes[0] === 0x4d && bytes[1] === 0x4d)) return "a TIFF image";
  const printable = bytes.subarray(0, 256).every((b) => b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127) || b >= 128);
  return printable ? "a text file" : "an unknown binary format";
}
