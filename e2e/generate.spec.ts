// Generation in a real browser: prompt bar → job tile with progress → the new image in the grid → its provenance.
import { expect, test } from "@playwright/test";
import { GalleryPage } from "./pages/gallery";
import { ImagePage } from "./pages/image";
import { holdJobUpdates } from "./support/hold-job-updates";

test("generate an image with the local renderer, then open it and reuse its prompt", async ({ page }, testInfo) => {
  const gallery = new GalleryPage(page);
  await gallery.goto();
  const bar = gallery.prompt;
  await bar.expectReady();
  // With no API keys the local renderer is the default, it is named as such, and it costs nothing.
  await expect(bar.providerSelect).toHaveValue("local");
  await expect(bar.providerSelect.locator("option:checked")).toContainText("Local renderer");
  await expect(bar.cost).toContainText("Free");

  // Hold the page's news of the job until the running tile has been checked.
  const release = await holdJobUpdates(page);

  const prompt = "a lighthouse on a cliff at dusk, warm light";
  const submitted = await bar.generate(prompt, { viaEnter: true });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(202);
  expect(submitted.body.provider).toBe("local");

  // The job shows at once at the start of the grid, with a progress bar.
  const tile = bar.jobTiles.first();
  await expect(tile).toBeVisible();
  await expect(tile).toHaveAttribute("data-status", /^(queued|running|succeeded)$/);
  await expect(tile.getByRole("progressbar")).toBeVisible();
  await expect(gallery.grid.locator("li").first()).toHaveAttribute("data-testid", "job-tile");
  await page.screenshot({ path: testInfo.outputPath("job-tile.png") });
  release(); // from here on every request of the page passes straight through

  const job = await bar.waitForJob(submitted.body.id);
  expect(job.status, JSON.stringify(job.error)).toBe("succeeded");
  expect(job.images).toHaveLength(1);
  const imageId = job.images[0].id;

  // The tile is replaced by the image: listed once, its thumbnail decoded, labelled with the local renderer.
  await expect(bar.jobTiles).toHaveCount(0);
  await expect(gallery.tile(imageId)).toHaveCount(1);
  await gallery.expectThumbnailLoaded(imageId);
  await expect(gallery.items().first()).toHaveAttribute("data-image-id", imageId);
  await expect(gallery.providerBadge(imageId)).toHaveText("Local renderer");
  await page.screenshot({ path: testInfo.outputPath("generated-in-gallery.png") });

  await gallery.openImage(imageId);
  const image = new ImagePage(page);
  await image.expectPreviewLoaded();
  await expect(image.provenance("prompt")).toHaveText(prompt);
  await expect(image.provenance("provider")).toContainText("Local renderer");
  await expect(image.provenance("model")).toHaveText("local-v1");
  await expect(image.provenance("seed")).toHaveText(String(job.images[0].seed));
  await expect(image.provenance("cost")).toHaveText("Free");
  await page.screenshot({ path: testInfo.outputPath("generated-image-view.png"), fullPage: true });

  // "Reuse settings" goes back to the gallery with the prompt bar filled, the seed shown but not locked (issue 14).
  await image.reusePrompt.click();
  await page.waitForURL((url) => url.pathname === "/");
  await expect(bar.input).toHaveValue(prompt);
  await expect(bar.seed).toHaveValue(String(job.images[0].seed));
  await expect(page.getByTestId("seed-lock")).toHaveAttribute("aria-pressed", "false");
});

test("an empty prompt is not sent, and says why", async ({ page }) => {
  const gallery = new GalleryPage(page);
  await gallery.goto();
  const bar = gallery.prompt;
  await bar.expectReady();
  const submissions = bar.countSubmissions();

  await bar.input.fill("   ");
  await bar.generateButton.click();
  await expect(bar.error).toHaveText(/describe the image/i);
  await expect(bar.input).toBeFocused();
  await bar.input.press("Enter");
  await expect(bar.error).toBeVisible();
  await expect(bar.jobTiles).toHaveCount(0);
  expect(submissions()).toBe(0);

  // Typing clears the message; Shift+Enter is a new line, not a submission.
  await bar.input.fill("a quiet harbour");
  await expect(bar.error).toHaveCount(0);
  await bar.input.press("Shift+Enter");
  await expect(bar.input).toHaveValue("a quiet harbour\n");
  expect(submissions()).toBe(0);
});

