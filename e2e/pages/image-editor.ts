import { expect, type Locator, type Page } from "@playwright/test";
import { posted, type Fraction, type Posted } from "./common";
import type { ImagePage } from "./image";

type Rect = { x: number; y: number; width: number; height: number };

/**
 * The image page's edit mode (`image.editor`): Crop (numeric fields or the box on the picture), Resize, Filter,
 * applied one at a time (each makes a new image) or pending and saved at once.
 */
export class ImageEditor {
  readonly toggle: Locator;
  readonly card: Locator;
  readonly cropBox: Locator;
  readonly summary: Locator;

  constructor(
    readonly page: Page,
    private readonly image: ImagePage,
  ) {
    this.toggle = page.getByTestId("edit-toggle");
    this.card = page.getByTestId("edit-card");
    this.cropBox = page.getByTestId("crop-box");
    this.summary = page.getByTestId("edit-summary");
  }

  /** Opens the edit mode unless it is open. */
  async open() {
    if (!(await this.card.isVisible())) await this.toggle.click();
    await expect(this.card).toBeVisible();
  }

  async openTool(tool: "crop" | "resize" | "filter") {
    await this.open();
    await this.page.getByTestId(`${tool}-tab`).click();
    await expect(this.page.getByTestId(`${tool}-tab`)).toHaveAttribute("aria-selected", "true");
  }

  /** Crops with the numeric fields and waits for the new image's page. Answers the new id. */
  async crop(rect: Rect): Promise<string> {
    const sourceId = this.image.currentId();
    await this.setCrop(rect);
    await this.page.getByTestId("crop-apply").click();
    return this.image.newImageAfter(sourceId);
  }

  /** Types a crop rectangle into the edit mode's fields (left pending). */
  async setCrop(rect: Rect) {
    await this.open();
    await this.page.getByTestId("crop-tab").click();
    await this.page.getByTestId("crop-x").fill(String(rect.x));
    await this.page.getByTestId("crop-y").fill(String(rect.y));
    await this.page.getByTestId("crop-width").fill(String(rect.width));
    await this.page.getByTestId("crop-height").fill(String(rect.height));
    await this.page.getByTestId("crop-height").press("Tab");
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
  async cropRect(): Promise<Rect> {
    const value = async (f: string) => Number(await this.page.getByTestId(`crop-${f}`).inputValue());
    return { x: await value("x"), y: await value("y"), width: await value("width"), height: await value("height") };
  }

  async resize(width: number, height: number, keepAspect = true): Promise<string> {
    const sourceId = this.image.currentId();
    await this.open();
    await this.page.getByTestId("resize-tab").click();
    await this.page.getByTestId("resize-keep-aspect").setChecked(keepAspect);
    await this.page.getByTestId("resize-width").fill(String(width));
    if (!keepAspect) await this.page.getByTestId("resize-height").fill(String(height));
    await this.page.getByTestId("resize-apply").click();
    return this.image.newImageAfter(sourceId);
  }

  /** Chooses a filter (left pending). */
  async chooseFilter(type: string) {
    await this.openTool("filter");
    await this.page.getByTestId("filter-type").selectOption(type);
  }

  /** Applies a filter at once and waits for the new image's page. Answers the new id. */
  async filter(type: string): Promise<string> {
    const sourceId = this.image.currentId();
    await this.open();
    await this.page.getByTestId("filter-tab").click();
    await this.page.getByTestId("filter-type").selectOption(type);
    await this.page.getByTestId("filter-apply").click();
    return this.image.newImageAfter(sourceId);
  }

  /** Saves every pending edit with the open tab's button; answers the one POST /process it makes. */
  saveEdits(): Promise<Posted> {
    return posted(this.page, /\/process$/, () => this.page.locator('[data-role="edit-save"]').click());
  }
}
