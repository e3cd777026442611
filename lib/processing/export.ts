import type { DigitalSourceType } from "@/lib/provenance/source-type";
import { xmlText as xml, xmpPacket } from "@/lib/provenance/xmp";
import { decodeError } from "./decode";
import { encodeAs, type EncodeOptions } from "./encode";
import { timeLimit, timeoutError } from "./pipeline";
import { openImage, type DecodeLimits } from "./sharp";

/** What an exported file says about where it came from (`metadata=true`). */
export interface Provenance {
  imageId: string;
  kind: string;
  createdAt: Date;
  /** The AI marking (IPTC digital source type) of the pixels, or null when nothing declares one. */
  digitalSourceType?: DigitalSourceType | null;
  prompt?: string | null;
  negativePrompt?: string | null;
  provider?: string | null;
  model?: string | null;
  seed?: number | null;
  style?: string | null;
  operation?: { type: string; params: unknown } | null;
  /** Ancestor ids, oldest first. */
  lineage: string[];
  /** The pictures it was made from (its source, references, mask), with the checksum of each as it was used. */
  parents?: Array<{ id: string; role: string; label?: string | null; checksum?: string | null }>;
}

export interface ExportOptions extends EncodeOptions, DecodeLimits {
  hasAlpha: boolean;
  /**
   * The AI marking written as XMP (`Iptc4xmpExt:DigitalSourceType`) when there is no provenance to embed: a file
   * exported without metadata still says how its pixels were made. Null or absent: no marking.
   */
  digitalSourceType?: DigitalSourceType | null;
  /** Everything the studio knows (prompt, provider, lineage…) as XMP and EXIF, with the marking of `provenance.digitalSourceType`. */
  provenance?: Provenance;
  timeoutSeconds?: number;
}

/**
 * Encodes an image for download. With provenance, it is embedded as XMP (Dublin Core description, the IPTC
 * digital source type, the studio's own fields) and EXIF; without, the only metadata is the XMP marking (when
 * there is a digital source type): no prompt, no studio fields, no EXIF, no ICC profile.
 */
export async function exportImage(input: Uint8Array, options: ExportOptions) {
  try {
    let image = encodeAs(openImage(input, options), options, options.hasAlpha);
    const p = options.provenance;
    if (p) image = image.withExif(provenanceExif(p));
    const xmp = exportXmp(options);
    if (xmp) image = image.withXmp(xmp);
    return await timeLimit(options.timeoutSeconds)(image).toBuffer();
  } catch (e) {
    throw timeoutError(e, options.timeoutSeconds) ?? decodeError(e);
  }
}

/** The XMP packet of an export: the full provenance, or the marking alone (null: neither). */
export const exportXmp = (options: Pick<ExportOptions, "provenance" | "digitalSourceType">) =>
  options.provenance ? provenanceXmp(options.provenance) : xmpPacket({ digitalSourceType: options.digitalSourceType ?? null });

/** The EXIF of `metadata=true` (ASCII only: the XMP carries the exact text). */
export const provenanceExif = (p: Provenance) => ({
  IFD0: {
    Software: "Image Studio",
    // libvips refuses an empty EXIF string: a prompt that is empty, or has no ASCII left, describes by kind and id.
    ImageDescription: asciiOnly(p.prompt ?? "") || `Image Studio ${p.kind} image ${p.imageId}`,
    DateTime: exifDate(p.createdAt),
  },
});

// EXIF ASCII fields cannot carry UTF-8 reliably; XMP carries the exact text.
const asciiOnly = (s: string) => s.normalize("NFKD").replace(/[^\x20-\x7e]/g, "").slice(0, 2000);
const exifDate = (d: Date) => d.toISOString().replace("T", " ").replace(/-/g, ":").slice(0, 19);

/** "img_… (reference 'the red jacket', sha256:ab12…)": what reproduces the picture. */
const parentText = (parent: NonNullable<Provenance["parents"]>[number]) =>
  `${parent.id} (${[parent.label ? `${parent.role} '${parent.label}'` : parent.role, parent.checksum ? `sha256:${parent.checksum}` : ""].filter(Boolean).join(", ")})`;

/** The full XMP packet of `metadata=true`: the marking (lib/provenance/xmp.ts) plus description, creator tool, date and the studio's fields. */
export function provenanceXmp(p: Provenance): string {
  const fields: [string, string | number | null | undefined][] = [
    ["imageId", p.imageId],
    ["kind", p.kind],
    ["prompt", p.prompt],
    ["negativePrompt", p.negativePrompt],
    ["provider", p.provider],
    ["model", p.model],
    ["seed", p.seed],
    ["style", p.style],
    ["operation", p.operation ? JSON.stringify(p.operation) : null],
    ["lineage", p.lineage.length ? p.lineage.join(" > ") : null],
    ["parents", p.parents?.length ? p.parents.map(parentText).join("; ") : null],
  ];
  const studio = fields
    .filter(([, v]) => v !== null && v !== undefined && v !== "")
    .map(([k, v]) => `    <studio:${k}>${xml(String(v))}</studio:${k}>\n`)
    .join("");
  const description = p.prompt
    ? `    <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xml(p.prompt)}</rdf:li></rdf:Alt></dc:description>\n`
    : "";
  const extra = `    <xmp:CreatorTool>Image Studio</xmp:CreatorTool>\n    <xmp:CreateDate>${p.createdAt.toISOString()}</xmp:CreateDate>\n${description}${studio}`;
  return xmpPacket({ digitalSourceType: p.digitalSourceType ?? null, extra })!;
}
