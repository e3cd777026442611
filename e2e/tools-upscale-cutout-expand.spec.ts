// The finishing tools' jobs in a real browser against the local renderer (issue 16): upscale ×2 (basic), remove the
// background of a plain-backdrop picture, expand (zoom out, pan) with the original's pixels untouched; each result
// with what made it and its notices, named by its operation on its page and in the family tree (cut-outs on the
// checkerboard); a job's progress (Queued → Working → a percentage), and Esc that leaves the page neither from the
// card nor while a tool works. Rotate/flip and Enhance: tools-rotate-enhance.spec.ts; Describe and layout: tools-describe-and-layout.spec.ts.
import { expect, test } from "@playwright/test";
import { posted } from "./pages/common";
import { ImagePage } from "./pages/image";
import { generate, imageJson, openImage, pixels, runTool } from "./support/tools";

test("upscale ×2 (basic): the result shows the doubled size, and its page its parent", async ({ page, request }, testInfo) => {
  const sourceId = await generate(request, "a lighthouse on a cliff at dusk");
  const { image, tools } = await openImage(page, sourceId);
  await expect(tools.tab("upscale")).toHaveAttribute("aria-selected", "true");
  const panel = tools.panel("upscale");
  await expect(panel.getByTestId("upscale-with")).toContainText("Basic upscale");
  await expect(panel.getByTestId("upscale-with")).toContainText("local, free, no new detail");
  await expect(panel.getByTestId("upscale-factor-2")).toContainText("640 × 480");
  await expect(panel.getByTestId("upscale-factor-4")).toContainText("1280 × 960");

  // From the keyboard: the factor group is one Tab stop (← → between ×2 and ×4), then the button.
  await panel.getByTestId("upscale-factor-2").focus();
  await page.keyboard.press("ArrowRight");
  await expect(panel.getByTestId("upscale-factor-4")).toBeFocused();
  await expect(panel.getByTestId("upscale-start")).toHaveText("Upscale ×4");
  await page.keyboard.press("ArrowLeft");
  await expect(panel.getByTestId("upscale-factor-2")).toHaveAttribute("aria-checked", "true");
  await panel.getByTestId("upscale-start").focus();
  const started = await posted(page, /\/upscale$/, () => page.keyboard.press("Enter"));
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  expect(started.body).toMatchObject({ type: "upscale" });

  const resultId = await tools.resultId("upscale");
  await expect(panel.getByTestId("tool-result-size")).toContainText("320 × 240 → 640 × 480 px");
  await expect(panel.getByTestId("upscale-result-compare-after")).toBeVisible();
  // What made it, and what to know about it: the job's notices in the panel, and a neutral toast that points there.
  await expect(panel.getByTestId("tool-result-made")).toHaveText("Result: Upscale ×2");
  await expect(panel.getByTestId("render-notices")).toContainText("no new detail");
  await expect(image.toast.filter({ hasText: "see the notes" })).toHaveAttribute("data-tone", "info");
  await page.screenshot({ path: testInfo.outputPath("upscale.png"), fullPage: true });
  // Switched to ×4, the ×2 result under the button is labelled for what it is.
  await panel.getByTestId("upscale-factor-4").click();
  await expect(panel.getByTestId("upscale-start")).toHaveText("Upscale ×4");
  await expect(panel.getByTestId("tool-result-made")).toContainText("Earlier result: Upscale ×2");
  await expect(panel.getByTestId("upscale-result-done")).toHaveAttribute("data-stale", "true");

  await panel.getByTestId("upscale-result-compare-link").click();
  await page.waitForURL(`**/images/${resultId}`);
  await image.ready();
  await image.expectDimensions(640, 480);
  await expect(image.parentLink).toHaveAttribute("href", `/images/${sourceId}`);
  // Named as what it is, not as a fresh generation: no seed, no "Reuse settings".
  await expect(page.getByTestId("viewer-subtitle")).toContainText("Upscaled ×2 · 640 × 480");
  await expect(image.generation.getByTestId("image-tool")).toHaveText("Upscaled ×2 (basic resample, no new detail)");
  await expect(image.generation).toContainText("Made with a tool");
  await expect(image.reusePrompt).toHaveCount(0);
  await expect(image.provenance("seed")).toHaveCount(0);
  await expect(page.getByTestId("image-kind")).toHaveText("Upscaled ×2");
  const made = await imageJson(request, resultId);
  expect(made.parents?.find((p) => p.role === "source")?.id).toBe(sourceId);
});

