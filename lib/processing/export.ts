import { decodeError } from "./decode";
import { encodeAs, type EncodeOptions } from "./encode";
import { timeLimit, timeoutError } from "./pipeline";
import { openImage, type DecodeLimits } from "./sharp";

/** What an exported file says about where it came from (`metadata=true`). */
export interface Provenance {
  imageId: string;
  kind: string;
  createdAt: Date;
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

/**
 * Encodes an image for download. With provenance, it is embedded as XMP (Dublin Core description, IPTC digital
 * source type for AI-generated pictures, and the studio's own fields) and EXIF; without, no metadata at all.
 */
export async function exportImage(input: Uint8Array, options: EncodeOptions & DecodeLimits & { hasAlpha: boolean; provenance?: Provenance; timeoutSeconds?: number }) {
  try {
    let image = encodeAs(openImage(input, options), options, options.hasAlpha);
    if (options.provenance) {
      const p = options.provenance;
      image = image
        .withExif({
          IFD0: {
            Software: "Image Studio",
            ImageDescription: asciiOnly(p.prompt ?? `Image Studio ${p.kind} image ${p.imageId}`),
            DateTime: exifDate(p.createdAt),
          },
        })
        .withXmp(provenanceXmp(p));
    }
    return await timeLimit(options.timeoutSeconds)(image).toBuffer();
  } catch (e) {
    throw timeoutError(e, options.timeoutSeconds) ?? decodeError(e);
  }
}

const xml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
// EXIF ASCII fields cannot carry UTF-8 reliably; XMP carries the exact text.
const asciiOnly = (s: string) => s.normalize("NFKD").replace(/[^\x20-\x7e]/g, "").slice(0, 2000);
const exifDate = (d: Date) => d.toISOString().replace("T", " ").replace(/-/g, ":").slice(0, 19);

/** "img_… (reference 'the red jacket', sha256:ab12…)": what reproduces the picture. */
const parentText = (parent: NonNullable<Provenance["parents"]>[number]) =>
  `${parent.id} (${[parent.label ? `${parent.role} '${parent.label}'` : parent.role, parent.checksum ? `sha256:${parent.checksum}` : ""].filter(Boolean).join(", ")})`;

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
    .map(([k, v]) => `    <studio:${k}>${xml(String(v))}</studio:${k}>`)
    .join("\n");
  const description = p.prompt
    ? `    <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xml(p.prompt)}</rdf:li></rdf:Alt></dc:description>\n`
    : "";
  const generated =
    p.kind === "generated" || p.provider
      ? `    <Iptc4xmpExt:DigitalSourceType>http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia</Iptc4xmpExt:DigitalSourceType>\n`
      : "";
  return `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"
    xmlns:studio="https://github.com/image-studio/ns/1.0/">
    <xmp:CreatorTool>Image Studio</xmp:CreatorTool>
    <xmp:CreateDate>${p.createdAt.toISOString()}</xmp:CreateDate>
${description}${generated}${studio}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}
