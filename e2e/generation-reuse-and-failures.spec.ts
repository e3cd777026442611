// Generation as its users expect it (issue 14): "Reuse settings" fills the prompt panel only, a running job tile
// survives a network drop (its event stream resumes from the last event id), the prompt box shows the length limit
// as one approaches it, and failures are in words with Retry only where the same request can succeed.
import { expect, test, type Page } from "@playwright/test";
import { GalleryPage } from "./pages/gallery";
import { ImagePage } from "./pages/image";
import type { JobDto } from "@/lib/images/dto-types";
import { isGenerationPost } from "./pages/prompt-bar";

test("Reuse settings fills the prompt panel, keeps the gallery's filters and leaves the seed unlocked", async ({ page }, testInfo) => {
  const word = `heron${Date.now().toString(36)}`;
  const prompt = `a grey ${word} standing in a misty lake`;
  const made = await page.request.post("/api/v1/generations", { data: { prompt, provider: "local", seed: 4242, n: 1 }, headers: { Prefer: "wait" } });
  expect(made.status(), await made.text()).toBe(201);
  const imageId = ((await made.json()) as JobDto).images[0].id;

  // The gallery filtered to generated images matching a word: the image is there, alone.
  const gallery = await GalleryPage.open(page, `?q=${word}&kind=generated`);
  const bar = gallery.prompt;
  await expect(gallery.search).toHaveValue(word);
  await expect(gallery.items()).toHaveCount(1);
  await gallery.openImage(imageId);
  const image = new ImagePage(page);
  await expect(image.reusePrompt).toBeVisible();
  // The link carries the draft under its own keys: the gallery's provider filter is not among them.
  await expect(image.reusePrompt).toHaveAttribute("href", new RegExp(`q=${word}`));
  const href = new URL((await image.reusePrompt.getAttribute("href"))!, page.url());
  expect(href.searchParams.get("provider")).toBeNull();
  expect(href.searchParams.get("prompt-provider")).toBe("local");

  await image.reusePrompt.click();
  await page.waitForURL((url) => url.pathname === "/");
  await expect(bar.input).toHaveValue(prompt);
  await expect(bar.input).toBeFocused();
  await expect(bar.seed).toHaveValue("4242");
  await expect(bar.seedLock).toHaveAttribute("aria-pressed", "false");
  // The filters are those the gallery had; the address keeps them (and only them) once the draft is taken.
  await expect(gallery.search).toHaveValue(word);
  await expect(gallery.kindFilter).toHaveValue("generated");
  await expect.poll(() => new URL(page.url()).search).toBe(`?q=${word}&kind=generated`);
  await expect(gallery.tile(imageId)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("reuse-settings.png") });

  // Unlocked: the next generation draws a new seed.
  const sent = await bar.submit("button");
  expect(sent.status).toBe(202);
  expect(sent.body.prompt).toBe(prompt);
  expect(sent.body.seed).not.toBe(4242);
  expect(sent.body.collectionId).toBeUndefined();
  await bar.waitForJob(sent.json.id);
});

test("a running job tile survives a network drop: it says it is reconnecting, then catches up and ends with the images", async ({ page, context }, testInfo) => {
  const gallery = await GalleryPage.open(page);
  const bar = gallery.prompt;
  await bar.providerSelect.selectOption("local");
  const streams: string[] = [];
  page.on("request", (r) => r.resourceType() === "eventsource" && streams.push(r.url()));

  // Four large pictures keep the local renderer busy for a while.
  await bar.forceSize(2048, 2048);
  await bar.input.fill("a crowded harbour at dawn, fishing boats, gulls");
  await bar.count.fill("4");
  const sent = await bar.submit("button");
  expect(sent.status).toBe(202);
  const jobId = sent.json.id;
  const tile = bar.jobTiles.first();
  await expect(tile).toHaveAttribute("data-status", "running");

  await context.setOffline(true);
  const atDrop = (await (await page.request.get(`/api/v1/jobs/${jobId}`)).json()) as JobDto;
  if (atDrop.status !== "running") test.skip(true, `The job had ended (${atDrop.status}) before the network went down; nothing to reconnect.`);
  await expect(tile).toHaveAttribute("data-reconnecting", "true");
  await expect(tile.getByTestId("job-state")).toHaveText(/^Reconnecting… · /);
  await page.screenshot({ path: testInfo.outputPath("reconnecting.png") });

  // The job goes on on the server while the page is offline (the test's own requests are not the page's).
  const job = await bar.waitForJob(jobId, 90_000);
  expect(job.status, JSON.stringify(job.error)).toBe("succeeded");
  expect(job.images).toHaveLength(4);
  await expect(bar.jobTiles).toHaveCount(4); // still waiting for its news: the images are not there yet
  const before = streams.length;

  await context.setOffline(false);
  // It reopens the stream from the last event it had, and the replay brings the images and the end.
  await expect(bar.jobTiles).toHaveCount(0, { timeout: 30_000 });
  for (const made of job.images) await gallery.expectThumbnailLoaded(made.id);
  const resumed = streams.slice(before).map((url) => new URL(url));
  expect(resumed.length).toBeGreaterThan(0);
  expect(resumed[0].pathname).toBe(`/api/v1/jobs/${jobId}/events`);
  expect(Number(resumed[0].searchParams.get("lastEventId"))).toBeGreaterThan(0);
  await page.screenshot({ path: testInfo.outputPath("caught-up.png") });
});

