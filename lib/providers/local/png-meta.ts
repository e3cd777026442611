/**
 * The render parameters travel inside our PNGs (a tEXt chunk), so a variation of one of our own pictures can
 * re-render it with a perturbed seed rather than guess from its pixels.
 */
import type { RecordedLayout } from "./reference-record";
import type { SceneGuide } from "./scene";

const KEY = "image-studio:local";

export interface RenderRecord {
  v: 1;
  prompt: string;
  negativePrompt?: string;
  seed: number;
  style: string;
  palette?: string[];
  /** [stream seed, weight] pairs when the picture was drawn from a mix of streams (a variation). */
  streams?: [number, number][];
  /** The scene guide reference images set (reference-record.ts): a redraw without them draws the same scene. */
  guide?: SceneGuide;
  /** The reference layouts laid under the render, in order: a redraw lays them again. */
  layouts?: RecordedLayout[];
  /** Set when the pixels are not a pure render (a refinement or a variation of an upload): re-rendering would not reproduce them. */
  derived?: boolean;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const PNG_SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);

/** Inserts the record right after IHDR. Non-ASCII text is \u-escaped, so the chunk stays Latin-1 as tEXt requires. */
export function withRecord(png: Buffer, record: RenderRecord): Buffer {
  if (!png.subarray(0, 8).equals(PNG_SIGNATURE)) return png;
  const text = JSON.stringify(record).replace(/[\u007f-\uffff]/g, (ch) => "\\u" + ch.charCodeAt(0).toString(16).padStart(4, "0"));
  const body = Buffer.concat([Buffer.from(KEY, "latin1"), Buffer.from([0]), Buffer.from(text, "latin1")]);
  const typeAndBody = Buffer.concat([Buffer.from("tEXt", "latin1"), body]);
  const chunk = Buffer.alloc(12 + body.length);
  chunk.writeUInt32BE(body.length, 0);
  typeAndBody.copy(chunk, 4);
  chunk.writeUInt32BE(crc32(typeAndBody), 8 + body.length);
  const ihdrEnd = 8 + 8 + png.readUInt32BE(8) + 4;
  return Buffer.concat([png.subarray(0, ihdrEnd), chunk, png.subarray(ihdrEnd)]);
}

/** The record of one of our PNGs, or null for anything else (other formats, other software, damaged chunks). */
export function readRecord(data: Buffer): RenderRecord | null {
  if (data.length < 8 || !data.subarray(0, 8).equals(PNG_SIGNATURE)) return null;
  let at = 8;
  while (at + 12 <= data.length) {
    const len = data.readUInt32BE(at);
    const type = data.toString("latin1", at + 4, at + 8);
    if (at + 12 + len > data.length || type === "IDAT" || type === "IEND") return null;
    if (type === "tEXt") {
      const body = data.subarray(at + 8, at + 8 + len);
      const zero = body.indexOf(0);
      if (zero > 0 && body.toString("latin1", 0, zero) === KEY && crc32(data.subarray(at + 4, at + 8 + len)) === data.readUInt32BE(at + 8 + len)) {
        try {
          const parsed = JSON.parse(body.toString("latin1", zero + 1)) as Partial<RenderRecord>;
          if (parsed.v === 1 && typeof parsed.prompt === "string" && typeof parsed.seed === "number" && typeof parsed.style === "string") return parsed as RenderRecord;
        } catch {
          return null;
        }
      }
    }
    at += 12 + len;
  }
  return null;
}
