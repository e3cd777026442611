import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { halfTransparentPng, jpegPhotoLike, pixelAt, red } from "@/tests/support/images";
import { xmpDigitalSourceType } from "@/lib/provenance/xmp";
import { exportImage, provenanceXmp, type Provenance } from "./export";

const limits = { maxPixels: 40_000_000 };
const formats = ["png", "jpeg", "webp", "avif"] as const;
// sharp reports AVIF as its container, HEIF (with AV1 compression).
const reported = { png: "png", jpeg: "jpeg", webp: "webp", avif: "heif" } as const;

const provenance: Provenance = {
  imageId: "img_01HZX",
  kind: "generated",
  createdAt: new Date("2024-05-06T07:08:09.000Z"),
  digitalSourceType: "trainedAlgorithmicMedia",
  prompt: 'A "red" fox & <b>owl</b> at the café',
  negativePrompt: "blurry",
  provider: "replicate",
  model: "black-forest-labs/flux-schnell",
  seed: 424242,
  style: "photo",
  operation: null,
  lineage: ["img_root", "img_parent"],
};

/** A photo carrying EXIF, an ICC profile and XMP, to prove the export drops them all. */
const taggedPhoto = async () =>
  sharp(await jpegPhotoLike(64, 48))
    .withExif({ IFD0: { Make: "PhoneCo" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 30/1 0/1" } })
    .withIccProfile("p3")
    .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><private>yes</private></x:xmpmeta>')
    .jpeg()
    .toBuffer();

describe("exportImage", () => {
  it.each(formats)("writes %s", async (format) => {
    const out = await exportImage(await jpegPhotoLike(64, 48), { format, hasAlpha: false, ...limits });
    const meta = await sharp(out).metadata();
    expect(meta).toMatchObject({ format: reported[format], width: 64, height: 48 });
    if (format === "avif") expect(meta.compression).toBe("av1");
  });

  it.each(formats)("without provenance or marking, a %s has no EXIF, XMP or ICC profile", async (format) => {
    const input = await taggedPhoto();
    const before = await sharp(input).metadata();
    expect([!!before.exif, !!before.icc, !!before.xmp]).toEqual([true, true, true]);
    const out = await exportImage(input, { format, hasAlpha: false, ...limits });
    const meta = await sharp(out).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(out.includes("PhoneCo")).toBe(false);
  });

  it.each(formats)("with provenance, a %s carries it as XMP and EXIF", async (format) => {
    const out = await exportImage(await taggedPhoto(), { format, hasAlpha: false, provenance, ...limits });
    const meta = await sharp(out).metadata();
    const xmp = meta.xmp?.toString("utf8") ?? "";
    expect(xmp).toContain("<studio:prompt>A &quot;red&quot; fox &amp; &lt;b&gt;owl&lt;/b&gt; at the café</studio:prompt>");
    expect(xmp).toContain("<studio:provider>replicate</studio:provider>");
    expect(xmp).toContain("<studio:model>black-forest-labs/flux-schnell</studio:model>");
    expect(xmp).toContain("<studio:seed>424242</studio:seed>");
    expect(xmp).toContain("<studio:lineage>img_root &gt; img_parent</studio:lineage>");
    const withParents = provenanceXmp({ ...provenance, parents: [{ id: "img_parent", role: "source", checksum: "ab12" }, { id: "img_ref", role: "reference", label: "the red <jacket>" }] });
    expect(withParents).toContain("<studio:parents>img_parent (source, sha256:ab12); img_ref (reference 'the red &lt;jacket&gt;')</studio:parents>");
    expect(xmp).not.toContain("<b>owl");
    expect(meta.exif).toBeDefined();
    const exif = meta.exif!.toString("latin1");
    expect(exif).toContain("Image Studio");
    expect(exif).toContain("2024:05:06 07:08:09");
    expect(exif).not.toContain("PhoneCo");
    expect(meta.icc).toBeUndefined();
  });

  it.each(formats)("without provenance, a marked %s carries only the marking: no prompt, studio fields or EXIF", async (format) => {
    const out = await exportImage(await taggedPhoto(), { format, hasAlpha: false, digitalSourceType: "compositeWithTrainedAlgorithmicMedia", ...limits });
    const meta = await sharp(out).metadata();
    const xmp = meta.xmp?.toString("utf8") ?? "";
    expect(xmpDigitalSourceType(xmp)).toBe("http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia");
    expect(xmp).not.toMatch(/studio:|dc:description|CreatorTool|private/);
    expect(meta.exif).toBeUndefined();
    expect(meta.icc).toBeUndefined();
  });

  it.each(formats)("with provenance, a %s carries the marking from its digital source type, not from its kind", async (format) => {
    const local = { ...provenance, provider: "local", digitalSourceType: "algorithmicMedia" as const };
    const xmp = (await sharp(await exportImage(await jpegPhotoLike(32, 32), { format, hasAlpha: false, provenance: local, ...limits })).metadata()).xmp!.toString("utf8");
    expect(xmpDigitalSourceType(xmp)).toBe("http://cv.iptc.org/newscodes/digitalsourcetype/algorithmicMedia");
    const processed = { ...provenance, kind: "processed", provider: null, digitalSourceType: "trainedAlgorithmicMedia" as const };
    expect(xmpDigitalSourceType(provenanceXmp(processed))).toBe("http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia");
    expect(xmpDigitalSourceType(provenanceXmp({ ...provenance, digitalSourceType: null }))).toBeNull();
  });

  it("writes only ASCII into the EXIF description (XMP keeps the exact prompt)", async () => {
    const out = await exportImage(await jpegPhotoLike(32, 32), { format: "jpeg", hasAlpha: false, provenance, ...limits });
    const exif = (await sharp(out).metadata()).exif!.toString("latin1");
    expect(exif).toContain('A "red" fox & <b>owl</b> at the cafe');
  });

  it.each([null, "", "日本の灯台"])("describes an image whose prompt is %j by kind and id in EXIF", async (prompt) => {
    const upload = { ...provenance, kind: "upload", prompt, provider: null };
    const out = await exportImage(await jpegPhotoLike(32, 32), { format: "png", hasAlpha: false, provenance: upload, ...limits });
    expect((await sharp(out).metadata()).exif!.toString("latin1")).toContain("Image Studio upload image img_01HZX");
  });

  it("flattens an image with alpha on white for JPEG", async () => {
    const out = await exportImage(await halfTransparentPng(20, 10, red), { format: "jpeg", hasAlpha: true, ...limits });
    expect(await sharp(out).metadata()).toMatchObject({ format: "jpeg", channels: 3, hasAlpha: false });
    const background = await pixelAt(out, 17, 5);
    expect(Math.min(background.r, background.g, background.b)).toBeGreaterThan(245);
    const opaque = await pixelAt(out, 2, 5);
    expect(opaque.r).toBeGreaterThan(240);
    expect(opaque.g).toBeLessThan(20);
  });

  it.each(["png", "webp", "avif"] as const)("keeps alpha in %s", async (format) => {
    const out = await exportImage(await halfTransparentPng(20, 10, red), { format, hasAlpha: true, ...limits });
    expect((await sharp(out).metadata()).hasAlpha).toBe(true);
    expect((await pixelAt(out, 17, 5)).a).toBeLessThan(10);
    expect((await pixelAt(out, 2, 5)).a).toBeGreaterThan(245);
  });

  it("follows the requested quality", async () => {
    const input = await jpegPhotoLike(128, 128);
    const low = await exportImage(input, { format: "webp", quality: 10, hasAlpha: false, ...limits });
    const high = await exportImage(input, { format: "webp", quality: 100, hasAlpha: false, ...limits });
    expect(low.length).toBeLessThan(high.length / 2);
  });

  it("turns damaged input into invalid_image", async () => {
    const jpeg = await jpegPhotoLike(200, 100);
    const error = await exportImage(jpeg.subarray(0, jpeg.length >> 1), { format: "png", hasAlpha: false, ...limits }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("invalid_image");
  });
});

describe("provenanceXmp", () => {
  it("is a complete XMP packet with description, creator tool, date and the AI source type", () => {
    const xmp = provenanceXmp(provenance);
    expect(xmp.startsWith('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>')).toBe(true);
    expect(xmp.endsWith('<?xpacket end="w"?>')).toBe(true);
    expect(xmp).toContain("<xmp:CreatorTool>Image Studio</xmp:CreatorTool>");
    expect(xmp).toContain("<xmp:CreateDate>2024-05-06T07:08:09.000Z</xmp:CreateDate>");
    expect(xmp).toContain(
      '<dc:description><rdf:Alt><rdf:li xml:lang="x-default">A &quot;red&quot; fox &amp; &lt;b&gt;owl&lt;/b&gt; at the café</rdf:li></rdf:Alt></dc:description>',
    );
    expect(xmp).toContain("digitalsourcetype/trainedAlgorithmicMedia");
    expect(xmp).toContain("<studio:negativePrompt>blurry</studio:negativePrompt>");
    expect(xmp).toContain("<studio:style>photo</studio:style>");
    expect(xmp).toContain("<studio:imageId>img_01HZX</studio:imageId>");
  });

  it("leaves out empty fields, the description and the AI source type for a plain upload", () => {
    const xmp = provenanceXmp({ imageId: "img_up", kind: "upload", createdAt: new Date(0), prompt: "", seed: null, lineage: [] });
    expect(xmp).not.toContain("dc:description");
    expect(xmp).not.toContain("trainedAlgorithmicMedia");
    expect(xmp).not.toContain("studio:prompt");
    expect(xmp).not.toContain("studio:seed");
    expect(xmp).not.toContain("studio:lineage");
    expect(xmp).toContain("<studio:kind>upload</studio:kind>");
  });

  it("records an operation as escaped JSON and a seed of 0", () => {
    const xmp = provenanceXmp({
      ...provenance,
      kind: "processed",
      seed: 0,
      operation: { type: "filter", params: { type: "tint", params: { color: "#ff8800" } } },
    });
    expect(xmp).toContain("<studio:seed>0</studio:seed>");
    expect(xmp).toContain(
      "<studio:operation>{&quot;type&quot;:&quot;filter&quot;,&quot;params&quot;:{&quot;type&quot;:&quot;tint&quot;,&quot;params&quot;:{&quot;color&quot;:&quot;#ff8800&quot;}}}</studio:operation>",
    );
  });
});
