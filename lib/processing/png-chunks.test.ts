import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { normalizeGenerated } from "./normalize";
import { stripPngMetadata } from "./png-chunks";

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
