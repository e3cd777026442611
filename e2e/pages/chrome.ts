import { expect, type Locator, type Page } from "@playwright/test";

/** What every page shares: the top bar's links, theme menu and account corner (`chrome.account`), and the keyboard shortcuts dialog. */
export class StudioChrome {
  readonly account: AccountMenu;
  readonly themeToggle: Locator;
  readonly themeMenu: Locator;
  readonly shortcutsButton: Locator;
  readonly shortcutsDialog: Locator;
  readonly compareLink: Locator;
  readonly usageLink: Locator;

  constructor(readonly page: Page) {
    this.themeToggle = page.getByTestId("theme-toggle");
    this.themeMenu = page.getByTestId("theme-menu");
    this.shortcutsButton = page.getByTestId("shortcuts-button");
    this.shortcutsDialog = page.getByTestId("shortcuts-dialog");
    this.compareLink = page.getByTestId("nav-compare");
    this.usageLink = page.getByTestId("nav-usage");
    this.account = new AccountMenu(page);
  }

  async chooseTheme(theme: "system" | "light" | "dark") {
    await this.themeToggle.click();
    await expect(this.themeMenu).toBeVisible();
    await this.page.getByTestId(`theme-${theme}`).click();
    await expect(this.themeMenu).toBeHidden();
  }

  /** The theme <html> carries: "light", "dark", or null (the system's). */
  themeAttribute(): Promise<string | null> {
    return this.page.locator("html").getAttribute("data-theme");
  }

  /** The page's background colour as the browser computed it ("rgb(r, g, b)"). */
  background(): Promise<string> {
    return this.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  }

  /** Whether nothing sticks out sideways (the page fits a phone's width). */
  async expectNoHorizontalScroll() {
    const overflow = await this.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, "the page is wider than the screen").toBeLessThanOrEqual(0);
  }
}

/** Luminance 0–255 of "rgb(r, g, b)": dark backgrounds are well under 60. */
export function lightness(rgb: string): number {
  const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? ["0", "0", "0"]).map(Number);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
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
