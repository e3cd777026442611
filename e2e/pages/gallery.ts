import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Download, type Locator, type Page } from "@playwright/test";
import { expectDecoded } from "./common";
import { GalleryCollections } from "./gallery-collections";
import { PromptBar } from "./prompt-bar";

export interface TileBox {
  id: string;
  index: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

const isImagesPost = (r: { request(): { method(): string }; url(): string }) => r.request().method() === "POST" && new URL(r.url()).pathname === "/api/v1/images";

/**
 * The gallery (the studio's home page, `/`): uploads, the grid of tiles in justified rows (a job's images framed
 * together), search and filters, tiles' checkboxes and stars, and the selection bar's bulk actions; its parts —
 * `prompt` (the prompt panel and job tiles) and `collections` (the collection bar).
 */
export class GalleryPage {
  readonly prompt: PromptBar;
  readonly collections: GalleryCollections;
  readonly grid: Locator;
  /** The grid, or the empty state in its place ("no matches" for a search or filter, an empty gallery). */
  readonly gridOrEmpty: Locator;
  /** The virtualised list of tiles inside the grid. */
  readonly list: Locator;
  readonly groups: Locator;
  readonly uploadInput: Locator;
  readonly uploadButton: Locator;
  readonly dropzone: Locator;
  readonly search: Locator;
  readonly kindFilter: Locator;
  readonly providerFilter: Locator;
  readonly favoritesFilter: Locator;
  readonly dateFrom: Locator;
  readonly dateTo: Locator;
  readonly clearFilters: Locator;
  readonly selectionBar: Locator;
  readonly selectionCount: Locator;
  readonly confirmDialog: Locator;
  readonly toasts: Locator;

  constructor(readonly page: Page) {
    this.prompt = new PromptBar(page);
    this.collections = new GalleryCollections(page, this);
    this.grid = page.getByTestId("gallery-grid");
    this.gridOrEmpty = this.grid.or(page.getByTestId("no-matches")).or(page.getByTestId("empty-gallery"));
    this.list = page.getByTestId("gallery-list");
    this.groups = this.list.getByTestId("job-group");
    this.uploadInput = page.getByTestId("upload-input");
    this.uploadButton = page.getByTestId("upload-button");
    this.dropzone = page.getByTestId("dropzone");
    this.search = page.getByTestId("search-input");
    this.kindFilter = page.getByTestId("kind-filter");
    this.providerFilter = page.getByTestId("provider-filter");
    this.favoritesFilter = page.getByTestId("favorites-filter");
    this.dateFrom = page.getByTestId("date-from");
    this.dateTo = page.getByTestId("date-to");
    this.clearFilters = page.getByTestId("clear-filters");
    this.selectionBar = page.getByTestId("selection-bar");
    this.selectionCount = page.getByTestId("selection-count");
    this.confirmDialog = page.getByTestId("confirm-dialog");
    this.toasts = page.getByTestId("toast");
  }

  /** The gallery opened at an address (e.g. "?q=fox"), ready to generate: its providers loaded, one chosen. */
  static async open(page: Page, query = ""): Promise<GalleryPage> {
    const gallery = new GalleryPage(page);
    await gallery.goto(query);
    await gallery.prompt.expectReady();
    return gallery;
  }

  /** Opens the gallery at an address (e.g. "?provider=local") and waits for the grid or an empty state. */
  async goto(query = "") {
    await this.page.goto(`/${query}`);
    await expect(this.uploadButton).toBeVisible();
    await expect(this.gridOrEmpty).toBeVisible();
  }

  /** Waits for the list to answer for the current filters (the grid is not busy). */
  async settled() {
    await expect(this.gridOrEmpty).toBeVisible();
    await expect(this.grid).not.toHaveAttribute("aria-busy", "true");
  }

  /** Uploads files through the file input; answers the API's JSON for each (in order of completion). */
  async upload(...files: string[]): Promise<{ status: number; body: Record<string, unknown> }[]> {
    const responses = Promise.all(files.map(() => this.page.waitForResponse(isImagesPost)));
    await this.uploadInput.setInputFiles(files);
    return Promise.all((await responses).map(async (r) => ({ status: r.status(), body: await r.json() })));
  }

