// Palettes over HTTP (docs/api.md "Palettes"; issue [4/7]): extraction persisted per image, batches, custom palettes,
// exports, apply-palette as a processed child, palette-guided generation; bad input is a 400 that stores nothing.
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as generate } from "@/app/api/v1/generations/route";
import { POST as applyPalette } from "@/app/api/v1/images/[id]/apply-palette/route";
import { POST as batch } from "@/app/api/v1/images/[id]/palettes/batch/route";
import { GET as imagePalettes, POST as extract } from "@/app/api/v1/images/[id]/palettes/route";
import { DELETE as deleteImage, GET as getImage } from "@/app/api/v1/images/[id]/route";
import { GET as exportPalette } from "@/app/api/v1/palettes/[id]/export/route";
import { DELETE as deletePalette, GET as getPalette } from "@/app/api/v1/palettes/[id]/route";
import { GET as listPalettes, POST as createPalette } from "@/app/api/v1/palettes/route";
import { db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { IdeogramProvider } from "@/lib/providers/ideogram";
import { LocalProvider } from "@/lib/providers/local";
import { setProvidersForTests } from "@/lib/providers/registry";
import { formOf, ideogramModels, startFakeIdeogram, type FakeIdeogram } from "../fakes/ideogram";
import { expectBytes, expectError, expectJson, send } from "../support/http";
import { drawRaw, type Rgb } from "../support/images";
import { ensureLocalUser, ensureUser, seedImage, snapshot, upload } from "../support/studio";

type Color = { hex: string; rgb: [number, number, number]; hsv: [number, number, number]; name: string; proportion?: number };
type Palette = { id: string; imageId: string | null; name: string; type: string; colors: Color[]; createdAt: string };
type Image = { id: string; kind: string; parentId: string | null; format: string; params: Record<string, unknown> | null; operation: { type: string; params: Record<string, unknown> } | null };

let ideogram: FakeIdeogram;

beforeAll(async () => {
  ideogram = await startFakeIdeogram();
  process.env.IDEOGRAM_BASE_URL = ideogram.url;
  await ensureLocalUser();
  await ensureUser("other");
});
afterAll(() => ideogram.close());
beforeEach(() => {
  Object.assign(process.env, { ALLOW_PRIVATE_PROVIDER_URLS: "true", RATE_LIMIT_PER_MINUTE: "1000", DAILY_BUDGET_USD: "5", PROVIDER_FALLBACK_ORDER: "" });
  resetEnvForTests();
  setProvidersForTests([new LocalProvider(), new IdeogramProvider({ apiKey: ideogram.apiKey, baseUrl: ideogram.url, models: ideogramModels() })]);
});

const red: Rgb = [255, 0, 0];
const blue: Rgb = [0, 0, 255];
/** 60% pure red (left), 40% pure blue (right). */
const redBlue = () => drawRaw(100, 50, (x) => (x < 60 ? red : blue)).png().toBuffer();
/** Saturated stripes beside greyish ones, for vibrant vs muted. */
const mixed = () =>
  drawRaw(120, 60, (x) => ([[230, 30, 40], [40, 200, 60], [110, 120, 105], [150, 140, 130], [30, 60, 220], [120, 110, 125]] as Rgb[])[Math.floor(x / 20)]).png().toBuffer();

const post = (handler: typeof extract, path: string, id: string, json: unknown) => send(handler, path, { json, params: { id } });
const paletteOf = async (imageId: string, json: unknown = {}) => expectJson<Palette>(await post(extract, `/api/v1/images/${imageId}/palettes`, imageId, json), 201);

describe("POST /api/v1/images/{id}/palettes", () => {
  it("finds 60% red and 40% blue with their proportions, named, and persists it", async () => {
    const image = await upload(await redBlue(), { name: "red-blue.png" });
    const palette = await paletteOf(image.id, { numColors: 2 });
    expect(palette).toMatchObject({ imageId: image.id, type: "dominant" });
    expect(palette.colors.map((c) => c.hex)).toEqual(["#ff0000", "#0000ff"]);
    expect(palette.colors[0].proportion).toBeCloseTo(0.6, 1);
    expect(Math.abs(palette.colors[0].proportion! - 0.6)).toBeLessThanOrEqual(0.02);
    expect(Math.abs(palette.colors[1].proportion! - 0.4)).toBeLessThanOrEqual(0.02);
    expect(palette.colors[0]).toMatchObject({ rgb: [255, 0, 0], hsv: [0, 100, 100], name: expect.stringMatching(/red/i) });

    // Deterministic: asking again returns the same stored palette; listed with the image and on its record.
    expect((await paletteOf(image.id, { numColors: 2 })).id).toBe(palette.id);
    const listed = await expectJson<Palette[]>(await send(imagePalettes, `/api/v1/images/${image.id}/palettes`, { params: { id: image.id } }));
    expect(listed.map((p) => p.id)).toEqual([palette.id]);
    const record = await expectJson<{ palettes: Palette[] }>(await send(getImage, `/api/v1/images/${image.id}`, { params: { id: image.id } }));
    expect(record.palettes.map((p) => p.id)).toEqual([palette.id]);
    expect(await expectJson<Palette>(await send(getPalette, `/api/v1/palettes/${palette.id}`, { params: { id: palette.id } }))).toEqual(palette);
  });

  it("the same picture uploaded twice gives the same colours (deterministic extraction)", async () => {
    const a = await upload(await mixed());
    const b = await upload(await mixed());
    const pa = await paletteOf(a.id, { numColors: 4, type: "vibrant" });
    const pb = await paletteOf(b.id, { numColors: 4, type: "vibrant" });
    expect(pb.colors).toEqual(pa.colors);
  });

  it("batch: dominant, vibrant and muted in one call; vibrant is more saturated than muted", async () => {
    const image = await upload(await mixed());
    const palettes = await expectJson<Palette[]>(await post(batch, `/api/v1/images/${image.id}/palettes/batch`, image.id, { numColors: 3 }), 201);
    expect(palettes.map((p) => p.type)).toEqual(["dominant", "vibrant", "muted"]);
    const saturation = (p: Palette) => p.colors.reduce((s, c) => s + c.hsv[1], 0) / p.colors.length;
    expect(saturation(palettes[1])).toBeGreaterThan(saturation(palettes[2]) + 20);
    // The batch reuses palettes already taken.
    const again = await expectJson<Palette[]>(await post(batch, `/api/v1/images/${image.id}/palettes/batch`, image.id, { types: ["muted"], numColors: 3 }), 201);
    expect(again[0].id).toBe(palettes[2].id);
  });

  it.each([
    ["numColors 0", { numColors: 0 }, /numColors must be from 1 to 16/],
    ["numColors 17", { numColors: 17 }, /numColors must be from 1 to 16/],
    ["numColors 2.5", { numColors: 2.5 }, /numColors must be a whole number/],
    ["an unknown type", { type: "pastel" }, /type must be one of dominant, vibrant, muted/],
  ])("%s → 400, nothing stored", async (_name, json, message) => {
    const image = await seedImage();
    const before = await db().palette.count();
    const error = await expectError(await post(extract, `/api/v1/images/${image.id}/palettes`, image.id, json), 400, "invalid_request");
    expect(`${error.message} ${JSON.stringify(error.details)}`).toMatch(message);
    expect(await db().palette.count()).toBe(before);
  });

  it("a foreign or unknown image → 404; a foreign palette → 404", async () => {
    const theirs = await seedImage({ ownerId: "other" });
    await expectError(await post(extract, `/api/v1/images/${theirs.id}/palettes`, theirs.id, {}), 404, "not_found");
    await expectError(await send(imagePalettes, `/api/v1/images/img_nope/palettes`, { params: { id: "img_nope" } }), 404, "not_found");
    const foreign = await db().palette.create({ data: { id: "pal_theirs", ownerId: "other", name: "Theirs", type: "custom", numColors: 1, colors: [] } });
    await expectError(await send(getPalette, `/api/v1/palettes/${foreign.id}`, { params: { id: foreign.id } }), 404, "not_found");
    await expectError(await send(exportPalette, `/api/v1/palettes/${foreign.id}/export`, { params: { id: foreign.id } }), 404, "not_found");
  });
});

describe("custom palettes and exports", () => {
  it("POST /api/v1/palettes describes each colour; list, export and delete it", async () => {
    const created = await expectJson<Palette>(await send(createPalette, "/api/v1/palettes", { json: { name: "Sea & Sand", colors: ["#000080", "E2C290", "#2E8B57"] } }), 201);
    expect(created).toMatchObject({ type: "custom", imageId: null, name: "Sea & Sand" });
    expect(created.colors.map((c) => c.hex)).toEqual(["#000080", "#e2c290", "#2e8b57"]);
    expect(created.colors[0].name).toMatch(/navy/i);
    expect(created.colors[0].proportion).toBeUndefined();

    const list = await expectJson<{ items: Palette[]; nextCursor: string | null }>(await send(listPalettes, "/api/v1/palettes?type=custom&limit=100"));
    expect(list.items.map((p) => p.id)).toContain(created.id);

    const file = (format: string) => send(exportPalette, `/api/v1/palettes/${created.id}/export?format=${format}`, { params: { id: created.id } });
    const css = await file("css");
    expect(css.headers.get("content-type")).toMatch(/^text\/css/);
    expect(css.headers.get("content-disposition")).toMatch(/attachment; filename="sea-sand\.css"/);
    const cssText = await css.text();
    for (const c of created.colors) expect(cssText).toContain(c.hex);
    expect(cssText).toMatch(/:root\s*{/);
    const tailwind = await (await file("tailwind")).text();
    expect(tailwind).toMatch(/@theme/);
    for (const c of created.colors) expect(tailwind).toContain(c.hex);
    const json = JSON.parse(await (await file("json")).text());
    expect(json.colors.map((c: Color) => c.hex)).toEqual(created.colors.map((c) => c.hex));
    const png = await expectBytes(await file("png"));
    const meta = await sharp(png).metadata();
    expect(meta.format).toBe("png");
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    const firstSwatch = Math.floor(info.width / 6) + Math.floor(info.height / 2) * info.width;
    expect([...data.subarray(firstSwatch * info.channels, firstSwatch * info.channels + 3)]).toEqual([0, 0, 128]);
    await expectError(await file("svg"), 400, "invalid_request");

    const res = await send(deletePalette, `/api/v1/palettes/${created.id}`, { method: "DELETE", params: { id: created.id } });
    expect(res.status).toBe(204);
    await expectError(await send(getPalette, `/api/v1/palettes/${created.id}`, { params: { id: created.id } }), 404, "not_found");
  });

  it.each([
    ["a bad hex colour", { name: "x", colors: ["#12345g"] }, /hex/],
    ["no colours", { name: "x", colors: [] }, /1–16/],
    ["17 colours", { name: "x", colors: Array.from({ length: 17 }, () => "#ffffff") }, /1–16/],
    ["no name", { colors: ["#ffffff"] }, /name is required/],
  ])("%s → 400", async (_name, json, message) => {
    const before = await db().palette.count();
    const error = await expectError(await send(createPalette, "/api/v1/palettes", { json }), 400, "invalid_request");
    expect(`${error.message} ${JSON.stringify(error.details)}`).toMatch(message);
    expect(await db().palette.count()).toBe(before);
  });
});

describe("POST /api/v1/images/{id}/apply-palette", () => {
  const rawOf = async (imageId: string) => {
    const { storage } = await import("@/lib/storage");
    const row = await db().image.findUniqueOrThrow({ where: { id: imageId } });
    return sharp(await storage().get(row.storageKey)).removeAlpha().raw().toBuffer();
  };

  it("at strength 1 leaves only palette colours, as a processed child that records the palette", async () => {
    const image = await upload(await mixed());
    const palette = await expectJson<Palette>(await send(createPalette, "/api/v1/palettes", { json: { name: "Duo", colors: ["#ff8800", "#224466"] } }), 201);
    const result = await expectJson<Image>(await post(applyPalette, `/api/v1/images/${image.id}/apply-palette`, image.id, { paletteId: palette.id }), 201);
    expect(result).toMatchObject({ kind: "processed", parentId: image.id, format: "png" });
    expect(result.operation).toEqual({ type: "apply-palette", params: { paletteId: palette.id, colors: ["#ff8800", "#224466"], strength: 1 } });
    const pixels = await rawOf(result.id);
    const allowed = new Set(["255,136,0", "34,68,102"]);
    for (let i = 0; i < pixels.length; i += 3) expect(allowed.has(`${pixels[i]},${pixels[i + 1]},${pixels[i + 2]}`)).toBe(true);
  });

  it("at strength 0 leaves the pixels unchanged; in between moves them part of the way", async () => {
    const image = await upload(await mixed());
    const original = await rawOf(image.id);
    const unchanged = await expectJson<Image>(await post(applyPalette, `/api/v1/images/${image.id}/apply-palette`, image.id, { colors: ["#00ff00"], strength: 0 }), 201);
    expect((await rawOf(unchanged.id)).equals(original)).toBe(true);
    const half = await expectJson<Image>(await post(applyPalette, `/api/v1/images/${image.id}/apply-palette`, image.id, { colors: ["#00ff00"], strength: 0.5 }), 201);
    const halfPixels = await rawOf(half.id);
    const greenness = (p: Buffer) => p.reduce((s, v, i) => s + (i % 3 === 1 ? v : -v / 2), 0);
    expect(greenness(halfPixels)).toBeGreaterThan(greenness(original));
    expect(halfPixels.equals(original)).toBe(false);
  });

  it.each([
    ["an unknown palette", { paletteId: "pal_nope" }, /not one of your palettes/],
    ["a foreign palette", { paletteId: "pal_theirs2" }, /not one of your palettes/],
    ["strength 1.5", { colors: ["#ffffff"], strength: 1.5 }, /strength must be from 0 to 1/],
    ["neither palette nor colours", {}, /either paletteId or colors/],
    ["both", { paletteId: "x", colors: ["#ffffff"] }, /either paletteId or colors/],
  ])("%s → 400, nothing stored", async (_name, json, message) => {
    await db().palette.upsert({ where: { id: "pal_theirs2" }, create: { id: "pal_theirs2", ownerId: "other", name: "T", type: "custom", numColors: 1, colors: [{ hex: "#000000" }] }, update: {} });
    const image = await seedImage();
    const before = await snapshot();
    const error = await expectError(await post(applyPalette, `/api/v1/images/${image.id}/apply-palette`, image.id, json), 400, "invalid_request");
    expect(`${error.message} ${JSON.stringify(error.details)}`).toMatch(message);
    expect(await snapshot()).toEqual(before);
  });

  it("an image's palettes outlive it (imageId becomes null)", async () => {
    const image = await upload(await redBlue());
    const palette = await paletteOf(image.id, { numColors: 2 });
    await send(deleteImage, `/api/v1/images/${image.id}?purge=true`, { method: "DELETE", params: { id: image.id } });
    const kept = await expectJson<Palette>(await send(getPalette, `/api/v1/palettes/${palette.id}`, { params: { id: palette.id } }));
    expect(kept).toMatchObject({ imageId: null, colors: palette.colors });
  });
});

describe("palette-guided generation", () => {
  it("paletteId is resolved to its colours, recorded, and folded into the local render", async () => {
    const palette = await expectJson<Palette>(await send(createPalette, "/api/v1/palettes", { json: { name: "Warm", colors: ["#ff5500", "#ffcc00"] } }), 201);
    const job = await expectJson<{ status: string; images: Image[] }>(
      await send(generate, "/api/v1/generations?wait=true", { json: { prompt: "a quiet harbour", paletteId: palette.id, provider: "local", width: 128, height: 128, seed: 4 } }),
      201,
    );
    expect(job.status).toBe("succeeded");
    expect(job.images[0].params).toMatchObject({ palette: ["#ff5500", "#ffcc00"], paletteId: palette.id });
  });

  it("Ideogram 3.0 receives the palette natively as color_palette", async () => {
    const palette = await expectJson<Palette>(await send(createPalette, "/api/v1/palettes", { json: { name: "Cool", colors: ["#0044ff", "#00ccaa"] } }), 201);
    const before = ideogram.requests.length;
    const res = await send(generate, "/api/v1/generations?wait=true", { json: { prompt: "a glass lighthouse", paletteId: palette.id, provider: "ideogram", model: "ideogram-v3" } });
    expect((await expectJson<{ status: string }>(res, 201)).status).toBe("succeeded");
    const request = ideogram.requests.slice(before).find((r) => r.path.endsWith("/generate"))!;
    const sent = JSON.parse(String((await formOf(request)).get("color_palette")));
    expect(sent.members.map((m: { color_hex: string }) => m.color_hex.toLowerCase())).toEqual(["#0044ff", "#00ccaa"]);
  });

  it("an unknown paletteId, or palette with paletteId, → 400 and no job", async () => {
    const jobs = await db().job.count();
    const unknown = await expectError(await send(generate, "/api/v1/generations", { json: { prompt: "x", paletteId: "pal_nope" } }), 400, "invalid_request");
    expect(unknown.message).toMatch(/not one of your palettes/);
    await expectError(await send(generate, "/api/v1/generations", { json: { prompt: "x", paletteId: "pal_nope", palette: ["#ffffff"] } }), 400, "invalid_request");
    expect(await db().job.count()).toBe(jobs);
  });
});
