import { expect, type Locator, type Page } from "@playwright/test";

export interface JobJson {
  id: string;
  status: string;
  progress: number;
  provider: string | null;
  images: { id: string; provider: string | null; seed: number | null; width: number; height: number }[];
  error: { code: string; message: string } | null;
}

export interface GenerateOptions {
  n?: number;
  style?: string;
  /** "3x2", "16x9"… */
  aspect?: string;
  /** Submit with the Enter key instead of the button. */
  viaEnter?: boolean;
}

const isGenerationPost = (method: string, url: string) => method === "POST" && new URL(url).pathname === "/api/v1/generations";

/** The prompt bar at the top of the gallery, and the job tiles it puts into the grid. */
export class PromptBar {
  readonly input: Locator;
  readonly generateButton: Locator;
  readonly providerSelect: Locator;
  readonly count: Locator;
  readonly seed: Locator;
  readonly error: Locator;
  readonly cost: Locator;
  readonly jobTiles: Locator;

  constructor(readonly page: Page) {
    this.input = page.getByTestId("prompt-input");
    this.generateButton = page.getByTestId("generate-button");
    this.providerSelect = page.getByTestId("provider-select");
    this.count = page.getByTestId("n-input");
    this.seed = page.getByTestId("seed-input");
    this.error = page.getByTestId("prompt-error");
    this.cost = page.getByTestId("cost-estimate");
    this.jobTiles = page.getByTestId("job-tile");
  }

  style(id: string): Locator {
    return this.page.getByTestId(`style-${id}`);
  }

  aspect(wxh: string): Locator {
    return this.page.getByTestId(`aspect-${wxh}`);
  }

  /** Waits until the providers have loaded and one is chosen. */
  async expectReady() {
    await expect(this.providerSelect).toBeEnabled();
    await expect(this.providerSelect).not.toHaveValue("");
  }

  /** Fills the bar and submits; answers the API's answer to the POST (202 and the queued job, or an error). */
  async generate(prompt: string, options: GenerateOptions = {}): Promise<{ status: number; body: JobJson & { error?: unknown } }> {
    await this.expectReady();
    await this.input.fill(prompt);
    if (options.n !== undefined) await this.count.fill(String(options.n));
    if (options.style) await this.style(options.style).click();
    if (options.aspect) await this.aspect(options.aspect).click();
    const response = this.page.waitForResponse((r) => isGenerationPost(r.request().method(), r.url()));
    if (options.viaEnter) await this.input.press("Enter");
    else await this.generateButton.click();
    const answer = await response;
    return { status: answer.status(), body: await answer.json() };
  }

  /** Polls the job through the API until it has ended; answers the final job. */
  async waitForJob(jobId: string, timeout = 45_000): Promise<JobJson> {
    let job: JobJson | undefined;
    await expect
      .poll(
        async () => {
          job = (await (await this.page.request.get(`/api/v1/jobs/${jobId}`)).json()) as JobJson;
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
      if (isGenerationPost(r.method(), r.url())) count++;
    });
    return () => count;
  }
}
