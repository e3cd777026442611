import { expect, type Download, type Locator, type Page } from "@playwright/test";

/** The image view at `/images/{id}`: the viewer (zoom, pan, ← →, Esc), star and rating, details, edit mode, download. */
export class ImagePage {
  readonly preview: Locator;
  /** The viewer's stage (wheel, drag) and the picture's box in it. */
  readonly stage: Locator;
  readonly frame: Locator;
  readonly editToggle: Locator;
  readonly editCard: Locator;
  readonly favorite: Locator;
  readonly rating: Locator;
  readonly details: Locator;
  readonly dimensions: Locator;
  readonly parentLink: Locator;
  readonly toast: Locator;
  /** The "Generation" card: prompt, provider, model, seed, style, cost. */
  readonly generation: Locator;
  readonly reusePrompt: Locator;

  constructor(readonly page: Page) {
    this.generation = page.getByTestId("generation-details");
    this.reusePrompt = page.getByTestId("reuse-prompt");
    this.preview = page.getByTestId("image-preview");
    this.stage = page.getByTestId("viewer-stage");
    this.frame = page.getByTestId("viewer-frame");
    this.editToggle = page.getByTestId("edit-toggle");
    this.editCard = page.getByTestId("edit-card");
    this.favorite = page.getByTestId("viewer-favorite");
    this.rating = page.getByTestId("viewer-rating");
    this.details = page.getByTestId("image-details");
    this.dimensions = page.getByTestId("image-dimensions");
    this.parentLink = page.getByTestId("parent-link");
    this.toast = page.getByTestId("toast");
  }

  async goto(imageId: string) {
    await this.page.goto(`/images/${imageId}`);
    await this.ready();
  }

  /** Loaded and hydrated: its keys (F, 1–5, arrows…) are listened to — server-rendered HTML looks the same before. */
  async ready() {
    await expect(this.details).toBeVisible();
    await expect(this.page.getByTestId("viewer")).toHaveAttribute("data-keys", "ready");
  }

  provenance(field: "prompt" | "effective-prompt" | "provider" | "model" | "seed" | "style" | "cost"): Locator {
    return this.generation.getByTestId(`image-${field}`);
  }

  /** The id in the address bar. */
  currentId(): string {
    return new URL(this.page.url()).pathname.split("/").pop()!;
  }

  async expectDimensions(width: number, height: number) {
    await expect(this.dimensions).toHaveText(new RegExp(`^${width} × ${height}\\b`));
  }

  async expectPreviewLoaded() {
    await expect.poll(() => this.preview.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth), { timeout: 15_000 }).toBeGreaterThan(0);
  }

  /** Opens the edit mode (crop, resize, filters) unless it is open. */
  async openEditor() {
    if (!(await this.editCard.isVisible())) await this.editToggle.click();
    await expect(this.editCard).toBeVisible();
  }

  /** The viewer's scale (screen pixels per image pixel) once measured. */
  async scale(): Promise<number> {
    await expect(this.stage).toHaveAttribute("data-scale", /\d/);
    return Number(await this.stage.getAttribute("data-scale"));
  }

  /** The picture's box on screen. */
  async frameBox() {
    return (await this.frame.boundingBox())!;
  }

  /** Crops with the numeric fields and waits for the new image's page. Answers the new id. */
  async crop(rect: { x: number; y: number; width: number; height: number }): Promise<string> {
    const sourceId = this.currentId();
    await this.setCrop(rect);
    await this.page.getByTestId("crop-apply").click();
    return this.waitForNewImage(sourceId);
  }

  /** Types a crop rectangle into the edit mode's fields (left pending). */
  async setCrop(rect: { x: number; y: number; width: number; height: number }) {
    await this.openEditor();
    await this.page.getByTestId("crop-tab").click();
    await this.page.getByTestId("crop-x").fill(String(rect.x));
    await this.page.getByTestId("crop-y").fill(String(rect.y));
    await this.page.getByTestId("crop-width").fill(String(rect.width));
    await this.page.getByTestId("crop-height").fill(String(rect.height));
    await this.page.getByTestId("crop-height").press("Tab");
  }

  async resize(width: number, height: number, keepAspect = true): Promise<string> {
    const sourceId = this.currentId();
    await this.openEditor();
    await this.page.getByTestId("resize-tab").click();
    await this.page.getByTestId("resize-keep-aspect").setChecked(keepAspect);
    await this.page.getByTestId("resize-width").fill(String(width));
    if (!keepAspect) await this.page.getByTestId("resize-height").fill(String(height));
    await this.page.getByTestId("resize-apply").click();
    return this.waitForNewImage(sourceId);
  }

  async filter(type: string): Promise<string> {
    const sourceId = this.currentId();
    await this.openEditor();
    await this.page.getByTestId("filter-tab").click();
    await this.page.getByTestId("filter-type").selectOption(type);
    await this.page.getByTestId("filter-apply").click();
    return this.waitForNewImage(sourceId);
  }

  private async waitForNewImage(sourceId: string): Promise<string> {
    await this.page.waitForURL((url) => url.pathname.startsWith("/images/") && !url.pathname.endsWith(`/${sourceId}`));
    await expect(this.details).toBeVisible();
    return this.currentId();
  }

  /** Chooses the export options and clicks Download; answers the browser's download. */
  async download(options: { format: "png" | "jpeg" | "webp" | "avif"; quality?: number; metadata?: boolean }): Promise<Download> {
    await this.page.getByTestId("export-format").selectOption(options.format);
    if (options.quality !== undefined) await this.page.getByTestId("export-quality").fill(String(options.quality));
    if (options.metadata !== undefined) await this.page.getByTestId("export-metadata").setChecked(options.metadata);
    const download = this.page.waitForEvent("download");
    await this.page.getByTestId("export-download").click();
    return download;
  }

  async delete() {
    await this.page.getByTestId("delete-button").click();
    await this.page.getByTestId("delete-confirm").click();
    await this.page.waitForURL((url) => url.pathname === "/");
  }
}
