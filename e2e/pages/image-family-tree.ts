import { expect, type Locator, type Page } from "@playwright/test";
import { expectAllDecoded } from "./common";

/** The image page's family tree section (`image.familyTree`): the lineage as a tree of thumbnails, keyboard navigable. */
export class FamilyTree {
  readonly section: Locator;
  readonly tree: Locator;
  readonly nodes: Locator;
  readonly edgeLabels: Locator;
  readonly scroller: Locator;

  constructor(readonly page: Page) {
    this.section = page.getByTestId("family-tree-section");
    this.scroller = page.getByTestId("family-tree");
    this.tree = this.scroller.getByRole("tree");
    this.nodes = this.scroller.getByTestId("lineage-node");
    this.edgeLabels = this.scroller.getByTestId("tree-edge-label");
  }

  node(imageId: string): Locator {
    return this.scroller.locator(`[data-testid="lineage-node"][data-image-id="${imageId}"]`);
  }

  /** The highlighted node: the page's own image. */
  current(): Locator {
    return this.scroller.locator('[data-testid="lineage-node"][aria-current="page"]');
  }

  /** The image ids of the tree, generation by generation (each row left to right). */
  async generations(): Promise<string[][]> {
    const rows = await this.nodes.evaluateAll((els) =>
      els.map((el) => ({ id: el.getAttribute("data-image-id")!, depth: Number(el.getAttribute("data-depth")), left: el.getBoundingClientRect().left })),
    );
    const out: string[][] = [];
    for (const r of rows.sort((a, b) => a.depth - b.depth || a.left - b.left)) (out[r.depth] ??= []).push(r.id);
    return out;
  }

  async scrollIntoView() {
    await this.section.scrollIntoViewIfNeeded();
    await expect(this.section).toBeVisible();
  }

  /** Waits until every thumbnail of the tree has been decoded. */
  async expectThumbnailsLoaded() {
    await expectAllDecoded(this.nodes.locator("img"), { scroll: true });
  }

  /** The image id of the focused element, when it is a node of the tree. */
  focusedId(): Promise<string | null> {
    return this.page.evaluate(() => (document.activeElement as HTMLElement | null)?.closest('[data-testid="lineage-node"]')?.getAttribute("data-image-id") ?? null);
  }
}
