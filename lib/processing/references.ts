import { openImage, type DecodeLimits } from "./sharp";

/**
 * The longest side a reference image is sent at. Providers use references for identity, style and layout, not
 * for pixels: OpenAI and Gemini tile inputs at about this size (more only costs input tokens and upload time),
 * and FLUX.2 takes its input_images as data URIs, where a few hundred kilobytes each is what is reasonable.
 */
export const referenceMaxSide = 1536;

export interface PreparedReference {
  data: Buffer;
  mimeType: "image/jpeg" | "image/png";
  width: number;
  height: number;
}

/**
 * One reference as a provider gets it: decoded within the input limits (EXIF orientation applied, first frame),
 * shrunk to fit `maxSide` (never enlarged), and encoded as JPEG (quality 90) — or PNG when it has transparency,
 * which a JPEG would lose. A 12 MP photograph becomes about 1.5 MP and a few hundred kilobytes.
 */
export async function prepareReference(input: Uint8Array, limits: DecodeLimits, maxSide = referenceMaxSide): Promise<PreparedReference> {
  // One instance, one pass. A JPEG (most references: photographs) has no alpha channel, which its first bytes
  // say: no header round trip through the thread pool for it (under load each one waits its turn). Any other
  // format's header is read once on the same instance (metadata() never decodes the pixels).
  const image = openImage(input, limits);
  const hasAlpha = isJpeg(input) ? false : (await image.metadata()).hasAlpha;
  image.resize({ width: maxSide, height: maxSide, fit: "inside", withoutEnlargement: true });
  const { data, info } = hasAlpha
    ? await image.png({ compressionLevel: 6 }).toBuffer({ resolveWithObject: true })
    : await image.jpeg({ quality: 90, mozjpeg: false }).toBuffer({ resolveWithObject: true });
  return { data, mimeType: hasAlpha ? "image/png" : "image/jpeg", width: info.width, height: info.height };
}

/**
 * References prepared one after another, in order: a batch of large photographs is decoded one at a time, so the
 * peak memory is that of one decode, not of all of them (bench/references.ts measures both).
 */
export async function prepareReferences(inputs: Uint8Array[], limits: DecodeLimits, maxSide = referenceMaxSide): Promise<PreparedReference[]> {
  const prepared: PreparedReference[] = [];
  for (const input of inputs) prepared.push(await prepareReference(input, limits, maxSide));
  return prepared;
}

const isJpeg = (bytes: Uint8Array) => bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
