// The studio's gallery in a real browser: search, filters (provider, collection, favourites), the star, multi-select
// with the keyboard, the zip download and bulk delete of a selection, dragging images onto a collection, the main
// screens on a desktop and a phone, and a gallery of 2,000 images that loads only what is near the viewport.
import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type Page, type Request } from "@playwright/test";
import { strFromU8, unzipSync } from "fflate";
import { storedFiles } from "./api/support";
import { GalleryPage } from "./pages/gallery";
import { cloneImageRows, deleteSeededRows, imageRow } from "./support/seed-gallery";

test.describe.configure({ mode: "serial" });

/** A word no other spec uses, so searches find only this run's images. */
const tag = `gs${Date.now().toString(36)}`;

interface Image {
  id: string;
  prompt: string | null;
  provider: string | null;
  collectionId: string | null;
  favorite?: boolean;
}

const made: string[] = []; // real images (files of their own): deleted through the API at the end
const seeded: string[] = []; // copies sharing a real image's files: rows deleted directly
const collections: string[] = [];
const images: Record<string, Image> = {};

/** Generates one small image with the local renderer and waits for it. */
async function generate(request: APIRequestContext, prompt: string): Promise<Image> {
  const res = await request.post("/api/v1/generations", {
    headers: { Prefer: "wait" },
    data: { prompt, provider: "local", width: 256, height: 192 },
  });
  const text = await res.text();
  expect(res.status(), text).toBe(201);
  const image = JSON.parse(text).images[0] as Image;
  made.push(image.id);
  return image;
}

async function createCollection(request: APIRequestContext, name: string): Promise<{ id: string; name: string }> {
  const res = await request.post("/api/v1/collections", { data: { name } });
  expect(res.status(), await res.text()).toBe(201);
  const collection = await res.json();
  collections.push(collection.id);
  return collection;
}

const thumbnailRequest = (r: Request) => /\/api\/v1\/images\/[^/]+\/file\?variant=thumbnail$/.test(new URL(r.url()).pathname + new URL(r.url()).search);
const imageIdOf = (url: string) => new URL(url).pathname.split("/")[4];

test.beforeAll(async ({ playwright }, testInfo) => {
  const request = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  images.lighthouse = await generate(request, `${tag} amber lighthouse on a cliff`);
  images.orchard = await generate(request, `${tag} violet orchard in spring`);
  images.harbour = await generate(request, `${tag} quiet harbour at dawn`);
  await request.dispose();
});

test.afterAll(async ({ playwright }, testInfo) => {
  // The copies first: deleting their template through the API removes the files they share.
  deleteSeededRows(seeded);
  const request = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  const alive = made.filter((id) => imageRow(id));
  if (alive.length) expect((await request.post("/api/v1/images/bulk-delete", { data: { ids: alive, purge: true } })).status()).toBe(200);
  for (const id of collections) await request.delete(`/api/v1/collections/${id}`);
  await request.dispose();
});

