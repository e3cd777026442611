// What the fakes record of the input images a request carried, and the helpers the adapters' reference tests share:
// distinguishable solid-colour pictures, and reading back which colour each received image is (so a test can
// assert the order the provider got them in, whatever re-encoding the adapter did on the way).
import sharp from "sharp";
import type { ReferenceImage, SourceImage } from "@/lib/providers/types";

/** One input image as a fake received it. */
export interface ReceivedImage {
  /** Where it came in: "image[]", "inlineData", "input_images", "style_reference_images"… */
  field: string;
  mimeType: string;
  bytes: number;
  width: number;
  height: number;
  /** The dominant colour as "#rrggbb" (the tests send solid colours). */
  colour: string;
}

/** Reads an image the way a fake receives it: its type, size and (solid) colour. */
export async function describeImage(field: string, data: Buffer, declaredType?: string): Promise<ReceivedImage> {
  const image = sharp(data);
  const meta = await image.metadata();
  const { dominant } = await image.stats();
  const hex = (v: number) => v.toString(16).padStart(2, "0");
  return {
    field,
    mimeType: declaredType || `image/${meta.format}`,
    bytes: data.length,
    width: meta.width ?? 0,
    height: meta.height ?? 0,
    colour: `#${hex(dominant.r)}${hex(dominant.g)}${hex(dominant.b)}`,
  };
}

/** Colours far enough apart that JPEG re-encoding cannot confuse them (sharp's dominant colour is binned). */
export const COLOURS = ["#ff0000", "#00ff00", "#0000ff", "#ffff00", "#ff00ff", "#00ffff", "#000000", "#ffffff"];

/** A solid-colour picture as a SourceImage (PNG, or JPEG as lib/processing/references.ts makes them). */
export async function solid(colour: string, width = 64, height = 64, format: "png" | "jpeg" = "png"): Promise<SourceImage> {
  const pipeline = sharp({ create: { width, height, channels: 3, background: colour } });
  const data = await (format === "png" ? pipeline.png() : pipeline.jpeg({ quality: 90 })).toBuffer();
  return { data, mimeType: `image/${format}`, width, height };
}

/** `count` references in distinguishable colours (cycling past COLOURS), labelled where `labels` says so. */
export async function references(count: number, labels: Array<string | undefined> = []): Promise<ReferenceImage[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => ({
      ...(await solid(COLOURS[i % COLOURS.length], 64 + i * 16, 64, i % 2 ? "jpeg" : "png")),
      imageId: `ref-${i + 1}`,
      ...(labels[i] ? { label: labels[i] } : {}),
    })),
  );
}

/** sharp's dominant colour is binned (to multiples of 8 or so): the nearest of COLOURS, for comparisons. */
export function nearest(colour: string): string {
  const rgb = (c: string) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
  const [r, g, b] = rgb(colour);
  let best = COLOURS[0];
  let distance = Infinity;
  for (const candidate of COLOURS) {
    const [cr, cg, cb] = rgb(candidate);
    const d = (r - cr) ** 2 + (g - cg) ** 2 + (b - cb) ** 2;
    if (d < distance) [best, distance] = [candidate, d];
  }
  return best;
}
