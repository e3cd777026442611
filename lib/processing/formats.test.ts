import { describe, expect, it } from "vitest";
import { solidImage, animatedGif, red } from "@/tests/support/images";
import { describeUnsupported, extensions, inputFormats, mimeTypes, outputFormats, sniffFormat } from "./formats";

/** An ISO-BMFF `ftyp` box: size, "ftyp", major brand, minor version, compatible brands. */
function ftyp(major: string, compatible: string[], trailing = Buffer.alloc(16)) {
  const size = 16 + 4 * compatible.length;
  const box = Buffer.alloc(size);
  box.writeUInt32BE(size, 0);
  box.write("ftyp", 4, "latin1");
  box.write(major, 8, "latin1");
  compatible.forEach((brand, i) => box.write(brand, 16 + 4 * i, "latin1"));
  return Buffer.concat([box, trailing]);
}

const text = (s: string) => Buffer.from(s, "utf8");

describe("sniffFormat", () => {
  it.each(["jpeg", "png", "webp", "avif", "gif"] as const)("recognises a real %s file by its magic numbers", async (format) => {
    expect(sniffFormat(await solidImage(8, 8, red, format))).toBe(format);
  });

  it("recognises an animated GIF", async () => {
    expect(sniffFormat(await animatedGif(4, 4, [red, [0, 0, 255]]))).toBe("gif");
  });

  it("recognises AVIF listed only as a compatible brand, and AVIF sequences", () => {
    expect(sniffFormat(ftyp("mif1", ["mif1", "miaf", "avif"]))).toBe("avif");
    expect(sniffFormat(ftyp("avis", ["msf1"]))).toBe("avif");
  });

  it("refuses HEIC and MP4, which share the ftyp box", () => {
    expect(sniffFormat(ftyp("heic", ["mif1", "heic"]))).toBeNull();
    expect(sniffFormat(ftyp("isom", ["isom", "iso2", "mp41"]))).toBeNull();
  });

  it("only reads brands inside the ftyp box", () => {
    // "avif" right after the box belongs to the next box, not to the brand list.
    expect(sniffFormat(ftyp("heic", ["mif1"], Buffer.from("avifavifavifavif", "latin1")))).toBeNull();
  });

  it("ignores the file name's claim: a PNG renamed .jpg is PNG, bytes decide", async () => {
    const png = await solidImage(4, 4, red, "png");
    expect(sniffFormat(png)).toBe("png");
    expect(sniffFormat(png.subarray(1))).toBeNull();
  });

  it("returns null for too few bytes, even with a valid prefix", () => {
    expect(sniffFormat(new Uint8Array())).toBeNull();
    expect(sniffFormat(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBeNull();
  });

  it("returns null for text, SVG, PDF, BMP and TIFF", () => {
    expect(sniffFormat(text("hello, this is not an image at all"))).toBeNull();
    expect(sniffFormat(text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toBeNull();
    expect(sniffFormat(text("%PDF-1.7\n%âãÏÓ\n1 0 obj"))).toBeNull();
    expect(sniffFormat(Buffer.concat([text("BM"), Buffer.alloc(60)]))).toBeNull();
    expect(sniffFormat(Buffer.concat([Buffer.from([0x49, 0x49, 0x2a, 0x00]), Buffer.alloc(60)]))).toBeNull();
  });

  it("does not mistake a RIFF file that is not WebP (e.g. WAV) for WebP", () => {
    const wav = Buffer.concat([text("RIFF"), Buffer.from([36, 0, 0, 0]), text("WAVEfmt "), Buffer.alloc(24)]);
    expect(sniffFormat(wav)).toBeNull();
  });
});

describe("describeUnsupported", () => {
  it("names SVG (with or without an XML prolog, after whitespace) and says why it is refused", () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    expect(describeUnsupported(text(svg))).toMatch(/SVG.*scripts/);
    expect(describeUnsupported(text(`\n  <?xml version="1.0"?>\n${svg}`))).toContain("SVG");
    expect(describeUnsupported(text(`<!DOCTYPE svg>\n${svg}`))).toContain("SVG");
  });

  it("names HTML/XML, ISO media, PDF, BMP and TIFF", () => {
    expect(describeUnsupported(text("<!doctype html><html><body>hi</body></html>"))).toBe("an XML or HTML document");
    expect(describeUnsupported(ftyp("heic", ["mif1"]))).toBe("an ISO media file (e.g. HEIC or MP4)");
    expect(describeUnsupported(text("%PDF-1.7\n1 0 obj"))).toBe("a PDF document");
    expect(describeUnsupported(Buffer.concat([text("BM"), Buffer.alloc(60, 1)]))).toBe("a BMP image");
    expect(describeUnsupported(Buffer.concat([Buffer.from([0x4d, 0x4d, 0x00, 0x2a]), Buffer.alloc(60, 1)]))).toBe("a TIFF image");
  });

  it("tells text (including UTF-8) from unknown binary", () => {
    expect(describeUnsupported(text("name,size\nphoto.jpg,1200\n"))).toBe("a text file");
    expect(describeUnsupported(text("Grüße — ein Text\n"))).toBe("a text file");
    expect(describeUnsupported(Buffer.from([0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08]))).toBe("an unknown binary format");
  });
});

describe("format tables", () => {
  it("has a MIME type and an extension for every input format", () => {
    for (const format of inputFormats) {
      expect(mimeTypes[format]).toBe(`image/${format}`);
      expect(extensions[format]).toMatch(/^[a-z]+$/);
    }
    expect(extensions.jpeg).toBe("jpg");
  });

  it("writes every accepted format except GIF", () => {
    expect([...outputFormats].sort()).toEqual(inputFormats.filter((f) => f !== "gif").sort());
  });
});
