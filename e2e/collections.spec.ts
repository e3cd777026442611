// Collections as boards in a real browser: an image put in two collections from its page (a checkbox list), the
// chips' counts and filters, renaming a collection from the bar, and deleting one (its images stay).
import { expect, test, type APIRequestContext } from "@playwright/test";
import { GalleryPage } from "./pages/gallery";
import { ImagePage } from "./pages/image";

test.describe.configure({ mode: "serial" });

const tag = `co${Date.now().toString(36)}`;
const made: string[] = [];
const boards: string[] = [];
let image: { id: string };
let other: { id: string };
let trips: { id: string; name: string };
let blues: { id: string; name: string };

async function generate(request: APIRequestContext, prompt: string) {
  const res = await request.post("/api/v1/generations", { headers: { Prefer: "wait" }, data: { prompt, provider: "local", width: 256, height: 192 } });
  expect(res.status(), await res.text()).toBe(201);
  const made_ = (await res.json()).images[0] as { id: string };
  made.push(made_.id);
  return made_;
}

async function board(request: APIRequestContext, name: string) {
  const res = await request.post("/api/v1/collections", { data: { name } });
  expect(res.status()).toBe(201);
  const c = await res.json();
  boards.push(c.id);
  return c as { id: string; name: string };
}

const collectionIdsOf = async (request: APIRequestContext, id: string) => ((await (await request.get(`/api/v1/images/${id}`)).json()).collectionIds as string[]).sort();

test.beforeAll(async ({ playwright }, testInfo) => {
  const request = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  image = await generate(request, `${tag} red kite over dunes`);
  other = await generate(request, `${tag} grey heron`);
  trips = await board(request, `${tag} Trips`);
  blues = await board(request, `${tag} Blues`);
  await request.dispose();
});

test.afterAll(async ({ playwright }, testInfo) => {
  const request = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  for (const id of boards) await request.delete(`/api/v1/collections/${id}`);
  if (made.length) await request.post("/api/v1/images/bulk-delete", { data: { ids: made, purge: true } });
  await request.dispose();
});

test("an image is put in two collections from its page, and each collection lists it", async ({ page, request }) => {
  const view = new ImagePage(page);
  await page.goto(`/images/${image.id}`);
  await expect(view.details).toBeVisible();
  const picker = page.getByTestId("collection-picker");
  for (const c of [trips, blues]) {
    const box = picker.getByRole("checkbox", { name: c.name });
    await expect(box).not.toBeChecked();
    const saved = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === `/api/v1/collections/${c.id}/images`);
    await box.check();
    expect((await saved).status()).toBe(200);
    await expect(box).toBeChecked();
  }
  expect(await collectionIdsOf(request, image.id)).toEqual([trips.id, blues.id].sort());

  // After a reload the list still shows both.
  await page.reload();
  await expect(picker.getByRole("checkbox", { name: trips.name })).toBeChecked();
  await expect(picker.getByRole("checkbox", { name: blues.name })).toBeChecked();

  const gallery = new GalleryPage(page);
  await gallery.goto();
  await expect(gallery.collections.count(trips.name)).toHaveText("1");
  await expect(gallery.collections.count(blues.name)).toHaveText("1");
  for (const c of [trips, blues]) {
    await gallery.collections.chip(c.name).click();
    await gallery.settled();
    await expect(page).toHaveURL(new RegExp(`collection=${c.id}`));
    expect(await gallery.listedIds()).toEqual([image.id]);
  }

  // Taken off one board from its page: still on the other.
  await page.goto(`/images/${image.id}`);
  await picker.getByRole("checkbox", { name: trips.name }).uncheck();
  await expect.poll(() => collectionIdsOf(request, image.id)).toEqual([blues.id]);
});

test("a collection is renamed from the bar, and deleted with its images kept", async ({ page, request }) => {
  expect((await request.post(`/api/v1/collections/${trips.id}/images`, { data: { imageIds: [image.id, other.id] } })).status()).toBe(200);
  const gallery = new GalleryPage(page);
  await gallery.goto(`?collection=${trips.id}`);
  await expect(gallery.collections.chip(trips.name)).toHaveAttribute("aria-pressed", "true");
  await expect(gallery.list.getByTestId("gallery-item")).toHaveCount(2);

  const renamed = `${tag} Summer trips`;
  await gallery.collections.renameShown(renamed);
  await expect(gallery.collections.chip(renamed)).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(renamed);
  const stored = await (await request.get(`/api/v1/collections/${trips.id}`)).json();
  expect(stored).toMatchObject({ name: renamed, slug: `${tag}-summer-trips` });

  const said = await gallery.collections.deleteShown();
  expect(said).toContain("2 images stay in the gallery");
  await expect(gallery.collections.chip(renamed)).toHaveCount(0);
  await expect(gallery.toasts.last()).toContainText("its images stay in the gallery");
  await expect(gallery.collections.nav.getByTestId("collection-all")).toHaveAttribute("aria-pressed", "true");
  expect((await request.get(`/api/v1/collections/${trips.id}`)).status()).toBe(404);
  // The images are still here, still on their other board.
  await gallery.search.fill(tag);
  await expect(gallery.tile(image.id)).toBeVisible();
  await expect(gallery.tile(other.id)).toBeVisible();
  expect(await collectionIdsOf(request, image.id)).toEqual([blues.id]);
  expect(await collectionIdsOf(request, other.id)).toEqual([]);
});