test("search finds images by their prompt, and an empty result offers to clear it", async ({ page }) => {
  const gallery = new GalleryPage(page);
  await gallery.goto();
  await gallery.search.fill(`${tag} amber`);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${tag}`));
  await expect(gallery.list.getByTestId("gallery-item")).toHaveCount(1);
  await expect(gallery.tile(images.lighthouse.id)).toBeVisible();

  await gallery.search.fill(`${tag} violet ORCHARD`);
  await expect(gallery.tile(images.orchard.id)).toBeVisible();
  await expect(gallery.list.getByTestId("gallery-item")).toHaveCount(1);

  await gallery.search.fill(`${tag} no such picture`);
  const none = page.getByTestId("no-matches");
  await expect(none).toBeVisible();
  await expect(none).toContainText(`“${tag} no such picture”`);
  await none.getByTestId("no-matches-clear").click();
  await expect(gallery.search).toHaveValue("");
  await expect(gallery.tile(images.harbour.id)).toBeVisible();
  await expect(page).toHaveURL(/\/$/);
});

test("filters by provider, in the address bar too", async ({ page }) => {
  // The end-to-end server has only the local renderer: copies of a real image stand for OpenAI's pictures.
  const now = Date.now();
  const fromOpenAi = cloneImageRows(images.lighthouse.id, 3, (i) => ({
    prompt: `${tag} openai poster ${i}`,
    provider: "openai",
    model: "gpt-image-1",
    createdAt: new Date(now - i * 1000),
  }));
  seeded.push(...fromOpenAi);

  const gallery = new GalleryPage(page);
  await gallery.goto(`?q=${tag}`);
  await expect(gallery.tile(images.orchard.id)).toBeVisible();
  expect(await gallery.listedIds()).toEqual(expect.arrayContaining([...fromOpenAi, images.lighthouse.id, images.orchard.id]));

  await gallery.providerFilter.selectOption("openai");
  await expect(page).toHaveURL(/[?&]provider=openai/);
  await expect(gallery.tile(images.orchard.id)).toHaveCount(0);
  await gallery.settled();
  expect(await gallery.listedIds()).toEqual(fromOpenAi);
  await expect(gallery.providerBadge(fromOpenAi[0])).toHaveText("OpenAI");

  await gallery.providerFilter.selectOption("local");
  await expect(gallery.tile(images.orchard.id)).toBeVisible();
  await gallery.settled();
  const local = await gallery.listedIds();
  expect(local).toEqual(expect.arrayContaining([images.lighthouse.id, images.orchard.id, images.harbour.id]));
  expect(local.filter((id) => fromOpenAi.includes(id))).toEqual([]);

  // The address alone brings the filter back.
  await gallery.goto(`?q=${tag}&provider=openai`);
  await expect(gallery.providerFilter).toHaveValue("openai");
  await expect(gallery.list.getByTestId("gallery-item")).toHaveCount(3);
});

test("filters by collection with its chip", async ({ page, request }) => {
  const travel = await createCollection(request, `${tag} Travel`);
  const moved = await request.patch(`/api/v1/images/${images.harbour.id}`, { data: { collectionId: travel.id } });
  expect(moved.status()).toBe(200);

  const gallery = new GalleryPage(page);
  await gallery.goto();
  const chip = gallery.collections.chip(travel.name);
  await expect(gallery.collections.count(travel.name)).toHaveText("1");
  await chip.click();
  await expect(chip).toHaveAttribute("aria-pressed", "true");
  await expect(page).toHaveURL(new RegExp(`[?&]collection=${travel.id}`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(travel.name);
  await expect(gallery.list.getByTestId("gallery-item")).toHaveCount(1);
  await expect(gallery.tile(images.harbour.id)).toBeVisible();

  await page.getByTestId("collection-all").click();
  await expect(gallery.tile(images.orchard.id)).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Gallery");
});

test("a star makes a favourite, and the favourites filter shows only those", async ({ page }) => {
  const gallery = new GalleryPage(page);
  await gallery.goto(`?q=${tag}`);
  const star = gallery.star(images.orchard.id);
  await expect(star).toHaveAttribute("aria-pressed", "false");
  const saved = page.waitForResponse((r) => r.request().method() === "PATCH" && r.url().endsWith(`/api/v1/images/${images.orchard.id}`));
  await gallery.cell(images.orchard.id).hover();
  await star.click();
  expect((await saved).status()).toBe(200);
  await expect(star).toHaveAttribute("aria-pressed", "true");
  expect(imageRow(images.orchard.id)?.favorite).toBe(1);

  await gallery.favoritesFilter.click();
  await expect(gallery.favoritesFilter).toHaveAttribute("aria-pressed", "true");
  await expect(page).toHaveURL(/[?&]favorites=1/);
  await gallery.settled();
  await expect(gallery.list.getByTestId("gallery-item")).toHaveCount(1);
  expect(await gallery.listedIds()).toEqual([images.orchard.id]);

  // Kept by the server: a reload shows it starred and still filtered.
  await page.reload();
  await expect(gallery.star(images.orchard.id)).toHaveAttribute("aria-pressed", "true");
  await expect(gallery.list.getByTestId("gallery-item")).toHaveCount(1);
});

test("select with the checkbox, Shift for a range, Ctrl+A for all; Escape clears", async ({ page }) => {
  const gallery = new GalleryPage(page);
  await gallery.goto(`?q=${tag}`);
  await gallery.settled();
  const ids = await gallery.listedIds();
  expect(ids.length).toBeGreaterThanOrEqual(5);

  await gallery.select(ids[0]);
  await expect(gallery.selectionCount).toHaveText("1 selected");
  await gallery.select(ids[3], { shift: true });
  await expect(gallery.selectionCount).toHaveText("4 selected");
  for (const id of ids.slice(0, 4)) await expect(gallery.checkbox(id)).toHaveAttribute("aria-checked", "true");
  await expect(gallery.checkbox(ids[4])).toHaveAttribute("aria-checked", "false");
  // While selecting, a click on a tile selects it instead of opening it.
  await gallery.tile(ids[4]).click();
  await expect(gallery.selectionCount).toHaveText("5 selected");
  await expect(page).toHaveURL(/\/\?q=/);

  await page.keyboard.press("Escape");
  await expect(gallery.selectionBar).toHaveCount(0);
  await gallery.tile(ids[0]).focus();
  // Ctrl+A: all matching the filters, counted by the server.
  await page.keyboard.press("ControlOrMeta+a");
  await expect(gallery.selectionCount).toHaveText(`All ${ids.length} matching selected`);
  await page.keyboard.press("Escape");
  await expect(gallery.selectionBar).toHaveCount(0);

  // The arrow keys move between tiles.
  await gallery.tile(ids[0]).focus();
  await page.keyboard.press("ArrowRight");
  await expect(gallery.tile(ids[1])).toBeFocused();
});

test("Download zip holds the selected images' files and a manifest", async ({ page, request }, testInfo) => {
  const gallery = new GalleryPage(page);
  await gallery.goto(`?q=${tag}&provider=local`);
  await gallery.select(images.lighthouse.id);
  await gallery.select(images.orchard.id);
  await expect(gallery.selectionCount).toHaveText("2 selected");

  const download = await gallery.downloadSelection();
  expect(download.suggestedFilename()).toMatch(/^image-studio-\d{8}-\d{6}-2\.zip$/);
  const saved = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(saved);
  const zip = unzipSync(new Uint8Array(readFileSync(saved)));
  const names = Object.keys(zip);
  expect(names).toHaveLength(3);
  expect(names.at(-1)).toBe("manifest.json");
  const manifest = JSON.parse(strFromU8(zip["manifest.json"]));
  expect(manifest.count).toBe(2);

  for (const image of [images.lighthouse, images.orchard]) {
    const name = names.find((n) => n.includes(image.id));
    expect(name, `${image.id} in ${names.join(", ")}`).toMatch(new RegExp(`^${tag}-[a-z0-9-]+-${image.id}\\.png$`));
    const original = await request.get(`/api/v1/images/${image.id}/file`);
    expect(Buffer.from(zip[name!]).equals(Buffer.from(await original.body())), `${name} has the original's bytes`).toBe(true);
    expect(manifest.images.find((m: { id: string }) => m.id === image.id)).toMatchObject({ file: name, prompt: image.prompt, provider: "local", model: "local-v1" });
  }
  await expect(gallery.toasts.last()).toContainText("2 images downloaded");
});

