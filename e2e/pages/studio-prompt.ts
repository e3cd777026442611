import { expect, type Locator, type Page, type Request } from "@playwright/test";
import { PromptBar, type JobJson } from "./prompt-bar";

export interface GenerationBody {
  prompt: string;
  negativePrompt?: string;
  provider?: string;
  model?: string;
  seed?: number;
  style?: string;
  n: number;
  aspectRatio?: string;
  collectionId?: string;
  fallback?: boolean;
}

export const isGenerationPost = (r: Request) => r.method() === "POST" && new URL(r.url()).pathname === "/api/v1/generations";

/**
 * The studio's prompt panel beyond the basic bar (e2e/pages/prompt-bar.ts): negative prompt and collection
 * under Advanced, the model menu with badges and prices, the prompt history and the job tiles' failures.
 */
export class StudioPrompt extends PromptBar {
  readonly advancedToggle: Locator;
  readonly negative: Locator;
  readonly collection: Locator;
  readonly seedLock: Locator;
  readonly seedRandom: Locator;
  readonly modelMenuButton: Locator;
  readonly modelMenu: Locator;
  readonly historyButton: Locator;
  readonly historyPanel: Locator;
  readonly historyEntries: Locator;
  readonly historyDraft: Locator;
  readonly panel: Locator;

  constructor(page: Page) {
    super(page);
    this.panel = page.getByTestId("prompt-bar");
    this.advancedToggle = page.getByTestId("advanced-toggle");
    this.negative = page.getByTestId("negative-prompt-input");
    this.collection = page.getByTestId("collection-select");
    this.seedLock = page.getByTestId("seed-lock");
    this.seedRandom = page.getByTestId("seed-random");
    this.modelMenuButton = page.getByTestId("model-menu-button");
    this.modelMenu = page.getByTestId("model-menu");
    this.historyButton = page.getByTestId("history-button");
    this.historyPanel = page.getByTestId("history-panel");
    this.historyEntries = page.getByTestId("history-entry");
    this.historyDraft = page.getByTestId("history-draft");
  }

  async openAdvanced() {
    if ((await this.advancedToggle.getAttribute("aria-expanded")) !== "true") await this.advancedToggle.click();
    await expect(this.negative).toBeVisible();
  }

  modelOption(provider: string, model: string): Locator {
    return this.page.getByTestId(`model-option-${provider}-${model}`);
  }

  /** Submits what the bar holds; answers the body the page POSTed and the API's answer. */
  async submit(how: "button" | "enter" | "ctrl-enter" = "button"): Promise<{ body: GenerationBody; status: number; json: JobJson & { error?: { code: string; message: string } } }> {
    const request = this.page.waitForRequest(isGenerationPost);
    const response = this.page.waitForResponse((r) => isGenerationPost(r.request()));
    if (how === "button") await this.generateButton.click();
    else if (how === "enter") await this.input.press("Enter");
    else await this.input.press("ControlOrMeta+Enter");
    const body = (await request).postDataJSON() as GenerationBody;
    const answer = await response;
    return { body, status: answer.status(), json: await answer.json() };
  }

  async openHistory() {
    if ((await this.historyButton.getAttribute("aria-expanded")) !== "true") await this.historyButton.click();
    await expect(this.historyPanel).toBeVisible();
  }

  /** The failure shown by the first job tile. */
  failure() {
    const tile = this.jobTiles.first();
    return {
      tile,
      heading: tile.getByTestId("job-error-heading"),
      message: tile.getByTestId("job-error"),
      hint: tile.getByTestId("job-error-hint"),
      retry: tile.getByTestId("job-retry"),
    };
  }
}
