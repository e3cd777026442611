import { createHash } from "node:crypto";
import { expect, type Locator, type Page } from "@playwright/test";
import { posted, type Fraction, type Posted } from "./common";

export type CreativeTool = "variations" | "refine" | "palette";

/**
 * The image page's "Create" card (`image.creative`): Variations (presets, count), Refine (prompt, a mask — painted
 * on the viewer's large picture or chosen), Palette (extract, the recolour slider's live preview, apply), each with
 * its live results.
 */
export class CreativePanel {
  readonly card: Locator;
  readonly variations: Locator;
  readonly refine: Locator;
  readonly palette: Locator;
  readonly painter: Locator;
  /** Painted on the viewer's large picture, not inside the Refine card. */
  readonly maskCanvas: Locator;
  readonly livePreview: Locator;

  constructor(readonly page: Page) {
    this.card = page.getByTestId("creative-panels");
    this.variations = page.getByTestId("variations-panel");
    this.refine = page.getByTestId("refine-panel");
    this.palette = page.getByTestId("palette-panel");
    this.painter = this.refine.getByTestId("mask-painter");
    this.maskCanvas = page.getByTestId("mask-canvas");
    this.livePreview = this.palette.getByTestId("palette-live-preview");
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

  // ── Variations ──────────────────────────────────────────────────────────────────────────────────────────

  async makeVariations(options: { preset?: "subtle" | "strong"; count?: number } = {}): Promise<Posted> {
    await this.open("variations");
    if (options.preset) {
      const preset = this.variations.getByTestId(`variations-${options.preset}`);
      await preset.click();
      await expect(preset).toHaveAttribute("aria-pressed", "true");
    }
    if (options.count !== undefined) await this.variations.getByTestId("variations-count").fill(String(options.count));
    return posted(this.page, /\/variations$/, () => this.variations.getByTestId("variations-start").click());
  }

  // ── Refine ──────────────────────────────────────────────────────────────────────────────────────────────

  /** Refines with a prompt (and a mask chosen by name; a painted one stays as painted), by button or ⌘/Ctrl+Enter. */
  async refineWith(prompt: string, options: { mask?: string; viaKeyboard?: boolean } = {}): Promise<Posted> {
    await this.open("refine");
    const input = this.refine.getByTestId("refine-prompt");
    await input.fill(prompt);
    if (options.mask) await this.refine.getByTestId("refine-mask").selectOption(options.mask);
    return posted(this.page, /\/refine$/, () => (options.viaKeyboard ? input.press("ControlOrMeta+Enter") : this.refine.getByTestId("refine-start").click()));
  }

  async choosePaintedMask() {
    await this.open("refine");
    await this.refine.getByTestId("refine-mask").selectOption("paint");
    await expect(this.painter).toBeVisible();
    await expect(this.maskCanvas).toBeVisible();
  }

  /** Drags the mouse over the mask canvas through the points (fractions of its box), pressed all the way. */
  async paint(points: readonly Fraction[]) {
    await this.maskCanvas.scrollIntoViewIfNeeded();
    const box = (await this.maskCanvas.boundingBox())!;
    const at = ([fx, fy]: Fraction) => [box.x + fx * box.width, box.y + fy * box.height] as const;
    await this.page.mouse.move(...at(points[0]));
    await this.page.mouse.down();
    for (const point of points.slice(1)) await this.page.mouse.move(...at(point), { steps: 8 });
    await this.page.mouse.up();
  }

  /** The painted share of the picture, as the painter measured it. */
  async coverage(): Promise<number> {
    return Number(await this.painter.getAttribute("data-coverage"));
  }

  // ── Palette ─────────────────────────────────────────────────────────────────────────────────────────────

  async extractPalette(): Promise<Posted> {
    await this.open("palette");
    return posted(this.page, /\/palettes\/batch$/, () => this.palette.getByTestId("palette-extract").click());
  }

  swatches(): Locator {
    return this.palette.getByTestId("palette-swatch");
  }

  swatch(hex: string): Locator {
    return this.palette.locator(`[data-testid="palette-swatch"][data-hex="${hex}"]`);
  }

  /** Moves the recolour strength slider and waits until the live preview has been drawn at that strength. */
  async setPaletteStrength(strength: number) {
    const slider = this.palette.getByTestId("palette-apply-strength");
    await slider.fill(String(strength));
    await expect(slider).toHaveValue(String(strength));
    await expect(this.livePreview).toHaveAttribute("data-strength", String(strength));
  }

  /** A hash of the live preview's pixels (to see that they follow the slider). */
  previewHash(): Promise<string> {
    return this.livePreview
      .evaluate((el: HTMLCanvasElement) => Array.from(el.getContext("2d")!.getImageData(0, 0, el.width, el.height).data).join(","))
      .then((text) => createHash("sha256").update(text).digest("hex"));
  }

  applyPalette(): Promise<Posted> {
    return posted(this.page, /\/apply-palette$/, () => this.palette.getByTestId("palette-apply").click());
  }
}
