// The gallery's prompt panel in a real browser: a negative prompt, a locked seed and a collection reaching the API
// and the provenance; the model menu with prices and capabilities and the estimate; failures in words with Retry; a
// batch only partly made; the prompt history with its draft.
import { expect, test } from "@playwright/test";
import { GalleryPage } from "./pages/gallery";
import { ImagePage } from "./pages/image";

test("a negative prompt, a locked seed and a collection reach the API and the image's provenance", async ({ page }) => {
  const collection = await page.request.post("/api/v1/collections", { data: { name: `Kites ${Date.now()}` } });
  expect(collection.status()).toBe(201);
  const collectionId = String((await collection.json()).id);

  const bar = (await GalleryPage.open(page)).prompt;
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
  const bar = (await GalleryPage.open(page)).prompt;
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
  const gallery = await GalleryPage.open(page);
  const bar = gallery.prompt;
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
  const gallery = await GalleryPage.open(page);
  const bar = gallery.prompt;
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
  const bar = (await GalleryPage.open(page)).prompt;
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
