import { expect, type Locator, type Page } from "@playwright/test";

/** The sign-in page at `/sign-in`. */
export class SignInPage {
  readonly email: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly error: Locator;
  readonly signUpLink: Locator;

  constructor(readonly page: Page) {
    this.email = page.getByTestId("sign-in-email");
    this.password = page.getByTestId("sign-in-password");
    this.submit = page.getByTestId("sign-in-submit");
    this.error = page.getByTestId("sign-in-error");
    this.signUpLink = page.getByTestId("sign-up-link");
  }

  async goto(callbackUrl?: string) {
    await this.page.goto(callbackUrl ? `/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/sign-in");
    await expect(this.submit).toBeVisible();
  }

  /** Fills the form and submits it with the Enter key (as a person at a keyboard would). */
  async signIn(email: string, password: string) {
    await this.email.fill(email);
    await this.password.fill(password);
    await this.password.press("Enter");
  }
}

/** The sign-up page at `/sign-up`. */
export class SignUpPage {
  readonly email: Locator;
  readonly name: Locator;
  readonly password: Locator;
  readonly rule: Locator;
  readonly submit: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.email = page.getByTestId("sign-up-email");
    this.name = page.getByTestId("sign-up-name");
    this.password = page.getByTestId("sign-up-password");
    this.rule = page.getByTestId("password-rule");
    this.submit = page.getByTestId("sign-up-submit");
    this.error = page.getByTestId("sign-up-error");
  }

  async goto() {
    await this.page.goto("/sign-up");
    await expect(this.submit).toBeVisible();
  }

  /** Fills and submits the form; answers the status of POST /api/auth/sign-up. */
  async signUp(account: { email: string; password: string; name?: string }): Promise<number> {
    await this.email.fill(account.email);
    if (account.name) await this.name.fill(account.name);
    await this.password.fill(account.password);
    const response = this.page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/api/auth/sign-up");
    await this.submit.click();
    return (await response).status();
  }
}

/** The account corner of the top bar. */
export class AccountMenu {
  readonly button: Locator;
  readonly menu: Locator;
  readonly name: Locator;
  readonly settingsLink: Locator;
  readonly signOutButton: Locator;
  readonly localBadge: Locator;

  constructor(readonly page: Page) {
    this.button = page.getByTestId("account-menu-button");
    this.menu = page.getByTestId("account-menu");
    this.name = page.getByTestId("account-name");
    this.settingsLink = page.getByTestId("account-settings-link");
    this.signOutButton = page.getByTestId("sign-out-button");
    this.localBadge = page.getByTestId("local-studio-badge");
  }

  async open() {
    await this.button.click();
    await expect(this.menu).toBeVisible();
  }

  async signOut() {
    await this.open();
    await this.signOutButton.click();
    await this.page.waitForURL((url) => url.pathname === "/sign-in");
  }
}

/** `/settings`: API keys, limits and (administrators) people. */
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

/** Console messages about the Content-Security-Policy (a blocked script or style) from now on. */
export function watchPolicyViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}
