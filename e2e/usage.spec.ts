// The usage page in a real browser: spend and images per day and provider after a generation, as a chart and as a
// table, the same numbers as the API.
import { expect, test } from "@playwright/test";
import { UsagePage } from "./pages/usage";
import { generateByApi } from "./support/api";
import { watchCsp } from "./support/csp";

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
