// GET /api/v1/images/{id}/export of an animated image (issue 17): as GIF or WebP every frame is kept, with its
// delays and loop count, the XMP marking and a studio manifest whose parent is the stored original (c2pa-rs reads
// GIF; c2pa-ts validates the WebP too); as a still format the first frame, and the answer says so
// (X-Image-Notice); format=gif for a still is refused. Also: a stored original whose manifest store is damaged
// still exports, signed with its parent named without the manifest.
import { readFile, writeFile } from "node:fs/promises";
import { crc32 } from "node:zlib";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as cropRoute } from "@/app/api/v1/images/[id]/crop/route";
import { GET as exportRoute } from "@/app/api/v1/images/[id]/export/route";
import { db } from "@/lib/db";
import { embedXmp, gifXmp } from "@/lib/processing/xmp-embed";
import { derivedActions, PARENT_LABEL, transcoded } from "@/lib/provenance/actions";
import { readManifestStore, type ManifestStoreJson } from "@/lib/provenance/read";
import { signAsset } from "@/lib/provenance/sign";
import { digitalSourceTypeUri } from "@/lib/provenance/source-type";
import { xmpDigitalSourceType, xmpPacket } from "@/lib/provenance/xmp";
import { storage } from "@/lib/storage";
import { verifyIndependently } from "../support/c2pa-verify";
import { expectBytes, expectError, expectJson, send, type Handler } from "../support/http";
import { ensureLocalUser, storedPath, upload } from "../support/studio";

type Image = { id: string; format: string; frames?: number };

const W = 24;
const H = 16;
const delay = [80, 160, 240];
const loop = 3;
const trained = digitalSourceTypeUri("trainedAlgorithmicMedia");
const personal = "Jane Doe, 42 Harbour Street";

/** Three frames: a red square walking right over a blue-grey backdrop (few colours: GIF keeps them exactly). */
function framesStrip() {
  const data = Buffer.alloc(W * H * 3 * 3);
  for (let f = 0; f < 3; f++)
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++) {
        const inside = x >= 2 + 7 * f && x < 8 + 7 * f && y >= 5 && y < 11;
        data.set(inside ? [220, 30, 30] : [40, 60, 90 + 40 * f], ((f * H + y) * W + x) * 3);
      }
  return sharp(data, { raw: { width: W, height: H * 3, channels: 3, pageHeight: H } });
}

/** The animated GIF an uploader sends: a comment with a name and address in it, and XMP declaring a trained model. */
async function uploadedGif() {
  const gif = await framesStrip().gif({ delay, loop }).toBuffer();
  const tableEnd = 13 + (gif[10] & 0x80 ? 3 * 2 ** ((gif[10] & 7) + 1) : 0);
  const text = Buffer.from(personal, "latin1");
  const comment = Buffer.concat([Buffer.from([0x21, 0xfe, text.length]), text, Buffer.from([0])]);
  const withComment = Buffer.concat([gif.subarray(0, tableEnd), comment, gif.subarray(tableEnd)]);
  return embedXmp(withComment, "gif", xmpPacket({ digitalSourceType: "trainedAlgorithmicMedia" })!);
}

/** Every frame as RGBA, with the timing the file gives. */
async function framesOf(bytes: Uint8Array) {
  const image = sharp(bytes, { animated: true });
  const meta = await image.metadata();
  const { data, info } = await image.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const pages = meta.pages ?? 1;
  const size = data.length / pages;
  return { pages, delay: meta.delay, loop: meta.loop, width: info.width, frames: Array.from({ length: pages }, (_, i) => data.subarray(i * size, (i + 1) * size)) };
}

const meanDifference = (a: Buffer, b: Buffer) => a.reduce((sum, v, i) => sum + Math.abs(v - b[i]), 0) / a.length;

/** A re-encoded (lossy) animation: each frame close to the stored frame at its place, and closer to it than to any other. */
function expectFramesLike(exported: Buffer[], stored: Buffer[], tolerance: number) {
  exported.forEach((frame, i) => {
    const differences = stored.map((s) => meanDifference(frame, s));
    expect(differences[i], `frame ${i}`).toBeLessThan(tolerance);
    expect(Math.min(...differences), `frame ${i} is the stored frame ${i}`).toBe(differences[i]);
  });
}

const exportOf = (id: string, query: string) => send(exportRoute, `/api/v1/images/${id}/export${query}`, { params: { id } });
const storedOf = async (id: string) => storage().get((await db().image.findUniqueOrThrow({ where: { id } })).storageKey);
const actionsOf = (store: ManifestStoreJson) =>
  (store.manifests[store.active_manifest!].assertions ?? [])
    .filter((a) => a.label.startsWith("c2pa.actions"))
    .flatMap((a) => (a.data as { actions: Array<{ action: string }> }).actions.map((x) => x.action));

