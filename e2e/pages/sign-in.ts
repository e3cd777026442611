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