test("the prompt box shows the length limit as one approaches it, and a prompt over it is not sent", async ({ page }) => {
  const bar = (await GalleryPage.open(page)).prompt;
  const submissions = bar.countSubmissions();
  const counter = page.getByTestId("prompt-counter");
  const text = (n: number) => "a quiet harbour at dawn ".repeat(Math.ceil(n / 24)).slice(0, n);

  await bar.input.fill(text(3000));
  await expect(counter).toHaveCount(0);
  await bar.input.fill(text(3870));
  await expect(counter).toHaveText("3,870 / 4,000");
  await expect(bar.input).toHaveAccessibleDescription(/3,870 of 4,000 characters/);

  await bar.input.fill(text(4012));
  await expect(counter).toHaveText("4,012 / 4,000");
  await expect(counter).toHaveAttribute("data-over", "true");
  await bar.generateButton.click();
  await expect(bar.error).toHaveText(/The prompt is too long: at most 4,000 characters \(12 over\)/);
  await expect(bar.jobTiles).toHaveCount(0);
  expect(submissions()).toBe(0);
});

test("a request the server refuses reads as a sentence, with no Retry", async ({ page }, testInfo) => {
  const bar = (await GalleryPage.open(page)).prompt;
  await bar.providerSelect.selectOption("local");
  // Pixels beyond what the API takes: its 400 names the field in its details.
  await bar.forceSize(10_000, 1024);
  await bar.input.fill("a paper lantern festival");
  const refused = await bar.submit("button");
  expect(refused.status).toBe(400);
  expect(refused.json.error).toMatchObject({ code: "invalid_request" });

  const failure = bar.failure();
  await expect(failure.tile).toHaveAttribute("data-status", "failed");
  await expect(failure.heading).toHaveText("These settings cannot be used");
  await expect(failure.message).toHaveText("The width must be at most 8,192.");
  await expect(failure.message).not.toContainText("Invalid request");
  await expect(failure.hint).toBeVisible();
  await expect(failure.retry).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath("validation-error.png") });
  await failure.tile.getByRole("button", { name: "Dismiss" }).click();
  await expect(bar.jobTiles).toHaveCount(0);
});

test("a failure that can pass offers Retry, and Retry sends it again", async ({ page }) => {
  const bar = (await GalleryPage.open(page)).prompt;
  await bar.providerSelect.selectOption("local");
  // The provider failed after retries and fallbacks (the API's documented 502), then the network dropped the request.
  const failures = [
    (route: Parameters<Parameters<Page["route"]>[1]>[0]) =>
      route.fulfill({
        status: 502,
        contentType: "application/json",
        body: JSON.stringify({ error: { code: "provider_error", message: "OpenAI answered 503 three times.", requestId: "req_e2e" } }),
      }),
    (route: Parameters<Parameters<Page["route"]>[1]>[0]) => route.abort("internetdisconnected"),
  ];
  let next = 0;
  await page.route("**/api/v1/generations", (route) => (next < failures.length ? failures[next++](route) : route.continue()));

  await bar.input.fill("a bowl of cherries on a marble table");
  await bar.generateButton.click();
  const failure = bar.failure();
  await expect(failure.heading).toHaveText("The provider failed");
  await expect(failure.message).toHaveText("OpenAI answered 503 three times.");
  await expect(failure.retry).toBeEnabled();

  await failure.retry.click();
  await expect(failure.heading).toHaveText("Could not reach the studio");
  await expect(failure.retry).toBeEnabled();

  const retried = page.waitForResponse((r) => isGenerationPost(r.request()));
  await failure.retry.click();
  const answer = await retried;
  expect(answer.status()).toBe(202);
  const job = await bar.waitForJob(String((await answer.json()).id));
  expect(job.status).toBe("succeeded");
  await expect(bar.jobTiles).toHaveCount(0);
});
