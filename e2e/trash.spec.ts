// The trash (issue 14): "Move to trash" on the image page with Undo on the toast; /trash lists what was moved
// there with its days left; Restore brings an image back with its collection; Delete forever and Empty trash
// remove rows and files after a confirmation.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { storedFiles } from "./api/support";
import { ImagePage } from "./pages/image";

test.describe.configure({ mode: "serial" });

const tag = `tr${Date.now().toString(36)}`;
const made: string[] = [];
let board = "";

async function generate(request: APIRequestContext, prompt: string): Promise<string> {
  const res = await request.post("/api/v1/generations", { headers: { Prefer: "wait" }, data: { prompt, provider: "local", width: 160, height: 120 } });
  expect(res.status(), await res.text()).toBe(201);
  const id = (await res.json()).images[0].id as string;
  made.push(id);
  return id;
}

/** axe's critical and serious findings on the page as it is (WCAG 2.2 AA and best practice), in words. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze();
  return violations
    .filter((v) => v.impact === "critical" || v.impact === "serious")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

const imageOf = async (request: APIRequestContext, id: string) => {
  const res = await request.get(`/api/v1/images/${id}`);
  return { status: res.status(), body: res.ok() ? await res.json() : null };
};

test.afterAll(async ({ playwright }, testInfo) => {
  const request = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  for (const id of made) await request.delete(`/api/v1/images/${id}?purge=true`);
  if (board) await request.delete(`/api/v1/collections/${board}`);
  await request.dispose();
});

test("Move to trash on the image page, Undo on the toast restores it", async ({ page, request }) => {
  const id = await generate(request, `${tag} undo me`);
  await page.goto(`/images/${id}`);
  const image = new ImagePage(page);
  await expect(page.getByTestId("delete-button")).toHaveAccessibleName("Move to trash");
  await image.delete();
  const toast = image.toast.filter({ hasText: "Image moved to the trash" });
  await expect(toast).toBeVisible();
  expect((await imageOf(request, id)).body.deletedAt).not.toBeNull();

  await toast.getByTestId("toast-action").click();
  await expect(image.toast.filter({ hasText: "Image restored" })).toBeVisible();
  await page.waitForURL((url) => url.pathname === `/images/${id}`);
  expect((await imageOf(request, id)).body.deletedAt).toBeNull();
});

test("/trash: days left, Restore with its collection, Delete forever and Empty trash after a confirmation", async ({ page, request }) => {
  const created = await request.post("/api/v1/collections", { data: { name: `${tag} board` } });
  expect(created.status()).toBe(201);
  board = (await created.json()).id;
  const kept = await generate(request, `${tag} keep me`);
  const doomed = await generate(request, `${tag} forget me`);
  const last = await generate(request, `${tag} empty me`);
  const added = await request.post(`/api/v1/collections/${board}/images`, { data: { imageIds: [kept] } });
  expect(added.status(), await added.text()).toBeLessThan(300);
  for (const id of [kept, doomed, last]) expect((await request.delete(`/api/v1/images/${id}`)).status()).toBe(204);
  const filesOf = (id: string) => storedFiles().filter((key) => key.includes(id));
  expect(filesOf(doomed).length).toBeGreaterThanOrEqual(3);

  await page.goto("/");
  await page.getByTestId("trash-link").click();
  await expect(page.getByRole("heading", { name: "Trash" })).toBeVisible();
  const tile = (id: string) => page.locator(`[data-testid="trash-tile"][data-image-id="${id}"]`);
  for (const id of [kept, doomed, last]) await expect(tile(id)).toBeVisible();
  await expect(tile(kept).getByTestId("trash-days-left")).toHaveText("30 days left");
  // Nothing critical or serious for axe, with a selection and its bar, on a desktop and on a phone.
  await tile(last).getByTestId("trash-select").check();
  await expect(page.getByTestId("trash-selection-count")).toHaveText("1 selected");
  expect(await seriousViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await seriousViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 900 });
  await tile(last).getByTestId("trash-select").uncheck();

  // Restore: back in the gallery, in its collection.
  await tile(kept).getByTestId("trash-restore").click();
  await expect(tile(kept)).toHaveCount(0);
  const restored = await imageOf(request, kept);
  expect(restored.body.deletedAt).toBeNull();
  expect(restored.body.collectionIds).toEqual([board]);
  const listed = await (await request.get(`/api/v1/images?collectionId=${board}`)).json();
  expect(listed.items.map((i: { id: string }) => i.id)).toEqual([kept]);

  // Delete forever: asks first; Cancel keeps it.
  await tile(doomed).getByTestId("trash-purge").click();
  const dialog = page.getByTestId("trash-confirm-dialog");
  await expect(dialog).toContainText("Delete 1 image forever?");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(tile(doomed)).toBeVisible();
  await tile(doomed).getByTestId("trash-purge").click();
  await dialog.getByTestId("trash-confirm").click();
  await expect(tile(doomed)).toHaveCount(0);
  expect((await imageOf(request, doomed)).status).toBe(404);
  expect(filesOf(doomed)).toEqual([]);

  // Empty trash.
  await page.getByTestId("empty-trash").click();
  await expect(dialog).toContainText("Empty the trash?");
  await dialog.getByTestId("trash-confirm").click();
  await expect(page.getByTestId("trash-empty")).toBeVisible();
  expect((await imageOf(request, last)).status).toBe(404);
  expect(filesOf(last)).toEqual([]);
  expect((await imageOf(request, kept)).status).toBe(200);
});
