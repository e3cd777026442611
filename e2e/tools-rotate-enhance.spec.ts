// The edit panel's Rotate tab and the prompt bar's Enhance (issue 16), in a real browser: rotate and flip from the
// keyboard, saved as sharp would turn the pixels; the enhancer's suggestion reviewed, accepted, and kept by the
// generated image as what it replaced.
import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { GalleryPage } from "./pages/gallery";
import { ImagePage } from "./pages/image";
import { generate, imageJson, openImage, pixels, tag } from "./support/tools";

test("rotate and flip in the edit panel, from the keyboard: previewed, then saved as sharp would turn it", async ({ page, request }, testInfo) => {
  const sourceId = await generate(request, "a red barn in a green field");
  const { image } = await openImage(page, sourceId);
  await page.keyboard.press("e");
  await expect(image.editor.card).toBeVisible();
  // The tabs: ← → move along them, End jumps to the last (Rotate).
  await page.getByTestId("crop-tab").focus();
  await page.keyboard.press("End");
  await expect(page.getByTestId("rotate-tab")).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Tab");
  await expect(page.getByTestId("edit-close")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByTestId("orient-left")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByTestId("orient-right")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("viewer-frame")).toHaveAttribute("data-transform", /rotate\(90deg\)/);
  await expect(page.getByTestId("rotate-summary")).toContainText("Rotate 90° right");
  await expect(page.getByTestId("rotate-summary")).toContainText("320 × 240 → 240 × 320 px");
  await page.getByTestId("orient-horizontal").focus();
  await page.keyboard.press("Space");
  await expect(page.getByTestId("rotate-summary")).toContainText("Rotate 90° right, flip horizontal");
  await expect(page.getByTestId("edit-summary")).toContainText("240 × 320 px");
  await page.screenshot({ path: testInfo.outputPath("rotate-flip.png"), fullPage: true });

  await page.getByTestId("rotate-apply").click();
  await page.waitForURL((url) => url.pathname.startsWith("/images/") && !url.pathname.endsWith(sourceId));
  await image.ready();
  await image.expectDimensions(240, 320);
  const madeId = image.currentId();
  // What the user did, step by step: a quarter turn right, then a mirror.
  const res = await request.get(`/api/v1/images/${sourceId}/file`);
  const turned = await sharp(await res.body()).rotate(90).png().toBuffer();
  const expected = await sharp(turned).flop().ensureAlpha().raw().toBuffer();
  const made = await pixels(request, madeId);
  expect(Buffer.compare(made.data, expected), "rotated and flipped pixels").toBe(0);

  // A flip on its own is one step: flip vertical, saved.
  await image.editor.open();
  await page.getByTestId("rotate-tab").click();
  await page.getByTestId("orient-vertical").click();
  await expect(page.getByTestId("edit-summary")).toContainText("Flip vertical");
  await page.getByTestId("rotate-apply").click();
  await page.waitForURL((url) => !url.pathname.endsWith(madeId));
  await image.ready();
  expect((await imageJson(request, image.currentId())).parentId).toBe(madeId);
});

test("enhance: the suggestion is reviewed beside the prompt, accepted, and the generated image keeps what it replaced", async ({ page }, testInfo) => {
  const gallery = new GalleryPage(page);
  await gallery.goto();
  const bar = gallery.prompt;
  await bar.expectReady();
  await bar.input.fill(`a cat ${tag}`);
  await page.getByTestId("enhance-button").click();
  const card = page.getByTestId("enhance-suggestion");
  await expect(card).toBeVisible();
  await expect(card.getByTestId("enhance-original")).toHaveText(`a cat ${tag}`);
  await expect(card.getByTestId("enhance-source")).toContainText("Offline enrichment");
  const suggested = (await card.getByTestId("enhance-text").textContent())!;
  expect(suggested.length).toBeGreaterThan(`a cat ${tag}`.length);
  // Nothing replaced yet.
  await expect(bar.input).toHaveValue(`a cat ${tag}`);
  await page.screenshot({ path: testInfo.outputPath("enhance-suggestion.png") });

  // Esc dismisses; asked again, Edit then Accept (focus is on Accept when the card arrives).
  await page.keyboard.press("Escape");
  await expect(card).toBeHidden();
  await page.getByTestId("enhance-button").click();
  await expect(card.getByTestId("enhance-accept")).toBeFocused();
  await card.getByTestId("enhance-edit").click();
  await card.getByTestId("enhance-edit-text").fill(`${suggested}, soft morning light`);
  await card.getByTestId("enhance-accept").click();
  await expect(card).toBeHidden();
  await expect(bar.input).toHaveValue(`${suggested}, soft morning light`);
  await expect(page.getByTestId("enhanced-from")).toContainText(`Enhanced from “a cat ${tag}”`);
  await expect(bar.input).toBeFocused();

  const posted = page.waitForRequest((r) => r.method() === "POST" && new URL(r.url()).pathname === "/api/v1/generations");
  const answered = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/api/v1/generations");
  await page.keyboard.press("Enter");
  expect((await posted).postDataJSON()).toMatchObject({ prompt: `${suggested}, soft morning light`, enhancedFrom: { prompt: `a cat ${tag}`, source: "local" } });
  const job = (await (await answered).json()) as { id: string };
  let imageId = "";
  await expect
    .poll(async () => {
      const polled = (await (await page.request.get(`/api/v1/jobs/${job.id}`)).json()) as { status: string; images: { id: string }[] };
      imageId = polled.images[0]?.id ?? "";
      return polled.status;
    }, { timeout: 45_000 })
    .toBe("succeeded");
  const made = await imageJson(page.request, imageId);
  expect(made.params?.enhancedFrom).toMatchObject({ prompt: `a cat ${tag}`, source: "local" });
  // The image's page shows both: the prompt used, and the one it was enhanced from.
  const image = new ImagePage(page);
  await image.goto(imageId);
  await expect(image.provenance("prompt")).toHaveText(`${suggested}, soft morning light`);
  await expect(page.getByTestId("image-enhanced-from")).toContainText(`“a cat ${tag}” · rewritten by the offline enrichment`);
});

