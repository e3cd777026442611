// The gallery at the pictures' own shapes: justified rows where every tile has its image's aspect ratio, a job's
// images framed together under its prompt (each keeping its own open, star, select and download), the arrow keys
// between tiles, and on a phone the star tapped without any hover, the rating shown on the tile.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { GalleryPage } from "./pages/gallery";

test.describe.configure({ mode: "serial" });

const tag = `gl${Date.now().toString(36)}`;

interface Image {
  id: string;
  width: number;
  height: number;
  jobId: string | null;
  prompt: string | null;
  favorite: boolean;
  rating: number | null;
}

const made: string[] = [];
const shapes: Image[] = [];
let job: { id: string; images: Image[] };

async function generate(request: APIRequestContext, prompt: string, size: { width: number; height: number }, n = 1): Promise<{ id: string; images: Image[] }> {
  const res = await request.post("/api/v1/generations", { headers: { Prefer: "wait" }, data: { prompt, provider: "local", n, ...size } });
  const text = await res.text();
  expect(res.status(), text).toBe(201);
  const body = JSON.parse(text) as { id: string; images: Image[] };
  made.push(...body.images.map((i) => i.id));
  return body;
}

test.beforeAll(async ({ playwright }, testInfo) => {
  const request = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  const sizes = [
    { width: 512, height: 256 },
    { width: 256, height: 512 },
    { width: 384, height: 384 },
    { width: 448, height: 256 },
    { width: 256, height: 384 },
  ];
  for (const [i, size] of sizes.entries()) shapes.push(...(await generate(request, `${tag} shape ${i} lighthouse`, size)).images);
  job = await generate(request, `${tag} grid of four foxes`, { width: 320, height: 256 }, 4);
  await request.dispose();
});

test.afterAll(async ({ playwright }, testInfo) => {
  const request = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  if (made.length) await request.post("/api/v1/images/bulk-delete", { data: { ids: made, purge: true } });
  await request.dispose();
});

test("every tile has its image's aspect ratio, and the tiles of a row share one height", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const gallery = new GalleryPage(page);
  await gallery.goto(`?q=${tag}%20shape`);
  await expect(gallery.list.getByTestId("gallery-item")).toHaveCount(shapes.length);
  const boxes = await gallery.tileBoxes();
  expect(boxes).toHaveLength(shapes.length);
  for (const box of boxes) {
    const image = shapes.find((s) => s.id === box.id)!;
    // within 2% (the last tile of a row takes the row's rounding)
    expect(box.width / box.height, `${image.width}×${image.height}`).toBeCloseTo(image.width / image.height, 1);
    expect(Math.abs(box.width / box.height / (image.width / image.height) - 1)).toBeLessThan(0.02);
    const img = await gallery.tile(box.id).locator("img").boundingBox();
    expect(Math.abs(img!.width - box.width)).toBeLessThan(1); // the picture fills its tile: no square crop
  }
  const rows = new Map<number, number[]>();
  for (const b of boxes) rows.set(Math.round(b.y), [...(rows.get(Math.round(b.y)) ?? []), b.height]);
  for (const heights of rows.values()) expect(Math.max(...heights) - Math.min(...heights)).toBeLessThan(1);
  // not square crops: a 2:1 tile is twice as wide as it is tall
  const wide = boxes.find((b) => b.id === shapes[0].id)!;
  expect(wide.width / wide.height).toBeGreaterThan(1.9);
});

