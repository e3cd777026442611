import { expect, type Locator, type Page } from "@playwright/test";

/** What every page shares: the top bar's links and theme menu, and the keyboard shortcuts dialog. */
export class StudioChrome {
  readonly themeToggle: Locator;
  readonly themeMenu: Locator;
  readonly shortcutsDialog: Locator;
  readonly compareLink: Locator;
  readonly usageLink: Locator;

  constructor(readonly page: Page) {
    this.themeToggle = page.getByTestId("theme-toggle");
    this.themeMenu = page.getByTestId("theme-menu");
    this.shortcutsDialog = page.getByTestId("shortcuts-dialog");
    this.compareLink = page.getByTestId("nav-compare");
    this.usageLink = page.getByTestId("nav-usage");
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

/**
 * Records the Content-Security-Policy violations of the pages a test opens (events, gathered by an init script the
 * browser runs outside the page's policy, and console messages); `expectNone` checks the current document too.
 */
export async function watchCsp(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  const messages: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) messages.push(m.text());
  });
  return {
    async expectNone() {
      const events = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
      expect([...events, ...messages], "Content-Security-Policy violations").toEqual([]);
    },
  };
}
