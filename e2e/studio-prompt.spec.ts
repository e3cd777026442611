// The studio in a real browser: the prompt panel (negative prompt, seed lock, models and prices, cost, history,
// failures with Retry), Compare, Usage, the theme and the keyboard shortcuts, on a desktop and a phone.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { lightness, StudioChrome } from "./pages/chrome";
import { ComparePage } from "./pages/compare";
import { GalleryPage } from "./pages/gallery";
import { ImagePage } from "./pages/image";
import type { JobJson } from "./pages/prompt-bar";
import { UsagePage } from "./pages/usage";
import { watchCsp } from "./support/csp";

const phone = { width: 375, height: 812 };
const desktop = { width: 1280, height: 900 };

/** Generates one image through the API and waits for it (the browser is not the subject here). */
async function generateByApi(request: APIRequestContext, prompt: string): Promise<JobJson> {
  const response = await request.post("/api/v1/generations", { data: { prompt, provider: "local", n: 1 }, headers: { Prefer: "wait" } });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as JobJson;
}

async function openGallery(page: Page) {
  const gallery = new GalleryPage(page);
  await gallery.goto();
  await gallery.prompt.expectReady();
  return { gallery, bar: gallery.prompt };
}

test("a negative prompt, a locked seed and a collection reach the API and the image's provenance", async ({ page }) => {
  const collection = await page.request.post("/api/v1/collections", { data: { name: `Kites ${Date.now()}` } });
  expect(collection.status()).toBe(201);
  const collectionId = String((await collection.json()).id);

  const { bar } = await openGallery(page);
  await expect(bar.cost).toContainText("Free");
  await bar.input.fill("a red kite over green hills");
  await bar.openAdvanced();
  await bar.negative.fill("clouds, birds");
  // The chosen model's capabilities and price, the local renderer named as local and free.
  await expect(page.getByTestId("advanced-options").getByTestId("model-badges")).toContainText("Local · free");
  await expect(page.getByTestId("advanced-options").getByTestId("model-badges")).toContainText("Seed");

  // Typing a seed locks it: every run repeats it until it is unlocked.
  await bar.seed.fill("4242");
  await expect(bar.seedLock).toHaveAttribute("aria-pressed", "true");
  const first = await bar.submit("ctrl-enter");
  expect(first.status, JSON.stringify(first.json)).toBe(202);
  expect(first.body).toMatchObject({ prompt: "a red kite over green hills", negativePrompt: "clouds, birds", seed: 4242, provider: "local" });
  const job1 = await bar.waitForJob(first.json.id);
  expect(job1.status).toBe("succeeded");
  expect(job1.images[0].seed).toBe(4242);

  await expect(bar.seed).toHaveValue("4242");
  await bar.input.fill("a red kite over green hills, at dusk");
  await bar.collection.focus();
  await bar.collection.selectOption(collectionId);
  const second = await bar.submit("button");
  expect(second.body).toMatchObject({ seed: 4242, negativePrompt: "clouds, birds", collectionId });
  const job2 = await bar.waitForJob(second.json.id);
  expect(job2.images[0].seed).toBe(4242);

  // Unlocked, a new seed is drawn for each generation.
  await bar.seedLock.click();
  await expect(bar.seedLock).toHaveAttribute("aria-pressed", "false");
  const third = await bar.submit("enter");
  expect(third.body.seed).toEqual(expect.any(Number));
  expect(third.body.seed).not.toBe(4242);
  await bar.waitForJob(third.json.id);

  // What the API recorded is what the image page shows.
  const image = new ImagePage(page);
  await image.goto(job1.images[0].id);
  await expect(image.provenance("seed")).toHaveText("4242");
  await expect(page.getByTestId("image-negative-prompt")).toHaveText("clouds, birds");
  const stored = await (await page.request.get(`/api/v1/images/${job2.images[0].id}`)).json();
  expect(stored).toMatchObject({ negativePrompt: "clouds, birds", seed: 4242, collectionId });
});