test("a job's four images show together as one group, the prompt once, each with its own actions", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const gallery = new GalleryPage(page);
  await gallery.goto(`?q=${tag}`);
  expect(new Set(job.images.map((i) => i.jobId))).toEqual(new Set([job.id]));
  const group = gallery.group(job.id);
  await expect(group).toHaveCount(1);
  await expect(group).toHaveAttribute("data-count", "4");
  await expect(group.getByTestId("job-group-prompt")).toHaveText(`${tag} grid of four foxes`);
  await expect(gallery.groups).toHaveCount(1); // single-image jobs are not framed
  const frame = (await group.boundingBox())!;
  const boxes = await gallery.tileBoxes();
  const members = boxes.filter((b) => job.images.some((i) => i.id === b.id));
  expect(members).toHaveLength(4);
  // side by side in one row inside the frame, under its heading, and adjacent in the list
  for (const b of members) {
    expect(b.x).toBeGreaterThanOrEqual(frame.x);
    expect(b.x + b.width).toBeLessThanOrEqual(frame.x + frame.width + 0.5);
    expect(b.y - (await page.evaluate(() => window.scrollY))).toBeGreaterThan(frame.y);
    expect(Math.round(b.y)).toBe(Math.round(members[0].y));
  }
  expect(members.map((b) => b.index).sort((a, c) => a - c)).toEqual([0, 1, 2, 3].map((k) => members[0].index + k).sort((a, c) => a - c));
  const outside = boxes.filter((b) => !job.images.some((i) => i.id === b.id));
  for (const b of outside) expect(b.y + b.height <= members[0].y || b.y >= members[0].y + members[0].height).toBe(true);

  // Each image of the group keeps its own actions: open, star, select, download.
  const [first, second] = job.images;
  await expect(gallery.tile(first.id)).toHaveAttribute("href", `/images/${first.id}`);
  await gallery.cell(second.id).hover();
  await gallery.star(second.id).click();
  await expect(gallery.star(second.id)).toHaveAttribute("aria-pressed", "true");
  await expect(gallery.star(first.id)).toHaveAttribute("aria-pressed", "false");
  await gallery.select(first.id);
  await expect(gallery.selectionCount).toHaveText("1 selected");
  await page.keyboard.press("Escape");
  await gallery.cell(first.id).hover();
  const download = page.waitForEvent("download");
  await gallery.cell(first.id).getByTestId("tile-download").click();
  expect((await download).suggestedFilename()).toMatch(/\.(png|jpe?g|webp|avif)$/);
});

test("the arrow keys move between tiles across the justified rows", async ({ page }) => {
  await page.setViewportSize({ width: 700, height: 900 });
  const gallery = new GalleryPage(page);
  await gallery.goto(`?q=${tag}%20shape`);
  const boxes = await gallery.tileBoxes();
  const byIndex = [...boxes].sort((a, b) => a.index - b.index);
  await gallery.tile(byIndex[0].id).focus();
  await page.keyboard.press("ArrowRight");
  await expect(gallery.tile(byIndex[1].id)).toBeFocused();
  await page.keyboard.press("ArrowLeft");
  await expect(gallery.tile(byIndex[0].id)).toBeFocused();
  // Down: a tile of the next row (the nearest one below)
  await page.keyboard.press("ArrowDown");
  const below = byIndex.find((b) => b.y > byIndex[0].y + 1)!;
  const focused = await page.evaluate(() => document.activeElement?.getAttribute("data-image-id"));
  const focusedBox = boxes.find((b) => b.id === focused)!;
  expect(Math.round(focusedBox.y)).toBe(Math.round(below.y));
  await page.keyboard.press("ArrowUp");
  await expect(gallery.tile(byIndex[0].id)).toBeFocused();
  await page.keyboard.press("End");
  await expect(gallery.tile(byIndex.at(-1)!.id)).toBeFocused();
});

test("on a phone the star is visible without hover and a tap favourites; a rating shows on the tile", async ({ browser, request }, testInfo) => {
  const target = shapes[2];
  const rated = await request.patch(`/api/v1/images/${target.id}`, { data: { rating: 4 } });
  expect(rated.status(), await rated.text()).toBe(200);
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, baseURL: testInfo.project.use.baseURL });
  const page = await phone.newPage();
  const gallery = new GalleryPage(page);
  await gallery.goto(`?q=${tag}%20shape`);
  const star = gallery.star(target.id);
  await expect(star).toBeVisible();
  expect(await star.evaluate((el) => Number(getComputedStyle(el).opacity))).toBeGreaterThan(0.9);
  const box = (await star.boundingBox())!;
  expect(box.width).toBeGreaterThanOrEqual(36); // a finger-sized target
  await expect(gallery.cell(target.id).getByTestId("tile-rating")).toHaveText("4");
  await expect(gallery.cell(target.id).getByTestId("tile-rating")).toHaveAccessibleName("Rated 4 of 5");
  await expect(gallery.cell(shapes[0].id).getByTestId("tile-rating")).toHaveCount(0);

  const saved = page.waitForResponse((r) => r.request().method() === "PATCH" && new URL(r.url()).pathname === `/api/v1/images/${target.id}`);
  await star.tap();
  expect((await saved).status()).toBe(200);
  await expect(star).toHaveAttribute("aria-pressed", "true");
  expect((await (await request.get(`/api/v1/images/${target.id}`)).json()).favorite).toBe(true);
  // The tap did not open the image.
  expect(new URL(page.url()).pathname).toBe("/");
  await page.screenshot({ path: testInfo.outputPath("gallery-layout-phone.png") });
  await phone.close();
});