test("Move to trash takes the selected images out of the gallery, after a confirmation; their files stay until purged", async ({ page, request }) => {
  const doomed = [await generate(request, `${tag} doomed one`), await generate(request, `${tag} doomed two`)];
  const gallery = new GalleryPage(page);
  await gallery.goto(`?q=${tag}%20doomed`);
  await expect(gallery.list.getByTestId("gallery-item")).toHaveCount(2);
  const files = () => storedFiles().filter((key) => doomed.some((d) => key.includes(d.id)));
  expect(files().length).toBeGreaterThanOrEqual(4);

  await gallery.tile(doomed[0].id).focus();
  await page.keyboard.press("ControlOrMeta+a");
  await expect(gallery.selectionCount).toHaveText("All 2 matching selected");
  // Cancel keeps everything.
  await gallery.selectionBar.getByTestId("selection-delete").click();
  await expect(gallery.confirmDialog).toContainText("Move all 2 images matching the filters to the trash?");
  await gallery.confirmDialog.getByRole("button", { name: "Cancel" }).click();
  await expect(gallery.confirmDialog).toBeHidden();
  await expect(gallery.list.getByTestId("gallery-item")).toHaveCount(2);

  const answer = await gallery.deleteSelection();
  expect(answer.deleted.sort()).toEqual(doomed.map((d) => d.id).sort());
  expect(answer.notFound).toEqual([]);
  await expect(gallery.list.getByTestId("gallery-item")).toHaveCount(0);
  await expect(page.getByTestId("no-matches")).toBeVisible();
  await expect(gallery.toasts.last()).toContainText("2 images moved to the trash");
  for (const d of doomed) expect((await (await request.get(`/api/v1/images/${d.id}`)).json()).deletedAt).not.toBeNull();
  expect(files().length).toBeGreaterThanOrEqual(4);
  // For good: rows and files.
  expect((await request.post("/api/v1/images/bulk-delete", { data: { ids: doomed.map((d) => d.id), purge: true } })).status()).toBe(200);
  for (const d of doomed) expect((await request.get(`/api/v1/images/${d.id}`)).status()).toBe(404);
  expect(files()).toEqual([]);
});

