import { createHash } from "node:crypto";
import { expect, type Locator, type Page, type Request } from "@playwright/test";
import { CreativePanel } from "./creative-panel";
import { ImagePage } from "./image-page";

export type Posted = { status: number; body: Record<string, unknown>; sent: Record<string, unknown> };

/** A point on an element as fractions of its box: [0, 0] top left, [1, 1] bottom right. */
export type Fraction = readonly [number, number];

/**
 * The image view as the whole-workflow spec uses it: provenance, the Create card (variations presets, refine with
 * a painted mask, palette live preview) and the Edit card (crop box, filters, one save), on top of the existing
 * ImagePage and CreativePanel page objects.
 */
export class WorkflowImagePage {
  readonly image: ImagePage;
  readonly creative: CreativePanel;
  readonly painter: Locator;
  readonly maskCanvas: Locator;
  readonly livePreview: Locator;
  readonly cropBox: Locator;
  readonly editSummary: Locator;

  constructor(readonly page: Page) {
    this.image = new ImagePage(page);
    this.creative = new CreativePanel(page);
    this.painter = this.creative.refine.getByTestId("mask-painter");
    // Painted on the viewer's large picture, not inside the Refine card.
    this.maskCanvas = page.getByTestId("mask-canvas");
    this.livePreview = this.creative.palette.getByTestId("palette-live-preview");
    this.cropBox = page.getByTestId("crop-box");
    this.editSummary = page.getByTestId("edit-summary");
  }

  /** Answers the POST a click starts: its JSON body as sent, and the API's status and JSON. */
  async post(path: RegExp, act: () => Promise<void>): Promise<Posted> {
    const matches = (r: Request) => r.method() === "POST" && path.test(new URL(r.url()).pathname);
    const request = this.page.waitForRequest(matches);
    const response = this.page.waitForResponse((r) => matches(r.request()));
    await act();
    const sent = ((await request).postDataJSON() ?? {}) as Record<string, unknown>;
    const answer = await response;
    return { status: answer.status(), body: (await answer.json()) as Record<string, unknown>, sent };
  }

  /** One provenance field of the Generation card (data-testid `image-<field>`). */
  provenance(field: string): Locator {
    return this.image.generation.getByTestId(`image-${field}`);
  }

  // ── Variations ──────────────────────────────────────────────────────────────────────────────────────────

  async makeVariations(options: { preset: "subtle" | "strong"; count: number }): Promise<Posted> {
    await this.creative.open("variations");
    const preset = this.creative.variations.getByTestId(`variations-${options.preset}`);
    await preset.click();
    await expect(preset).toHaveAttribute("aria-pressed", "true");
    await this.creative.variations.getByTestId("variations-count").fill(String(options.count));
    return this.post(/\/variations$/, () => this.creative.variations.getByTestId("variations-start").click());
  }

  // ── Refine with a painted mask ──────────────────────────────────────────────────────────────────────────

  async choosePaintedMask() {
    await this.creative.open("refine");
    await this.creative.refine.getByTestId("refine-mask").selectOption("paint");
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

  async refine(prompt: string): Promise<Posted> {
    await this.creative.refine.getByTestId("refine-prompt").fill(prompt);
    return this.post(/\/refine$/, () => this.creative.refine.getByTestId("refine-start").click());
  }

  // ── Palette ─────────────────────────────────────────────────────────────────────────────────────────────

  async extractPalette(): Promise<Posted> {
    await this.creative.open("palette");
    return this.post(/\/palettes\/batch$/, () => this.creative.palette.getByTestId("palette-extract").click());
  }

  /** Moves the recolour strength slider and waits until the live preview has been drawn at that strength. */
  async setPaletteStrength(strength: number) {
    const slider = this.creative.palette.getByTestId("palette-apply-strength");
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
    return this.post(/\/apply-palette$/, () => this.creative.palette.getByTestId("palette-apply").click());
  }

  // ── Edit: crop box, filter, one save ────────────────────────────────────────────────────────────────────

  async openTool(tool: "crop" | "resize" | "filter") {
    await this.image.openEditor();
    await this.page.getByTestId(`${tool}-tab`).click();
    await expect(this.page.getByTestId(`${tool}-tab`)).toHaveAttribute("aria-selected", "true");
  }

  /** Drags the crop box's bottom-right corner to a point of the picture (fractions of the preview). */
  async dragCropCorner(to: Fraction) {
    await this.openTool("crop");
    const preview = (await this.image.preview.boundingBox())!;
    const box = (await this.cropBox.boundingBox())!;
    await this.page.mouse.move(box.x + box.width - 2, box.y + box.height - 2);
    await this.page.mouse.down();
    await this.page.mouse.move(preview.x + to[0] * preview.width, preview.y + to[1] * preview.height, { steps: 10 });
    await this.page.mouse.up();
  }

  /** The crop rectangle as the numeric fields show it. */
  async cropRect() {
    const value = async (f: string) => Number(await this.page.getByTestId(`crop-${f}`).inputValue());
    return { x: await value("x"), y: await value("y"), width: await value("width"), height: await value("height") };
  }

  async chooseFilter(type: string) {
    await this.openTool("filter");
    await this.page.getByTestId("filter-type").selectOption(type);
  }

  /** Saves every pending edit with the open tab's button; answers the one POST /process it makes. */
  saveEdits(): Promise<Posted> {
    return this.post(/\/process$/, () => this.page.locator('[data-role="edit-save"]').click());
  }
}
