import { digitalSourceTypeUri, type DigitalSourceType } from "./source-type";

const xml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * An XMP packet: the IPTC digital source type (the AI marking) when there is one, plus any further properties
 * already written as XML elements (`extra`, with the namespaces declared here). With no type and no extra it is
 * null: there is nothing to say.
 */
export function xmpPacket(options: { digitalSourceType: DigitalSourceType | null; extra?: string }): string | null {
  const marking = options.digitalSourceType
    ? `    <Iptc4xmpExt:DigitalSourceType>${xml(digitalSourceTypeUri(options.digitalSourceType))}</Iptc4xmpExt:DigitalSourceType>\n`
    : "";
  if (!marking && !options.extra) return null;
  return `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"
    xmlns:studio="https://github.com/image-studio/ns/1.0/">
${marking}${options.extra ?? ""}  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}

export { xml as xmlText };

/** The digital source type an XMP packet declares (IPTC element or attribute form), or null. */
export function xmpDigitalSourceType(xmp: string | null | undefined): string | null {
  if (!xmp) return null;
  const element = /<Iptc4xmpExt:DigitalSourceType>\s*([^<\s]+)\s*<\/Iptc4xmpExt:DigitalSourceType>/.exec(xmp);
  const attribute = /Iptc4xmpExt:DigitalSourceType\s*=\s*"([^"]+)"/.exec(xmp);
  return (element ?? attribute)?.[1] ?? null;
}
