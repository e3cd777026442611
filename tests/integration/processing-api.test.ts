// The processing routes (resize, crop, filter, process) and the lineage they build.
import { readFileSync } from "node:fs";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as crop } from "@/app/api/v1/images/[id]/crop/route";
import { POST as filter } from "@/app/api/v1/images/[id]/filter/route";
import { GET as lineage } from "@/app/api/v1/images/[id]/lineage/route";
import { POST as processRoute } from "@/app/api/v1/images/[id]/process/route";
import { POST as resize } from "@/app/api/v1/images/[id]/resize/route";
import { db } from "@/lib/db";
import type { ImageDto } from "@/lib/images";
import { expectError, expectJson, send, type Handler } from "../support/http";
import { blue, green, pixelAt, quadrants, red, white } from "../support/images";
import { ensureLocalUser, keysOf, snapshot, storedPath, upload } from "../support/studio";

let source: ImageDto; // 200×100 PNG: red | green over blue | white

const run = async (handler: Handler<{ id: string }>, id: string, body: unknown, op: string) =>
  expectJson<ImageDto>(await send(handler, `/api/v1/images/${id}/${op}`, { json: body, params: { id } }), 201);

/** The stored original of an image, decoded. */
async function storedOriginal(id: string) {
  const bytes = readFileSync(storedPath((await keysOf(id))[0]));
  return { bytes, meta: await sharp(bytes).metadata() };
}

beforeAll(async () => {
  await ensureLocalUser();
  source = await upload(await quadrants(200, 100, [red, green, blue, white]), { name: "quad.png" });
});

