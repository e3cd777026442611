import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { createdActions, modelAgent, xmpDigitalSourceType, xmpPacket } from "@/lib/provenance";
import { readManifestStore } from "@/lib/provenance/read";
import { signAsset } from "@/lib/provenance/sign";
import { verifyIndependently } from "@/tests/support/c2pa-verify";
import { embedXmp, gifXmp, readXmp, webpChunkBytes, type XmpFormat } from "./xmp-embed";
import { useTestSigningIdentity } from "@/tests/support/signing";

const TRAINED = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";
const marking = xmpPacket({ digitalSourceType: "trainedAlgorithmicMedia" })!;
const other = xmpPacket({ digitalSourceType: "algorithmicMedia" })!;

/** A small picture with detail (a gradient and a half-transparent corner when `alpha`). */
const draw = (width: number, height: number, alpha: boolean) => {
  const channels = alpha ? 4 : 3;
  const data = Buffer.alloc(width * height * channels);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * channels;
      data.set([(x * 7) & 255, (y * 5) & 255, (x * y) & 255], i);
      if (alpha) data[i + 3] = x < width / 3 && y < height / 3 ? 90 : 255;
    }
  return sharp(data, { raw: { width, height, channels } });
};

const raw = (bytes: Uint8Array, animated = false) => sharp(bytes, { animated }).raw().toBuffer();

const cases: Array<[string, XmpFormat, () => Promise<Buffer>]> = [
  ["PNG", "png", () => draw(64, 48, true).png().toBuffer()],
  ["JPEG (with JFIF and EXIF)", "jpeg", () => draw(64, 48, false).jpeg({ quality: 80 }).withExif({ IFD0: { Software: "test" } }).toBuffer()],
  ["simple lossy WebP (VP8)", "webp", () => draw(64, 48, false).webp({ quality: 70 }).toBuffer()],
  ["simple lossless WebP with alpha (VP8L)", "webp", () => draw(64, 48, true).webp({ lossless: true }).toBuffer()],
  ["extended WebP (VP8X, ALPH + VP8)", "webp", () => draw(64, 48, true).webp({ quality: 70 }).toBuffer()],
  ["GIF", "gif", () => draw(64, 48, false).gif().toBuffer()],
];

describe("embedXmp: the marking into the container, the pixels untouched", () => {
  it.each(cases)("%s: XMP read back, raw pixels byte-identical, replacing keeps one packet", async (_name, format, make) => {
    const input = await make();
    const out = await embedXmp(input, format, marking);
    const packet = await readXmp(out);
    expect(xmpDigitalSourceType(packet)).toBe(TRAINED);
    if (format !== "gif") expect((await sharp(out).metadata()).xmp?.toString()).toContain("trainedAlgorithmicMedia");
    expect((await raw(out)).equals(await raw(input))).toBe(true);
    expect((await sharp(out).metadata()).hasAlpha).toBe((await sharp(input).metadata()).hasAlpha);
    const replaced = await embedXmp(out, format, other);
    expect(xmpDigitalSourceType(await readXmp(replaced))).toBe("http://cv.iptc.org/newscodes/digitalsourcetype/algorithmicMedia");
    expect(replaced.toString("latin1").split("DigitalSourceType>").length - 1).toBe(2); // one element: open + close
    expect((await raw(replaced)).equals(await raw(input))).toBe(true);
  });

  it("a JPEG keeps its EXIF ahead of the XMP segment", async () => {
    const input = await cases[1][2]();
    const out = await embedXmp(input, "jpeg", marking);
    expect((await sharp(out).metadata()).exif).toBeDefined();
    expect(out.indexOf("Exif\0")).toBeLessThan(out.indexOf("http://ns.adobe.com/xap/1.0/"));
  });

  it("a simple WebP gains a VP8X chunk with its canvas size, alpha and XMP flags", async () => {
    const input = await draw(300, 17, true).webp({ lossless: true }).toBuffer();
    expect(webpChunkBytes(input)[0].type).toBe("VP8L");
    const out = await embedXmp(input, "webp", marking);
    const [vp8x, ...rest] = webpChunkBytes(out);
    expect(vp8x.type).toBe("VP8X");
    expect(vp8x.payload[0] & 0x04).toBe(0x04);
    expect(vp8x.payload[0] & 0x10).toBe(0x10);
    expect([vp8x.payload.readUIntLE(4, 3) + 1, vp8x.payload.readUIntLE(7, 3) + 1]).toEqual([300, 17]);
    expect(rest.map((c) => c.type)).toEqual(["VP8L", "XMP "]);
    expect(out.readUInt32LE(4)).toBe(out.length - 8);
  });

  it.each([["WebP", "webp"], ["GIF", "gif"]] as const)("an animated %s keeps every frame", async (_name, format) => {
    const frames = [0, 1, 2].map((i) => sharp({ create: { width: 32, height: 32, channels: 4, background: { r: 80 * i, g: 40, b: 200, alpha: 1 } } }));
    const strip = await sharp({ create: { width: 32, height: 96, channels: 4, background: "#000" } })
      .composite(await Promise.all(frames.map(async (f, i) => ({ input: await f.png().toBuffer(), top: 32 * i, left: 0 }))))
      .raw()
      .toBuffer();
    const animated = sharp(strip, { raw: { width: 32, height: 96, channels: 4, pageHeight: 32 } as never });
    const input = await (format === "webp" ? animated.webp({ lossless: true, loop: 0, delay: [100, 100, 100] }) : animated.gif({ loop: 0, delay: [100, 100, 100] })).toBuffer();
    const out = await embedXmp(input, format, marking);
    const meta = await sharp(out, { animated: true }).metadata();
    expect(meta.pages).toBe(3);
    expect(meta.loop).toBe(0);
    expect(xmpDigitalSourceType(await readXmp(out))).toBe(TRAINED);
    expect((await raw(out, true)).equals(await raw(input, true))).toBe(true);
    if (format === "gif") expect(gifXmp(out)).toContain("trainedAlgorithmicMedia");
  });

  it("AVIF: re-encoded at the highest quality with the packet (the last resort), the picture intact", async () => {
    const input = await draw(64, 48, false).avif({ quality: 60 }).toBuffer();
    const out = await embedXmp(input, "avif", marking);
    expect((await sharp(out).metadata()).xmp?.toString()).toContain("trainedAlgorithmicMedia");
    const [a, b] = await Promise.all([raw(input), raw(out)]);
    const diff = a.reduce((max, v, i) => Math.max(max, Math.abs(v - b[i])), 0);
    expect(diff).toBeLessThanOrEqual(8);
  });
});

describe("marked, then signed: the C2PA manifest validates over the marked file", () => {
  useTestSigningIdentity();

  it.each(cases)("%s", async (_name, format, make) => {
    const marked = await embedXmp(await make(), format, marking);
    const signed = await signAsset(marked, { title: `x.${format}`, format, actions: createdActions("trainedAlgorithmicMedia", modelAgent("openai", "gpt-image-2.6-flare")) });
    expect((await readManifestStore(signed))?.validation_state).toBe("Valid");
    expect(xmpDigitalSourceType(await readXmp(signed))).toBe(TRAINED);
    if (format !== "gif") {
      const verdict = await verifyIndependently(signed);
      expect(verdict.failures).toEqual([]);
      expect(verdict.valid).toBe(true);
    }
  });
});