test("two images at once give two new tiles, each listed once", async ({ page }, testInfo) => {
  const gallery = new GalleryPage(page);
  await gallery.goto();
  const bar = gallery.prompt;
  await bar.expectReady();
  await expect(gallery.grid).not.toHaveAttribute("aria-busy", "true");
  // The grid is virtualised (justified rows): it holds the tiles near the viewport, so the count is the server's.
  const total = async () => ((await (await page.request.get("/api/v1/images?total=true&limit=1")).json()) as { total: number }).total;
  const before = await total();

  const release = await holdJobUpdates(page); // until both running tiles have been seen
  const submitted = await bar.generate("a paper boat on a pond, morning mist", { n: 2, style: "illustration", aspect: "3x2" });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(202);
  await expect(bar.jobTiles).toHaveCount(2);
  await page.screenshot({ path: testInfo.outputPath("two-job-tiles.png") });
  release();

  const job = await bar.waitForJob(submitted.body.id);
  expect(job.status, JSON.stringify(job.error)).toBe("succeeded");
  expect(job.images).toHaveLength(2);
  await expect(bar.jobTiles).toHaveCount(0);
  for (const generated of job.images) {
    expect(generated.width / generated.height).toBeCloseTo(1.5, 1);
    await expect(gallery.tile(generated.id)).toHaveCount(1);
    await gallery.expectThumbnailLoaded(generated.id);
    await expect(gallery.providerBadge(generated.id)).toHaveText("Local renderer");
  }
  expect(await total()).toBe(before + 2);
  // Newest first: the two open the gallery, side by side in their job's group.
  const firstTwo = await gallery.items().evaluateAll((els) => els.slice(0, 2).map((e) => e.getAttribute("data-image-id")));
  expect(firstTwo.sort()).toEqual(job.images.map((i) => i.id).sort());
  await page.screenshot({ path: testInfo.outputPath("two-generated.png") });

  // A reload shows them once too: the list from the server and the merged one agree.
  await page.reload();
  for (const generated of job.images) await expect(gallery.tile(generated.id)).toHaveCount(1);
});

test("a rate-limited generation says when to retry, and Retry sends it again", async ({ page }, testInfo) => {
  const gallery = new GalleryPage(page);
  await gallery.goto();
  const bar = gallery.prompt;
  await bar.expectReady();

  // The server's 429 is made on demand here; its body and header are the API's documented ones.
  await page.route("**/api/v1/generations", (route) =>
    route.fulfill({
      status: 429,
      headers: { "Content-Type": "application/json", "Retry-After": "2" },
      body: JSON.stringify({ error: { code: "rate_limited", message: "Too many requests: try again in 2 seconds.", requestId: "req_e2e" } }),
    }),
  );
  const refused = await bar.generate("a bowl of lemons on a blue table");
  expect(refused.status).toBe(429);
  const tile = bar.jobTiles.first();
  await expect(tile).toHaveAttribute("data-status", "failed");
  await expect(tile.getByTestId("job-error")).toHaveText("Too many requests: try again in 2 seconds.");
  await expect(tile.getByTestId("job-retry-after")).toHaveText(/retry in \d s/);
  await expect(tile.getByTestId("job-retry")).toBeDisabled();
  await page.screenshot({ path: testInfo.outputPath("rate-limited.png") });

  await page.unroute("**/api/v1/generations");
  await expect(tile.getByTestId("job-retry")).toBeEnabled({ timeout: 5_000 });
  const retried = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/api/v1/generations");
  await tile.getByTestId("job-retry").click();
  const answer = await retried;
  expect(answer.status()).toBe(202);
  const job = await bar.waitForJob(String((await answer.json()).id));
  expect(job.status).toBe("succeeded");
  await expect(bar.jobTiles).toHaveCount(0);
  await gallery.expectThumbnailLoaded(job.images[0].id);
});

test("a running generation follows its events, and Cancel stops it", async ({ page }, testInfo) => {
  const gallery = new GalleryPage(page);
  await gallery.goto();
  const bar = gallery.prompt;
  await bar.expectReady();
  await expect(bar.providerSelect).toHaveValue("local");
  // The page's own requests: the tile follows its job through an EventSource, not by polling.
  const requests: { type: string; method: string; path: string }[] = [];
  page.on("request", (r) => requests.push({ type: r.resourceType(), method: r.method(), path: new URL(r.url()).pathname }));

  // Four large images keep the local renderer busy long enough to cancel.
  await bar.forceSize(2048, 2048);
  const submitted = await bar.generate("a crowded night market in the rain, neon signs", { n: 4 });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(202);
  const jobId = submitted.body.id;
  const tile = bar.jobTiles.first();
  const cancel = tile.getByTestId("job-cancel");
  await expect(cancel).toHaveAccessibleName("Cancel generation");
  await expect(bar.jobTiles.getByTestId("job-cancel")).toHaveCount(1);

  // From the keyboard: focus it and press Enter.
  const canceled = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === `/api/v1/jobs/${jobId}/cancel`);
  await cancel.focus();
  await page.keyboard.press("Enter");
  expect((await canceled).status()).toBe(200);

  const job = await bar.waitForJob(jobId);
  expect(requests.some((r) => r.type === "eventsource" && r.path === `/api/v1/jobs/${jobId}/events`)).toBe(true);
  expect(requests.filter((r) => r.method === "GET" && r.path === `/api/v1/jobs/${jobId}`)).toHaveLength(0);
  if (job.status === "succeeded") {
    testInfo.annotations.push({ type: "note", description: "the job finished before the cancel reached the server" });
    test.skip(true, "The job finished before the cancel reached the server; nothing to assert about cancelling.");
  }
  expect(job.status, JSON.stringify(job.error)).toBe("canceled");

  // The tile says so and offers Retry (focused, since the Cancel button is gone) or Dismiss; nothing joined the grid.
  await expect(bar.jobTiles).toHaveCount(1);
  await expect(tile).toHaveAttribute("data-status", "canceled");
  await expect(tile).toContainText("Canceled");
  await expect(tile.getByTestId("job-retry")).toBeFocused();
  await page.screenshot({ path: testInfo.outputPath("canceled-tile.png") });
  await tile.getByRole("button", { name: "Dismiss" }).click();
  await expect(bar.jobTiles).toHaveCount(0);
});