describe("processing routes", () => {
  it("resize: 201, a processed child of the source, aspect kept, operation recorded", async () => {
    const out = await run(resize, source.id, { width: 50 }, "resize");
    expect(out).toMatchObject({
      kind: "processed",
      parentId: source.id,
      width: 50,
      height: 25,
      format: "png",
      operation: { type: "resize", params: { width: 50, maintainAspectRatio: true } },
    });
    const { meta } = await storedOriginal(out.id);
    expect([meta.format, meta.width, meta.height]).toEqual(["png", 50, 25]);
    const row = await db().image.findUniqueOrThrow({ where: { id: out.id }, include: { renditions: true } });
    expect(row.renditions).toHaveLength(2);
  });

  it("resize without keeping the aspect ratio stretches to both sizes", async () => {
    const out = await run(resize, source.id, { width: 30, height: 90, maintainAspectRatio: false }, "resize");
    expect([out.width, out.height]).toEqual([30, 90]);
    expect(out.operation).toEqual({ type: "resize", params: { width: 30, height: 90, maintainAspectRatio: false } });
  });

  it("crop: the region's size and pixels, recorded as a crop", async () => {
    const out = await run(crop, source.id, { x: 100, y: 50, width: 100, height: 50 }, "crop");
    expect(out).toMatchObject({ kind: "processed", parentId: source.id, width: 100, height: 50 });
    expect(out.operation).toEqual({ type: "crop", params: { x: 100, y: 50, width: 100, height: 50 } });
    const { bytes } = await storedOriginal(out.id);
    expect(await pixelAt(bytes, 10, 10)).toMatchObject({ r: 255, g: 255, b: 255 }); // the white quadrant
  });

  it("filter grayscale: every pixel has r = g = b", async () => {
    const out = await run(filter, source.id, { type: "grayscale" }, "filter");
    expect(out.operation).toEqual({ type: "filter", params: { type: "grayscale", params: {} } });
    const { bytes } = await storedOriginal(out.id);
    const { data, info } = await sharp(bytes).toColourspace("srgb").raw().toBuffer({ resolveWithObject: true });
    expect(info.channels).toBeGreaterThanOrEqual(3);
    for (let i = 0; i < data.length; i += info.channels) {
      if (data[i] !== data[i + 1] || data[i] !== data[i + 2]) throw new Error(`pixel ${i / info.channels} is not grey`);
    }
    // each quadrant keeps its own luminance: green > red > blue, white stays white
    const [r, g, b, w] = await Promise.all([[10, 10], [110, 10], [10, 60], [110, 60]].map(([x, y]) => pixelAt(bytes, x, y)));
    expect(g.r).toBeGreaterThan(r.r);
    expect(r.r).toBeGreaterThan(b.r);
    expect(b.r).toBeGreaterThan(0);
    expect(w.r).toBe(255);
  });

  it("filter invert and tint change the pixels as expected", async () => {
    const inverted = await run(filter, source.id, { type: "invert" }, "filter");
    expect(await pixelAt((await storedOriginal(inverted.id)).bytes, 10, 10)).toMatchObject({ r: 0, g: 255, b: 255 });
    const tinted = await run(filter, source.id, { type: "tint", params: { color: "#0000ff" } }, "filter");
    expect(tinted.operation).toEqual({ type: "filter", params: { type: "tint", params: { color: "#0000ff" } } });
  });

  it("a format override writes the new format (and its content)", async () => {
    const out = await run(resize, source.id, { width: 100, format: "webp", quality: 80 }, "resize");
    expect(out).toMatchObject({ format: "webp", width: 100, height: 50 });
    const { meta } = await storedOriginal(out.id);
    expect([meta.format, meta.width, meta.height]).toEqual(["webp", 100, 50]);
    const row = await db().image.findUniqueOrThrow({ where: { id: out.id } });
    expect(row.mimeType).toBe("image/webp");
    expect(row.storageKey).toMatch(/\.webp$/);

    const jpeg = await run(filter, source.id, { type: "sepia", format: "jpeg" }, "filter");
    expect((await storedOriginal(jpeg.id)).meta.format).toBe("jpeg");
  });

  it("process: operations applied in order, saved once as one image", async () => {
    const before = await snapshot();
    const operations = [
      { op: "crop", x: 0, y: 0, width: 100, height: 50 },
      { op: "resize", width: 20, height: 10 },
      { op: "filter", type: "grayscale", params: {} },
    ];
    const out = await run(processRoute, source.id, { operations, format: "png" }, "process");
    expect(out).toMatchObject({ kind: "processed", parentId: source.id, width: 20, height: 10 });
    expect(out.operation).toEqual({
      type: "process",
      params: {
        operations: [
          { op: "crop", x: 0, y: 0, width: 100, height: 50 },
          { op: "resize", width: 20, height: 10, maintainAspectRatio: true },
          { op: "filter", type: "grayscale", params: {} },
        ],
      },
    });
    const after = await snapshot();
    expect(after.images).toBe(before.images + 1); // no intermediate images
    const px = await pixelAt((await storedOriginal(out.id)).bytes, 10, 5);
    expect(px.r).toBe(px.g);
    expect(px.g).toBe(px.b);
    // the cropped red quadrant, greyed: the grey of red, as the grayscale filter alone makes it
    const greyed = await run(filter, source.id, { type: "grayscale" }, "filter");
    const redGrey = await pixelAt((await storedOriginal(greyed.id)).bytes, 10, 10);
    expect(Math.abs(px.r - redGrey.r)).toBeLessThanOrEqual(2);
  });

  it("process: a quarter turn and a flip, lossless in PNG, the sides swapped, recorded as operations", async () => {
    const out = await run(processRoute, source.id, { operations: [{ op: "rotate", angle: 90 }, { op: "flip", axis: "horizontal" }], format: "png" }, "process");
    expect(out).toMatchObject({ kind: "processed", parentId: source.id, width: 100, height: 200 });
    expect(out.operation).toEqual({ type: "process", params: { operations: [{ op: "rotate", angle: 90 }, { op: "flip", axis: "horizontal" }] } });
    // red | green over blue | white, turned clockwise (blue | red over white | green), then mirrored: red | blue …
    const bytes = (await storedOriginal(out.id)).bytes;
    expect(await pixelAt(bytes, 10, 10)).toMatchObject({ r: red[0], g: red[1], b: red[2] });
    expect(await pixelAt(bytes, 90, 190)).toMatchObject({ r: white[0], g: white[1], b: white[2] });
  });

  const badBodies: { op: string; handler: Handler<{ id: string }>; body: unknown; message: RegExp }[] = [
    { op: "resize", handler: resize, body: { width: 0 }, message: /width must be at least 1/ },
    { op: "resize", handler: resize, body: { width: -5 }, message: /width must be at least 1/ },
    { op: "resize", handler: resize, body: { height: 0 }, message: /height must be at least 1/ },
    { op: "resize", handler: resize, body: {}, message: /give width, height or both/ },
    { op: "crop", handler: crop, body: { x: 150, y: 0, width: 100, height: 10 }, message: /outside the 200×100 image/ },
    { op: "crop", handler: crop, body: { x: 0, y: 0, width: 0, height: 10 }, message: /width must be at least 1/ },
    { op: "crop", handler: crop, body: { x: 0, y: 0, width: 10, height: -3 }, message: /height must be at least 1/ },
    { op: "crop", handler: crop, body: { x: -1, y: 0, width: 10, height: 10 }, message: /x must not be negative/ },
    { op: "filter", handler: filter, body: { type: "vintage" }, message: /Unknown filter "vintage"/ },
    { op: "filter", handler: filter, body: { type: "blur", params: { radius: 1000 } }, message: /params\.radius/ },
    { op: "process", handler: processRoute, body: { operations: [] }, message: /at least one/ },
    { op: "process", handler: processRoute, body: { operations: [{ op: "rotate", angle: 45 }] }, message: /angle must be one of 90, 180, 270/ },
    { op: "process", handler: processRoute, body: { operations: [{ op: "flip", axis: "both" }] }, message: /axis must be one of horizontal, vertical/ },
    { op: "process", handler: processRoute, body: { operations: [{ op: "skew" }] }, message: /op must be one of resize, crop, filter, rotate, flip/ },
    { op: "resize", handler: resize, body: { width: 10, format: "tiff" }, message: /format must be one of png, jpeg, webp, avif, gif/ },
    // GIF is an animation's output (tests/integration/animated.test.ts); a still source is not made one.
    { op: "resize", handler: resize, body: { width: 10, format: "gif" }, message: /format gif is for animated images/ },
  ];
  it.each(badBodies)("$op answers 400 for $body and saves nothing", async ({ op, handler, body, message }) => {
    const before = await snapshot();
    const res = await send(handler, `/api/v1/images/${source.id}/${op}`, { json: body, params: { id: source.id } });
    const error = await expectError(res, 400, "invalid_request");
    expect(error.message).toMatch(message);
    expect(await snapshot()).toEqual(before);
  });

  it("answers 404 for an unknown source image", async () => {
    const res = await send(resize, "/api/v1/images/img_missing/resize", { json: { width: 10 }, params: { id: "img_missing" } });
    await expectError(res, 404, "not_found");
  });
});