test("the model menu shows prices and capabilities, the estimate is n × price, and a provider that is not set up fails in words", async ({ page }, testInfo) => {
  // The e2e server has only the local renderer: a paid model is added to the list the page sees (the server still
  // refuses it, which is the failure under test).
  await page.route("**/api/v1/providers", async (route) => {
    const response = await route.fetch();
    const providers = (await response.json()) as { id: string }[];
    const openai = {
      id: "openai",
      name: "OpenAI",
      local: false,
      configured: true,
      healthy: true,
      models: [
        {
          id: "gpt-image-2.6-flare",
          label: "GPT Image 2.6 Flare",
          capabilities: {
            generate: true, edit: true, variations: true, mask: true, transparentBackground: true, negativePrompt: false, seed: false, maxImages: 4,
            sizes: { kind: "exact", sizes: ["1024x1024", "1536x1024", "1024x1536"] },
          },
          costPerImageUsd: 0.04,
        },
      ],
    };
    await route.fulfill({ response, json: [...providers.filter((p) => p.id !== "openai"), openai] });
  });
  const { bar } = await openGallery(page);
  // A remote service is preferred over the local renderer.
  await expect(bar.providerSelect).toHaveValue("openai");
  await expect(bar.cost).toContainText("≈ $0.04");
  await bar.count.fill("2");
  await expect(bar.cost).toContainText("≈ $0.08");
  await expect(bar.cost).toContainText("2 × $0.04");
  // This model takes no seed: the seed field says so instead of being ignored.
  await expect(bar.seed).toBeDisabled();

  await bar.modelMenuButton.click();
  await expect(bar.modelMenu).toBeVisible();
  const gpt = bar.modelOption("openai", "gpt-image-2.6-flare");
  await expect(gpt).toBeFocused();
  await expect(gpt).toHaveAttribute("aria-pressed", "true");
  await expect(gpt).toContainText("$0.04 / image");
  await expect(gpt.locator('[data-badge="no-seed"]')).toBeVisible();
  await expect(gpt.locator('[data-badge="max"]')).toHaveText("Up to 4");
  await expect(gpt.locator('[data-badge="transparent"]')).toBeVisible();
  const local = bar.modelOption("local", "local-v1");
  await expect(local).toContainText("Local · free");
  await page.screenshot({ path: testInfo.outputPath("model-menu.png") });
  await page.keyboard.press("Escape");
  await expect(bar.modelMenu).toBeHidden();
  await expect(bar.modelMenuButton).toBeFocused();

  // The server refuses the provider it has no key for: the tile says so in words, with what to do.
  await bar.input.fill("a glass of water on a windowsill");
  const refused = await bar.submit("button");
  expect(refused.status).toBe(400);
  expect(refused.body).toMatchObject({ provider: "openai", model: "gpt-image-2.6-flare", n: 2 });
  const failure = bar.failure();
  await expect(failure.tile).toHaveAttribute("data-status", "failed");
  await expect(failure.heading).toHaveText("These settings cannot be used");
  await expect(failure.message).toContainText("not configured on this server");
  await expect(failure.hint).toBeVisible();
  // The same request would be refused again: no Retry (issue 14), only what to change and Dismiss.
  await expect(failure.retry).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath("provider-not-configured.png") });
  await failure.tile.getByRole("button", { name: "Dismiss" }).click();
  await expect(bar.jobTiles).toHaveCount(0);

  // Back to the local renderer from the keyboard: free again.
  await bar.modelMenuButton.click();
  await page.keyboard.press("ArrowDown");
  await expect(local).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(bar.providerSelect).toHaveValue("local");
  await expect(bar.cost).toContainText("Free");
  await expect(bar.seed).toBeEnabled();
});

