// An animated GIF in the studio (issue 17, "nothing dropped on the way in"): uploaded, it stays animated — the
// gallery and the image page say so, the viewer shows (plays) the original, whose served file has every frame —
// and a crop in the editor keeps every frame.
import { writeFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { cropFrame, encodeAnimation, markedFrames, maxDifference, readFrames } from "../tests/support/animations";
import { GalleryPage } from "./pages/gallery";
import { ImagePage } from "./pages/image";

const frames = markedFrames(120, 90, 6);

test("an animated GIF stays animated: badge, page, the served original, a crop", async ({ page }, testInfo) => {
  const file = testInfo.outputPath("loop.gif");
  writeFileSync(file, await encodeAnimation(frames, "gif"));
  const gallery = new GalleryPage(page);
  await gallery.goto();

  const [uploaded] = await gallery.upload(file);
  expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
  expect(uploaded.body).toMatchObject({ format: "gif", frames: 6, width: 120, height: 90 });
  const id = String(uploaded.body.id);
  await gallery.expectThumbnailLoaded(id);
  await expect(gallery.tile(id).getByTestId("tile-animated")).toHaveText("Animated · 6 frames");

  await gallery.openImage(id);
  const image = new ImagePage(page);
  await image.ready();
  await expect(page.getByTestId("viewer-subtitle")).toContainText("Animated · 6 frames");
  await expect(page.getByTestId("first-frame-note").first()).toContainText("Animated image: works on the first frame");

  // The viewer shows the original (which plays), not the still preview; the file it is served has all 6 frames.
  await image.expectPreviewLoaded();
  const src = await image.preview.getAttribute("src");
  expect(new URL(src!, page.url()).pathname).toBe(`/api/v1/images/${id}/file`);
  const served = await page.request.get(src!);
  expect(served.headers()["content-type"]).toBe("image/gif");
  const read = await readFrames(await served.body());
  expect(read.frames).toHaveLength(6);
  read.frames.forEach((frame, i) => expect(maxDifference(frame, frames.frames[i]), `frame ${i}`).toBe(0));
  await page.screenshot({ path: testInfo.outputPath("animated-image.png") });

  // A crop in the editor keeps every frame.
  const rect = { x: 10, y: 5, width: 80, height: 60 };
  const croppedId = await image.editor.crop(rect);
  await image.expectDimensions(80, 60);
  await expect(page.getByTestId("viewer-subtitle")).toContainText("Animated · 6 frames");
  const cropped = await readFrames(await (await page.request.get(`/api/v1/images/${croppedId}/file`)).body());
  expect([cropped.width, cropped.height, cropped.frames.length]).toEqual([80, 60, 6]);
  cropped.frames.forEach((frame, i) => expect(maxDifference(frame, cropFrame(frames.frames[i], 120, rect)), `cropped frame ${i}`).toBe(0));
});
