// Downloading an animation (issue 17): the export panel of an animated GIF offers GIF (a still's does not),
// chooses the image's own format, and its download has every frame; a still format shows the line the API sends in
// X-Image-Notice — that file is the first frame — and WebP, which keeps the animation, does not.
import { readFileSync, writeFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { encodeAnimation, markedFrames, maxDifference, readFrames } from "../tests/support/animations";
import { GalleryPage } from "./pages/gallery";
import { ImagePage } from "./pages/image";
import { AxeAudit } from "./support/axe";

const frames = markedFrames(64, 48, 5);
const notice = "Animated image (5 frames): this PNG is its first frame; export as GIF or WebP to keep the animation.";

test("an animated GIF downloads as GIF with every frame; as PNG the panel says it is the first frame", async ({ page }, testInfo) => {
  const audit = new AxeAudit(testInfo);
  const file = testInfo.outputPath("walk.gif");
  writeFileSync(file, await encodeAnimation(frames, "gif"));
  const gallery = new GalleryPage(page);
  await gallery.goto();
  const [uploaded] = await gallery.upload(file);
  expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
  const id = String(uploaded.body.id);
  const image = new ImagePage(page);
  await image.goto(id);
  await image.ready();

  const format = page.getByTestId("export-format");
  await expect(format.locator("option")).toHaveText(["PNG", "JPEG", "WebP", "AVIF", "GIF"]);
  await expect(format).toHaveValue("gif");
  await expect(page.getByTestId("export-notice")).toHaveCount(0);
  await expect(page.getByTestId("export-quality")).toBeDisabled();
  const download = page.waitForEvent("download");
  await page.getByTestId("export-download").click();
  const gif = await readFrames(readFileSync(await (await download).path()));
  expect(gif.frames).toHaveLength(5);
  expect(gif.delay).toEqual(frames.delay);
  gif.frames.forEach((frame, i) => expect(maxDifference(frame, frames.frames[i]), `frame ${i}`).toBe(0));

  await format.selectOption("png");
  await expect(page.getByTestId("export-notice")).toHaveText(notice);
  await page.screenshot({ path: testInfo.outputPath("export-first-frame-notice.png") });
  await audit.check(page, "export panel: an animation as PNG", '[data-testid="export-notice"]');
  // The file behind the link is that first frame, and the API says so in the same words.
  const answer = await page.request.get((await page.getByTestId("export-download").getAttribute("href"))!);
  expect(answer.status()).toBe(200);
  expect(answer.headers()["x-image-notice"]).toBe(notice);
  const png = await readFrames(await answer.body());
  expect(png.frames).toHaveLength(1);
  expect(maxDifference(png.frames[0], frames.frames[0])).toBe(0);

  await format.selectOption("webp");
  await expect(page.getByTestId("export-notice")).toHaveCount(0);
  const webp = await page.request.get((await page.getByTestId("export-download").getAttribute("href"))!);
  expect((await readFrames(await webp.body())).frames).toHaveLength(5);
});

test("a still picture's export panel offers no GIF", async ({ page }, testInfo) => {
  const file = testInfo.outputPath("still.png");
  writeFileSync(file, await sharp({ create: { width: 40, height: 30, channels: 3, background: "#2a6" } }).png().toBuffer());
  const gallery = new GalleryPage(page);
  await gallery.goto();
  const [uploaded] = await gallery.upload(file);
  expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
  const image = new ImagePage(page);
  await image.goto(String(uploaded.body.id));
  await image.ready();
  await expect(page.getByTestId("export-format").locator("option")).toHaveText(["PNG", "JPEG", "WebP", "AVIF"]);
  await expect(page.getByTestId("export-notice")).toHaveCount(0);
});