test("remove the background of a plain-backdrop picture: a transparent PNG, shown on the checkerboard", async ({ page, request }, testInfo) => {
  // A product shot on a plain backdrop (an icon of the local renderer is transparent already, which it refuses).
  const sourceId = await generate(request, "product shot of a red mug on a plain white background", { width: 256, height: 256 });
  const { tools } = await openImage(page, sourceId);
  await tools.open("background");
  const panel = tools.panel("background");
  await expect(panel.getByTestId("background-with")).toContainText("plain backgrounds only");
  const started = await posted(page, /\/remove-background$/, () => panel.getByTestId("background-start").click());
  expect(started.status, JSON.stringify(started.body)).toBe(202);

  const resultId = await tools.resultId("background");
  await expect(panel.getByTestId("background-result-compare").locator("[data-checkerboard]")).toBeVisible();
  await expect(panel.getByTestId("tool-result-size")).toContainText("transparent PNG");
  await expect(panel.getByTestId("tool-result-made")).toHaveText("Result: Cut out");
  // The local remover's words on what it did (and cannot do) are shown with the result, each of them.
  const made = await imageJson(request, resultId);
  expect(made.notices?.length, "the local remover says what it did").toBeGreaterThan(0);
  for (const notice of made.notices!) await expect(panel.getByTestId("render-notices")).toContainText(notice);
  await page.screenshot({ path: testInfo.outputPath("remove-background.png"), fullPage: true });
  expect(made).toMatchObject({ hasAlpha: true, format: "png", width: 256, height: 256, parentId: sourceId });
  // Really cut out: the corners are transparent.
  const { data, info } = await pixels(request, resultId);
  expect(data[3]).toBe(0);
  expect(data[(info.width * info.height - 1) * 4 + 3]).toBe(0);

  // A child of the cut-out: its "Made from" strip and the family tree show the cut-out on the checkerboard.
  const childId = await runTool(request, resultId, "upscale", { factor: 2 });
  const image = new ImagePage(page);
  await image.goto(childId);
  await expect(image.parentLink.locator("[data-checkerboard]")).toBeVisible();
  const cutNode = page.locator(`[data-testid="lineage-node"][data-image-id="${resultId}"]`);
  await expect(cutNode.locator("[data-checkerboard]")).toBeVisible();
  await expect(cutNode.getByTestId("lineage-node-caption")).toHaveText("Cut out");
  await cutNode.scrollIntoViewIfNeeded();
  await page.getByTestId("family-tree-section").screenshot({ path: testInfo.outputPath("tree-cut-out.png") });
});

