// Reference images in a real browser (issue 15): drag gallery tiles onto the prompt panel, label one, generate with
// the local renderer, and find both parents on the result's page; the picker by keyboard, files pasted and dropped
// (uploaded first, a refused one says why), removal by keyboard, a model over its limit, and axe over the panel.
import { expect, test, type Page } from "@playwright/test";
import { GalleryPage } from "./pages/gallery";
import { ImagePage } from "./pages/image";
import { AxeAudit } from "./support/axe";
import { dragOnto, dropFiles, pasteFiles, solidPng, uploadPng } from "./support/reference-images";

interface ProviderJson {
  id: string;
  models: { id: string; label: string; capabilities: { generate: boolean; maxReferenceImages?: number }; lifecycle?: { status: string } }[];
}

const tag = () => `refs${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const bar = (page: Page) => page.getByTestId("prompt-bar");
const items = (page: Page) => page.getByTestId("reference-item");
const itemIds = (page: Page) => items(page).evaluateAll((els) => els.map((el) => el.getAttribute("data-image-id")));
const isGenerationPost = (method: string, url: string) => method === "POST" && new URL(url).pathname === "/api/v1/generations";

test("drag two gallery tiles onto the prompt panel, label one, generate: the result is made from both", async ({ page }, testInfo) => {
  const name = tag();
  const red = await uploadPng(page.request, `${name}-red.png`, [220, 30, 40]);
  const blue = await uploadPng(page.request, `${name}-blue.png`, [30, 60, 220]);

  const gallery = new GalleryPage(page);
  await gallery.goto();
  await gallery.prompt.expectReady();
  await gallery.expectThumbnailLoaded(blue);
  await gallery.expectThumbnailLoaded(red);

  // Real HTML5 drags, each onto the panel's lower bar (clear of the collections' tray that floats in while dragging).
  const panel = bar(page);
  const box = (await panel.boundingBox())!;
  const spot = { x: 24, y: box.height - 12 };
  await dragOnto(page, gallery.tile(red), panel, spot);
  await expect(items(page)).toHaveCount(1);
  await dragOnto(page, gallery.tile(blue), panel, spot);
  await expect(items(page)).toHaveCount(2);
  expect(await itemIds(page)).toEqual([red, blue]);
  // The same tile again is not attached twice.
  await dragOnto(page, gallery.tile(red), panel, spot);
  await expect(page.getByTestId("reference-notice")).toHaveText(/already attached/);
  await expect(items(page)).toHaveCount(2);
  // Dropped on the panel, nothing was typed into the prompt.
  await expect(gallery.prompt.input).toHaveValue("");

  await expect(page.getByTestId("reference-count")).toHaveText(/^2 of \d+$/);
  await expect(items(page).nth(0).getByTestId("reference-label")).toHaveAttribute("placeholder", "image 1");
  await items(page).nth(1).getByTestId("reference-label").fill("the blue square");
  await page.screenshot({ path: testInfo.outputPath("references-attached.png") });

  const posted = page.waitForRequest((r) => isGenerationPost(r.method(), r.url()));
  const submitted = await gallery.prompt.generate("a still life in the colours of image 1 and the blue square");
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(202);
  expect((await posted).postDataJSON().referenceImageIds).toEqual([red, { id: blue, label: "the blue square" }]);
  const job = await gallery.prompt.waitForJob(submitted.body.id);
  expect(job.status, JSON.stringify(job.error)).toBe("succeeded");
  const resultId = job.images[0].id;

  // The API records both parents, in order, with the label.
  const detail = (await (await page.request.get(`/api/v1/images/${resultId}`)).json()) as { parents?: { id: string; role: string; position: number; label: string | null }[] };
  const references = (detail.parents ?? []).filter((p) => p.role === "reference").sort((a, b) => a.position - b.position);
  expect(references.map((p) => [p.id, p.label])).toEqual([
    [red, null],
    [blue, "the blue square"],
  ]);

  // Its page shows both: the "Made from" strip and the family graph with both reference edges.
  await gallery.openImage(resultId);
  const madeFrom = page.getByTestId("made-from");
  await expect(madeFrom).toBeVisible();
  for (const parent of [red, blue]) await expect(madeFrom.locator(`a[href*="${parent}"]`)).toHaveCount(1);
  for (const parent of [red, blue]) await expect(page.locator(`[data-testid="lineage-node"][data-image-id="${parent}"]`).first()).toBeAttached();
  await expect(page.locator('[data-testid="lineage-edge"][data-role="reference"]')).toHaveCount(2);
  await page.screenshot({ path: testInfo.outputPath("result-made-from.png"), fullPage: true });

  // "Reuse settings" brings the references back, in order, with the label.
  await page.getByTestId("reuse-prompt").click();
  await page.waitForURL((url) => url.pathname === "/");
  await expect(items(page)).toHaveCount(2);
  expect(await itemIds(page)).toEqual([red, blue]);
  await expect(items(page).nth(1).getByTestId("reference-label")).toHaveValue("the blue square");
});

test("picker by keyboard, removal by keyboard, a model over its limit, and axe over the panel", async ({ page }, testInfo) => {
  const providers = (await (await page.request.get("/api/v1/providers")).json()) as ProviderJson[];
  const live = providers.flatMap((p) => p.models.filter((m) => m.capabilities.generate && m.lifecycle?.status !== "retired").map((m) => ({ provider: p.id, ...m })));
  // The model with the smallest limit (FLUX.2 pro takes 8): one more than that many references puts it over.
  const limited = live.filter((m) => (m.capabilities.maxReferenceImages ?? 0) > 0).sort((a, b) => a.capabilities.maxReferenceImages! - b.capabilities.maxReferenceImages!)[0];
  const none = live.find((m) => !m.capabilities.maxReferenceImages);
  expect(limited, "a model with a reference limit").toBeTruthy();
  const limit = limited.capabilities.maxReferenceImages!;
  const limitText = `takes at most ${limit} reference image${limit === 1 ? "" : "s"}`;
  // One over that limit.
  const count = limit + 1;
  const name = tag();
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(await uploadPng(page.request, `${name}-${i}.png`, [20 * i, 120, 255 - 20 * i]));

  const gallery = new GalleryPage(page);
  const audit = new AxeAudit(testInfo);
  await gallery.goto();
  await gallery.prompt.expectReady();
  const add = page.getByTestId("add-reference");

  // Esc closes the picker, and focus comes back to the button.
  await add.focus();
  await page.keyboard.press("Enter");
  const picker = page.getByTestId("reference-picker");
  await expect(picker).toBeVisible();
  await expect(page.getByTestId("reference-picker-search")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(picker).toBeHidden();
  await expect(add).toBeFocused();

  // Search, then choose every match with the keyboard: Tab into the thumbnails, Space, → to the next.
  await page.keyboard.press("Enter");
  await expect(picker).toBeVisible();
  await page.keyboard.type(name);
  const options = picker.getByTestId("reference-picker-option");
  await expect(options).toHaveCount(count);
  await page.keyboard.press("Tab");
  await expect(options.first()).toBeFocused();
  for (let i = 0; i < count; i++) {
    await page.keyboard.press("Space");
    if (i < count - 1) await page.keyboard.press("ArrowRight");
  }
  await expect(options.and(page.locator('[aria-pressed="true"]'))).toHaveCount(count);
  await audit.check(page, "picker with images chosen", '[data-testid="reference-picker"]');
  // Focus stays in the dialog: Tab goes on to its buttons, never behind it.
  const addButton = picker.getByTestId("reference-picker-add");
  for (let i = 0; i < 4 && !(await addButton.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(addButton).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(picker).toBeHidden();
  await expect(items(page)).toHaveCount(count);
  // Newest first in the gallery: the picker lists the last upload first.
  expect(new Set(await itemIds(page))).toEqual(new Set(ids));

  // Over the limit of the model with the smallest one: unavailable in the model menu, with the reason.
  await page.getByTestId("model-menu-button").click();
  const menu = page.getByTestId("model-menu");
  const over = menu.getByTestId(`model-option-${limited.provider}-${limited.id}`);
  await expect(over.getByTestId("model-reference-reason")).toHaveText(`Unavailable: ${limitText}`);
  // (Its provider may not be set up here, which greys it too: the mark says it is the references.)
  await expect(over).toHaveAttribute("data-unavailable", "references");
  await expect(over).toBeDisabled();
  if (none) await expect(menu.getByTestId(`model-option-${none.provider}-${none.id}`).getByTestId("model-reference-reason")).toHaveText("Unavailable: does not take reference images");
  await page.screenshot({ path: testInfo.outputPath("model-menu-over-limit.png") });
  await page.keyboard.press("Escape");
  await expect(menu).toBeHidden();

  await audit.check(page, "prompt panel with references", '[data-testid="prompt-bar"]');

  // Alt+→ moves the focused thumbnail one place later; Delete removes the focused one, focus stays in the tray.
  const order = await itemIds(page);
  const first = page.getByTestId("reference-thumb").first();
  await first.focus();
  await page.keyboard.press("Alt+ArrowRight");
  expect((await itemIds(page)).slice(0, 2)).toEqual([order[1], order[0]]);
  await expect(page.getByTestId("reference-thumb").nth(1)).toBeFocused();
  await page.keyboard.press("Delete");
  await expect(items(page)).toHaveCount(count - 1);
  expect(await itemIds(page)).not.toContain(order[0]);
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("reference-thumb");
  // Within the limit again: the model is offered.
  await page.getByTestId("model-menu-button").click();
  await expect(over.getByTestId("model-reference-reason")).toHaveCount(0);
  await expect(over).not.toHaveAttribute("data-unavailable");
  await page.keyboard.press("Escape");
  // The Remove button works by keyboard too.
  await items(page).first().getByTestId("reference-remove").focus();
  await page.keyboard.press("Enter");
  await expect(items(page)).toHaveCount(count - 2);
  await audit.expectClean();
});

test("pictures pasted or dropped onto the panel are uploaded and attached; a refused file says why", async ({ page }) => {
  const gallery = new GalleryPage(page);
  await gallery.goto();
  await gallery.prompt.expectReady();
  const uploads: number[] = [];
  page.on("response", (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/api/v1/images" && uploads.push(r.status()));
  const png = (await solidPng([250, 200, 20])).toString("base64");

  // Pasted into the prompt: uploaded, then attached (and it joins the gallery).
  const pasted = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/api/v1/images");
  await pasteFiles(gallery.prompt.input, [{ name: "pasted.png", type: "image/png", base64: png }]);
  const pastedId = String((await (await pasted).json()).id);
  await expect(items(page)).toHaveCount(1);
  expect(await itemIds(page)).toEqual([pastedId]);
  await expect(gallery.tile(pastedId)).toHaveCount(1);
  await expect(gallery.prompt.input).toHaveValue("");

  // Dropped from the desktop onto the panel: attached here, not uploaded a second time by the gallery's own drop.
  const dropped = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/api/v1/images");
  const other = (await solidPng([20, 200, 120])).toString("base64");
  await dropFiles(bar(page), [{ name: "dropped.png", type: "image/png", base64: other }]);
  const droppedId = String((await (await dropped).json()).id);
  await expect(items(page)).toHaveCount(2);
  expect(await itemIds(page)).toEqual([pastedId, droppedId]);
  await expect(page.getByTestId("upload-item")).toHaveCount(0);
  expect(uploads).toHaveLength(2);

  // Not a picture after all: the API refuses it, and its message shows on the pending thumbnail.
  const refused = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/api/v1/images");
  await dropFiles(bar(page), [{ name: "broken.png", type: "image/png", base64: Buffer.from("not a png at all").toString("base64") }]);
  const answer = await refused;
  expect(answer.status()).toBeGreaterThanOrEqual(400);
  const message = ((await answer.json()) as { error: { message: string } }).error.message;
  await expect(page.getByTestId("reference-upload-error")).toContainText(message);
  await expect(items(page)).toHaveCount(2);
  await page.getByRole("button", { name: "Dismiss broken.png" }).click();
  await expect(page.getByTestId("reference-pending")).toHaveCount(0);

  // Backspace on a focused thumbnail removes it.
  await page.getByTestId("reference-thumb").first().focus();
  await page.keyboard.press("Backspace");
  expect(await itemIds(page)).toEqual([droppedId]);
});

test("compare: every column sends the same references", async ({ page }) => {
  const name = tag();
  const image = await uploadPng(page.request, `${name}.png`, [120, 40, 200]);
  await page.goto("/compare");
  await expect(page.getByTestId("compare-lane")).toHaveCount(2);

  await page.getByTestId("add-reference").click();
  const picker = page.getByTestId("reference-picker");
  await page.getByTestId("reference-picker-search").fill(name);
  await picker.getByTestId("reference-picker-option").and(page.locator(`[data-image-id="${image}"]`)).click();
  await picker.getByTestId("reference-picker-add").click();
  await expect(items(page)).toHaveCount(1);
  // Both columns' models take references: no refusal (it used to claim one, judging against no model at all).
  await expect(page.getByTestId("reference-count")).toHaveText(/^1 of \d+$/);
  await expect(page.getByTestId("reference-limit")).toHaveCount(0);
  await items(page).getByTestId("reference-label").fill("the purple square");

  const bodies: unknown[] = [];
  page.on("request", (r) => isGenerationPost(r.method(), r.url()) && bodies.push(r.postDataJSON()));
  await page.getByTestId("compare-prompt").fill("a lamp in the colour of the purple square");
  await page.getByTestId("compare-submit").click();
  await expect.poll(() => bodies.length).toBe(2);
  for (const body of bodies) expect((body as { referenceImageIds: unknown }).referenceImageIds).toEqual([{ id: image, label: "the purple square" }]);
});

test("a reference in the trash is flagged when a draft brings it back; Generate says so; Restore takes it out", async ({ page }) => {
  const name = tag();
  const live = await uploadPng(page.request, `${name}-live.png`, [200, 200, 40]);
  const trashed = await uploadPng(page.request, `${name}-trashed.png`, [40, 200, 200]);
  expect((await page.request.delete(`/api/v1/images/${trashed}`)).ok()).toBe(true);

  // A "Reuse settings" address naming both (as an image made from them would).
  await page.goto(`/?${new URLSearchParams({ prompt: "a still life", refs: JSON.stringify([live, trashed]) })}`);
  await expect(items(page)).toHaveCount(2);
  const flagged = items(page).nth(1);
  await expect(flagged).toHaveAttribute("data-state", "trashed");
  await expect(flagged.getByTestId("reference-unavailable")).toHaveText("In the trash");
  await expect(items(page).nth(0)).not.toHaveAttribute("data-state", /./);

  // Generate is blocked, saying which and what to do; nothing is sent.
  let posted = 0;
  page.on("request", (r) => isGenerationPost(r.method(), r.url()) && posted++);
  await page.getByTestId("generate-button").click();
  await expect(page.getByTestId("reference-error")).toHaveText(/Reference 2 is in the trash: restore or remove it/);
  expect(posted).toBe(0);
  await bar(page).screenshot({ path: test.info().outputPath("reference-in-trash.png") });

  // Restore: out of the trash (the API says so), unflagged, and the error goes.
  await flagged.getByTestId("reference-restore").click();
  await expect(flagged).not.toHaveAttribute("data-state", /./);
  await expect(page.getByTestId("reference-error")).toHaveCount(0);
  const after = (await (await page.request.get(`/api/v1/images/${trashed}`)).json()) as { deletedAt?: string | null };
  expect(after.deletedAt ?? null).toBeNull();

  // One that no longer exists at all: flagged as such.
  const gone = await uploadPng(page.request, `${name}-gone.png`, [90, 90, 90]);
  expect((await page.request.delete(`/api/v1/images/${gone}?purge=true`)).ok()).toBe(true);
  await page.goto(`/?${new URLSearchParams({ prompt: "x", refs: JSON.stringify([gone]) })}`);
  await expect(items(page).first()).toHaveAttribute("data-state", "gone");
  await expect(items(page).first().getByTestId("reference-unavailable")).toHaveText("No longer exists");
});

test("refine tab: a refinement with one reference is made from the source and the reference", async ({ page }) => {
  const name = tag();
  const source = await uploadPng(page.request, `${name}-source.png`, [180, 90, 30]);
  const reference = await uploadPng(page.request, `${name}-ref.png`, [30, 90, 180]);
  const image = new ImagePage(page);
  await image.goto(source);
  const creative = image.creative;
  await creative.open("refine");

  // The picker offers the reference, not the image being refined.
  await creative.refine.getByTestId("add-reference").click();
  const picker = page.getByTestId("reference-picker");
  await page.getByTestId("reference-picker-search").fill(name);
  await expect(picker.getByTestId("reference-picker-option")).toHaveCount(2);
  await expect(picker.locator(`[data-image-id="${source}"]`).getByTestId("reference-picker-attached")).toHaveText("This image");
  await picker.locator(`[data-image-id="${reference}"]`).click();
  await picker.getByTestId("reference-picker-add").click();
  await expect(creative.refine.getByTestId("reference-item")).toHaveCount(1);
  await creative.refine.screenshot({ path: test.info().outputPath("refine-with-reference.png") });

  const body = page.waitForRequest((r) => r.method() === "POST" && /\/refine$/.test(new URL(r.url()).pathname));
  const started = await creative.refineWith("in the colours of image 1");
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  expect((await body).postDataJSON().referenceImageIds).toEqual([reference]);
  await expect(creative.run("refine")).toHaveAttribute("data-status", "succeeded", { timeout: 45_000 });
  const resultId = await creative.results("refine").first().getAttribute("data-image-id");

  const detail = (await (await page.request.get(`/api/v1/images/${resultId}`)).json()) as { parents?: { id: string; role: string }[] };
  expect((detail.parents ?? []).map((p) => [p.id, p.role])).toEqual([
    [source, "source"],
    [reference, "reference"],
  ]);
});
