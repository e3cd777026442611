// The studio's first workflow in a real browser: upload → thumbnail in the grid → open → crop → download.
import { writeFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { GalleryPage } from "./pages/gallery";
import { ImagePage } from "./pages/image";
import { drawQuadrants } from "./support/draw";

test("upload, crop and download an image", async ({ page }, testInfo) => {
  const file = await drawQuadrants(testInfo.outputPath("quadrants.png"), 640, 480);
  const gallery = new GalleryPage(page);
  await gallery.goto();

  const [uploaded] = await gallery.upload(file);
  expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
  const sourceId = String(uploaded.body.id);
  await gallery.expectThumbnailLoaded(sourceId);
  await page.screenshot({ path: testInfo.outputPath("gallery.png"), fullPage: true });

  await gallery.openImage(sourceId);
  const image = new ImagePage(page);
  await image.expectDimensions(640, 480);
  await image.expectPreviewLoaded();

  const croppedId = await image.editor.crop({ x: 100, y: 50, width: 300, height: 200 });
  expect(croppedId).not.toBe(sourceId);
  await image.expectDimensions(300, 200);
  await expect(image.toast.first()).toContainText(/cropped/i);
  await expect(image.parentLink).toHaveAttribute("href", `/images/${sourceId}`);
  await image.expectPreviewLoaded();
  await page.screenshot({ path: testInfo.outputPath("image-view.png"), fullPage: true });

  const download = await image.download({ format: "webp", quality: 80 });
  expect(download.suggestedFilename()).toMatch(/\.webp$/);
  const saved = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(saved);
  const meta = await sharp(saved).metadata();
  expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({ format: "webp", width: 300, height: 200 });
});

test("a refused upload says why, in the API's words", async ({ page }, testInfo) => {
  const svg = testInfo.outputPath("drawing.svg");
  writeFileSync(svg, '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
  const gallery = new GalleryPage(page);
  await gallery.goto();

  const [refused] = await gallery.upload(svg);
  expect(refused.status).toBe(415);
  const item = gallery.uploadItems().filter({ hasText: "drawing.svg" });
  await expect(item).toHaveAttribute("data-status", "error");
  await expect(item.getByTestId("upload-error")).toHaveText(String((refused.body.error as { message: string }).message));
  await expect(item.getByTestId("upload-error")).toContainText(/SVG/);
});

test("dropping a file anywhere on the page uploads it", async ({ page }, testInfo) => {
  const file = await drawQuadrants(testInfo.outputPath("dropped.png"), 200, 150);
  const gallery = new GalleryPage(page);
  await gallery.goto();
  const id = await gallery.drop(file);
  await gallery.expectThumbnailLoaded(id);
  await expect(gallery.uploadItems().filter({ hasText: "dropped.png" })).toHaveAttribute("data-status", "done");
});

test("the gallery filters by kind and search, and an image can be moved to the trash", async ({ page }, testInfo) => {
  const file = await drawQuadrants(testInfo.outputPath("unique-sunrise-name.png"), 320, 240);
  const gallery = new GalleryPage(page);
  await gallery.goto();
  const [uploaded] = await gallery.upload(file);
  const id = String(uploaded.body.id);
  await expect(gallery.tile(id)).toBeVisible();

  await gallery.kindFilter.selectOption("processed");
  await expect(gallery.tile(id)).toHaveCount(0);
  await expect(page).toHaveURL(/kind=processed/);
  await gallery.kindFilter.selectOption("");
  await gallery.search.fill("unique-sunrise");
  await expect(gallery.grid.getByTestId("gallery-item")).toHaveCount(1);
  await expect(gallery.tile(id)).toBeVisible();

  await gallery.openImage(id);
  const image = new ImagePage(page);
  await image.delete();
  await expect(image.toast.first()).toContainText(/moved to the trash/i);
  await expect(gallery.tile(id)).toHaveCount(0);
});
