import { performance } from "node:perf_hooks";
import sharpLib from "sharp";
import { describe, expect, it } from "vitest";
import { blue, bombPng, halfAndHalf, pixelAt, red, solidImage } from "@/tests/support/images";
import * as processing from "./index";
import { openImage, openRaw, readHeader } from "./sharp";

describe("sharp helpers", () => {
  it("openImage refuses an input over the pixel limit", async () => {
    const png = await solidImage(100, 100, red, "png");
    await expect(openImage(png, { maxPixels: 9_999 }).png().toBuffer()).rejects.toThrow(/pixel limit/);
    await expect(openImage(png, { maxPixels: 10_000 }).png().toBuffer()).resolves.toBeInstanceOf(Buffer);
  });

  it("openImage applies EXIF orientation", async () => {
    const jpeg = await sharpLib(await halfAndHalf(40, 20, red, blue, "jpeg")).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    const { info } = await openImage(jpeg, { maxPixels: 1e6 }).raw().toBuffer({ resolveWithObject: true });
    expect(info).toMatchObject({ width: 20, height: 40 });
  });

  it("readHeader reads the claimed size of a bomb without decoding it", async () => {
    const started = performance.now();
    const meta = await readHeader(bombPng(30000, 30000));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(meta).toMatchObject({ format: "png", width: 30000, height: 30000 });
  });

  it("openRaw reads pixels back exactly", async () => {
    const data = Buffer.from([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120]);
    const png = await openRaw(data, { width: 2, height: 2, channels: 3 }).png().toBuffer();
    expect(await pixelAt(png, 1, 1)).toMatchObject({ r: 100, g: 110, b: 120 });
  });
});

describe("lib/processing index", () => {
  it("exports the processing entry points", () => {
    const exported = processing as Record<string, unknown>;
    const functions = ["inspectImage", "normalizeUpload", "sha256", "makeRenditions", "runOperations", "exportImage", "provenanceXmp", "placeholderDataUrl", "sniffFormat", "outputSize"];
    for (const name of functions) expect(typeof exported[name], name).toBe("function");
    for (const name of ["operationsSchema", "filterSpecSchema", "outputParams"]) expect(exported[name], name).toHaveProperty("safeParse");
    expect(processing.filterTypes).toHaveLength(10);
    expect(processing.renditionSizes.thumbnail).toBe(320);
  });
});