test("expand: zoom out 1.5× and pan left — the canvas drawn first, bigger results, the original's pixels untouched", async ({ page, request }, testInfo) => {
  const sourceId = await generate(request, "a quiet harbour with boats");
  const original = await pixels(request, sourceId);
  const { tools } = await openImage(page, sourceId);
  await tools.open("expand");
  const panel = tools.panel("expand");
  await expect(panel.getByTestId("expand-preview")).toHaveAttribute("data-canvas", "480x360");
  await expect(panel.getByTestId("expand-summary")).toHaveText("Zoom out 1.5× · 320 × 240 → 480 × 360 px");
  await panel.getByTestId("expand-zoom-2").click();
  await expect(panel.getByTestId("expand-preview")).toHaveAttribute("data-canvas", "640x480");
  await panel.getByTestId("expand-zoom-1.5").click();
  await page.screenshot({ path: testInfo.outputPath("expand-before.png"), fullPage: true });

  // The local renderer continues the edges and takes no prompt: the field is off and says so.
  await expect(panel.getByTestId("expand-prompt")).toBeDisabled();
  await expect(panel.getByTestId("expand-prompt-ignored")).toHaveText("The local renderer continues the edges; it does not follow a prompt.");
  // Esc on an option belongs to the card: the page (and the choices) stay.
  await panel.getByTestId("expand-zoom-1.5").focus();
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(new RegExp(`/images/${sourceId}$`));
  await expect(panel.getByTestId("expand-zoom-1.5")).toHaveAttribute("aria-pressed", "true");

  // Until the result's picture has loaded, a spinner stands in for it (the preview is held back here).
  let letPreviewThrough!: () => void;
  const previewHeld = new Promise<void>((resolve) => (letPreviewThrough = resolve));
  await page.route(/\/api\/v1\/images\/[^/]+\/file\?variant=preview/, async (route) => {
    await previewHeld;
    await route.continue();
  });
  const started = await posted(page, /\/expand$/, () => panel.getByTestId("expand-start").click());
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  expect(started.sent).toEqual({ factor: 1.5, provider: "local", model: expect.any(String) });
  await expect(panel.getByTestId("tool-result-loading")).toBeVisible({ timeout: 45_000 });
  letPreviewThrough();
  await expect(panel.getByTestId("tool-result-loading")).toBeHidden();
  await page.unroute(/\/api\/v1\/images\/[^/]+\/file\?variant=preview/);
  const zoomedId = await tools.resultId("expand");
  await expect(panel.getByTestId("tool-result-size")).toContainText("320 × 240 → 480 × 360 px");
  await expect(panel.getByTestId("expand-original-outline")).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("expand-zoom.png"), fullPage: true });
  const zoomed = await pixels(request, zoomedId, { left: 80, top: 60, width: 320, height: 240 });
  expect(Buffer.compare(zoomed.data, original.data), "the original area of the zoomed-out picture").toBe(0);

  // Pan left by half the width: 160 px more on the left only.
  await panel.getByTestId("expand-pan-left").click();
  await expect(panel.getByTestId("expand-preview")).toHaveAttribute("data-canvas", "480x240");
  await expect(panel.getByTestId("tool-result-made")).toContainText("Earlier result: Zoom out 1.5×");
  await posted(page, /\/expand$/, () => panel.getByTestId("expand-start").click());
  await expect(panel.getByTestId("tool-result-size")).toContainText("320 × 240 → 480 × 240 px");
  const pannedId = await tools.resultId("expand");
  expect(pannedId).not.toBe(zoomedId);
  const panned = await pixels(request, pannedId, { left: 160, top: 0, width: 320, height: 240 });
  expect(Buffer.compare(panned.data, original.data), "the original area of the panned picture").toBe(0);
  expect(await imageJson(request, pannedId)).toMatchObject({ width: 480, height: 240, parentId: sourceId });

  // The family tree tells them apart by what they did, with no edge label repeating a card.
  await page.reload();
  await new ImagePage(page).ready();
  const caption = (id: string) => page.locator(`[data-testid="lineage-node"][data-image-id="${id}"]`).getByTestId("lineage-node-caption");
  await expect(caption(zoomedId)).toHaveText("Zoom out 1.5×");
  await expect(caption(pannedId)).toHaveText("Expand · pan left");
  await expect(page.locator(`[data-testid="tree-edge-label"][data-child="${zoomedId}"], [data-testid="tree-edge-label"][data-child="${pannedId}"]`)).toHaveCount(0);
  for (const id of [zoomedId, pannedId]) {
    expect(await caption(id).evaluate((el) => el.scrollWidth <= el.clientWidth), "the caption is not cut off").toBe(true);
  }
  await page.getByTestId("family-tree-section").screenshot({ path: testInfo.outputPath("tree-expand.png") });
});

test("a tool job's progress: Queued with a moving bar, then Working, then its percentage; Esc and ← do not leave meanwhile", async ({ page, request }) => {
  const sourceId = await generate(request, "a red kite over a green hill");
  const { tools } = await openImage(page, sourceId);
  // The job's event stream, served by the test step by step: first held (Queued), then a progress event without a
  // number yet, then one of 45 %, then the real stream (which replays everything from the start).
  const gates = [0, 1, 2].map(() => {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { open, opened };
  });
  const events = ['event: progress\ndata: {"progress":0}\n\n', 'event: progress\ndata: {"progress":0.45}\n\n'];
  let calls = 0;
  await page.route(/\/api\/v1\/jobs\/[^/]+\/events/, async (route) => {
    const call = Math.min(calls++, 2);
    await gates[call].opened;
    if (call < 2) await route.fulfill({ status: 200, headers: { "content-type": "text/event-stream" }, body: `retry: 50\n\n${events[call]}` });
    else await route.continue().catch(() => {});
  });
  const panel = tools.panel("upscale");
  await panel.getByTestId("upscale-start").click();
  const state = panel.getByTestId("job-run-state");
  const bar = panel.getByRole("progressbar");
  await expect(state).toHaveText("Queued");
  await expect(bar).toHaveAttribute("data-indeterminate", "true");
  await expect(bar).not.toHaveAttribute("aria-valuenow");
  gates[0].open();
  await expect(state).toContainText("Working…");
  await expect(bar).toHaveAttribute("data-indeterminate", "true");
  gates[1].open();
  await expect(state).toContainText("Working · 45%");
  await expect(bar).toHaveAttribute("aria-valuenow", "45");
  // While the tool works the page holds: Esc and ← from anywhere on it stay here.
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("Escape");
  await page.keyboard.press("ArrowLeft");
  await expect(page).toHaveURL(new RegExp(`/images/${sourceId}$`));
  gates[2].open();
  await tools.resultId("upscale");
  await expect(tools.card).not.toHaveAttribute("data-holds-page");
});