describe("GET /api/v1/images/{id}/lineage", () => {
  it("returns ancestors (oldest first), the image, and descendants nested by parent", async () => {
    const root = await upload(await quadrants(80, 80, [red, green, blue, white]));
    const a = await run(resize, root.id, { width: 40 }, "resize");
    const b = await run(filter, a.id, { type: "grayscale" }, "filter");
    const c = await run(crop, b.id, { x: 0, y: 0, width: 10, height: 10 }, "crop");
    const sibling = await run(filter, root.id, { type: "invert" }, "filter");

    const fromRoot = await expectJson<any>(await send(lineage, `/api/v1/images/${root.id}/lineage`, { params: { id: root.id } }));
    expect(fromRoot.ancestors).toEqual([]);
    expect(fromRoot.image.id).toBe(root.id);
    const ids = (nodes: any[]): unknown => nodes.map((n) => ({ id: n.id, children: ids(n.children) }));
    expect(ids(fromRoot.descendants)).toEqual([
      { id: a.id, children: [{ id: b.id, children: [{ id: c.id, children: [] }] }] },
      { id: sibling.id, children: [] },
    ]);
    expect(fromRoot.descendants[0]).toMatchObject({ kind: "processed", parentId: root.id, operation: { type: "resize" } });

    const fromB = await expectJson<any>(await send(lineage, `/api/v1/images/${b.id}/lineage`, { params: { id: b.id } }));
    expect(fromB.ancestors.map((x: ImageDto) => x.id)).toEqual([root.id, a.id]);
    expect(fromB.image).toMatchObject({ id: b.id, parentId: a.id, operation: { type: "filter" } });
    expect(ids(fromB.descendants)).toEqual([{ id: c.id, children: [] }]);

    const fromC = await expectJson<any>(await send(lineage, `/api/v1/images/${c.id}/lineage`, { params: { id: c.id } }));
    expect(fromC.ancestors.map((x: ImageDto) => x.id)).toEqual([root.id, a.id, b.id]);
    expect(fromC.descendants).toEqual([]);

    await expectError(await send(lineage, "/api/v1/images/img_x/lineage", { params: { id: "img_x" } }), 404, "not_found");
  });
});
