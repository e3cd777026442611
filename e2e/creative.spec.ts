// The creative loop on the image page, in a real browser against the local renderer: variations, refinement,
// palettes (extract, copy, export, apply), all from the keyboard too.
import { expect, test, type Page } from "@playwright/test";
import { expectAllDecoded, focusedName, posted, tabUntil } from "./pages/common";
import { GalleryPage } from "./pages/gallery";
import { ImagePage } from "./pages/image";
import { drawHalves, drawQuadrants } from "./support/draw";
import { openImage } from "./support/tools";

/** Uploads the files through the gallery; answers their ids in the same order. */
async function upload(page: Page, ...files: string[]): Promise<string[]> {
  const gallery = new GalleryPage(page);
  await gallery.goto();
  const ids: string[] = [];
  for (const file of files) {
    const [answer] = await gallery.upload(file);
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    ids.push(String(answer.body.id));
  }
  return ids;
}

test("make 2 variations: they appear as thumbnails, and each one's page links back to its parent", async ({ page }, testInfo) => {
  const [sourceId] = await upload(page, await drawQuadrants(testInfo.outputPath("variations-source.png"), 320, 240));
  const { image, creative } = await openImage(page, sourceId);
  const requests: { type: string; path: string }[] = [];
  page.on("request", (r) => requests.push({ type: r.resourceType(), path: new URL(r.url()).pathname }));

  await expect(creative.tab("variations")).toHaveAttribute("aria-selected", "true");
  const started = await creative.makeVariations({ count: 2 });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  expect(started.body).toMatchObject({ type: "variations" });
  const jobId = String(started.body.id);

  await expect(creative.run("variations")).toHaveAttribute("data-status", "succeeded", { timeout: 45_000 });
  await expect(creative.results("variations")).toHaveCount(2);
  await expectAllDecoded(creative.results("variations").locator("img"));
  // Followed through the job's event stream.
  expect(requests.some((r) => r.type === "eventsource" && r.path === `/api/v1/jobs/${jobId}/events`)).toBe(true);
  await expect(image.toast.filter({ hasText: /2 variations ready/ })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("variations.png"), fullPage: true });

  // The lineage strip (refreshed) captions the children by their operation.
  await expect(page.getByTestId("child-operation")).toHaveText(["Variation", "Variation"]);

  const firstId = await creative.results("variations").first().getAttribute("data-image-id");
  await creative.results("variations").first().click();
  await page.waitForURL(`**/images/${firstId}`);
  await expect(image.parentLink).toHaveAttribute("href", `/images/${sourceId}`);
  await expect(image.parentLink).toContainText("A variation of");
  await expect(page.getByTestId("image-operation")).toContainText("Variation");
});

test("refine with a prompt (and a mask of the same size): the result appears with a before/after view", async ({ page }, testInfo) => {
  const [maskId, sourceId] = await upload(
    page,
    await drawHalves(testInfo.outputPath("mask.png"), 320, 240, "#000000", "#ffffff"),
    await drawQuadrants(testInfo.outputPath("refine-source.png"), 320, 240),
  );
  const { image, creative } = await openImage(page, sourceId);
  await creative.open("refine");
  // The mask picker lists the other image of the same size.
  await expect(creative.refine.getByTestId("refine-mask").locator(`option[value="${maskId}"]`)).toHaveCount(1);

  const started = await creative.refineWith("the same scene at sunset, warm light", { mask: maskId, viaKeyboard: true });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  expect(started.body).toMatchObject({ type: "refine" });

  await expect(creative.run("refine")).toHaveAttribute("data-status", "succeeded", { timeout: 45_000 });
  await expect(creative.results("refine")).toHaveCount(1);
  const compare = creative.refine.getByTestId("refine-compare");
  await expect(compare).toBeVisible();
  await expectAllDecoded(compare.locator("img"));
  const resultId = await creative.results("refine").first().getAttribute("data-image-id");
  await expect(compare.getByTestId("refine-compare-after")).toHaveAttribute("src", new RegExp(`/images/${resultId}/file`));
  await expect(compare.getByTestId("refine-compare-before")).toHaveAttribute("src", new RegExp(`/images/${sourceId}/file`));

  // The divider moves from the keyboard; the buttons jump to either side.
  const slider = compare.getByTestId("refine-compare-slider");
  await slider.focus();
  await page.keyboard.press("ArrowLeft");
  await expect(slider).toHaveValue("49");
  await compare.getByRole("button", { name: "After" }).click();
  await expect(slider).toHaveValue("0");
  await page.screenshot({ path: testInfo.outputPath("refine.png"), fullPage: true });

  await expect(page.getByTestId("child-operation")).toHaveText(["Refined"]);
  await compare.getByTestId("refine-compare-link").click();
  await page.waitForURL(`**/images/${resultId}`);
  await expect(new ImagePage(page).parentLink).toHaveAttribute("href", `/images/${sourceId}`);
});

