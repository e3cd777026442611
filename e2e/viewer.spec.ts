// The image viewer in a real browser, on a desktop and a phone: opened from a filtered gallery, zoom (keys, wheel,
// double-click) and pan (drag, arrows), ← and → through the gallery's order (further pages fetched with the same
// filters), Esc back to the gallery at the same scroll position, the edit mode on demand, a download with a pending
// crop that gives the cropped file, and the star and rating kept over a reload.
import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import sharp from "sharp";
import { GalleryPage } from "./pages/gallery";
import { ImagePage } from "./pages/image";
import { drawQuadrants } from "./support/draw";
import { cloneImageRows, deleteSeededRows, imageRow } from "./support/seed-gallery";

test.describe.configure({ mode: "serial" });

/** A word no other spec uses, so the search finds only this run's copies. */
const tag = `vw${Date.now().toString(36)}`;
const made: string[] = []; // real images: deleted through the API at the end
let seeded: string[] = []; // copies sharing the template's files: rows deleted directly
let templateId = "";

async function upload(request: APIRequestContext, file: string, name: string): Promise<string> {
  const res = await request.post("/api/v1/images", { multipart: { file: { name, mimeType: "image/png", buffer: readFileSync(file) } } });
  expect(res.status(), await res.text()).toBe(201);
  const id = (await res.json()).id as string;
  made.push(id);
  return id;
}

test.beforeAll(async ({ playwright }, testInfo) => {
  const request = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  // Larger than any screen: fit is below 100%, so zoom, pan and double-click all have room.
  templateId = await upload(request, await drawQuadrants(testInfo.outputPath("viewer-template.png"), 2400, 1600), "viewer-template.png");
  // 30 copies matching the search, newest first in index order (copy 0 is the newest), and 3 that do not match.
  const now = Date.now();
  seeded = cloneImageRows(templateId, 30, (i) => ({ prompt: `${tag} walk number ${i}`, createdAt: new Date(now - 60_000 * (i + 1)) }), "vw");
  seeded.push(...cloneImageRows(templateId, 3, (i) => ({ prompt: `unrelated ${i}`, createdAt: new Date(now - 30_000 * (i + 1)) }), "vx"));
  await request.dispose();
});

test.afterAll(async ({ playwright }, testInfo) => {
  deleteSeededRows(seeded);
  const request = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  for (const id of made.reverse()) await request.delete(`/api/v1/images/${id}`);
  await request.dispose();
});

const matching = () => seeded.slice(0, 30);

/** Waits for the image page of `id` with its gallery position known (the keys are live). */
async function expectViewerOf(page: Page, id: string, position?: number) {
  await page.waitForURL((url) => url.pathname === `/images/${id}`);
  await expect(page.getByTestId("image-details")).toBeVisible();
  if (position !== undefined) await expect(page.getByTestId("viewer-position")).toContainText(`${position} of`);
}

const scrollY = (page: Page) => page.evaluate(() => Math.round(window.scrollY));

/** axe's critical and serious findings on the viewer's own parts (top bar, stage, view toolbar, edit and download cards). */
async function viewerViolations(page: Page, state: string): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .include("main > header")
    .include('[data-testid="viewer"]')
    .include('[role="toolbar"][aria-label="View"]')
    .include('[data-testid="edit-card"]')
    .include('[data-testid="export-what"]')
    .include('[data-testid="export-download"]')
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
    .options({ rules: { "label-content-name-mismatch": { enabled: true } } })
    .analyze();
  return results.violations
    .filter((v) => v.impact === "critical" || v.impact === "serious")
    .flatMap((v) => v.nodes.map((n) => `${state}: ${v.id} (${v.impact}) at ${n.target.join(" ")}`));
}

