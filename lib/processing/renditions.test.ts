import sharp from "sharp";
import { thumbHashToApproximateAspectRatio, thumbHashToAverageRGBA, thumbHashToRGBA } from "thumbhash";
import { describe, expect, it } from "vitest";
import { blue, halfAndHalf, jpegPhotoLike, red, solidImage } from "@/tests/support/images";
import { sniffFormat } from "./formats";
import { makePlaceholder, placeholderDataUrl } from "./placeholder";
import { makeRenditions, renditionSizes, type Rendition } from "./renditions";

const limits = { maxPixels: 40_000_000 };
/** |actual − expected| ≤ tolerance, for colours that go through lossy encoders and ThumbHash. */
const expectNear = (actual: number, expected: number, tolerance = 15) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance);
const byVariant = (renditions: Rendition[]) => Object.fromEntries(renditions.map((r) => [r.variant, r]));

async function source(bytes: Buffer) {
  const { width, height, format } = await sharp(bytes).metadata();
  return { data: bytes, width, height, format };
}

/** Checks a rendition is a WebP of the size it claims. */
async function expectWebp(rendition: Rendition, width: number, height: number) {
  expect(rendition).toMatchObject({ format: "webp", width, height });
  expect(sniffFormat(rendition.data)).toBe("webp");
  expect(await sharp(rendition.data).metadata()).toMatchObject({ format: "webp", width, height });
}

describe("makeRenditions", () => {
  it("sizes are 320 px thumbnails and 1440 px previews", () => {
    expect(renditionSizes).toEqual({ preview: 1440, thumbnail: 320 });
  });

  it("makes a ≤320 px WebP thumbnail and a ≤1440 px WebP preview of a large landscape JPEG", async () => {
    const { renditions } = await makeRenditions(await source(await jpegPhotoLike(2000, 1000)), limits);
    expect(renditions.map((r) => r.variant)).toEqual(["thumbnail", "preview"]);
    const { thumbnail, preview } = byVariant(renditions);
    await expectWebp(thumbnail, 320, 160);
    await expectWebp(preview, 1440, 720);
    expect(thumbnail.data.length).toBeLessThan(preview.data.length);
  });

  it("fits a portrait image by its height", async () => {
    const { renditions } = await makeRenditions(await source(await solidImage(600, 1800, red, "png")), limits);
    const { thumbnail, preview } = byVariant(renditions);
    await expectWebp(thumbnail, 107, 320);
    await expectWebp(preview, 480, 1440);
  });

  it("never enlarges a small image", async () => {
    const { renditions } = await makeRenditions(await source(await solidImage(200, 100, red, "png")), limits);
    const { thumbnail, preview } = byVariant(renditions);
    await expectWebp(thumbnail, 200, 100);
    await expectWebp(preview, 200, 100);
  });

  it("makes no preview for a WebP original that already fits", async () => {
    const webp = await sharp(await jpegPhotoLike(1440, 900)).webp().toBuffer();
    const { renditions } = await makeRenditions(await source(webp), limits);
    expect(renditions.map((r) => r.variant)).toEqual(["thumbnail"]);
    await expectWebp(renditions[0], 320, 200);
  });

  it("still makes a preview for a WebP original larger than 1440 px", async () => {
    const webp = await sharp(await jpegPhotoLike(1600, 800)).webp().toBuffer();
    const { renditions } = await makeRenditions(await source(webp), limits);
    expect(renditions.map((r) => r.variant)).toEqual(["thumbnail", "preview"]);
    await expectWebp(byVariant(renditions).preview, 1440, 720);
  });

  it("renders the displayed orientation and carries no metadata", async () => {
    // Stored 800×400 red|blue, orientation 6: displayed 400×800 with red on top.
    const jpeg = await sharp(await halfAndHalf(800, 400, red, blue, "jpeg"))
      .withExif({ IFD0: { Make: "PhoneCo" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 30/1 0/1" } })
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    const { renditions } = await makeRenditions({ data: jpeg, width: 400, height: 800, format: "jpeg" }, limits);
    const { thumbnail } = byVariant(renditions);
    await expectWebp(thumbnail, 160, 320);
    const meta = await sharp(thumbnail.data).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    const { data } = await sharp(thumbnail.data).raw().toBuffer({ resolveWithObject: true });
    const top = (20 * 160 + 80) * 3;
    const bottom = (300 * 160 + 80) * 3;
    expect(data[top]).toBeGreaterThan(200);
    expect(data[bottom + 2]).toBeGreaterThan(200);
  });

  it("refuses a source over the pixel limit", async () => {
    await expect(makeRenditions(await source(await solidImage(300, 300, red, "png")), { maxPixels: 10_000 })).rejects.toThrow(/pixel limit/);
  });

  it("adds a ThumbHash placeholder of the image", async () => {
    const { placeholder } = await makeRenditions(await source(await solidImage(900, 450, [200, 60, 30], "jpeg")), limits);
    expect(placeholder).toMatch(/^[A-Za-z0-9+/]+=*$/);
    const hash = Buffer.from(placeholder, "base64");
    expect(hash.length).toBeLessThan(40);
    const average = thumbHashToAverageRGBA(hash);
    expectNear(average.r * 255, 200);
    expectNear(average.g * 255, 60);
    expectNear(average.b * 255, 30);
    expect(thumbHashToApproximateAspectRatio(hash)).toBeCloseTo(2, 0);
  });
});

describe("makePlaceholder", () => {
  it("decodes to a small image with roughly the source's average colour", async () => {
    const hash = Buffer.from(await makePlaceholder(await halfAndHalf(400, 300, red, blue, "png")), "base64");
    const { w, h, rgba } = thumbHashToRGBA(hash);
    expect(w).toBeLessThanOrEqual(32);
    expect(h).toBeLessThanOrEqual(32);
    expect(w / h).toBeCloseTo(4 / 3, 0);
    const mean = [0, 1, 2].map((c) => rgba.filter((_, i) => i % 4 === c).reduce((a, b) => a + b, 0) / (w * h));
    expect(mean[0]).toBeGreaterThan(90);
    expect(mean[0]).toBeLessThan(165);
    expect(mean[1]).toBeLessThan(40);
    expect(mean[2]).toBeGreaterThan(90);
    expect(mean[2]).toBeLessThan(165);
    // The left side is red, the right side blue: the hash keeps that much detail.
    const left = rgba[(Math.floor(h / 2) * w + 1) * 4];
    const right = rgba[(Math.floor(h / 2) * w + w - 2) * 4];
    expect(left).toBeGreaterThan(right + 60);
  });

  it("marks transparency in the hash", async () => {
    const transparent = await solidImage(64, 64, red, "png", 0);
    const average = thumbHashToAverageRGBA(Buffer.from(await makePlaceholder(transparent), "base64"));
    expect(average.a).toBeLessThan(0.2);
  });
});

describe("placeholderDataUrl", () => {
  it("paints the hash as a PNG data URL of the same colour", async () => {
    const hash = await makePlaceholder(await solidImage(120, 80, [30, 160, 90], "png"));
    const url = placeholderDataUrl(hash);
    expect(url).toMatch(/^data:image\/png;base64,/);
    const png = Buffer.from(url.slice(url.indexOf(",") + 1), "base64");
    const { width, height } = await sharp(png).metadata();
    expect(width).toBeGreaterThan(height);
    const { channels } = await sharp(png).stats();
    expectNear(channels[0].mean, 30);
    expectNear(channels[1].mean, 160);
    expectNear(channels[2].mean, 90);
  });
});
