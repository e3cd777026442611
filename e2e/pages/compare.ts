import { expect, type Locator, type Page } from "@playwright/test";
import { isGenerationPost, type GenerationBody } from "./prompt-bar";

/** The compare page at `/compare`: one prompt, several columns (provider/model, style, seed), results side by side. */
export class ComparePage {
  readonly prompt: Locator;
  readonly submit: Locator;
  readonly lanes: Locator;
  readonly addLane: Locator;
  readonly columns: Locator;
  readonly estimate: Locator;
  readonly slider: Locator;
  readonly empty: Locator;
  readonly pair: Locator;

  constructor(readonly page: Page) {
    this.prompt = page.getByTestId("compare-prompt");
    this.submit = page.getByTestId("compare-submit");
    this.lanes = page.getByTestId("compare-lane");
    this.addLane = page.getByTestId("lane-add");
    this.columns = page.getByTestId("compare-column");
    this.estimate = page.getByTestId("compare-estimate");
    this.slider = page.getByTestId("compare-slider");
    this.empty = page.getByTestId("compare-empty");
    this.pair = page.getByTestId("image-pair");
  }

  async goto(query = "") {
    await this.page.goto(`/compare${query}`);
    await expect(this.page.getByRole("heading", { level: 1, name: "Compare" })).toBeVisible();
  }

  /** Waits until the providers have loaded and the default columns are set. */
  async expectReady() {
    await expect(this.lanes.first()).toBeVisible();
    await expect(this.submit).toBeEnabled();
  }

  lane(letter: string) {
    const root = this.page.locator(`[data-testid="compare-lane"][data-lane="${letter}"]`);
    return { root, model: root.getByTestId("lane-model"), style: root.getByTestId("lane-style"), seed: root.getByTestId("lane-seed"), remove: root.getByTestId("lane-remove") };
  }

  column(letter: string) {
    const root = this.page.locator(`[data-testid="compare-column"][data-lane="${letter}"]`);
    return {
      root,
      time: root.getByTestId("compare-time"),
      cost: root.getByTestId("compare-cost"),
      result: root.getByTestId("compare-result"),
      error: root.getByTestId("compare-error"),
      retry: root.getByTestId("compare-retry"),
    };
  }

  /** Submits; answers the request bodies, one per column (in the order they were sent). */
  async compare(count: number): Promise<GenerationBody[]> {
    const bodies: GenerationBody[] = [];
    const listener = (r: import("@playwright/test").Request) => {
      if (isGenerationPost(r)) bodies.push(r.postDataJSON() as GenerationBody);
    };
    this.page.on("request", listener);
    await this.submit.click();
    await expect.poll(() => bodies.length).toBe(count);
    this.page.off("request", listener);
    return bodies;
  }
}
