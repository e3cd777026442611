// axe-core over every page and state of the single-user studio (gallery, selection, image page with each tab,
// compare, usage, settings, trash, the shortcuts dialog), on a desktop and a phone, in the light and dark themes:
// no critical or serious violation. Sign-in, sign-up and a new account's empty gallery are checked in
// e2e/multi-user/accessibility.spec.ts (they need the multi-user server).
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { ComparePage } from "./pages/compare";
import { GalleryPage } from "./pages/gallery";
import { UsagePage } from "./pages/usage";
import { AxeAudit } from "./support/axe";
import { cloneImageRows, deleteSeededRows } from "./support/seed-gallery";

const tag = `a11y${Date.now().toString(36)}`;
const made: string[] = [];
const seeded: string[] = [];
let parentId = "";
let childId = "";
let trashedCount = 0;

async function generate(request: APIRequestContext, prompt: string): Promise<string> {
  const res = await request.post("/api/v1/generations", { headers: { Prefer: "wait" }, data: { prompt, provider: "local", width: 320, height: 240 } });
  const text = await res.text();
  expect(res.status(), text).toBe(201);
  const id = JSON.parse(text).images[0].id as string;
  made.push(id);
  return id;
}

test.beforeAll(async ({ playwright }, testInfo) => {
  const request = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  parentId = await generate(request, `${tag} a lighthouse on a cliff at dusk`);
  const filtered = await request.post(`/api/v1/images/${parentId}/filter`, { data: { type: "grayscale" } });
  expect(filtered.status(), await filtered.text()).toBe(201);
  childId = (await filtered.json()).id;
  made.unshift(childId);
  // Enough tiles for a full first screen (copies share the parent's files).
  seeded.push(...cloneImageRows(parentId, 30, (i) => ({ prompt: `${tag} copy ${i} of a lighthouse`, favorite: i % 3 === 0 }), "a11y"));
  await request.dispose();
});

test.afterAll(async ({ playwright }, testInfo) => {
  deleteSeededRows(seeded);
  const request = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  for (const id of made) await request.delete(`/api/v1/images/${id}`);
  await request.dispose();
});

/** Clicks through every tab of every tab list on the page (or those named `only`), checking each panel; the page itself is checked before. */
async function checkEveryTab(page: Page, audit: AxeAudit, state: string, only?: string) {
  const lists = only ? page.getByRole("tablist", { name: only, exact: true }) : page.getByRole("tablist");
  const listCount = await lists.count();
  for (let l = 0; l < listCount; l++) {
    const list = lists.nth(l);
    if (!(await list.isVisible())) continue;
    const tabs = list.getByRole("tab");
    const tabCount = await tabs.count();
    for (let t = 0; t < tabCount; t++) {
      const tab = tabs.nth(t);
      const name = (await tab.textContent())?.trim() || `tab ${t + 1}`;
      await tab.click();
      await expect(tab).toHaveAttribute("aria-selected", "true");
      // The page as a whole was checked already: the tab list and the panel the tab shows.
      const panel = await tab.getAttribute("aria-controls");
      await audit.check(page, `${state}, "${(await list.getAttribute("aria-label")) ?? `tabs ${l + 1}`}" tab "${name}"`, panel ? `[role="tablist"], #${panel}` : undefined);
    }
  }
}

const viewports = {
  desktop: { width: 1280, height: 900 },
  phone: { width: 390, height: 844 },
} as const;