/** The export's manifest: valid for c2pa-rs, the studio's transcoding of the stored original, which is its parent. */
async function expectSignedFrom(bytes: Buffer, id: string, originalTitle: string) {
  const store = (await readManifestStore(bytes))!;
  expect(store, "the export carries a manifest").not.toBeNull();
  expect(store.validation_state).toBe("Valid");
  expect(actionsOf(store)).toEqual(["c2pa.opened", "c2pa.transcoded"]);
  const parent = store.manifests[store.active_manifest!].ingredients?.find((i) => i.relationship === "parentOf");
  expect(parent?.title).toBe(originalTitle);
  const original = await readManifestStore(await storedOf(id));
  expect(parent?.active_manifest ?? null).toBe(original?.active_manifest ?? null);
  return store;
}

let gifUpload: Image;
let gifCrop: Image;
let webpUpload: Image;

beforeAll(async () => {
  await ensureLocalUser();
  gifUpload = await upload(await uploadedGif(), { name: "walk.gif" });
  // A processed animation: stored signed, with the upload as its parent.
  const res = await send(cropRoute as Handler<{ id: string }>, `/api/v1/images/${gifUpload.id}/crop`, { json: { x: 0, y: 2, width: 22, height: 12 }, params: { id: gifUpload.id } });
  gifCrop = await expectJson<Image>(res, 201);
  webpUpload = await upload(await framesStrip().webp({ delay, loop, lossless: true }).toBuffer(), { name: "walk.webp" });
}, 60_000);