test("dragging a tile, or the selection, onto a collection adds them to it", async ({ page, request }) => {
  const board = await createCollection(request, `${tag} Board`);
  const gallery = new GalleryPage(page);
  await gallery.goto(`?q=${tag}`);
  await expect(gallery.collections.count(board.name)).toHaveText("0");

  expect(await gallery.collections.dragOnto(images.lighthouse.id, board.name)).toEqual([200]);
  await expect(gallery.toasts.last()).toContainText(`1 image added to “${board.name}”`);
  await expect(gallery.collections.count(board.name)).toHaveText("1");
  expect(imageRow(images.lighthouse.id)?.collectionId).toBe(board.id);

  // The selection travels together when one of its tiles is dragged.
  await gallery.select(images.orchard.id);
  await gallery.select(images.harbour.id);
  expect(await gallery.collections.dragOnto(images.harbour.id, board.name, 2)).toEqual([200, 200]);
  await expect(gallery.toasts.last()).toContainText(`2 images added to “${board.name}”`);
  await expect(gallery.collections.count(board.name)).toHaveText("3");
  for (const image of [images.orchard, images.harbour]) expect(imageRow(image.id)?.collectionId).toBe(board.id);

  // And the collection's chip shows them.
  await gallery.collections.chip(board.name).click();
  await gallery.settled();
  expect((await gallery.listedIds()).sort()).toEqual([images.lighthouse.id, images.orchard.id, images.harbour.id].sort());
});

/** Tiles in the first row of the justified layout (they share its top and its height). */
const firstRowColumns = (page: Page) =>
  page.getByTestId("gallery-list").locator("li[data-index]").evaluateAll((cells) => {
    const boxes = cells.map((c) => c.getBoundingClientRect());
    const row = boxes.filter((b) => Math.round(b.top) === Math.round(boxes[0].top));
    return row.every((b) => Math.abs(b.height - row[0].height) < 1) ? row.length : -1;
  });

test("screenshots of the gallery: desktop and phone, light", async ({ page, browser }, testInfo) => {
  const shoot = async (p: Page, name: string, fullPage = false) => {
    const file = testInfo.outputPath(`${name}.png`);
    await p.screenshot({ path: file, fullPage });
    await testInfo.attach(name, { path: file, contentType: "image/png" });
  };
  const loaded = async (p: Page) => {
    const g = new GalleryPage(p);
    await g.settled();
    await expect
      .poll(() => p.getByTestId("gallery-list").locator("img").evaluateAll((imgs) => imgs.slice(0, 6).every((i) => (i as HTMLImageElement).complete)))
      .toBe(true);
  };

  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1280, height: 900 });
  const gallery = new GalleryPage(page);
  await gallery.goto();
  await loaded(page);
  // Pictures at their own aspect ratio: 4 to 9 a row on a desktop (6 for squares), 2 or 3 on a phone.
  expect(await firstRowColumns(page)).toBeGreaterThanOrEqual(4);
  expect(await firstRowColumns(page)).toBeLessThanOrEqual(9);
  await shoot(page, "gallery-desktop");
  await gallery.goto(`?q=${tag}`);
  await loaded(page);
  await gallery.select(images.lighthouse.id);
  await gallery.select(images.orchard.id);
  await shoot(page, "gallery-desktop-selection");
  await gallery.goto(`?q=${tag}%20nothing%20at%20all`);
  await shoot(page, "gallery-desktop-no-matches");

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, colorScheme: "light", baseURL: testInfo.project.use.baseURL });
  const small = await phone.newPage();
  const onPhone = new GalleryPage(small);
  await onPhone.goto();
  await loaded(small);
  expect(await firstRowColumns(small)).toBeGreaterThanOrEqual(2);
  expect(await firstRowColumns(small)).toBeLessThanOrEqual(3);
  await shoot(small, "gallery-phone");
  await small.evaluate(() => window.scrollTo(0, document.querySelector('[data-testid="gallery-list"]')!.getBoundingClientRect().top + window.scrollY - 70));
  await shoot(small, "gallery-phone-grid");
  await phone.close();
});

