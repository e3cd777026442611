import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Locator, type Page } from "@playwright/test";
import { PromptBar } from "./prompt-bar";

/** The gallery at `/`: the prompt bar, uploads, the grid, search and filters. */
export class GalleryPage {
  readonly grid: Locator;
  readonly uploadInput: Locator;
  readonly uploadButton: Locator;
  readonly search: Locator;
  readonly kindFilter: Locator;
  readonly dropzone: Locator;
  readonly prompt: PromptBar;

  constructor(readonly page: Page) {
    this.prompt = new PromptBar(page);
    this.grid = page.getByTestId("gallery-grid");
    this.uploadInput = page.getByTestId("upload-input");
    this.uploadButton = page.getByTestId("upload-button");
    this.search = page.getByTestId("search-input");
    this.kindFilter = page.getByTestId("kind-filter");
    this.dropzone = page.getByTestId("dropzone");
  }

  async goto() {
    await this.page.goto("/");
    await expect(this.uploadButton).toBeVisible();
  }

  /** Uploads files through the file input; answers the API's JSON for each (in order of completion). */
  async upload(...files: string[]): Promise<{ status: number; body: Record<string, unknown> }[]> {
    const responses = Promise.all(
      files.map(() =>
        this.page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/api/v1/images"),
      ),
    );
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
    const response = this.page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/api/v1/images");
    for (const type of ["dragenter", "dragover", "drop"]) await this.dropzone.dispatchEvent(type, { dataTransfer });
    const answer = await response;
    expect(answer.status(), await answer.text()).toBe(201);
    return String((await answer.json()).id);
  }

  tile(imageId: string): Locator {
    return this.grid.locator(`[data-testid="gallery-item"][data-image-id="${imageId}"]`);
  }

  /** The provider badge on a generated image's tile ("Local renderer"). */
  providerBadge(imageId: string): Locator {
    return this.tile(imageId).getByTestId("provider-badge");
  }

  items(): Locator {
    return this.page.getByTestId("gallery-item");
  }

  /** Waits until the tile's thumbnail has really been decoded (not just its placeholder painted). */
  async expectThumbnailLoaded(imageId: string) {
    const img = this.tile(imageId).locator("img");
    await expect(img).toBeVisible();
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth), { timeout: 15_000 }).toBeGreaterThan(0);
  }

  uploadItems(): Locator {
    return this.page.getByTestId("upload-item");
  }

  async open(imageId: string) {
    await this.tile(imageId).click();
    await this.page.waitForURL(`**/images/${imageId}`);
  }
}
