import { expect, type Download, type Locator, type Page } from "@playwright/test";
import { GalleryPage } from "./gallery-page";

/**
 * The gallery's studio features on top of GalleryPage: provider, favourites and date filters, collection chips
 * (and dropping images on them), tiles' checkboxes and stars, and the selection bar's bulk actions.
 */
export class GalleryStudio extends GalleryPage {
  readonly providerFilter: Locator;
  readonly favoritesFilter: Locator;
  readonly dateFrom: Locator;
  readonly dateTo: Locator;
  readonly clearFilters: Locator;
  readonly collections: Locator;
  readonly selectionBar: Locator;
  readonly selectionCount: Locator;
  readonly confirmDialog: Locator;
  readonly toasts: Locator;
  readonly list: Locator;

  constructor(page: Page) {
    super(page);
    this.providerFilter = page.getByTestId("provider-filter");
    this.favoritesFilter = page.getByTestId("favorites-filter");
    this.dateFrom = page.getByTestId("date-from");
    this.dateTo = page.getByTestId("date-to");
    this.clearFilters = page.getByTestId("clear-filters");
    this.collections = page.getByRole("navigation", { name: "Collections" });
    this.selectionBar = page.getByTestId("selection-bar");
    this.selectionCount = page.getByTestId("selection-count");
    this.confirmDialog = page.getByTestId("confirm-dialog");
    this.toasts = page.getByTestId("toast");
    this.list = page.getByTestId("gallery-list");
  }

  /** Opens the gallery at an address (e.g. "/?provider=local") and waits for the grid or an empty state. */
  async open(query = "") {
    await this.page.goto(`/${query}`);
    await expect(this.uploadButton).toBeVisible();
    await expect(this.grid.or(this.page.getByTestId("no-matches")).or(this.page.getByTestId("empty-gallery"))).toBeVisible();
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

  collectionChip(name: string): Locator {
    return this.collections.getByTestId("collection-chip").filter({ hasText: name });
  }

  /** The number of images a collection's chip shows. */
  collectionCount(name: string): Locator {
    return this.collectionChip(name).getByTestId("collection-count");
  }

  /** The ids of the tiles mounted right now, in grid order. */
  async listedIds(): Promise<string[]> {
    return this.list.locator('[data-testid="gallery-item"]').evaluateAll((links) => links.map((a) => a.getAttribute("data-image-id") ?? ""));
  }

  /** Waits for the list to answer for the current filters (the grid is not busy). */
  async settled() {
    await expect(this.grid.or(this.page.getByTestId("no-matches")).or(this.page.getByTestId("empty-gallery"))).toBeVisible();
    await expect(this.grid).not.toHaveAttribute("aria-busy", "true");
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

  /**
   * Drags an image's tile (the whole selection, when the tile is part of it) onto a collection with the mouse, as a
   * person does: press on the tile, move, and let go over the collection in the tray that appears while dragging.
   * Answers the PATCH responses' statuses.
   */
  async dragToCollection(imageId: string, collectionName: string, expectedMoves = 1): Promise<number[]> {
    const statuses: number[] = [];
    const done = new Promise<void>((resolve) => {
      const onResponse = (r: import("@playwright/test").Response) => {
        if (r.request().method() !== "PATCH" || !/\/api\/v1\/images\/[^/]+$/.test(new URL(r.url()).pathname)) return;
        statuses.push(r.status());
        if (statuses.length === expectedMoves) {
          this.page.off("response", onResponse);
          resolve();
        }
      };
      this.page.on("response", onResponse);
    });
    const tile = this.tile(imageId);
    await tile.scrollIntoViewIfNeeded();
    const from = (await tile.boundingBox())!;
    await this.page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(from.x + from.width / 2 + 20, from.y + from.height / 2 + 20, { steps: 4 });
    const target = this.page.getByTestId("collection-drop-tray").getByTestId("collection-drop-target").filter({ hasText: collectionName });
    await expect(target).toBeVisible();
    const to = (await target.boundingBox())!;
    await this.page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 8 });
    await expect(target).toHaveAttribute("data-drop-target", "true");
    await this.page.mouse.up();
    await done;
    return statuses;
  }
}
