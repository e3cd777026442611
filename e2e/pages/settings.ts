import { expect, type Locator, type Page } from "@playwright/test";
import { ProvidersSection } from "./settings-providers";

/** `/settings`: API keys, limits, (administrators) people, and its Providers section as a part (`settings.providers`). */
export class SettingsPage {
  readonly keyName: Locator;
  readonly createKeyButton: Locator;
  readonly newKey: Locator;
  readonly newKeyValue: Locator;
  readonly newKeyDone: Locator;
  readonly keyRows: Locator;
  readonly limits: Locator;
  readonly budgetBar: Locator;
  readonly rateLimit: Locator;
  readonly people: Locator;
  readonly revokeDialog: Locator;
  readonly providers: ProvidersSection;

  constructor(readonly page: Page) {
    this.keyName = page.getByTestId("key-name");
    this.createKeyButton = page.getByTestId("create-key");
    this.newKey = page.getByTestId("new-key");
    this.newKeyValue = page.getByTestId("new-key-value");
    this.newKeyDone = page.getByTestId("new-key-done");
    this.keyRows = page.getByTestId("key-row");
    this.limits = page.getByTestId("limits-section");
    this.budgetBar = page.getByTestId("budget-bar");
    this.rateLimit = page.getByTestId("rate-limit");
    this.people = page.getByTestId("people-section");
    this.revokeDialog = page.getByTestId("revoke-dialog");
    this.providers = new ProvidersSection(page);
  }

  async goto() {
    await this.page.goto("/settings");
    await expect(this.createKeyButton).toBeVisible();
  }

  scope(scope: "read" | "write" | "generate"): Locator {
    return this.page.getByTestId(`key-scope-${scope}`);
  }

  /** Creates a key with exactly these scopes; answers the full key as shown (once) in the copy box. */
  async createKey(name: string, scopes: ("read" | "write" | "generate")[]): Promise<string> {
    await this.keyName.fill(name);
    for (const s of ["read", "write", "generate"] as const) await this.scope(s).setChecked(scopes.includes(s));
    const response = this.page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/api/v1/keys");
    await this.createKeyButton.click();
    expect((await response).status()).toBe(201);
    await expect(this.newKey).toBeVisible();
    return this.newKeyValue.inputValue();
  }

  keyRow(name: string): Locator {
    return this.keyRows.filter({ has: this.page.getByRole("rowheader", { name, exact: true }) });
  }

  async revoke(name: string) {
    await this.keyRow(name).getByTestId("key-revoke").click();
    await expect(this.revokeDialog).toBeVisible();
    const response = this.page.waitForResponse((r) => r.request().method() === "DELETE" && new URL(r.url()).pathname.startsWith("/api/v1/keys/"));
    await this.page.getByTestId("revoke-confirm").click();
    expect((await response).status()).toBe(200);
    await expect(this.revokeDialog).toBeHidden();
  }
}
