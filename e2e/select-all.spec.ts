// Select all = all matching the filters (issue 14): with 230 images matching a search and 48 loaded, Ctrl+A
// selects the 230 (the count from the server), unticking one leaves 229, and "Move to trash" moves exactly those
// on the server; Undo on the toast brings them back; moved again, they are in /trash and Restore brings them back.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { GalleryPage } from "./pages/gallery";
import { cloneImageRows, deleteSeededRows, imageRow } from "./support/seed-gallery";

test.describe.configure({ mode: "serial" });

const tag = `sa${Date.now().toString(36)}`;
const matching = 230;
let template = "";
const seeded: string[] = [];

/** How many images a filter matches, and the ids in the trash, as the API says. */
async function totalOf(request: APIRequestContext, query: string): Promise<number> {
  const res = await request.get(`/api/v1/images?${query}&total=true&limit=1`);
  expect(res.status()).toBe(200);
  return (await res.json()).total;
}
async function trashIds(request: APIRequestContext): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const res = await request.get(`/api/v1/images?trash=true&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    const body: { items: { id: string }[]; nextCursor: string | null } = await res.json();
    ids.push(...body.items.map((i: { id: string }) => i.id));
    cursor = body.nextCursor;
  } while (cursor);
  return ids;
}

test.beforeAll(async ({ playwright }, testInfo) => {
  const request = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  const res = await request.post("/api/v1/generations", { headers: { Prefer: "wait" }, data: { prompt: `${tag} template`, provider: "local", width: 128, height: 96 } });
  expect(res.status(), await res.text()).toBe(201);
  template = (await res.json()).images[0].id;
  await request.dispose();
  const now = Date.now();
  // 230 meadows (the filter) and 20 deserts (not matching), newest first in that order.
  seeded.push(...cloneImageRows(template, matching, (i) => ({ prompt: `${tag} meadow ${i}`, createdAt: new Date(now - 60_000 - i * 10) }), "sa"));
  seeded.push(...cloneImageRows(template, 20, (i) => ({ prompt: `${tag} desert ${i}`, createdAt: new Date(now - 10_000 - i * 10) }), "sad"));
});

test.afterAll(async ({ playwright }, testInfo) => {
  // The copies share their template's files: rows only, then the template for good.
  deleteSeededRows(seeded);
  const request = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  if (template && imageRow(template)) await request.delete(`/api/v1/images/${template}?purge=true`);
  await request.dispose();
});

test("Ctrl+A selects all matching the filter, not the loaded tiles; Move to trash acts on them on the server; Undo brings them back", async ({ page, request }) => {
  const gallery = new GalleryPage(page);
  await gallery.goto(`?q=${tag}%20meadow`);
  await gallery.settled();
  const loaded = await gallery.listedIds();
  expect(loaded.length).toBeLessThan(matching);

  await gallery.tile(loaded[0]).focus();
  await page.keyboard.press("ControlOrMeta+a");
  await expect(gallery.selectionCount).toHaveText(`All ${matching} matching selected`);
  // Unticking one keeps the rest of the filter selected.
  await gallery.select(loaded[1]);
  await expect(gallery.selectionCount).toHaveText(`${matching - 1} of ${matching} matching selected`);
  await expect(gallery.checkbox(loaded[1])).toHaveAttribute("aria-checked", "false");
  await expect(gallery.checkbox(loaded[2])).toHaveAttribute("aria-checked", "true");

  await gallery.selectionBar.getByTestId("selection-delete").click();
  await expect(gallery.confirmDialog).toContainText(`Move all ${matching - 1} images matching the filters to the trash?`);
  const sent = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/api/v1/images/bulk-delete");
  await gallery.confirmDialog.getByTestId("confirm-delete").click();
  const response = await sent;
  expect(response.status()).toBe(200);
  // One request by filter with the exception, not the loaded ids.
  expect(response.request().postDataJSON()).toEqual({ filter: { q: `${tag} meadow` }, except: [loaded[1]] });
  const answer: { deleted: string[] } = await response.json();
  expect(answer.deleted).toHaveLength(matching - 1);
  expect(answer.deleted).not.toContain(loaded[1]);
  await expect(gallery.toasts.last()).toContainText(`${matching - 1} images moved to the trash`);
  expect(await totalOf(request, `q=${encodeURIComponent(`${tag} meadow`)}`)).toBe(1);
  expect(await totalOf(request, `q=${encodeURIComponent(`${tag} desert`)}`)).toBe(20);
  await expect(gallery.list.getByTestId("gallery-item")).toHaveCount(1);

  // Undo: every one of them is back.
  const restored = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/v1/images/bulk-restore");
  await gallery.toasts.last().getByTestId("toast-action").click();
  expect((await restored).status()).toBe(200);
  await expect(gallery.toasts.last()).toContainText(`${matching - 1} images restored`);
  expect(await totalOf(request, `q=${encodeURIComponent(`${tag} meadow`)}`)).toBe(matching);
  await expect.poll(async () => (await gallery.listedIds()).length).toBeGreaterThan(1);
});

test("moved to the trash by filter, they are in /trash with their days left, and Restore brings them back", async ({ page, request }) => {
  const gallery = new GalleryPage(page);
  await gallery.goto(`?q=${tag}%20meadow`);
  await gallery.settled();
  await gallery.tile((await gallery.listedIds())[0]).focus();
  await page.keyboard.press("ControlOrMeta+a");
  await expect(gallery.selectionCount).toHaveText(`All ${matching} matching selected`);
  const answer = await gallery.deleteSelection();
  expect(answer.deleted).toHaveLength(matching);
  await expect(page.getByTestId("no-matches")).toBeVisible();
  const inTrash = await trashIds(request);
  for (const id of seeded.slice(0, matching)) expect(inTrash).toContain(id);

  await page.getByTestId("trash-link").click();
  await expect(page).toHaveURL(/\/trash$/);
  await expect(page.getByRole("heading", { name: "Trash" })).toBeVisible();
  const tiles = page.getByTestId("trash-tile");
  await expect(tiles.first()).toContainText("30 days left");
  // All of them listed, a page of 100 at a time.
  while (await page.getByTestId("trash-load-more").isVisible()) {
    const before = await tiles.count();
    await page.getByTestId("trash-load-more").click();
    await expect.poll(() => tiles.count()).toBeGreaterThan(before);
  }
  await expect(tiles).toHaveCount(inTrash.length);

  await tiles.first().getByTestId("trash-select").check();
  await page.getByTestId("trash-selection-bar").getByRole("button", { name: /^Select all/ }).click();
  await expect(page.getByTestId("trash-selection-count")).toHaveText(`${inTrash.length} selected`);
  const restored = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/v1/images/bulk-restore");
  await page.getByTestId("trash-restore-selected").click();
  expect((await restored).status()).toBe(200);
  await expect(page.getByTestId("trash-empty")).toBeVisible();
  await expect(gallery.toasts.last()).toContainText(`${inTrash.length} images restored to the gallery`);

  await gallery.goto(`?q=${tag}%20meadow`);
  await gallery.settled();
  expect(await totalOf(request, `q=${encodeURIComponent(`${tag} meadow`)}`)).toBe(matching);
});