for (const [device, viewport] of Object.entries(viewports)) {
  for (const theme of ["light", "dark"] as const) {
    test.describe(`${device}, ${theme} theme`, () => {
      test.use({ viewport });

      test(`no critical or serious axe findings (${device}, ${theme})`, async ({ page, context, baseURL }, testInfo) => {
        // About twenty axe runs of a few seconds each on a busy machine.
        test.setTimeout(360_000);
        await context.addCookies([{ name: "studio-theme", value: theme, url: baseURL! }]);
        const audit = new AxeAudit(testInfo);
        const where = (s: string) => `${s} (${device}, ${theme})`;
        const gallery = new GalleryPage(page);

        // Gallery with images, thumbnails decoded.
        await gallery.goto();
        await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
        await gallery.settled();
        const [first] = await gallery.listedIds();
        await gallery.expectThumbnailLoaded(first);
        await audit.check(page, where("gallery"));

        // A tile selected: the selection bar.
        await gallery.select(first);
        await expect(gallery.selectionBar).toBeVisible();
        await audit.check(page, where("gallery, selection bar"), '[data-testid="selection-bar"], [data-testid="gallery-grid"]');
        await page.keyboard.press("Escape");

        // The keyboard shortcuts dialog.
        await page.locator("body").click({ position: { x: 2, y: 2 } });
        await page.keyboard.press("?");
        await expect(page.getByTestId("shortcuts-dialog")).toBeVisible();
        await audit.check(page, where("keyboard shortcuts dialog"), '[data-testid="shortcuts-dialog"]');
        await page.keyboard.press("Escape");

        // The theme menu of the top bar.
        await page.getByTestId("theme-toggle").click();
        await expect(page.getByTestId("theme-menu")).toBeVisible();
        await audit.check(page, where("theme menu"), '[data-testid="theme-menu"]');
        await page.keyboard.press("Escape");

        // The prompt bar's model menu and advanced options.
        await expect(page.getByTestId("model-menu-button")).toBeEnabled();
        await page.getByTestId("model-menu-button").click();
        await expect(page.getByTestId("model-menu")).toBeVisible();
        await audit.check(page, where("model menu"), '[data-testid="model-menu"]');
        await page.keyboard.press("Escape");
        await expect(page.getByTestId("model-menu")).toBeHidden();
        await page.getByTestId("advanced-toggle").click();
        await expect(page.getByTestId("advanced-toggle")).toHaveAttribute("aria-expanded", "true");
        await audit.check(page, where("prompt bar, advanced options"), '[data-testid="prompt-bar"]');
        await page.getByTestId("advanced-toggle").click();

        // Nothing matches a search.
        await gallery.goto(`?q=${tag}nothing`);
        await expect(page.getByTestId("no-matches")).toBeVisible();
        await audit.check(page, where("gallery, no matches"));

        // A generated image: each tool's tab, then the delete confirmation.
        await page.goto(`/images/${parentId}`);
        await expect(page.getByTestId("image-details")).toBeVisible();
        await audit.check(page, where("generated image"));
        await checkEveryTab(page, audit, where("generated image"));
        // The refine mask painted on the large picture.
        const refine = page.getByTestId("refine-tab");
        if ((await refine.count()) && (await page.getByTestId("refine-mask").count())) {
          await refine.click();
          await page.getByTestId("refine-mask").selectOption("paint");
          await expect(page.getByTestId("mask-painter")).toBeVisible();
          await audit.check(page, where("generated image, painting a refine mask"));
          await page.getByTestId("refine-mask").selectOption({ index: 0 });
        }
        // The edit mode (crop, resize, filters), where the image page has one.
        const editToggle = page.getByTestId("edit-toggle");
        if (await editToggle.count()) {
          await editToggle.click();
          await expect(page.getByTestId("edit-card")).toBeVisible();
          await audit.check(page, where("generated image, edit mode"));
          await checkEveryTab(page, audit, where("generated image, edit mode"), "Tools");
          await editToggle.click();
        }
        await page.getByTestId("delete-button").click();
        await expect(page.getByRole("dialog")).toBeVisible();
        await audit.check(page, where("generated image, delete confirmation"), "dialog[open]");
        await page.keyboard.press("Escape");

        // An image with a parent (lineage, family tree).
        await page.goto(`/images/${childId}`);
        await expect(page.getByTestId("image-details")).toBeVisible();
        await audit.check(page, where("edited image"));

        // Compare: empty, with two results, and before/after of an image and its parent.
        const compare = new ComparePage(page);
        await compare.goto();
        await compare.expectReady();
        await audit.check(page, where("compare"));
        await compare.prompt.fill(`${tag} a bowl of cherries`);
        const columns = await compare.lanes.count();
        await compare.compare(columns);
        for (let i = 0; i < columns; i++) await expect(compare.columns.nth(i)).toHaveAttribute("data-status", "succeeded", { timeout: 45_000 });
        await expect(compare.slider).toBeVisible();
        await audit.check(page, where("compare, results"));
        await compare.goto(`?image=${childId}`);
        await expect(compare.pair).toBeVisible();
        await audit.check(page, where("compare, before/after"));

        // Usage.
        const usage = new UsagePage(page);
        await usage.goto();
        await audit.check(page, where("usage"));
        if (await usage.tableToggle.isVisible()) {
          await usage.tableToggle.click();
          await expect(usage.table).toBeVisible();
          await audit.check(page, where("usage, table"), '[data-testid="usage-chart"]');
        }

        // Settings (API keys, limits, and whatever sections the studio has grown).
        await page.goto("/settings");
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await audit.check(page, where("settings"));

        // The trash, where the studio has one, with an image in it (a seeded copy: its row goes at the end).
        const trashed = await page.request.delete(`/api/v1/images/${seeded[seeded.length - 1 - trashedCount++]}`);
        expect(trashed.ok(), await trashed.text()).toBe(true);
        const trash = await page.goto("/trash");
        if (trash?.status() === 200) {
          await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
          await audit.check(page, where("trash"));
        }

        await audit.expectClean();
      });
    });
  }
}
