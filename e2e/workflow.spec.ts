// The whole workflow of a person, in one go, in a real browser against the local renderer (issue [6/7] "The
// studio"): prompt → generate with visible progress → open the image (full provenance) → variations (subtle) →
// open one → refine with a PAINTED mask → extract a palette → apply it (slider moved, live preview) → crop + filter
// saved once → export WebP and open the downloaded file → the family tree shows every generation and navigates.
// Screenshots of each main screen (desktop, and the image view on a phone) are saved with the test's artifacts.
import { readFileSync } from "node:fs";
import { expect, test, type Locator, type Page } from "@playwright/test";
import sharp from "sharp";
import { expectAllDecoded } from "./pages/common";
import { GalleryPage } from "./pages/gallery";
import { ImagePage } from "./pages/image";
import { holdJobUpdates } from "./support/hold-job-updates";

type ImageJson = { id: string; parentId: string | null; width: number; height: number; operation: { type: string; params: Record<string, unknown> } | null };

const imageJson = async (page: Page, id: string) => (await (await page.request.get(`/api/v1/images/${id}`)).json()) as ImageJson;

test("a person's whole workflow: generate, vary, refine with a painted mask, recolour, edit, export, and the family tree", async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  const shot = (name: string, fullPage = true) => page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage });
  // Element shots: the sticky top bar and passing toasts would lie over the element. (Hidden by their style
  // attribute: the page's CSP refuses the <style> element that the screenshot's `style` option would add.)
  const chrome = (visibility: string) =>
    page.evaluate((v) => document.querySelectorAll<HTMLElement>("header.sticky, [data-testid='toast']").forEach((el) => (el.style.visibility = v)), visibility);
  const shotOf = async (name: string, element: Locator) => {
    await chrome("hidden");
    await element.screenshot({ path: testInfo.outputPath(`${name}.png`) });
    await chrome("");
  };

  // The brush, the live preview and the tree all run under the pages' Content-Security-Policy.
  const policyErrors: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) policyErrors.push(m.text());
  });

  // ── 1. Prompt → generate, with visible progress ─────────────────────────────────────────────────────────
  const gallery = new GalleryPage(page);
  await gallery.goto();
  const bar = gallery.prompt;
  await bar.expectReady();
  await expect(bar.providerSelect).toHaveValue("local");
  await bar.forceSize(480, 360); // small pictures keep every later step quick
  const prompt = "a red lighthouse on a green cliff above a blue sea, bold poster";
  const release = await holdJobUpdates(page); // until the running tile has been seen
  const submitted = await bar.generate(prompt);
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(202);
  const tile = bar.jobTiles.first();
  await expect(tile).toBeVisible();
  await expect(tile.getByRole("progressbar")).toBeVisible();
  await shot("01-generating", false);
  release();
  const job = await bar.waitForJob(submitted.body.id);
  expect(job.status, JSON.stringify(job.error)).toBe("succeeded");
  const originalId = job.images[0].id;
  await gallery.expectThumbnailLoaded(originalId);
  await shot("02-gallery");

  // ── 2. Open it: the large preview and the full provenance ──────────────────────────────────────────────
  await gallery.openImage(originalId);
  const image = new ImagePage(page);
  const { creative, editor } = image;
  await image.expectPreviewLoaded();
  await image.expectDimensions(480, 360);
  await expect(image.provenance("prompt")).toHaveText(prompt);
  await expect(image.provenance("effective-prompt")).toContainText(/\S/);
  await expect(image.provenance("provider")).toContainText("Local renderer");
  await expect(image.provenance("model")).toHaveText("local-v1");
  await expect(image.provenance("seed")).toHaveText(String(job.images[0].seed));
  await expect(image.provenance("requested-size")).toContainText("480 × 360");
  await expect(image.provenance("style")).toBeVisible();
  await expect(image.provenance("cost")).toHaveText("Free");
  await expect(image.provenance("generated-at")).toContainText("UTC");
  await expect(image.provenance("lineage")).toContainText("An original");
  await expect(image.reusePrompt).toHaveText(/Reuse settings/);
  await expect(image.reusePrompt).toHaveAttribute("href", /^\/\?prompt=.*&seed=\d+.*provider=local/);
  await shot("03-image-view");

  // ── 3. Variations, subtle ───────────────────────────────────────────────────────────────────────────────
  const variations = await creative.makeVariations({ preset: "subtle", count: 2 });
  expect(variations.status, JSON.stringify(variations.body)).toBe(202);
  expect(variations.sent).toMatchObject({ n: 2, strength: 0.3 });
  await expect(creative.run("variations")).toHaveAttribute("data-status", "succeeded", { timeout: 45_000 });
  await expect(creative.results("variations")).toHaveCount(2);
  await expectAllDecoded(creative.results("variations").locator("img"));
  await shot("04-variations");

  // ── 4. Open one ─────────────────────────────────────────────────────────────────────────────────────────
  const variationId = (await creative.results("variations").first().getAttribute("data-image-id"))!;
  await creative.results("variations").first().click();
  await page.waitForURL(`**/images/${variationId}`);
  await image.expectPreviewLoaded();
  await expect(image.parentLink).toHaveAttribute("href", `/images/${originalId}`);
  await expect(image.provenance("lineage")).toContainText("A variation of");

  // ── 5. Refine with a painted mask: the mouse paints over the top-left of the picture ────────────────────
  await creative.choosePaintedMask();
  await expect(creative.painter).toHaveAttribute("data-coverage", "0.000");
  // `]` makes the brush larger (keyboard), then a zig-zag stroke over the top-left quarter.
  const brush = creative.painter.getByTestId("mask-brush-size");
  const before = Number(await brush.inputValue());
  await creative.maskCanvas.focus();
  await page.keyboard.press("]");
  await expect.poll(async () => Number(await brush.inputValue())).toBeGreaterThan(before);
  await creative.paint([[0.05, 0.08], [0.4, 0.08], [0.05, 0.22], [0.4, 0.22], [0.05, 0.36], [0.4, 0.36]]);
  await expect.poll(() => creative.coverage()).toBeGreaterThan(0.05);
  expect(await creative.coverage()).toBeLessThan(0.6);
  await shotOf("05-refine-painted-mask", creative.card);
  const refined = await creative.refineWith("the same scene in a golden sunset glow");
  expect(refined.status, JSON.stringify(refined.body)).toBe(202);
  expect(refined.sent).not.toHaveProperty("maskImageId");
  // The mask that went out: a PNG of the picture's exact size, white where painted (top left), black elsewhere.
  const mask = Buffer.from(String(refined.sent.mask).replace(/^data:image\/png;base64,/, ""), "base64");
  const maskMeta = await sharp(mask).metadata();
  expect({ format: maskMeta.format, width: maskMeta.width, height: maskMeta.height }).toEqual({ format: "png", width: 480, height: 360 });
  const maskGrey = await sharp(mask).greyscale().raw().toBuffer({ resolveWithObject: true });
  const greyAt = (x: number, y: number) => maskGrey.data[(y * 480 + x) * maskGrey.info.channels];
  expect(greyAt(100, 80)).toBe(255); // painted
  expect(greyAt(400, 300)).toBe(0); // kept
  await expect(creative.run("refine")).toHaveAttribute("data-status", "succeeded", { timeout: 45_000 });
  const refinedId = (await creative.results("refine").first().getAttribute("data-image-id"))!;
  expect((await imageJson(page, refinedId)).operation).toMatchObject({ type: "refine", params: { mask: "painted" } });
  await expect(creative.refine.getByTestId("refine-compare")).toBeVisible();
  await creative.refine.getByTestId("refine-compare-link").click();
  await page.waitForURL(`**/images/${refinedId}`);
  await image.expectPreviewLoaded();

  // ── 6. Extract the palette; 7. apply it, after moving the slider over a live preview ────────────────────
  const extracted = await creative.extractPalette();
  expect(extracted.status, JSON.stringify(extracted.body)).toBe(201);
  await expect(creative.swatches().first()).toBeVisible();
  expect(await creative.swatches().count()).toBeGreaterThanOrEqual(3);
  await expect(creative.swatches().first().getByTestId("palette-swatch-hex")).toHaveText(/^#[0-9a-f]{6}$/);
  await expect(creative.swatches().first()).toHaveAccessibleName(/of the picture/);
  await expect(creative.livePreview).toHaveAttribute("data-ready", "true");
  await creative.setPaletteStrength(1);
  const full = await creative.previewHash();
  await creative.setPaletteStrength(0.6);
  const partial = await creative.previewHash();
  expect(partial).not.toBe(full); // the preview follows the slider
  await shotOf("06-palette-live-preview", creative.card);
  const applied = await creative.applyPalette();
  expect(applied.status, JSON.stringify(applied.body)).toBe(201);
  expect(applied.sent).toMatchObject({ strength: 0.6, paletteId: expect.stringMatching(/^pal_/) });
  const recolouredId = String(applied.body.id);
  expect(applied.body).toMatchObject({ parentId: refinedId, operation: { type: "apply-palette" } });
  await expect(creative.palette.getByTestId("palette-compare")).toBeVisible();
  await creative.palette.getByTestId("palette-compare-link").click();
  await page.waitForURL(`**/images/${recolouredId}`);
  await image.expectPreviewLoaded();

  // ── 8. Crop (drag the box's corner) + a filter (previewed), saved once ──────────────────────────────────
  await editor.dragCropCorner([0.75, 0.8]);
  const crop = await editor.cropRect();
  expect(crop.x).toBe(0);
  expect(crop.y).toBe(0);
  expect(crop.width).toBeGreaterThan(300);
  expect(crop.width).toBeLessThan(420);
  expect(crop.height).toBeGreaterThan(230);
  expect(crop.height).toBeLessThan(330);
  await editor.chooseFilter("sepia");
  await expect(image.preview).toHaveAttribute("style", /sepia\(1\)/);
  await expect(page.getByTestId("crop-shade")).toBeVisible();
  await expect(editor.summary).toHaveAttribute("data-count", "2");
  await expect(editor.summary).toContainText(`Crop ${crop.width} × ${crop.height} → Sepia`);
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot("07-edit-crop-filter", false);
  let processPosts = 0;
  page.on("request", (r) => r.method() === "POST" && /\/(process|crop|filter|resize)$/.test(new URL(r.url()).pathname) && processPosts++);
  const saved = await editor.saveEdits();
  expect(saved.status, JSON.stringify(saved.body)).toBe(201);
  expect(saved.sent).toEqual({ operations: [{ op: "crop", ...crop }, { op: "filter", type: "sepia", params: { amount: 1 } }] });
  const editedId = String(saved.body.id);
  await page.waitForURL(`**/images/${editedId}`);
  await image.expectDimensions(crop.width, crop.height);
  await image.expectPreviewLoaded();
  expect(processPosts).toBe(1);
  expect((await imageJson(page, editedId)).operation?.type).toBe("process");
  await expect(page.getByTestId("image-operation")).toContainText(`Edited in one save: Crop ${crop.width}×${crop.height} at (0, 0) → Filter: sepia`);
  await expect(image.provenance("lineage")).toHaveCount(0); // a processed image has no Generation card…
  await expect(image.details.getByTestId("image-lineage")).toContainText("Edited from"); // …its lineage is in Details

  // ── 9. Export WebP and open the downloaded file ─────────────────────────────────────────────────────────
  const download = await image.download({ format: "webp", quality: 80, metadata: true });
  expect(download.suggestedFilename()).toMatch(/\.webp$/);
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 4).toString("latin1")).toBe("RIFF");
  expect(bytes.subarray(8, 12).toString("latin1")).toBe("WEBP");
  const meta = await sharp(bytes).metadata();
  expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({ format: "webp", width: crop.width, height: crop.height });

  // ── 10. The family tree: every generation, this image highlighted, click and keyboard navigate ──────────
  const tree = image.familyTree;
  await tree.scrollIntoView();
  const generations = await tree.generations();
  expect(generations.length).toBe(5);
  expect(generations[0]).toEqual([originalId]);
  expect(generations[1]).toHaveLength(2); // both variations
  expect(generations[1]).toContain(variationId);
  expect(generations[2]).toEqual([refinedId]);
  expect(generations[3]).toEqual([recolouredId]);
  expect(generations[4]).toEqual([editedId]);
  await expect(tree.current()).toHaveAttribute("data-image-id", editedId);
  expect((await tree.edgeLabels.allTextContents()).sort()).toEqual(["Edited: Crop + Filter", "Refined · painted"]);
  // The other variation is a sister: in the tree, not on the line of descent.
  const sister = generations[1].find((id) => id !== variationId)!;
  await expect(tree.node(sister)).toHaveAttribute("data-relation", "relative");
  await expect(tree.node(refinedId)).toHaveAttribute("data-relation", "ancestor");
  await tree.expectThumbnailsLoaded();
  await shotOf("08-family-tree", tree.section);

  // Keyboard: the current image has the focus stop; ↑ moves to its parent, Enter opens it.
  await tree.current().focus();
  await page.keyboard.press("ArrowUp");
  expect(await tree.focusedId()).toBe(recolouredId);
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  expect(await tree.focusedId()).toBe(variationId);
  await page.keyboard.press("Enter");
  await page.waitForURL(`**/images/${variationId}`);
  await expect(tree.current()).toHaveAttribute("data-image-id", variationId);
  // A click on the oldest ancestor opens it; its tree is the same family, seen from the top.
  await tree.node(originalId).click();
  await page.waitForURL(`**/images/${originalId}`);
  await image.expectPreviewLoaded();
  await expect(tree.current()).toHaveAttribute("data-image-id", originalId);
  await expect(tree.nodes).toHaveCount(6);

  expect(policyErrors).toEqual([]);

  // ── A phone: the image view, then its family tree scrolled sideways ─────────────────────────────────────
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/images/${refinedId}`);
  await image.expectPreviewLoaded();
  await shot("09-phone-image-view");
  await tree.scrollIntoView();
  await expect(tree.current()).toHaveAttribute("data-image-id", refinedId);
  await shot("10-phone-family-tree", false);
});