for (const [name, viewport] of [
  ["desktop", { width: 1280, height: 900 }],
  ["phone", { width: 390, height: 844 }],
] as const) {
  test.describe(name, () => {
    test.use({ viewport });

    test(`${name}: opened from a filtered gallery, → and ← follow its order, Esc returns to the same scroll position`, async ({ page }) => {
      const gallery = new GalleryPage(page);
      await gallery.goto(`?q=${tag}`);
      await gallery.settled();
      // Only the 30 matching copies, newest first.
      await expect.poll(async () => (await gallery.listedIds()).filter((id) => seeded.slice(30).includes(id))).toEqual([]);
      // Scroll down, then open a tile that is on screen there.
      await page.evaluate(() => window.scrollTo(0, 600));
      await expect.poll(() => scrollY(page)).toBeGreaterThan(300);
      const before = await scrollY(page);
      const onScreen = await page.locator('[data-testid="gallery-item"]').evaluateAll((links) =>
        links.filter((a) => {
          const r = a.getBoundingClientRect();
          return r.top > 80 && r.bottom < window.innerHeight - 40;
        }).map((a) => a.getAttribute("data-image-id")!),
      );
      const opened = onScreen.find((id) => matching().indexOf(id) >= 1 && matching().indexOf(id) <= 27)!;
      expect(opened, `a tile on screen among ${onScreen.join(", ")}`).toBeTruthy();
      const at = matching().indexOf(opened);
      await gallery.page.locator(`[data-testid="gallery-item"][data-image-id="${opened}"]`).click();
      await expectViewerOf(page, opened, at + 1);

      // → twice, ← once: the gallery's order; the buttons say the same.
      await page.keyboard.press("ArrowRight");
      await expectViewerOf(page, matching()[at + 1], at + 2);
      await page.keyboard.press("ArrowRight");
      await expectViewerOf(page, matching()[at + 2], at + 3);
      await page.keyboard.press("ArrowLeft");
      await expectViewerOf(page, matching()[at + 1], at + 2);
      await page.getByTestId("viewer-previous").click();
      await expectViewerOf(page, opened, at + 1);

      // Esc: back to the same filtered gallery, scrolled where it was, with the opened tile on screen.
      await page.keyboard.press("Escape");
      await page.waitForURL((url) => url.pathname === "/" && url.searchParams.get("q") === tag);
      await gallery.settled();
      await expect.poll(() => scrollY(page)).toBeGreaterThan(before - 8);
      expect(Math.abs((await scrollY(page)) - before)).toBeLessThanOrEqual(8);
      await expect(page.locator(`[data-testid="gallery-item"][data-image-id="${opened}"]`)).toBeInViewport();
    });

    test(`${name}: at the end of the known list, → fetches the gallery's next page with the same filters`, async ({ page }) => {
      // The gallery had loaded three images when one was opened (a real page of the API, with its cursor).
      const first = await (await page.request.get(`/api/v1/images?q=${tag}&limit=3`)).json();
      expect(first.items.map((i: { id: string }) => i.id)).toEqual(matching().slice(0, 3));
      await page.goto("/");
      await page.evaluate(
        ({ items, nextCursor, q }) =>
          sessionStorage.setItem(
            "image-studio:gallery-order",
            JSON.stringify({ filters: { q, kind: "", collectionId: "", provider: "", favorites: false, from: "", to: "" }, items, nextCursor, scrollY: 0 }),
          ),
        { items: first.items, nextCursor: first.nextCursor, q: tag },
      );
      const asked: string[] = [];
      page.on("request", (r) => new URL(r.url()).pathname === "/api/v1/images" && asked.push(new URL(r.url()).search));
      await page.goto(`/images/${matching()[2]}`);
      await expectViewerOf(page, matching()[2], 3);
      await page.keyboard.press("ArrowRight");
      await expectViewerOf(page, matching()[3], 4);
      await page.getByTestId("viewer-next").click();
      await expectViewerOf(page, matching()[4], 5);
      // The page after the known three: the same search, from the gallery's cursor.
      const further = asked.map((query) => new URLSearchParams(query)).filter((p) => p.get("cursor"));
      expect(further.length).toBeGreaterThanOrEqual(1);
      expect(further[0].get("q")).toBe(tag);
      expect(further[0].get("cursor")).toBe(first.nextCursor);
    });

    test(`${name}: zoom with keys, wheel and double-click; pan by dragging and with the arrows`, async ({ page }) => {
      const image = new ImagePage(page);
      await image.goto(templateId);
      await image.expectPreviewLoaded();
      const fit = await image.scale();
      expect(fit).toBeLessThan(1);
      // The picture at its true aspect ratio, fitted inside the stage.
      const box = await image.frameBox();
      expect(box.width / box.height).toBeCloseTo(1.5, 1);
      const stage = (await image.stage.boundingBox())!;
      expect(box.width).toBeLessThanOrEqual(stage.width + 1);
      expect(box.height).toBeLessThanOrEqual(stage.height + 1);

      await page.keyboard.press("+");
      await expect.poll(() => image.scale()).toBeCloseTo(fit * 1.25, 3);
      await page.keyboard.press("-");
      await expect.poll(() => image.scale()).toBeCloseTo(fit, 3);
      await page.mouse.move(stage.x + stage.width / 2, stage.y + stage.height / 2);
      await page.mouse.wheel(0, -200);
      await expect.poll(() => image.scale()).toBeGreaterThan(fit * 1.3);
      await page.keyboard.press("0");
      await expect.poll(() => image.scale()).toBeCloseTo(fit, 3);

      // Double-click: 100%, and back to fit.
      await page.mouse.dblclick(stage.x + stage.width / 2, stage.y + stage.height / 2);
      await expect.poll(() => image.scale()).toBeCloseTo(1, 3);
      await expect(page.getByTestId("viewer-zoom")).toHaveText("100%");

      // Drag moves the picture with the pointer; → pans (the page stays on this image) instead of stepping.
      const start = await image.frameBox();
      await page.mouse.move(stage.x + stage.width / 2, stage.y + stage.height / 2);
      await page.mouse.down();
      await page.mouse.move(stage.x + stage.width / 2 - 120, stage.y + stage.height / 2 - 60, { steps: 6 });
      await page.mouse.up();
      const dragged = await image.frameBox();
      expect(dragged.x).toBeCloseTo(start.x - 120, 0);
      expect(dragged.y).toBeCloseTo(start.y - 60, 0);
      await page.keyboard.press("ArrowRight");
      await expect.poll(async () => (await image.frameBox()).x).toBeCloseTo(dragged.x - 80, 0);
      expect(image.currentId()).toBe(templateId);
      await page.mouse.dblclick(stage.x + stage.width / 2, stage.y + stage.height / 2);
      await expect.poll(() => image.scale()).toBeCloseTo(fit, 3);
    });

    test(`${name}: the edit mode opens on demand; a download with a pending crop gives the cropped file`, async ({ page }) => {
      const image = new ImagePage(page);
      await image.goto(templateId);
      await image.expectPreviewLoaded();
      await expect(image.editor.card).toBeHidden();
      await expect(page.getByTestId("crop-box")).toHaveCount(0);
      await page.keyboard.press("e");
      await expect(image.editor.card).toBeVisible();
      await expect(page.getByTestId("crop-box")).toBeVisible();
      await expect(image.editor.toggle).toHaveAttribute("aria-pressed", "true");
      // Esc closes the editor first (the page stays).
      await page.keyboard.press("Escape");
      await expect(image.editor.card).toBeHidden();
      expect(image.currentId()).toBe(templateId);

      await image.editor.setCrop({ x: 200, y: 100, width: 1000, height: 600 });
      await image.editor.toggle.click();
      await expect(image.editor.card).toBeHidden();
      await expect(page.getByTestId("crop-shade")).toBeVisible();
      // The download card says what it will save, and offers the original too.
      await expect(page.getByTestId("export-what")).toContainText("Crop 1000 × 600");
      await expect(page.getByTestId("export-download")).toHaveText(/Download as shown \(PNG\)/);
      await page.getByTestId("export-original").check();
      await expect(page.getByTestId("export-download")).toHaveText(/Download original \(PNG\)/);
      await page.getByTestId("export-as-shown").check();
      const downloading = page.waitForEvent("download");
      await page.getByTestId("export-download").click();
      const download = await downloading;
      const file = await download.path();
      const meta = await sharp(readFileSync(file)).metadata();
      expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({ format: "png", width: 1000, height: 600 });
      // The edits were saved as a new image, which the page now shows.
      await page.waitForURL((url) => url.pathname.startsWith("/images/") && !url.pathname.endsWith(templateId));
      made.push(image.currentId());
      await image.expectDimensions(1000, 600);
    });

    test(`${name}: the refine mask is painted on the large picture, at any zoom, without moving it`, async ({ page }) => {
      const image = new ImagePage(page);
      await image.goto(templateId);
      await image.expectPreviewLoaded();
      await page.getByTestId("refine-tab").click();
      await page.getByTestId("refine-mask").selectOption("paint");
      const canvas = page.getByTestId("mask-canvas");
      await expect(canvas).toBeVisible();
      // The brush lies over the viewer's picture, not on a small copy in the card.
      const over = async () => {
        const [c, f] = [(await canvas.boundingBox())!, await image.frameBox()];
        return [Math.round(c.x - f.x), Math.round(c.y - f.y), Math.round(c.width - f.width), Math.round(c.height - f.height)];
      };
      expect(await over()).toEqual([0, 0, 0, 0]);
      await page.getByTestId("zoom-in").click();
      await page.getByTestId("zoom-in").click();
      await expect.poll(over).toEqual([0, 0, 0, 0]);
      await image.stage.scrollIntoViewIfNeeded();
      const before = await image.frameBox();
      const stage = (await image.stage.boundingBox())!;
      await page.mouse.move(stage.x + stage.width * 0.4, stage.y + stage.height * 0.4);
      await page.mouse.down();
      await page.mouse.move(stage.x + stage.width * 0.6, stage.y + stage.height * 0.6, { steps: 8 });
      await page.mouse.up();
      await expect.poll(async () => Number(await page.getByTestId("mask-painter").getAttribute("data-coverage"))).toBeGreaterThan(0);
      // Painting is not panning.
      const after = await image.frameBox();
      expect([after.x, after.y]).toEqual([before.x, before.y]);
      // Another tab hides the brush (its strokes are kept); back on Refine it is there again.
      await page.getByTestId("variations-tab").click();
      await expect(canvas).toBeHidden();
      await page.getByTestId("refine-tab").click();
      await expect(canvas).toBeVisible();
      expect(Number(await page.getByTestId("mask-painter").getAttribute("data-coverage"))).toBeGreaterThan(0);
    });

    test(`${name}: the viewer's states have no critical or serious axe findings`, async ({ page }) => {
      const image = new ImagePage(page);
      await image.goto(templateId);
      await image.expectPreviewLoaded();
      const found = await viewerViolations(page, "fitted");
      await page.keyboard.press("+");
      await page.keyboard.press("f");
      await page.keyboard.press("3");
      found.push(...(await viewerViolations(page, "zoomed, starred, rated")));
      await image.editor.setCrop({ x: 0, y: 0, width: 1200, height: 800 });
      found.push(...(await viewerViolations(page, "edit mode with a pending crop")));
      await page.keyboard.press("Escape");
      await expect(page.getByTestId("export-what")).toBeVisible();
      found.push(...(await viewerViolations(page, "download with pending edits")));
      expect(found).toEqual([]);
      // Put the star and rating back for the other tests.
      await page.keyboard.press("f");
      await page.keyboard.press("3");
      await expect(image.rating).toHaveAttribute("data-rating", "0");
    });

    test(`${name}: the star and the rating, by keyboard and pointer, are kept over a reload`, async ({ page }) => {
      const id = matching()[name === "desktop" ? 5 : 6];
      const image = new ImagePage(page);
      await image.goto(id);
      await expect(image.favorite).toHaveAttribute("aria-pressed", "false");
      await expect(image.rating).toHaveAttribute("data-rating", "0");
      const saved = () => page.waitForResponse((r) => r.request().method() === "PATCH" && r.url().endsWith(`/api/v1/images/${id}`));
      let patch = saved();
      await page.keyboard.press("f");
      await patch;
      await expect(image.favorite).toHaveAttribute("aria-pressed", "true");
      patch = saved();
      await page.keyboard.press("4");
      await patch;
      await expect(image.rating).toHaveAttribute("data-rating", "4");
      patch = saved();
      await page.getByTestId("viewer-rate-2").click();
      await patch;
      await expect(page.getByTestId("viewer-rate-2")).toHaveAttribute("aria-pressed", "true");
      expect(imageRow(id)).toMatchObject({ rating: 2, favorite: 1 });

      await page.reload();
      await image.ready();
      await expect(image.favorite).toHaveAttribute("aria-pressed", "true");
      await expect(image.rating).toHaveAttribute("data-rating", "2");
      // The same number again clears the rating; F again takes the star off.
      await expect(page.getByTestId("viewer-position")).toHaveCount(0);
      patch = saved();
      await page.keyboard.press("2");
      await patch;
      patch = saved();
      await image.favorite.focus();
      await page.keyboard.press("Enter");
      await patch;
      await page.reload();
      await expect(image.favorite).toHaveAttribute("aria-pressed", "false");
      await expect(image.rating).toHaveAttribute("data-rating", "0");
      expect(imageRow(id)).toMatchObject({ rating: null, favorite: 0 });
    });
  });
}
