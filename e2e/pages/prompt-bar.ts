import { expect, type Locator, type Page, type Request } from "@playwright/test";
import type { z } from "zod";
import type { JobDto } from "@/lib/images/dto-types";
import type { generationBody } from "@/lib/images/generation-schema";

/** What the prompt bar (or Compare) POSTs to /api/v1/generations: the route's schema, as sent (before defaults). */
export type GenerationBody = z.input<ReturnType<typeof generationBody>>;

export interface GenerateOptions {
  n?: number;
  style?: string;
  /** "3x2", "16x9"… */
  aspect?: string;
  /** Submit with the Enter key instead of the button. */
  viaEnter?: boolean;
}

export const isGenerationPost = (r: Request) => r.method() === "POST" && new URL(r.url()).pathname === "/api/v1/generations";

/**
 * The gallery's prompt panel (`gallery.prompt`): prompt, provider and model menu (badges, prices), count, style,
 * aspect, seed (lock), Advanced (negative prompt, collection), the cost estimate, the prompt history, and the job
 * tiles it puts into the grid (progress, failures with Retry).
 */
export class PromptBar {
  readonly panel: Locator;
  readonly input: Locator;
  readonly generateButton: Locator;
  readonly providerSelect: Locator;
  readonly count: Locator;
  readonly seed: Locator;
  readonly seedLock: Locator;
  readonly seedRandom: Locator;
  readonly error: Locator;
  readonly cost: Locator;
  readonly jobTiles: Locator;
  readonly advancedToggle: Locator;
  readonly negative: Locator;
  readonly collection: Locator;
  readonly modelMenuButton: Locator;
  readonly modelMenu: Locator;
  readonly historyButton: Locator;
  readonly historyPanel: Locator;
  readonly historyEntries: Locator;
  readonly historyDraft: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByTestId("prompt-bar");
    this.input = page.getByTestId("prompt-input");
    this.generateButton = page.getByTestId("generate-button");
    this.providerSelect = page.getByTestId("provider-select");
    this.count = page.getByTestId("n-input");
    this.seed = page.getByTestId("seed-input");
    this.seedLock = page.getByTestId("seed-lock");
    this.seedRandom = page.getByTestId("seed-random");
    this.error = page.getByTestId("prompt-error");
    this.cost = page.getByTestId("cost-estimate");
    this.jobTiles = page.getByTestId("job-tile");
    this.advancedToggle = page.getByTestId("advanced-toggle");
    this.negative = page.getByTestId("negative-prompt-input");
    this.collection = page.getByTestId("collection-select");
    this.modelMenuButton = page.getByTestId("model-menu-button");
    this.modelMenu = page.getByTestId("model-menu");
    this.historyButton = page.getByTestId("history-button");
    this.historyPanel = page.getByTestId("history-panel");
    this.historyEntries = page.getByTestId("history-entry");
    this.historyDraft = page.getByTestId("history-draft");
  }

  style(id: string): Locator {
    return this.page.getByTestId(`style-${id}`);
  }

  aspect(wxh: string): Locator {
    return this.page.getByTestId(`aspect-${wxh}`);
  }

  modelOption(provider: string, model: string): Locator {
    return this.page.getByTestId(`model-option-${provider}-${model}`);
  }

  /** Waits until the providers have loaded and one is chosen. */
  async expectReady() {
    await expect(this.providerSelect).toBeEnabled();
    await expect(this.providerSelect).not.toHaveValue("");
  }

  async openAdvanced() {
    if ((await this.advancedToggle.getAttribute("aria-expanded")) !== "true") await this.advancedToggle.click();
    await expect(this.negative).toBeVisible();
  }

  async openHistory() {
    if ((await this.historyButton.getAttribute("aria-expanded")) !== "true") await this.historyButton.click();
    await expect(this.historyPanel).toBeVisible();
  }

  /** Fills the bar and submits; answers the API's answer to the POST (202 and the queued job, or an error). */
  async generate(prompt: string, options: GenerateOptions = {}): Promise<{ status: number; body: JobDto & { error?: unknown } }> {
    await this.expectReady();
    await this.input.fill(prompt);
    if (options.n !== undefined) await this.count.fill(String(options.n));
    if (options.style) await this.style(options.style).click();
    if (options.aspect) await this.aspect(options.aspect).click();
    const { status, json } = await this.submit(options.viaEnter ? "enter" : "button");
    return { status, body: json };
  }

  /** Submits what the bar holds; answers the body the page POSTed and the API's answer. */
  async submit(how: "button" | "enter" | "ctrl-enter" = "button"): Promise<{ body: GenerationBody; status: number; json: JobDto & { error?: { code: string; message: string } } }> {
    const request = this.page.waitForRequest(isGenerationPost);
    const response = this.page.waitForResponse((r) => isGenerationPost(r.request()));
    if (how === "button") await this.generateButton.click();
    else if (how === "enter") await this.input.press("Enter");
    else await this.input.press("ControlOrMeta+Enter");
    const body = (await request).postDataJSON() as GenerationBody;
    const answer = await response;
    return { body, status: answer.status(), json: await answer.json() };
  }

  /** Polls the job through the API until it has ended; answers the final job. */
  async waitForJob(jobId: string, timeout = 45_000): Promise<JobDto> {
    let job: JobDto | undefined;
    await expect
      .poll(
        async () => {
          job = (await (await this.page.request.get(`/api/v1/jobs/${jobId}`)).json()) as JobDto;
          return job.status;
        },
        { timeout, intervals: [250, 500] },
      )
      .toMatch(/^(succeeded|failed|canceled)$/);
    return job!;
  }

  /** Makes the prompt bar's next generations ask for this size (the bar itself only sends an aspect ratio). */
  async forceSize(width: number, height: number) {
    await this.page.route("**/api/v1/generations", async (route) => {
      if (route.request().method() !== "POST") return route.continue();
      const { aspectRatio: _ratio, ...body } = route.request().postDataJSON() as Record<string, unknown>;
      Object.assign(body, { width, height });
      await route.continue({ postData: JSON.stringify(body) });
    });
  }

  /** Counts POSTs to /api/v1/generations from now on. */
  countSubmissions(): () => number {
    let count = 0;
    this.page.on("request", (r) => {
      if (isGenerationPost(r)) count++;
    });
    return () => count;
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
