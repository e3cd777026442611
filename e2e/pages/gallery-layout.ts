import { expect, type Locator, type Page } from "@playwright/test";
import { GalleryStudio } from "./gallery-studio";

export interface TileBox {
  id: string;
  index: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The gallery's layout on top of GalleryStudio: tiles' boxes as laid out (justified rows), a job's group, and the
 * collection bar's rename and delete.
 */
export class GalleryLayout extends GalleryStudio {
  readonly groups: Locator;

  constructor(page: Page) {
    super(page);
    this.groups = this.list.getByTestId("job-group");
  }

  /** The boxes of the tiles mounted now, in list order. */
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

  group(jobId: string): Locator {
    return this.list.locator(`[data-testid="job-group"][data-job-id="${jobId}"]`);
  }

  /** The collection shown (the chip pressed), renamed from the collection bar. */
  async renameShownCollection(name: string) {
    await this.page.getByTestId("collection-rename").click();
    const input = this.page.getByTestId("collection-rename-input");
    await input.fill(name);
    const saved = this.page.waitForResponse((r) => r.request().method() === "PATCH" && /\/api\/v1\/collections\/[^/]+$/.test(new URL(r.url()).pathname));
    await this.page.getByTestId("collection-rename-save").click();
    expect((await saved).status()).toBe(200);
  }

  /** Deletes the collection shown; answers the dialog's text (what it says happens to the images). */
  async deleteShownCollection(): Promise<string> {
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
}
