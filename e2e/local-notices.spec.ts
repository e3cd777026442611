// The local renderer is honest (issue 14): what of the prompt it did not draw is said on the finished job (a note
// in the job tile's place, dismissible) and on the image page; what it draws (a bowl of ramen) gets no note.
import { expect, test } from "@playwright/test";
import { GalleryPage } from "./pages/gallery";
import { ImagePage } from "./pages/image";

const notice = "Drawn offline: the local renderer does not know 'typewriter' — connect a provider for this.";

test("a thing it cannot draw is said on the finished job and on the image page; what it draws is not", async ({ page }, testInfo) => {
  const gallery = new GalleryPage(page);
  await gallery.goto();
  const bar = gallery.prompt;
  await bar.expectReady();

  const submitted = await bar.generate("headphones next to a typewriter");
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(202);
  const job = await bar.waitForJob(submitted.body.id);
  expect(job.status, JSON.stringify(job.error)).toBe("succeeded");
  const imageId = job.images[0].id;

  // The job tile gives way to the image and a note saying what was left out.
  await expect(bar.jobTiles).toHaveCount(0);
  await expect(gallery.tile(imageId)).toHaveCount(1);
  const note = page.getByTestId("job-notice");
  await expect(note).toHaveCount(1);
  await expect(note.getByRole("note")).toHaveText(notice);
  await page.screenshot({ path: testInfo.outputPath("job-notice.png") });
  await note.getByRole("button", { name: "Dismiss note" }).click();
  await expect(note).toHaveCount(0);

  // The image page says it too, in the Generation card.
  await gallery.openImage(imageId);
  const image = new ImagePage(page);
  await image.expectPreviewLoaded();
  await expect(page.getByTestId("render-notices")).toHaveText(notice);
  await page.screenshot({ path: testInfo.outputPath("image-notice.png"), fullPage: true });

  // A bowl of ramen it draws: no note, on the job or the image.
  await gallery.goto();
  await bar.expectReady();
  const ramen = await bar.generate("a bowl of ramen");
  const done = await bar.waitForJob(ramen.body.id);
  expect(done.status, JSON.stringify(done.error)).toBe("succeeded");
  await expect(gallery.tile(done.images[0].id)).toHaveCount(1);
  await expect(page.getByTestId("job-notice")).toHaveCount(0);
  await gallery.openImage(done.images[0].id);
  await image.expectPreviewLoaded();
  await expect(page.getByTestId("render-notices")).toHaveCount(0);
});
