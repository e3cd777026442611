import { expect, type Locator, type Page } from "@playwright/test";

export type CreativeTool = "variations" | "refine" | "palette";

/** The "Create" card of the image page: Variations, Refine and Palette tabs, each with its live results. */
export class CreativePanel {
  readonly card: Locator;
  readonly variations: Locator;
  readonly refine: Locator;
  readonly palette: Locator;
  readonly toast: Locator;

  constructor(readonly page: Page) {
    this.card = page.getByTestId("creative-panels");
    this.variations = page.getByTestId("variations-panel");
    this.refine = page.getByTestId("refine-panel");
    this.palette = page.getByTestId("palette-panel");
    this.toast = page.getByTestId("toast");
  }

  tab(tool: CreativeTool): Locator {
    return this.card.getByTestId(`${tool}-tab`);
  }

  async open(tool: CreativeTool) {
    await this.tab(tool).click();
    await expect(this.tab(tool)).toHaveAttribute("aria-selected", "true");
  }

  panel(tool: CreativeTool): Locator {
    return tool === "variations" ? this.variations : tool === "refine" ? this.refine : this.palette;
  }

  /** The job display of a panel (progress, results, error). */
  run(tool: "variations" | "refine"): Locator {
    return this.panel(tool).getByTestId("job-run");
  }

  results(tool: "variations" | "refine"): Locator {
    return this.panel(tool).getByTestId("job-run-result");
  }

  /** Answers the POST that a click (or key) starts, as status and JSON. */
  async expectPost(path: RegExp, act: () => Promise<void>): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = this.page.waitForResponse((r) => r.request().method() === "POST" && path.test(new URL(r.url()).pathname));
    await act();
    const answer = await response;
    return { status: answer.status(), body: await answer.json() };
  }

  async makeVariations(options: { count?: number } = {}) {
    await this.open("variations");
    if (options.count !== undefined) await this.variations.getByTestId("variations-count").fill(String(options.count));
    return this.expectPost(/\/variations$/, () => this.variations.getByTestId("variations-start").click());
  }

  async refineWith(prompt: string, options: { mask?: string; viaKeyboard?: boolean } = {}) {
    await this.open("refine");
    const input = this.refine.getByTestId("refine-prompt");
    await input.fill(prompt);
    if (options.mask) await this.refine.getByTestId("refine-mask").selectOption(options.mask);
    return this.expectPost(/\/refine$/, () => (options.viaKeyboard ? input.press("ControlOrMeta+Enter") : this.refine.getByTestId("refine-start").click()));
  }

  swatches(): Locator {
    return this.palette.getByTestId("palette-swatch");
  }

  swatch(hex: string): Locator {
    return this.palette.locator(`[data-testid="palette-swatch"][data-hex="${hex}"]`);
  }

  /** Waits until each of the images has really been decoded (not just a placeholder). */
  async expectLoaded(images: Locator) {
    const count = await images.count();
    for (let i = 0; i < count; i++) {
      await expect.poll(() => images.nth(i).evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth), { timeout: 15_000 }).toBeGreaterThan(0);
    }
  }

  /** The data-testid (or, lacking one, the accessible label) of the focused element. */
  focused(): Promise<string> {
    return this.page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return "";
      return el.dataset.testid ?? el.getAttribute("aria-label") ?? el.id ?? el.tagName;
    });
  }

  /** Presses Tab until `target` has the focus (at most `max` times); answers what was focused on the way. */
  async tabUntil(target: string, max = 15): Promise<string[]> {
    const seen: string[] = [];
    for (let i = 0; i < max; i++) {
      await this.page.keyboard.press("Tab");
      const now = await this.focused();
      seen.push(now);
      if (now === target) return seen;
    }
    throw new Error(`Tab never reached ${target}; focused on the way: ${seen.join(", ")}`);
  }
}