  /** Drags a file from "the desktop" onto the page, as a browser would: dragenter, dragover, drop. Answers the new id. */
  async drop(file: string, mimeType = "image/png"): Promise<string> {
    const dataTransfer = await this.page.evaluateHandle(
      ({ base64, name, type }) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], name, { type }));
        return transfer;
      },
      { base64: readFileSync(file).toString("base64"), name: path.basename(file), type: mimeType },
    );
    const response = this.page.waitForResponse(isImagesPost);
    for (const type of ["dragenter", "dragover", "drop"]) await this.dropzone.dispatchEvent(type, { dataTransfer });
    const answer = await response;
    expect(answer.status(), await answer.text()).toBe(201);
    return String((await answer.json()).id);
  }

  uploadItems(): Locator {
    return this.page.getByTestId("upload-item");
  }

  items(): Locator {
    return this.page.getByTestId("gallery-item");
  }

  /** An image's tile: the link that opens it. */
  tile(imageId: string): Locator {
    return this.grid.locator(`[data-testid="gallery-item"][data-image-id="${imageId}"]`);
  }

  /** The cell (li) of an image: the link, its checkbox and its star live in it. */
  cell(imageId: string): Locator {
    return this.list.locator("li").filter({ has: this.page.locator(`[data-testid="gallery-item"][data-image-id="${imageId}"]`) });
  }

  checkbox(imageId: string): Locator {
    return this.cell(imageId).getByTestId("tile-select");
  }

  star(imageId: string): Locator {
    return this.cell(imageId).getByTestId("tile-favorite");
  }

  /** The provider badge on a generated image's tile ("Local renderer"). */
  providerBadge(imageId: string): Locator {
    return this.tile(imageId).getByTestId("provider-badge");
  }

  group(jobId: string): Locator {
    return this.list.locator(`[data-testid="job-group"][data-job-id="${jobId}"]`);
  }

  /** Waits until the tile's thumbnail has really been decoded (not just its placeholder painted). */
  async expectThumbnailLoaded(imageId: string) {
    const img = this.tile(imageId).locator("img");
    await expect(img).toBeVisible();
    await expectDecoded(img);
  }

  /** Opens an image's page from its tile. */
  async openImage(imageId: string) {
    await this.tile(imageId).click();
    await this.page.waitForURL(`**/images/${imageId}`);
  }

  /** The ids of the tiles mounted right now, in grid order. */
  async listedIds(): Promise<string[]> {
    return this.list.locator('[data-testid="gallery-item"]').evaluateAll((links) => links.map((a) => a.getAttribute("data-image-id") ?? ""));
  }

  /** The boxes of the tiles mounted now, in list order (justified rows). */
  async tileBoxes(): Promise<TileBox[]> {
    await expect(this.list).toHaveAttribute("data-layout", "justified");
    return this.list.locator("li[data-index]").evaluateAll((cells) =>
      cells.map((li) => {
        const r = li.getBoundingClientRect();
        return {
          id: li.querySelector("[data-image-id]")?.getAttribute("data-image-id") ?? "",
          index: Number((li as HTMLElement).dataset.index),
          x: r.x,
          y: r.y + window.scrollY,
          width: r.width,
          height: r.height,
        };
      }),
    );
  }

  /** Ticks an image's checkbox (Shift: the range from the last one ticked). */
  async select(imageId: string, options: { shift?: boolean } = {}) {
    await this.cell(imageId).hover();
    await this.checkbox(imageId).click({ modifiers: options.shift ? ["Shift"] : [] });
  }

  /** Download zip from the selection bar; answers Playwright's download once the file is complete. */
  async downloadSelection(): Promise<Download> {
    const download = this.page.waitForEvent("download", { timeout: 30_000 });
    await this.selectionBar.getByTestId("selection-download").click();
    return download;
  }

  /** Delete from the selection bar, confirmed in the dialog; answers the API's answer. */
  async deleteSelection(): Promise<{ deleted: string[]; notFound: string[] }> {
    await this.selectionBar.getByTestId("selection-delete").click();
    await expect(this.confirmDialog).toBeVisible();
    const answer = this.page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/api/v1/images/bulk-delete");
    await this.confirmDialog.getByTestId("confirm-delete").click();
    const response = await answer;
    expect(response.status()).toBe(200);
    return response.json();
  }
}
