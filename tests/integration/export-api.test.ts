// GET /api/v1/images/{id}/export: formats, quality, provenance metadata embedded or stripped, attachment.
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as exportRoute } from "@/app/api/v1/images/[id]/export/route";
import { POST as resize } from "@/app/api/v1/images/[id]/resize/route";
import type { ImageRow } from "@/lib/db";
import { db } from "@/lib/db";
import { xmpDigitalSourceType } from "@/lib/provenance/xmp";
import { expectBytes, expectError, expectJson, send } from "../support/http";
import { jpegPhotoLike } from "../support/images";
import { ensureLocalUser, seedImage, upload } from "../support/studio";

let generated: ImageRow;
let child: { id: string };

const exportOf = (id: string, query: string) => send(exportRoute, `/api/v1/images/${id}/export${query}`, { params: { id } });

beforeAll(async () => {
  await ensureLocalUser();
  generated = await seedImage({
    prompt: "A lighthouse at dusk & <stormy> sea",
    provider: "local",
    model: "local-gradient-v1",
    seed: 424242,
    width: 120,
    height: 80,
  });
  // The local renderer's marking; the resized child made below inherits it.
  await db().image.update({ where: { id: generated.id }, data: { digitalSourceType: "algorithmicMedia" } });
  const res = await send(resize, `/api/v1/images/${generated.id}/resize`, { json: { width: 60 }, params: { id: generated.id } });
  child = await expectJson<{ id: string }>(res, 201);
});

describe("GET /api/v1/images/{id}/export", () => {
  it.each([
    ["png", "image/png", "png", "png"],
    ["jpeg", "image/jpeg", "jpeg", "jpg"],
    ["webp", "image/webp", "webp", "webp"],
    ["avif", "image/avif", "heif", "avif"],
  ] as const)("exports %s as an attachment of that type", async (format, type, sharpFormat, extension) => {
    const res = await exportOf(generated.id, `?format=${format}&metadata=false`);
    const bytes = await expectBytes(res);
    expect(res.headers.get("content-type")).toBe(type);
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="${generated.id}.${extension}"`);
    expect(res.headers.get("content-length")).toBe(String(bytes.length));
    expect(res.headers.get("cache-control")).toContain("no-store");
    const meta = await sharp(bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual([sharpFormat, 120, 80]);
  });

  it("keeps the stored format when none is asked for", async () => {
    const res = await exportOf(generated.id, "");
    expect(res.headers.get("content-type")).toBe("image/png");
    expect((await sharp(await expectBytes(res)).metadata()).format).toBe("png");
  });

  it.each(["png", "jpeg", "webp", "avif"])("metadata=true embeds the provenance as XMP in %s", async (format) => {
    const bytes = await expectBytes(await exportOf(child.id, `?format=${format}&metadata=true`));
    const meta = await sharp(bytes).metadata();
    const xmp = meta.xmp?.toString("utf8") ?? "";
    expect(xmp).toContain("<studio:prompt>A lighthouse at dusk &amp; &lt;stormy&gt; sea</studio:prompt>");
    expect(xmp).toContain("<studio:provider>local</studio:provider>");
    expect(xmp).toContain("<studio:model>local-gradient-v1</studio:model>");
    expect(xmp).toContain("<studio:seed>424242</studio:seed>");
    expect(xmp).toContain(`<studio:lineage>${generated.id}</studio:lineage>`);
    const parentSum = (await db().image.findUniqueOrThrow({ where: { id: generated.id } })).checksum;
    expect(xmp).toContain(`<studio:parents>${generated.id} (source, sha256:${parentSum})</studio:parents>`);
    expect(xmp).toContain(`<studio:imageId>${child.id}</studio:imageId>`);
    expect(xmp).toContain("<studio:kind>processed</studio:kind>");
    expect(xmp).toContain("<Iptc4xmpExt:DigitalSourceType>http://cv.iptc.org/newscodes/digitalsourcetype/algorithmicMedia<"); // IPTC: the local renderer's
    expect(xmp).toMatch(/<studio:operation>\{&quot;type&quot;:&quot;resize&quot;/);
    expect(meta.exif).toBeDefined();
  });

  it("metadata is on by default", async () => {
    const meta = await sharp(await expectBytes(await exportOf(generated.id, "?format=jpeg"))).metadata();
    expect(meta.xmp?.toString("utf8")).toContain("<studio:seed>424242</studio:seed>");
  });

  it.each(["png", "jpeg", "webp", "avif"])("metadata=false leaves no EXIF or ICC in %s, and only the AI marking as XMP", async (format) => {
    const bytes = await expectBytes(await exportOf(child.id, `?format=${format}&metadata=false`));
    const meta = await sharp(bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(xmpDigitalSourceType(meta.xmp?.toString("utf8"))).toBe("http://cv.iptc.org/newscodes/digitalsourcetype/algorithmicMedia");
    expect(meta.xmp?.toString("utf8")).not.toMatch(/studio:|dc:description/);
    expect(meta.icc).toBeUndefined();
    expect(bytes.toString("latin1")).not.toContain("lighthouse");
  });

  it("applies quality to lossy formats", async () => {
    const photo = await upload(await jpegPhotoLike(400, 300), { name: "photo.jpg" });
    const low = await expectBytes(await exportOf(photo.id, "?format=jpeg&quality=10&metadata=false"));
    const high = await expectBytes(await exportOf(photo.id, "?format=jpeg&quality=95&metadata=false"));
    expect(low.length).toBeLessThan(high.length / 2);
  });

  it.each([
    ["?quality=0", /quality/],
    ["?quality=101", /quality/],
    ["?quality=50.5", /quality/],
    ["?format=gif", /format/],
    ["?format=bmp", /format/],
    ["?metadata=yes", /metadata/],
    ["?marking=no", /marking/],
  ])("answers 400 for %s", async (query, message) => {
    const error = await expectError(await exportOf(generated.id, query), 400, "invalid_request");
    expect(error.message).toMatch(message);
  });

  it("answers 404 for an unknown image", async () => {
    await expectError(await exportOf("img_missing", "?format=png"), 404, "not_found");
  });
});
