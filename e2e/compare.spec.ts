// Compare in a real browser: one prompt to two columns (each result with its time and cost, a slider between them),
// and before/after of an image against its parent.
import { expect, test } from "@playwright/test";
import { ComparePage } from "./pages/compare";
import { generateByApi } from "./support/api";
import { watchCsp } from "./support/csp";

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