test("a generation that fails says why in words, and Retry sends the same settings again", async ({ page }, testInfo) => {
  const { gallery, bar } = await openGallery(page);
  // The first job's event stream reports a timeout; the real stream serves every later one.
  let failNext = true;
  await page.route("**/api/v1/jobs/*/events", async (route) => {
    if (!failNext) return route.continue();
    failNext = false;
    const id = new URL(route.request().url()).pathname.split("/")[4];
    const now = new Date().toISOString();
    const error = { code: "timeout", message: "The local renderer did not finish in time." };
    const job = { id, type: "generate", status: "failed", progress: 0.4, provider: "local", model: "local-v1", images: [], error, costUsd: null, createdAt: now, startedAt: now, finishedAt: now };
    await route.fulfill({
      status: 200,
      headers: { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" },
      body: `id: 1\nevent: progress\ndata: {"progress":0.4}\n\nid: 2\nevent: failed\ndata: ${JSON.stringify({ job, error })}\n\n`,
    });
  });

  await bar.input.fill("a tram in the fog, early morning");
  await bar.style("photorealistic").click();
  await bar.seed.fill("9001");
  const first = await bar.submit("button");
  expect(first.status).toBe(202);
  const failure = bar.failure();
  await expect(failure.tile).toHaveAttribute("data-status", "failed");
  await expect(failure.heading).toHaveText("It took too long");
  await expect(failure.message).toHaveText("The local renderer did not finish in time.");
  await expect(failure.hint).toContainText("Retry");
  await page.screenshot({ path: testInfo.outputPath("timeout-tile.png") });

  const again = bar.page.waitForRequest((r) => r.method() === "POST" && new URL(r.url()).pathname === "/api/v1/generations");
  await failure.retry.click();
  const retried = (await again).postDataJSON();
  expect(retried).toEqual(first.body);
  const answer = await (await again).response();
  const job = await bar.waitForJob(String((await answer!.json()).id));
  expect(job.status).toBe("succeeded");
  await expect(bar.jobTiles).toHaveCount(0);
  await gallery.expectThumbnailLoaded(job.images[0].id);
});

test("a batch only partly made: its images join the gallery, and the tile offers to make the missing ones", async ({ page }) => {
  const { gallery, bar } = await openGallery(page);
  // The real job makes both pictures; its stream is rewritten to report one of two, as a partial batch would.
  let rewrite = true;
  await page.route("**/api/v1/jobs/*/events", async (route) => {
    if (!rewrite) return route.continue();
    rewrite = false;
    const response = await route.fetch();
    const text = await response.text();
    const match = /event: completed\ndata: (.*)\n/.exec(text);
    expect(match, text).not.toBeNull();
    const { job } = JSON.parse(match![1]);
    const error = { code: "partial", message: "1 of 2 images were produced: The local renderer failed: out of paint." };
    const partial = { ...job, images: job.images.slice(0, 1), error };
    await route.fulfill({
      status: 200,
      headers: { "Content-Type": "text/event-stream" },
      body: `id: 1\nevent: completed\ndata: ${JSON.stringify({ job: partial })}\n\n`,
    });
  });
  await bar.input.fill("two kites, one red, one yellow");
  await bar.count.fill("2");
  const sent = await bar.submit("button");
  expect(sent.body.n).toBe(2);
  const failure = bar.failure();
  await expect(failure.tile).toHaveAttribute("data-status", "succeeded");
  await expect(failure.heading).toHaveText("Only some images were made");
  await expect(failure.message).toContainText("1 of 2 images were produced");
  await expect(failure.retry).toHaveText("Make the missing one");
  const job = await bar.waitForJob(sent.json.id);
  await gallery.expectThumbnailLoaded(job.images[0].id);

  const again = page.waitForRequest((r) => r.method() === "POST" && new URL(r.url()).pathname === "/api/v1/generations");
  await failure.retry.click();
  expect((await again).postDataJSON()).toMatchObject({ prompt: "two kites, one red, one yellow", n: 1 });
  await expect(bar.jobTiles).toHaveCount(0, { timeout: 30_000 });
});

test("prompt history recalls a past prompt with its settings and keeps the draft to go back to", async ({ page }, testInfo) => {
  const { bar } = await openGallery(page);
  await bar.openHistory();
  await expect(bar.historyPanel).toContainText("Prompts you generate are listed here");
  await page.keyboard.press("Escape");

  await bar.input.fill("a lighthouse in a storm");
  await bar.style("painting").click();
  const sent = await bar.submit("enter");
  await bar.waitForJob(sent.json.id);

  // A new draft with other settings, not sent.
  await bar.input.fill("an unfinished thought about owls");
  await bar.style("pixel-art").click();

  await bar.openHistory();
  await expect(bar.historyEntries).toHaveCount(1);
  await expect(bar.historyEntries.first()).toContainText("a lighthouse in a storm");
  await expect(bar.historyEntries.first()).toContainText("Painting");
  await bar.historyEntries.first().click();
  await expect(bar.historyPanel).toBeHidden();
  await expect(bar.input).toHaveValue("a lighthouse in a storm");
  await expect(bar.style("painting")).toHaveAttribute("aria-checked", "true");
  await expect(bar.input).toBeFocused();

  // The draft is kept at the top of the history.
  await bar.openHistory();
  await expect(bar.historyDraft).toContainText("an unfinished thought about owls");
  await page.screenshot({ path: testInfo.outputPath("prompt-history.png") });
  await bar.historyDraft.click();
  await expect(bar.input).toHaveValue("an unfinished thought about owls");
  await expect(bar.style("pixel-art")).toHaveAttribute("aria-checked", "true");

  // From the keyboard: Alt+↑ recalls the last prompt, Alt+↓ comes back to the draft.
  await bar.input.press("Alt+ArrowUp");
  await expect(bar.input).toHaveValue("a lighthouse in a storm");
  await bar.input.press("Alt+ArrowDown");
  await expect(bar.input).toHaveValue("an unfinished thought about owls");
  await expect(bar.style("pixel-art")).toHaveAttribute("aria-checked", "true");

  // Kept in the browser across a reload; arrows move through it, Escape gives the focus back.
  await page.reload();
  await bar.expectReady();
  await bar.openHistory();
  await expect(bar.historyEntries).toHaveCount(1);
  await expect(page.getByTestId("history-filter")).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(bar.historyEntries.first()).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(bar.historyPanel).toBeHidden();
  await expect(bar.historyButton).toBeFocused();
});

test("compare sends one prompt to two columns and shows each result with its time and cost", async ({ page }, testInfo) => {
  const csp = await watchCsp(page);
  const compare = new ComparePage(page);
  await compare.goto();
  await compare.expectReady();
  // Only the local renderer here: two columns of it, the second with a seed of its own.
  await expect(compare.lanes).toHaveCount(2);
  await expect(compare.empty).toBeVisible();
  await expect(compare.estimate).toContainText("Free");
  await compare.lane("B").style.selectOption("pixel-art");
  await compare.lane("B").seed.fill("777");
  await compare.prompt.fill("a bowl of cherries on a wooden table");

  const bodies = await compare.compare(2);
  for (const body of bodies) expect(body).toMatchObject({ prompt: "a bowl of cherries on a wooden table", provider: "local", model: "local-v1", fallback: false, n: 1 });
  const b = bodies.find((body) => body.seed === 777);
  expect(b?.style).toBe("pixel-art");
  const a = bodies.find((body) => body !== b);
  expect(a?.style).toBeUndefined();
  expect(a?.seed).toEqual(expect.any(Number));

  await expect(compare.columns).toHaveCount(2);
  for (const letter of ["A", "B"]) {
    const column = compare.column(letter);
    await expect(column.root).toHaveAttribute("data-status", "succeeded", { timeout: 45_000 });
    await expect(column.result).toBeVisible();
    await expect(column.cost).toHaveText("Free (local)");
    // The time shown is the job's own, startedAt → finishedAt.
    const jobId = await column.root.getAttribute("data-job-id");
    const job = await (await page.request.get(`/api/v1/jobs/${jobId}`)).json();
    const seconds = (Date.parse(job.finishedAt) - Date.parse(job.startedAt)) / 1000;
    await expect(column.time).toHaveText(seconds < 10 ? `${seconds.toFixed(1)} s` : /\d+ s|min/);
  }
  await expect(compare.column("B").root).toContainText("Pixel art");
  // A slider between the two results.
  await expect(compare.slider).toBeVisible();
  await expect(compare.slider.getByRole("slider")).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("compare-results.png"), fullPage: true });
  await csp.expectNone();
});

