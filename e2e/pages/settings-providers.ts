import { expect, type Locator, type Page } from "@playwright/test";

/** Settings → Providers (`settings.providers`, the #providers section of /settings): one card per provider, and the audit list. */
export class ProvidersSection {
  readonly section: Locator;
  readonly audit: Locator;

  constructor(readonly page: Page) {
    this.section = page.getByTestId("providers-section");
    this.audit = page.getByTestId("providers-audit-entry");
  }

  async goto() {
    await this.page.goto("/settings#providers");
    await expect(this.section).toBeVisible();
  }

  card(id: string) {
    const card = this.page.getByTestId(`provider-card-${id}`);
    return {
      card,
      status: this.page.getByTestId(`provider-status-${id}`),
      secret: this.page.getByTestId(`provider-secret-${id}`),
      baseUrl: this.page.getByTestId(`provider-base-url-${id}`),
      name: this.page.getByTestId(`provider-name-${id}`),
      models: this.page.getByTestId(`provider-models-${id}`),
      save: this.page.getByTestId(`provider-save-${id}`),
      test: this.page.getByTestId(`provider-test-${id}`),
      toggle: this.page.getByTestId(`provider-toggle-${id}`),
      remove: this.page.getByTestId(`provider-remove-${id}`),
      result: this.page.getByTestId(`provider-result-${id}`),
    };
  }
}