test("a gallery of 2,000 images loads only the thumbnails near the viewport", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  // One real stored image, 2,000 rows sharing its files: the newest 2,000 of the gallery.
  const now = Date.now() + 60_000;
  const bulk = cloneImageRows(images.orchard.id, 2000, (i) => ({ prompt: `${tag} bulk ${i}`, createdAt: new Date(now - i * 10) }), "bulk");
  seeded.push(...bulk);

  const thumbnails: string[] = [];
  const pages: string[] = [];
  // The collections' chips show their covers (the named images, on several boards now): not the list's tiles.
  const covers = new Set(Object.values(images).map((i) => i.id));
  page.on("request", (r) => {
    if (thumbnailRequest(r) && !covers.has(imageIdOf(r.url()))) thumbnails.push(imageIdOf(r.url()));
    else if (new URL(r.url()).pathname === "/api/v1/images" && r.method() === "GET") pages.push(r.url());
  });
  await page.setViewportSize({ width: 1280, height: 900 });
  const gallery = new GalleryPage(page);
  await gallery.goto();
  await gallery.expectThumbnailLoaded(bulk[0]);
  await page.waitForTimeout(500);

  const tilesInDom = () => page.getByTestId("gallery-item").count();
  const mountedMax = () => gallery.list.locator("li[data-index]").evaluateAll((cells) => Math.max(...cells.map((c) => Number((c as HTMLElement).dataset.index))));
  const first = thumbnails.length;
  expect(first).toBeGreaterThan(0);
  expect(first, "thumbnails requested on opening").toBeLessThanOrEqual(150);
  expect(await tilesInDom()).toBeLessThanOrEqual(120);
  expect(new Set(thumbnails).size).toBe(thumbnails.length);
  // Only images from the start of the list.
  expect(thumbnails.every((id) => bulk.indexOf(id) >= 0 && bulk.indexOf(id) < first + 60)).toBe(true);

  // Scroll down eight screens, a screen at a time.
  let reached = await mountedMax();
  for (let screen = 0; screen < 8; screen++) {
    await page.mouse.wheel(0, 900);
    await page.waitForTimeout(250);
    reached = Math.max(reached, await mountedMax());
    expect(await tilesInDom(), "tiles mounted at once").toBeLessThanOrEqual(120);
  }
  await expect
    .poll(async () => {
      const cells = await gallery.list.locator("li[data-index]").evaluateAll((lis) =>
        lis.filter((li) => {
          const r = li.getBoundingClientRect();
          return r.bottom > 0 && r.top < window.innerHeight;
        }).map((li) => (li.querySelector("img") as HTMLImageElement).complete),
      );
      return cells.length > 0 && cells.every(Boolean);
    })
    .toBe(true);
  await page.waitForTimeout(300);
  reached = Math.max(reached, await mountedMax());

  const after = thumbnails.length;
  expect(after, "scrolling loads new thumbnails").toBeGreaterThan(first);
  expect(reached).toBeGreaterThan(150);
  // Never more than the tiles mounted so far: the ones scrolled past and the rows around the viewport.
  expect(after, `thumbnails requested after scrolling to tile ${reached}`).toBeLessThanOrEqual(reached + 1);
  expect(after).toBeLessThan(500);
  expect(thumbnails.every((id) => bulk.indexOf(id) >= 0 && bulk.indexOf(id) <= reached)).toBe(true);
  // Pages of the list were asked for as they were needed, not all 2,000 at once.
  expect(pages.length).toBeLessThanOrEqual(Math.ceil((reached + 1) / 48) + 3);
  expect(await tilesInDom()).toBeLessThanOrEqual(120);
  testInfo.annotations.push({
    type: "measured",
    description: `2,000 images: ${first} thumbnails on opening; after 8 screens (down to tile ${reached}): ${after} thumbnails, ${pages.length} list requests, ${await tilesInDom()} tiles in the DOM`,
  });
  console.log(testInfo.annotations.at(-1)!.description);
});