test("before/after: any image against its parent", async ({ page }) => {
  const job = await generateByApi(page.request, "a striped beach umbrella");
  const filtered = await page.request.post(`/api/v1/images/${job.images[0].id}/filter`, { data: { type: "grayscale" } });
  expect(filtered.status()).toBe(201);
  const child = await filtered.json();

  const compare = new ComparePage(page);
  await compare.goto(`?image=${child.id}`);
  await expect(compare.pair).toBeVisible();
  const slider = page.getByTestId("pair-slider-slider");
  await expect(slider).toBeVisible();
  await expect(page.getByTestId("pair-slider-before")).toHaveAttribute("src", new RegExp(job.images[0].id));
  await expect(page.getByTestId("pair-slider-after")).toHaveAttribute("src", new RegExp(child.id));
  await slider.focus();
  await page.keyboard.press("ArrowLeft");
  await expect(slider).toHaveAttribute("aria-valuetext", "49% before, 51% after");

  // An image without a parent says so and what to do instead.
  await compare.goto(`?image=${job.images[0].id}`);
  await expect(compare.pair).toContainText("has no parent");
});

test("usage shows spend and images per day and provider after a generation", async ({ page }, testInfo) => {
  await generateByApi(page.request, "a tin robot watering plants");
  const api = await (await page.request.get("/api/v1/usage")).json();
  const localImages = (api.days as { provider: string; images: number }[]).filter((d) => d.provider === "local").reduce((s, d) => s + d.images, 0);
  expect(localImages).toBeGreaterThan(0);

  const csp = await watchCsp(page);
  const usage = new UsagePage(page);
  await usage.goto();
  await expect(usage.empty).toHaveCount(0);
  await expect(usage.meter).toBeVisible();
  await expect(usage.chart).toBeVisible();
  // The chart starts on spend when anything was billed (an earlier spec's fake provider), else on images — all $0.
  await expect(usage.chart).toHaveAttribute("data-metric", api.totalUsd > 0 ? "cost" : "images");
  await usage.metric("images").click();
  await expect(usage.chart).toHaveAttribute("data-metric", "images");
  await expect(usage.bars.first()).toBeVisible();
  await expect(usage.bars.last().locator('rect[data-provider="local"]')).toHaveCount(1);
  await expect(usage.providerTotal("local").getByTestId("provider-images")).toHaveText(String(localImages));
  await expect(usage.chart.getByRole("img")).toHaveAccessibleName("Images per day and provider");

  // The same numbers as a table, on request.
  await expect(usage.tableToggle).toHaveAttribute("aria-expanded", "false");
  await usage.tableToggle.click();
  await expect(usage.tableToggle).toHaveAttribute("aria-expanded", "true");
  await expect(usage.table).toBeVisible();
  const today = new Date().toISOString().slice(0, 10);
  await expect(usage.rows.first()).toHaveAttribute("data-day", today);
  await expect(usage.rows.first().locator('[data-provider="local"]')).toContainText("img");

  await usage.metric("cost").click();
  await expect(usage.chart).toHaveAttribute("data-metric", "cost");
  await page.screenshot({ path: testInfo.outputPath("usage.png"), fullPage: true });
  await csp.expectNone();
  await usage.settingsLink.click();
  await page.waitForURL("**/settings");
});

