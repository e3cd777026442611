import { expect, type Locator, type Page } from "@playwright/test";

/** The image page's "Content credentials" card (`image.credentials`): a disclosure that reads GET …/credentials when opened. */
export class CredentialsPanel {
  readonly root: Locator;
  readonly toggle: Locator;
  readonly status: Locator;
  readonly statusTitle: Locator;
  readonly marking: Locator;
  readonly actions: Locator;
  readonly agents: Locator;
  readonly steps: Locator;
  readonly json: Locator;
  readonly download: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId("credentials-panel");
    this.toggle = this.root.getByTestId("credentials-toggle");
    this.status = this.root.getByTestId("credentials-status");
    this.statusTitle = this.root.getByTestId("credentials-status-title");
    this.marking = this.root.getByTestId("credentials-marking");
    this.actions = this.root.getByTestId("credentials-action");
    this.agents = this.root.getByTestId("credentials-agent");
    this.steps = this.root.getByTestId("credentials-step");
    this.json = this.root.getByTestId("credentials-json");
    this.download = this.root.getByTestId("credentials-download");
  }

  /** Opens the card (unless open) and waits for what the server read. */
  async open() {
    if ((await this.toggle.getAttribute("aria-expanded")) !== "true") await this.toggle.click();
    await expect(this.root).toHaveAttribute("data-state", "loaded", { timeout: 30_000 });
  }

  /** The step of the chain that is the lineage image `id`. */
  step(id: string): Locator {
    return this.steps.and(this.page.locator(`[data-image-id="${id}"]`));
  }
}
