import { expect, type Download, type Locator, type Page } from "@playwright/test";
import { expectDecoded } from "./common";
import { CreativePanel } from "./image-creative";
import { CredentialsPanel } from "./image-credentials";
import { ImageEditor } from "./image-editor";
import { FamilyTree } from "./image-family-tree";
import { ToolsPanel } from "./image-tools";

/**
 * The image page at `/images/{id}`: the viewer (zoom, pan, ← →, Esc), star and rating, details and provenance,
 * export and delete; its cards as parts — `editor` (edit mode), `creative` (Create), `tools` (Tools),
 * `credentials` (Content credentials), `familyTree`.
 */
export class ImagePage {
  readonly preview: Locator;
  /** The viewer's stage (wheel, drag) and the picture's box in it. */
  readonly stage: Locator;
  readonly frame: Locator;
  readonly favorite: Locator;
  readonly rating: Locator;
  readonly details: Locator;
  readonly dimensions: Locator;
  readonly parentLink: Locator;
  readonly toast: Locator;
  /** The "Generation" card: prompt, provider, model, seed, style, cost. */
  readonly generation: Locator;
  readonly reusePrompt: Locator;
  readonly editor: ImageEditor;
  readonly creative: CreativePanel;
  readonly tools: ToolsPanel;
  readonly credentials: CredentialsPanel;
  readonly familyTree: FamilyTree;

  constructor(readonly page: Page) {
    this.generation = page.getByTestId("generation-details");
    this.reusePrompt = page.getByTestId("reuse-prompt");
    this.preview = page.getByTestId("image-preview");
    this.stage = page.getByTestId("viewer-stage");
    this.frame = page.getByTestId("viewer-frame");
    this.favorite = page.getByTestId("viewer-favorite");
    this.rating = page.getByTestId("viewer-rating");
    this.details = page.getByTestId("image-details");
    this.dimensions = page.getByTestId("image-dimensions");
    this.parentLink = page.getByTestId("parent-link");
    this.toast = page.getByTestId("toast");
    this.editor = new ImageEditor(page, this);
    this.creative = new CreativePanel(page);
    this.tools = new ToolsPanel(page);
    this.credentials = new CredentialsPanel(page);
    this.familyTree = new FamilyTree(page);
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

  /** One provenance field of the Generation card (data-testid `image-<field>`: prompt, provider, model, seed, lineage…). */
  provenance(field: string): Locator {
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
    await expectDecoded(this.preview);
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

  /** Waits for the page of a new image made from `sourceId` (an edit's result); answers its id. */
  async newImageAfter(sourceId: string): Promise<string> {
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
