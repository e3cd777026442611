import { expect, type Locator, type Page, type Response } from "@playwright/test";
import type { GalleryPage } from "./gallery";

/** The gallery's collection bar (`gallery.collections`): its chips and counts, rename and delete, and dropping tiles on a collection. */
export class GalleryCollections {
  /** The bar: "All", one chip per collection, and the shown collection's actions. */
  readonly nav: Locator;

  constructor(
    readonly page: Page,
    private readonly gallery: GalleryPage,
  ) {
    this.nav = page.getByRole("navigation", { name: "Collections" });
  }

  chip(name: string): Locator {
    return this.nav.getByTestId("collection-chip").filter({ hasText: name });
  }

  /** The number of images a collection's chip shows. */
  count(name: string): Locator {
    return this.chip(name).getByTestId("collection-count");
  }

  /** Renames the collection shown (the chip pressed) from the bar. */
  async renameShown(name: string) {
    await this.page.getByTestId("collection-rename").click();
    const input = this.page.getByTestId("collection-rename-input");
    await input.fill(name);
    const saved = this.page.waitForResponse((r) => r.request().method() === "PATCH" && /\/api\/v1\/collections\/[^/]+$/.test(new URL(r.url()).pathname));
    await this.page.getByTestId("collection-rename-save").click();
    expect((await saved).status()).toBe(200);
  }

  /** Deletes the collection shown; answers the dialog's text (what it says happens to the images). */
  async deleteShown(): Promise<string> {
    await this.page.getByTestId("collection-delete").click();
    const dialog = this.page.getByTestId("collection-delete-dialog");
    await expect(dialog).toBeVisible();
    const text = (await dialog.textContent()) ?? "";
    const gone = this.page.waitForResponse((r) => r.request().method() === "DELETE" && /\/api\/v1\/collections\/[^/]+$/.test(new URL(r.url()).pathname));
    await dialog.getByTestId("collection-delete-confirm").click();
    expect((await gone).status()).toBe(204);
    await expect(dialog).toBeHidden();
    return text;
  }

  /**
   * Drags an image's tile (the whole selection, when the tile is part of it) onto a collection with the mouse, as a
   * person does: press on the tile, move, and let go over the collection in the tray that appears while dragging.
   * Answers the PATCH responses' statuses.
   */
  async dragOnto(imageId: string, collectionName: string, expectedMoves = 1): Promise<number[]> {
    const statuses: number[] = [];
    const done = new Promise<void>((resolve) => {
      const onResponse = (r: Response) => {
        if (r.request().method() !== "PATCH" || !/\/api\/v1\/images\/[^/]+$/.test(new URL(r.url()).pathname)) return;
        statuses.push(r.status());
        if (statuses.length === expectedMoves) {
          this.page.off("response", onResponse);
          resolve();
        }
      };
      this.page.on("response", onResponse);
    });
    const tile = this.gallery.tile(imageId);
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