test("the theme toggle applies at once and is kept across a reload", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  const csp = await watchCsp(page);
  const chrome = new StudioChrome(page);
  await page.goto("/usage");
  expect(await chrome.themeAttribute()).toBeNull();
  expect(lightness(await chrome.background())).toBeGreaterThan(200);

  await chrome.chooseTheme("dark");
  expect(await chrome.themeAttribute()).toBe("dark");
  expect(lightness(await chrome.background())).toBeLessThan(40);
  await expect(chrome.themeToggle).toBeFocused();

  // Rendered by the server from the cookie: dark from the first paint, no script needed.
  await page.reload();
  expect(await chrome.themeAttribute()).toBe("dark");
  expect(lightness(await chrome.background())).toBeLessThan(40);
  await csp.expectNone();
  await expect(chrome.themeToggle).toHaveAttribute("data-theme-choice", "dark");
  const html = await (await page.request.get("/usage")).text();
  expect(html).toMatch(/<html[^>]*data-theme="dark"/);

  // System: follows the device again.
  await chrome.chooseTheme("system");
  expect(await chrome.themeAttribute()).toBeNull();
  expect(lightness(await chrome.background())).toBeGreaterThan(200);
  await page.emulateMedia({ colorScheme: "dark" });
  expect(lightness(await chrome.background())).toBeLessThan(40);

  // Light wins over a dark device.
  await chrome.chooseTheme("light");
  await page.reload();
  expect(await chrome.themeAttribute()).toBe("light");
  expect(lightness(await chrome.background())).toBeGreaterThan(200);
});

