import { expect, type Locator, type Page } from "@playwright/test";

/** The usage page at `/usage`: today's budget, the chart per day and provider (with its table), totals. */
export class UsagePage {
  readonly chart: Locator;
  readonly bars: Locator;
  readonly table: Locator;
  readonly tableToggle: Locator;
  readonly rows: Locator;
  readonly totals: Locator;
  readonly budget: Locator;
  readonly meter: Locator;
  readonly empty: Locator;
  readonly settingsLink: Locator;

  constructor(readonly page: Page) {
    this.chart = page.getByTestId("usage-chart");
    this.bars = page.getByTestId("usage-bar");
    this.table = page.getByTestId("usage-table");
    this.tableToggle = page.getByTestId("usage-table-toggle");
    this.rows = page.getByTestId("usage-row");
    this.totals = page.getByTestId("provider-totals");
    this.budget = page.getByTestId("budget");
    this.meter = page.getByRole("meter", { name: "Today's budget used" });
    this.empty = page.getByTestId("usage-empty");
    this.settingsLink = page.getByTestId("usage-settings-link");
  }

  async goto(query = "") {
    await this.page.goto(`/usage${query}`);
    await expect(this.page.getByRole("heading", { level: 1, name: "Usage" })).toBeVisible();
  }

  providerTotal(provider: string): Locator {
    return this.page.locator(`[data-testid="provider-total"][data-provider="${provider}"]`);
  }

  metric(m: "cost" | "images"): Locator {
    return this.page.getByTestId(`usage-metric-${m}`);
  }
}