test("extract a palette of a red and blue picture, copy a colour, export it, and apply it", async ({ page, context }, testInfo) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const [sourceId] = await upload(page, await drawHalves(testInfo.outputPath("red-blue.png"), 200, 100));
  const { image, creative } = await openImage(page, sourceId);
  await creative.open("palette");
  await expect(creative.swatches()).toHaveCount(0);

  // One request for all three types.
  const batches: unknown[] = [];
  page.on("request", (r) => r.method() === "POST" && r.url().endsWith("/palettes/batch") && batches.push(r.postDataJSON()));
  const extracted = await posted(page, /\/palettes\/batch$/, () => creative.palette.getByTestId("palette-extract").click());
  expect(extracted.status, JSON.stringify(extracted.body)).toBe(201);
  expect(batches).toEqual([{ types: ["dominant", "vibrant", "muted"], numColors: 5 }]);

  await expect(creative.swatch("#ff0000")).toBeVisible();
  await expect(creative.swatch("#0000ff")).toBeVisible();
  await expect(creative.swatch("#ff0000").getByTestId("palette-swatch-hex")).toHaveText("#ff0000");
  // Each half is half of the picture: the swatches say so.
  await expect(creative.swatch("#ff0000")).toHaveAccessibleName(/50% of the picture/);
  await page.screenshot({ path: testInfo.outputPath("palette.png"), fullPage: true });

  // The other types are there at once, without another request.
  await creative.palette.getByTestId("palette-type-vibrant").click();
  await expect(creative.palette.getByTestId("palette-shown")).toHaveAttribute("data-type", "vibrant");
  await expect(creative.swatches()).not.toHaveCount(0);
  await creative.palette.getByTestId("palette-type-dominant").click();
  expect(batches).toHaveLength(1);

  // Click copies the hex, and says so.
  await creative.swatch("#0000ff").click();
  await expect(image.toast.filter({ hasText: "#0000ff" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("#0000ff");

  // Export links for the shown palette.
  const css = await page.request.get((await creative.palette.getByTestId("palette-export-css").getAttribute("href"))!);
  expect(css.status()).toBe(200);
  expect(await css.text()).toContain("#ff0000");
  for (const format of ["tailwind", "json", "png"]) {
    await expect(creative.palette.getByTestId(`palette-export-${format}`)).toHaveAttribute("href", new RegExp(`/export\\?format=${format}$`));
  }

  // Apply it: a new image, compared with the original, linked.
  const applied = await posted(page, /\/apply-palette$/, () => creative.palette.getByTestId("palette-apply").click());
  expect(applied.status, JSON.stringify(applied.body)).toBe(201);
  const newId = String(applied.body.id);
  expect(applied.body).toMatchObject({ parentId: sourceId, operation: { type: "apply-palette" } });
  const compare = creative.palette.getByTestId("palette-compare");
  await expect(compare).toBeVisible();
  await expectAllDecoded(compare.locator("img"));
  await expect(image.toast.filter({ hasText: /palette applied/i })).toBeVisible();
  await expect(page.getByTestId("child-operation")).toHaveText(["Palette applied"]);

  // Back on the source, the stored palettes show without a click.
  await page.reload();
  await creative.open("palette");
  await expect(creative.swatch("#ff0000")).toBeVisible();
  await expect(creative.swatch("#0000ff")).toBeVisible();

  await page.getByTestId("child-link").first().click();
  await page.waitForURL(`**/images/${newId}`);
  await expect(new ImagePage(page).parentLink).toHaveAttribute("href", `/images/${sourceId}`);
  await expect(page.getByTestId("image-operation")).toContainText("Palette applied");
});

test("keyboard: every panel's controls are reached with Tab, and Enter makes variations", async ({ page }, testInfo) => {
  const [sourceId] = await upload(page, await drawHalves(testInfo.outputPath("keyboard.png"), 160, 120, "#ffcc00", "#006633"));
  const { image, creative } = await openImage(page, sourceId);

  // Variations: the tab, then its controls in order, then the button.
  await creative.tab("variations").focus();
  const variations = await tabUntil(page, "variations-start");
  expect(variations).toEqual(expect.arrayContaining(["One variation fewer", "variations-count", "One variation more", "variations-strength"]));
  // Fewer variations, from the keyboard: back to the count box, type, back to the button, Enter.
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Shift+Tab");
  expect(await focusedName(page)).toBe("variations-count");
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("1");
  await tabUntil(page, "variations-start");
  const started = await posted(page, /\/variations$/, () => page.keyboard.press("Enter"));
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  // The button keeps the focus while the job runs.
  expect(await focusedName(page)).toBe("variations-start");
  await expect(creative.run("variations")).toHaveAttribute("data-status", "succeeded", { timeout: 45_000 });
  await expect(creative.results("variations")).toHaveCount(1);
  // The result is reachable too.
  await tabUntil(page, "job-run-result");

  // Arrow keys move between the tabs; Tab enters the panel.
  await creative.tab("variations").focus();
  await page.keyboard.press("ArrowRight");
  await expect(creative.tab("refine")).toBeFocused();
  await expect(creative.tab("refine")).toHaveAttribute("aria-selected", "true");
  const refine = await tabUntil(page, "refine-start");
  expect(refine).toEqual(expect.arrayContaining(["refine-prompt", "refine-strength", "refine-keep-composition", "refine-start"]));

  await creative.tab("refine").focus();
  await page.keyboard.press("ArrowRight");
  await expect(creative.tab("palette")).toBeFocused();
  const palette = await tabUntil(page, "palette-extract");
  expect(palette).toEqual(expect.arrayContaining(["palette-type-dominant", "palette-type-vibrant", "palette-type-muted", "palette-count"]));
  await page.keyboard.press("Enter");
  await expect(creative.swatch("#ffcc00")).toBeVisible();
  // The swatches are buttons in the tab order: Enter copies (the toast says so).
  await tabUntil(page, "palette-swatch");
  await page.keyboard.press("Enter");
  await expect(image.toast.filter({ hasText: /Copied #/ })).toBeVisible();
  const rest = await tabUntil(page, "palette-apply", 25);
  expect(rest).toEqual(expect.arrayContaining(["palette-export-css", "palette-export-png", "palette-apply-strength"]));
});

test("a refused job says why, in the API's words", async ({ page }, testInfo) => {
  const [sourceId] = await upload(page, await drawQuadrants(testInfo.outputPath("refused.png"), 160, 120));
  const { image, creative } = await openImage(page, sourceId);
  const message = "The budget for today is spent: variations would cost more than is left.";
  await page.route("**/api/v1/images/*/variations", (route) =>
    route.fulfill({ status: 402, contentType: "application/json", body: JSON.stringify({ error: { code: "budget_exceeded", message, requestId: "req_test" } }) }),
  );
  await creative.variations.getByTestId("variations-start").click();
  await expect(creative.run("variations")).toHaveAttribute("data-status", "failed");
  await expect(creative.variations.getByTestId("job-run-error")).toContainText("Over today's budget");
  await expect(creative.variations.getByTestId("job-run-error-message")).toHaveText(message);
  // Nothing is running: the button is ready again.
  await expect(creative.variations.getByTestId("variations-start")).toHaveText("Make variations");
});

test("a running variations job shows its progress, and Cancel stops it", async ({ page }, testInfo) => {
  // Six large pictures keep the local renderer busy long enough to cancel.
  const [sourceId] = await upload(page, await drawQuadrants(testInfo.outputPath("large.png"), 2048, 2048));
  const { image, creative } = await openImage(page, sourceId);
  const started = await creative.makeVariations({ count: 6 });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  const jobId = String(started.body.id);

  await expect(creative.variations.getByRole("progressbar", { name: "Making variations" })).toBeVisible();
  await expect(creative.variations.getByTestId("job-run-pending").first()).toBeVisible();
  const cancel = creative.variations.getByTestId("job-run-cancel");
  const canceled = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === `/api/v1/jobs/${jobId}/cancel`);
  await cancel.click();
  expect((await canceled).status()).toBe(200);

  let status = "";
  await expect
    .poll(async () => (status = (await (await page.request.get(`/api/v1/jobs/${jobId}`)).json()).status), { timeout: 45_000 })
    .toMatch(/^(succeeded|failed|canceled)$/);
  test.skip(status === "succeeded", "The job finished before the cancel reached the server; nothing to assert about cancelling.");
  expect(status).toBe("canceled");
  await expect(creative.run("variations")).toHaveAttribute("data-status", "canceled");
  await expect(creative.variations.getByTestId("job-run-error")).toContainText("Canceled");
  await expect(creative.variations.getByTestId("job-run-cancel")).toHaveCount(0);
  await expect(creative.variations.getByTestId("variations-start")).toHaveText("Make variations");
});
