/**
 * The block structure of a GIF (https://www.w3.org/Graphics/GIF/spec-gif89a.txt), walked without decoding: a
 * GIF cut short still decodes (libvips shows what arrived of the frames), so an animated GIF that is stored byte
 * for byte is first checked to be whole — every block complete, up to the trailer.
 */

const extensionIntroducer = 0x21;
const imageSeparator = 0x2c;
const trailer = 0x3b;

/** The number of frames (image descriptors) of a complete, well-formed GIF, or null (truncated or malformed). */
export function gifFrameCount(gif: Uint8Array): number | null {
  if (gif.length < 13) return null;
  const header = String.fromCharCode(...gif.subarray(0, 6));
  if (header !== "GIF87a" && header !== "GIF89a") return null;
  let at = 13 + colourTableSize(gif[10]);
  let frames = 0;
  while (at < gif.length) {
    const introducer = gif[at];
    if (introducer === trailer) return frames;
    if (introducer === extensionIntroducer) {
      at = skipSubBlocks(gif, at + 2);
    } else if (introducer === imageSeparator) {
      if (at + 10 > gif.length) return null;
      at += 10 + colourTableSize(gif[at + 9]);
      at = skipSubBlocks(gif, at + 1); // the LZW minimum code size, then the image data
      frames++;
    } else {
      return null;
    }
    if (at < 0) return null;
  }
  return null; // no trailer: truncated
}

/** Bytes of a colour table announced by a packed field (global or local): 3 × 2^(n+1) when its flag is set. */
export const colourTableSize = (packed: number) => (packed & 0x80 ? 3 * 2 ** ((packed & 0x07) + 1) : 0);

/** The offset after a run of data sub-blocks (each a length byte and its bytes, ended by a 0 length); -1 when cut short. */
export function skipSubBlocks(gif: Uint8Array, start: number): number {
  let at = start;
  while (at < gif.length) {
    const size = gif[at];
    at += 1 + size;
    if (size === 0) return at;
  }
  return -1;
}
