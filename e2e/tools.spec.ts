// The finishing tools in a real browser against the local renderer (issue 16): upscale ×2 (basic), remove the
// background of a plain-backdrop picture, expand (zoom out, pan) with the original's pixels untouched, rotate and
// flip in the edit panel (pixels compared with sharp doing the same), describe (what to connect with only the local
// renderer; with a fake OpenAI connected from the admin API, "Use as prompt"), and the prompt enhancer's reviewable
// suggestion whose origin the generated image keeps. A phone-size pass and axe over every new state.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import sharp from "sharp";
import { GalleryPage } from "./pages/gallery-page";
import { ImagePage } from "./pages/image-page";
import { ToolsPanel } from "./pages/tools-panel";
import { AxeAudit } from "./support/axe";
import { startFakeProvider, type FakeProviderProcess } from "./support/fake-provider";

const tag = `tools-${Date.now().toString(36)}`;

/** A local-renderer picture made through the API (Prefer: wait); answers its id. */
async function generate(request: APIRequestContext, prompt: string, size = { width: 320, height: 240 }, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await request.post("/api/v1/generations", { headers: { Prefer: "wait" }, data: { prompt: `${prompt} ${tag}`, provider: "local", ...size, ...extra } });
  const text = await res.text();
  expect(res.status(), text).toBe(201);
  return JSON.parse(text).images[0].id as string;
}