test("keyboard shortcuts: ? lists them, g then c goes to Compare, n focuses the prompt, / the search", async ({ page }) => {
  const chrome = new StudioChrome(page);
  await openGallery(page);
  await page.keyboard.press("?");
  await expect(chrome.shortcutsDialog).toBeVisible();
  await expect(chrome.shortcutsDialog).toContainText("Go to Compare");
  await expect(chrome.shortcutsDialog).toContainText("Search the gallery");
  await page.keyboard.press("Escape");
  await expect(chrome.shortcutsDialog).toBeHidden();
  // Also from the top bar's button; closing gives the focus back to it.
  await page.getByTestId("shortcuts-button").click();
  await expect(chrome.shortcutsDialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("shortcuts-button")).toBeFocused();

  await page.keyboard.press("/");
  await expect(page.getByTestId("search-input")).toBeFocused();
  // Typing in a field is typing: no shortcut fires.
  await page.keyboard.type("gc");
  // Still the gallery, now searching "gc" (the search settles into the URL before the next keys).
  await expect(page).toHaveURL(/\/\?q=gc$/);
  await page.getByTestId("search-input").blur();

  await page.keyboard.press("g");
  await page.keyboard.press("c");
  await page.waitForURL("**/compare");
  await expect(page.getByRole("heading", { level: 1, name: "Compare" })).toBeVisible();
  await page.keyboard.press("n");
  await expect(page.getByTestId("compare-prompt")).toBeFocused();
  await page.getByTestId("compare-prompt").blur();

  await page.keyboard.press("g");
  await page.keyboard.press("u");
  await page.waitForURL("**/usage");
  // From a page without a prompt, n opens the gallery's.
  await page.keyboard.press("n");
  await page.waitForURL((url) => url.pathname === "/");
  await expect(page.getByTestId("prompt-input")).toBeFocused();
});

test("screenshots of the prompt panel, compare and usage: desktop and phone, light and dark, nothing wider than a phone", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const chrome = new StudioChrome(page);
  await generateByApi(page.request, "a paper lantern festival by a river");

  const shots: { name: string; open: () => Promise<void> }[] = [
    {
      name: "prompt-panel",
      open: async () => {
        const { bar } = await openGallery(page);
        await bar.input.fill("a paper lantern festival by a river, long exposure");
        await bar.openAdvanced();
        await bar.negative.fill("people, text");
      },
    },
    {
      name: "compare",
      open: async () => {
        const compare = new ComparePage(page);
        await compare.goto();
        await compare.expectReady();
      },
    },
    {
      name: "usage",
      open: async () => {
        const usage = new UsagePage(page);
        await usage.goto();
        await expect(usage.chart).toBeVisible();
      },
    },
  ];
  for (const shot of shots) {
    for (const [device, viewport] of [["desktop", desktop], ["phone", phone]] as const) {
      await page.setViewportSize(viewport);
      await shot.open();
      for (const scheme of ["light", "dark"] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        expect(lightness(await chrome.background()) < 40).toBe(scheme === "dark");
        if (device === "phone") await chrome.expectNoHorizontalScroll();
        await page.screenshot({ path: testInfo.outputPath(`${shot.name}-${device}-${scheme}.png`), fullPage: true });
      }
    }
  }

  // Compare with results, on a phone in dark mode: the two columns stay side by side.
  await page.setViewportSize(phone);
  const compare = new ComparePage(page);
  await compare.goto();
  await compare.expectReady();
  await compare.prompt.fill("two teacups, one blue, one yellow");
  await compare.compare(2);
  for (const letter of ["A", "B"]) await expect(compare.column(letter).root).toHaveAttribute("data-status", "succeeded", { timeout: 45_000 });
  const [boxA, boxB] = [await compare.column("A").root.boundingBox(), await compare.column("B").root.boundingBox()];
  expect(boxA && boxB && Math.abs(boxA.y - boxB.y) < 2 && boxB.x > boxA.x).toBe(true);
  await chrome.expectNoHorizontalScroll();
  await page.screenshot({ path: testInfo.outputPath("compare-results-phone-dark.png"), fullPage: true });
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize(desktop);
  await page.screenshot({ path: testInfo.outputPath("compare-results-desktop-light.png"), fullPage: true });
});
