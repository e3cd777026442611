import { expect, type Locator, type Page } from "@playwright/test";

export type FinishTool = "upscale" | "background" | "expand" | "describe";

/** The image page's "Tools" card (`image.tools`): Upscale, Cut out, Expand and Describe tabs, each with its result. */
export class ToolsPanel {
  readonly card: Locator;

  constructor(readonly page: Page) {
    this.card = page.getByTestId("tools-panels");
  }

  tab(tool: FinishTool): Locator {
    return this.card.getByTestId(`${tool}-tab`);
  }

  panel(tool: FinishTool): Locator {
    return this.card.getByTestId(`${tool}-panel`);
  }

  async open(tool: FinishTool) {
    await this.tab(tool).click();
    await expect(this.tab(tool)).toHaveAttribute("aria-selected", "true");
  }

  /** The finished result of a job tool: its block carries the new image's id. */
  async resultId(tool: "upscale" | "background" | "expand"): Promise<string> {
    const done = tool === "expand" ? this.card.getByTestId("expand-done") : this.card.getByTestId(`${tool}-result-done`);
    await expect(done).toBeVisible({ timeout: 45_000 });
    return (await done.getAttribute("data-image-id"))!;
  }
}