async function imageJson(request: APIRequestContext, id: string) {
  const res = await request.get(`/api/v1/images/${id}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as { id: string; width: number; height: number; hasAlpha: boolean; format: string; parentId: string | null; parents?: { id: string; role: string }[]; operation: { type: string } | null; params?: Record<string, unknown> };
}

/** The image's original pixels, RGBA. */
async function pixels(request: APIRequestContext, id: string, region?: { left: number; top: number; width: number; height: number }) {
  const res = await request.get(`/api/v1/images/${id}/file`);
  expect(res.status()).toBe(200);
  let image = sharp(await res.body()).ensureAlpha();
  if (region) image = image.extract(region);
  return image.raw().toBuffer({ resolveWithObject: true });
}

async function openImage(page: Page, id: string) {
  const image = new ImagePage(page);
  await image.goto(id);
  await image.expectPreviewLoaded();
  return { image, tools: new ToolsPanel(page) };
}

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
  const started = await tools.expectPost(/\/upscale$/, () => page.keyboard.press("Enter"));
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  expect(started.body).toMatchObject({ type: "upscale" });

  const resultId = await tools.resultId("upscale");
  await expect(panel.getByTestId("tool-result-size")).toContainText("320 × 240 → 640 × 480 px");
  await expect(panel.getByTestId("upscale-result-compare-after")).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("upscale.png"), fullPage: true });

  await panel.getByTestId("upscale-result-compare-link").click();
  await page.waitForURL(`**/images/${resultId}`);
  await image.ready();
  await image.expectDimensions(640, 480);
  await expect(image.parentLink).toHaveAttribute("href", `/images/${sourceId}`);
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
  const started = await tools.expectPost(/\/remove-background$/, () => panel.getByTestId("background-start").click());
  expect(started.status, JSON.stringify(started.body)).toBe(202);

  const resultId = await tools.resultId("background");
  await expect(panel.getByTestId("background-result-compare").locator("[data-checkerboard]")).toBeVisible();
  await expect(panel.getByTestId("tool-result-size")).toContainText("transparent PNG");
  await page.screenshot({ path: testInfo.outputPath("remove-background.png"), fullPage: true });
  const made = await imageJson(request, resultId);
  expect(made).toMatchObject({ hasAlpha: true, format: "png", width: 256, height: 256, parentId: sourceId });
  // Really cut out: the corners are transparent.
  const { data, info } = await pixels(request, resultId);
  expect(data[3]).toBe(0);
  expect(data[(info.width * info.height - 1) * 4 + 3]).toBe(0);
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

  await panel.getByTestId("expand-prompt").fill("more calm sea");
  // Enter in the prompt field starts it.
  const started = await tools.expectPost(/\/expand$/, () => panel.getByTestId("expand-prompt").press("Enter"));
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  const zoomedId = await tools.resultId("expand");
  await expect(panel.getByTestId("tool-result-size")).toContainText("320 × 240 → 480 × 360 px");
  await expect(panel.getByTestId("expand-original-outline")).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("expand-zoom.png"), fullPage: true });
  const zoomed = await pixels(request, zoomedId, { left: 80, top: 60, width: 320, height: 240 });
  expect(Buffer.compare(zoomed.data, original.data), "the original area of the zoomed-out picture").toBe(0);

  // Pan left by half the width: 160 px more on the left only.
  await panel.getByTestId("expand-pan-left").click();
  await expect(panel.getByTestId("expand-preview")).toHaveAttribute("data-canvas", "480x240");
  await panel.getByTestId("expand-prompt").fill("");
  await tools.expectPost(/\/expand$/, () => panel.getByTestId("expand-start").click());
  await expect(panel.getByTestId("tool-result-size")).toContainText("320 × 240 → 480 × 240 px");
  const pannedId = await tools.resultId("expand");
  expect(pannedId).not.toBe(zoomedId);
  const panned = await pixels(request, pannedId, { left: 160, top: 0, width: 320, height: 240 });
  expect(Buffer.compare(panned.data, original.data), "the original area of the panned picture").toBe(0);
  expect(await imageJson(request, pannedId)).toMatchObject({ width: 480, height: 240, parentId: sourceId });
});

test("rotate and flip in the edit panel, from the keyboard: previewed, then saved as sharp would turn it", async ({ page, request }, testInfo) => {
  const sourceId = await generate(request, "a red barn in a green field");
  const { image } = await openImage(page, sourceId);
  await page.keyboard.press("e");
  await expect(image.editCard).toBeVisible();
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
  await image.openEditor();
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

test.describe("describe", () => {
  let fake: FakeProviderProcess | null = null;
  test.afterAll(async ({ playwright }, testInfo) => {
    // The e2e server is shared: leave it with the local renderer alone, as the other specs expect.
    const api = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
    await api.delete("/api/v1/admin/providers/openai");
    await api.dispose();
    await fake?.stop();
  });

  test("with the local renderer only it says what to connect; with a vision service, Use as prompt fills the prompt", async ({ page, request }, testInfo) => {
    const sourceId = await generate(request, "a yellow sunflower in a blue vase");
    const { tools } = await openImage(page, sourceId);
    await tools.open("describe");
    const panel = tools.panel("describe");
    await expect(panel.getByTestId("describe-start")).toBeDisabled();
    await expect(panel.getByTestId("describe-needs")).toContainText("connect Google (Gemini), OpenAI or Ideogram");
    await expect(panel.getByTestId("describe-needs").getByRole("link", { name: "Open Settings → Providers" })).toHaveAttribute("href", "/settings#providers");
    await page.screenshot({ path: testInfo.outputPath("describe-needs.png") });

    // A fake OpenAI (its Responses API describes pictures), connected as an administrator would.
    fake = await startFakeProvider("fake-provider-server.ts", ["openai", "sk-e2e-tools-describe-0001"]);
    const put = await request.put("/api/v1/admin/providers/openai", { data: { secret: "sk-e2e-tools-describe-0001", baseUrl: fake.baseUrl } });
    expect(put.status(), await put.text()).toBe(200);
    await page.reload();
    await new ImagePage(page).ready();
    await tools.open("describe");
    await expect(panel.getByTestId("describe-start")).toBeEnabled();
    await panel.getByTestId("describe-start").click();
    const text = panel.getByTestId("describe-text");
    await expect(text).not.toBeEmpty({ timeout: 30_000 });
    const described = (await text.textContent())!.trim();
    await expect(panel.getByTestId("describe-result")).toContainText("Written by OpenAI");
    await page.screenshot({ path: testInfo.outputPath("describe-result.png") });
    await panel.getByTestId("describe-use").click();
    await page.waitForURL((url) => url.pathname === "/");
    await expect(page.getByTestId("prompt-input")).toHaveValue(described);
  });
});

test("phone size and axe: the tools card, the rotate tab and the suggestion card", async ({ page, request }, testInfo) => {
  const audit = new AxeAudit(testInfo);
  const sourceId = await generate(request, "a mountain lake at noon");
  const { image, tools } = await openImage(page, sourceId);
  for (const tool of ["upscale", "background", "expand", "describe"] as const) {
    await tools.open(tool);
    await audit.check(page, `tools: ${tool}`, '[data-testid="tools-panels"]');
  }
  await image.openEditor();
  await page.getByTestId("rotate-tab").click();
  await page.getByTestId("orient-right").click();
  await audit.check(page, "edit: rotate", '[data-testid="edit-card"]');

  await page.setViewportSize({ width: 390, height: 844 });
  await tools.open("expand");
  await tools.card.scrollIntoViewIfNeeded();
  for (const tool of ["upscale", "background", "expand", "describe"] as const) await expect(tools.tab(tool)).toBeInViewport();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), "no sideways scrolling on a phone").toBe(true);
  await tools.card.screenshot({ path: testInfo.outputPath("phone-expand.png") });
  await tools.open("upscale");
  await tools.card.screenshot({ path: testInfo.outputPath("phone-upscale.png") });

  const gallery = new GalleryPage(page);
  await gallery.goto();
  await gallery.prompt.expectReady();
  await gallery.prompt.input.fill("a lighthouse");
  await page.getByTestId("enhance-button").click();
  await expect(page.getByTestId("enhance-suggestion")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await page.getByTestId("prompt-bar").screenshot({ path: testInfo.outputPath("phone-enhance.png") });
  await audit.check(page, "prompt: suggestion", '[data-testid="prompt-bar"]');
  await audit.expectClean();
});