describe("an animated GIF exported as GIF", () => {
  it("is stored as an animation of three frames, the upload with its comment (GIF bytes are kept)", async () => {
    expect([gifUpload, gifCrop].map((i) => [i.format, i.frames])).toEqual([["gif", 3], ["gif", 3]]);
    expect((await storedOf(gifUpload.id)).includes(personal)).toBe(true);
  });

  it.each([
    ["upload", "?format=gif&metadata=true"],
    ["upload", "?metadata=false"],
    ["crop", "?format=gif&metadata=false"],
    ["crop", "?metadata=true"],
  ])("%s (%s) keeps every frame pixel for pixel, its timing, the marking and a manifest with the original as parent", async (which, query) => {
    const image = which === "upload" ? gifUpload : gifCrop;
    const res = await exportOf(image.id, query);
    const bytes = await expectBytes(res);
    expect(res.headers.get("content-type")).toBe("image/gif");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="${image.id}.gif"`);
    expect(res.headers.get("x-image-notice")).toBeNull();

    const exported = await framesOf(bytes);
    const stored = await framesOf(await storedOf(image.id));
    expect(exported.pages).toBe(3);
    expect(exported.delay).toEqual(delay);
    expect(exported.loop).toBe(loop);
    exported.frames.forEach((frame, i) => expect(frame.equals(stored.frames[i]), `frame ${i} is the stored frame`).toBe(true));

    const xmp = gifXmp(bytes);
    expect(xmpDigitalSourceType(xmp)).toBe(trained);
    if (query.includes("metadata=true")) expect(xmp).toContain(`<studio:imageId>${image.id}</studio:imageId>`);
    else expect(xmp).not.toMatch(/studio:|CreatorTool/);
    // The uploader's comment is not the studio's to pass on.
    expect(bytes.includes(personal)).toBe(false);

    await expectSignedFrom(bytes, image.id, "original.gif");
  });

  it("of a processed animation carries the chain: the crop's manifest, then the upload", async () => {
    const store = await expectSignedFrom(await expectBytes(await exportOf(gifCrop.id, "?format=gif")), gifCrop.id, "original.gif");
    expect(Object.keys(store.manifests)).toHaveLength(2);
  });
});

describe("an animation exported as WebP", () => {
  it.each([
    ["a GIF", () => gifUpload, "?format=webp&metadata=true", "original.gif"],
    ["a GIF crop", () => gifCrop, "?format=webp&metadata=false", "original.gif"],
    ["a WebP (its own format by default)", () => webpUpload, "?metadata=false", "original.webp"],
  ])("from %s is animated, marked and signed (both readers)", async (_name, image, query, originalTitle) => {
    const { id } = image();
    const res = await exportOf(id, query);
    const bytes = await expectBytes(res);
    expect(res.headers.get("content-type")).toBe("image/webp");
    expect(res.headers.get("x-image-notice")).toBeNull();
    const exported = await framesOf(bytes);
    const stored = await framesOf(await storedOf(id));
    expect(exported.pages).toBe(3);
    expect(exported.delay).toEqual(delay);
    expect(exported.loop).toBe(loop);
    expectFramesLike(exported.frames, stored.frames, 10);

    const meta = await sharp(bytes).metadata();
    const xmp = meta.xmp?.toString("utf8");
    if (id === webpUpload.id) expect(xmp).toBeUndefined(); // a plain upload declares nothing
    else expect(xmpDigitalSourceType(xmp)).toBe(trained);
    if (query.includes("metadata=true")) {
      expect(xmp).toContain(`<studio:imageId>${id}</studio:imageId>`);
      expect(meta.exif).toBeDefined();
    } else {
      expect(meta.exif).toBeUndefined();
      expect(xmp ?? "").not.toMatch(/studio:|CreatorTool/);
    }

    const store = await expectSignedFrom(bytes, id, originalTitle);
    const verdict = await verifyIndependently(bytes);
    expect(verdict.failures).toEqual([]);
    expect(verdict.valid).toBe(true);
    expect(verdict.activeLabel).toBe(store.active_manifest);
  });

  it("from a WebP can be a GIF too: every frame, its timing", async () => {
    const bytes = await expectBytes(await exportOf(webpUpload.id, "?format=gif"));
    const exported = await framesOf(bytes);
    expect([exported.pages, exported.delay, exported.loop]).toEqual([3, delay, loop]);
    const stored = await framesOf(await storedOf(webpUpload.id));
    expectFramesLike(exported.frames, stored.frames, 10);
    await expectSignedFrom(bytes, webpUpload.id, "original.webp");
  });
});

describe("an animation exported as a still format", () => {
  it.each(["png", "jpeg", "avif"] as const)("as %s is its first frame, and X-Image-Notice says so", async (format) => {
    const res = await exportOf(gifCrop.id, `?format=${format}&metadata=false`);
    const bytes = await expectBytes(res);
    expect(res.headers.get("x-image-notice")).toBe(
      `Animated image (3 frames): this ${format.toUpperCase()} is its first frame; export as GIF or WebP to keep the animation.`,
    );
    const exported = await framesOf(bytes);
    expect(exported.pages).toBe(1);
    const first = (await framesOf(await storedOf(gifCrop.id))).frames[0];
    expect(meanDifference(exported.frames[0], first)).toBeLessThan(format === "png" ? 0.001 : 6);
    expect(xmpDigitalSourceType((await sharp(bytes).metadata()).xmp?.toString("utf8"))).toBe(trained);
    await expectSignedFrom(bytes, gifCrop.id, "original.gif");
  });
});

describe("format=gif for a still picture", () => {
  it("is refused (400), naming the formats a still exports to", async () => {
    const still = await upload(await sharp({ create: { width: 20, height: 10, channels: 3, background: "#369" } }).png().toBuffer(), { name: "still.png" });
    const error = await expectError(await exportOf(still.id, "?format=gif"), 400, "invalid_request");
    expect(error.message).toBe(`format=gif is for animated images only: image ${still.id} is a still picture — export it as png, jpeg, webp or avif.`);
    const res = await exportOf(still.id, "?format=png");
    await expectBytes(res);
    expect(res.headers.get("x-image-notice")).toBeNull();
  });
});

describe("a stored original whose manifest store is damaged", () => {
  it("still exports, signed, with the original as a parent named without its manifest", async () => {
    // A signed PNG original (a crop), then one byte of its manifest store (the caBX chunk) changed on disk,
    // the chunk's CRC made right again: only the manifest is damaged.
    const source = await upload(await sharp({ create: { width: 40, height: 30, channels: 3, background: "#c84" } }).png().toBuffer(), { name: "s.png" });
    const res = await send(cropRoute as Handler<{ id: string }>, `/api/v1/images/${source.id}/crop`, { json: { x: 0, y: 0, width: 20, height: 20 }, params: { id: source.id } });
    const crop = await expectJson<Image>(res, 201);
    const row = await db().image.findUniqueOrThrow({ where: { id: crop.id } });
    const file = storedPath(row.storageKey);
    const png = await readFile(file);
    const at = png.indexOf("caBX");
    expect(at, "the stored original carries a manifest store").toBeGreaterThan(0);
    const length = png.readUInt32BE(at - 4);
    png[at + 4 + 20] ^= 0xff;
    png.writeUInt32BE(crc32(png.subarray(at, at + 4 + length)) >>> 0, at + 4 + length);
    await writeFile(file, png);
    // The damage is real: c2pa-rs refuses it as an ingredient.
    const signing = signAsset(png, { title: "x.png", format: "png", actions: derivedActions([transcoded()]), ingredients: [{ bytes: png, format: "png", title: "original.png", relationship: "parentOf", label: PARENT_LABEL }] });
    await expect(signing).rejects.toThrow();

    for (const format of ["png", "webp"] as const) {
      const bytes = await expectBytes(await exportOf(crop.id, `?format=${format}`));
      const store = (await readManifestStore(bytes))!;
      expect(store.validation_state).toBe("Valid");
      expect(actionsOf(store)).toEqual(["c2pa.opened", "c2pa.transcoded"]);
      const parent = store.manifests[store.active_manifest!].ingredients?.find((i) => i.relationship === "parentOf");
      expect(parent).toMatchObject({ title: "original.png", format: "image/png" });
      expect(parent?.active_manifest).toBeUndefined();
      expect(Object.keys(store.manifests)).toHaveLength(1);
      expect((await verifyIndependently(bytes)).valid).toBe(true);
    }
  });
});
