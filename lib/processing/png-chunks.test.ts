import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { normalizeGenerated } from "./normalize";
import { pngChunks, stripPngMetadata } from "./png-chunks";
import { embedXmp } from "./xmp-embed";

const chunkTypes = (png: Buffer) => {
  const types: string[] = [];
  for (let at = 8; at + 12 <= png.length; at += 12 + png.readUInt32BE(at)) types.push(png.toString("latin1", at + 4, at + 8));
  return types;
};

async function pngWithText() {
  const base = await sharp({ create: { width: 40, height: 30, channels: 4, background: { r: 200, g: 30, b: 90, alpha: 0.5 } } })
    .png()
    .withExif({ IFD0: { ImageDescription: "secret place" } })
    .toBuffer();
  // Add a tEXt chunk by hand, after IHDR (the CRC is not checked by the stripper).
  const text = Buffer.from("Comment\0private note", "latin1");
  const chunk = Buffer.concat([Buffer.alloc(4), Buffer.from("tEXt"), text, Buffer.alloc(4)]);
  chunk.writeUInt32BE(text.length, 0);
  const ihdrEnd = 8 + 12 + base.readUInt32BE(8);
  return Buffer.concat([base.subarray(0, ihdrEnd), chunk, base.subarray(ihdrEnd)]);
}

describe("stripPngMetadata", () => {
  it("drops text and EXIF chunks and keeps the pixels exactly", async () => {
    const png = await pngWithText();
    expect(chunkTypes(png)).toEqual(expect.arrayContaining(["tEXt", "eXIf"]));
    const stripped = stripPngMetadata(png)!;
    expect(chunkTypes(stripped)).not.toContain("tEXt");
    expect(chunkTypes(stripped)).not.toContain("eXIf");
    expect(stripped.includes(Buffer.from("private note"))).toBe(false);
    const [a, b] = await Promise.all([sharp(png).raw().toBuffer(), sharp(stripped).raw().toBuffer()]);
    expect(b.equals(a)).toBe(true);
  });

  it("refuses what needs a real decode, and malformed files", async () => {
    const icc = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#336699" } }).png().withIccProfile("p3").toBuffer();
    expect(chunkTypes(icc)).toContain("iCCP");
    expect(stripPngMetadata(icc)).toBeNull();
    const png = await pngWithText();
    expect(stripPngMetadata(png.subarray(0, png.length - 20))).toBeNull();
    expect(stripPngMetadata(Buffer.from("not a png at all"))).toBeNull();
  });

  it("lets normalizeGenerated keep a PNG without re-encoding and re-encode the rest", async () => {
    const png = await pngWithText();
    const limits = { maxBytes: 1e7, maxPixels: 1e7 };
    const kept = await normalizeGenerated(png, limits);
    expect(kept).toMatchObject({ format: "png", width: 40, height: 30, hasAlpha: true });
    expect(kept.data.equals(stripPngMetadata(png)!)).toBe(true);
    const jpeg = await sharp({ create: { width: 16, height: 16, channels: 3, background: "#ff0000" } }).jpeg().withMetadata({ exif: { IFD0: { Artist: "x" } } }).toBuffer();
    const reencoded = await normalizeGenerated(jpeg, limits);
    expect((await sharp(reencoded.data).metadata()).exif).toBeUndefined();
    await expect(normalizeGenerated(Buffer.from("<svg/>"), limits)).rejects.toMatchObject({ code: "unsupported_media_type" });
  });
});

describe("pngChunks (the one PNG chunk reader: stripPngMetadata and embedXmp)", () => {
  it("lists the chunks up to IEND, and says why a file cannot be read", async () => {
    const png = await pngWithText();
    const read = pngChunks(png);
    expect("chunks" in read && read.chunks.map((c) => c.type)).toEqual(chunkTypes(png));
    expect("chunks" in read && read.chunks.at(-1)).toEqual({ type: "IEND", start: png.length - 12, end: png.length });
    expect(pngChunks(Buffer.concat([png, Buffer.from("trailing")]))).toEqual(read);
    expect(pngChunks(png.subarray(0, png.length - 20))).toEqual({ problem: "truncated" });
    expect(pngChunks(png.subarray(0, png.length - 12))).toEqual({ problem: "no IEND" });
    expect(pngChunks(Buffer.from("not a png at all"))).toEqual({ problem: "signature" });
    await expect(embedXmp(png.subarray(0, png.length - 20), "png", "<x/>")).rejects.toThrow("embedXmp: truncated PNG chunk");
    await expect(embedXmp(png.subarray(0, png.length - 12), "png", "<x/>")).rejects.toThrow("embedXmp: PNG without IEND");
    await expect(embedXmp(Buffer.from("not a png at all"), "png", "<x/>")).rejects.toThrow("embedXmp: not a PNG file");
  });
});
