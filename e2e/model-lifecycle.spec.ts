// Models come and go: the prompt bar, the model menu and Compare as the providers listing reports life cycles
// (retired models hidden, deprecated ones badged, defaults marked, a provider's warnings shown), the size class and
// quality pickers, "Reuse settings" of an image whose model was retired, and the streamed partial image on a job
// tile. The e2e server has only the local renderer: OpenAI and Google are added to the listing the page sees (the
// server still refuses them, so only the request bodies are looked at for those).
import { expect, test, type Page } from "@playwright/test";
import { ComparePage } from "./pages/compare";
import { GalleryPage } from "./pages/gallery";

const caps = {
  generate: true, edit: true, variations: true, mask: false, transparentBackground: false, negativePrompt: false, seed: false, maxImages: 1,
  sizes: { kind: "aspect", ratios: ["1:1", "3:2", "2:3", "16:9", "9:16", "4:3"], pixels: {} },
};
const free = { kind: "free", multipleOf: 16, maxSide: 3840, minPixels: 655_360, maxPixels: 8_294_400, maxRatio: 3 };
const active = { status: "active", shutdownDate: null, successor: null, source: "catalog" };
const gptQualities = ["low", "medium", "high", "xhigh", "max", "auto"];

const openai = {
  id: "openai", name: "OpenAI", local: false, configured: true, healthy: true, defaultModel: "gpt-image-2.6-flare",
  warnings: ["OPENAI_IMAGE_MODEL=gpt-image-1 was retired on 2026-10-23: requests are served by gpt-image-2.5-flare."],
  models: [
    { id: "gpt-image-2.6-flare", label: "GPT Image 2.6 Flare", default: true, costPerImageUsd: 0.04, lifecycle: active,
      capabilities: { ...caps, maxImages: 4, sizes: free, resolutions: { "2K": 1, "4K": 1 }, qualities: gptQualities } },
    { id: "gpt-image-2.5-flare", label: "GPT Image 2.5 Flare", costPerImageUsd: 0.04, lifecycle: active,
      capabilities: { ...caps, maxImages: 4, sizes: free, resolutions: { "2K": 1, "4K": 1 }, qualities: gptQualities } },
    { id: "gpt-image-1", label: "GPT Image 1", costPerImageUsd: 0.042, capabilities: caps,
      lifecycle: { status: "retired", shutdownDate: "2026-10-23", successor: "gpt-image-2.5-flare", source: "catalog" } },
    { id: "dall-e-3", label: "DALL·E 3", costPerImageUsd: 0.04, capabilities: caps,
      lifecycle: { status: "retired", shutdownDate: "2026-05-12", successor: "gpt-image-2.6-flare", source: "catalog" } },
  ],
};

const google = {
  id: "google", name: "Google", local: false, configured: true, healthy: true, defaultModel: "gemini-nano-banana-2.1", warnings: [],
  models: [
    { id: "gemini-nano-banana-2.1", label: "Nano Banana 2.1", default: true, costPerImageUsd: 0.034, lifecycle: active,
      capabilities: { ...caps, resolutions: { "2K": 2, "4K": 4 }, qualities: ["low", "medium", "high", "auto"] } },
    { id: "gemini-3-pro-image", label: "Nano Banana Pro", costPerImageUsd: 0.134, capabilities: { ...caps, resolutions: { "2K": 2, "4K": 4 } },
      lifecycle: { status: "deprecated", shutdownDate: "2027-01-15", successor: "gemini-nano-banana-2.1", source: "response" } },
    { id: "gemini-3.1-flash-image", label: "Nano Banana 2", costPerImageUsd: 0.039,
      capabilities: { ...caps, resolutions: { "512": 0.5, "2K": 2, "4K": 4 }, qualities: ["low", "high", "auto"] },
      lifecycle: { status: "deprecated", shutdownDate: null, successor: "gemini-nano-banana-2.1", source: "catalog" } },
    { id: "imagen-4.0-generate-001", label: "Imagen 4", costPerImageUsd: 0.04, capabilities: caps,
      lifecycle: { status: "retired", shutdownDate: "2026-08-17", successor: "gemini-nano-banana-2.1", source: "catalog" } },
  ],
};

/** The real listing (the local renderer) with OpenAI and Google added, as a server with their keys would list them. */
async function withRemoteProviders(page: Page) {
  await page.route("**/api/v1/providers", async (route) => {
    const response = await route.fetch();
    const providers = ((await response.json()) as { id: string }[]).filter((p) => p.id !== "openai" && p.id !== "google");
    await route.fulfill({ response, json: [...providers, openai, google] });
  });
}

async function openGalleryWithRemoteModels(page: Page, path = "/") {
  await withRemoteProviders(page);
  const gallery = new GalleryPage(page);
  if (path === "/") await gallery.goto();
  else await page.goto(path);
  await gallery.prompt.expectReady();
  return gallery.prompt;
}

const modelSelect = (page: Page) => page.getByTestId("model-select");
const optionValues = (select: ReturnType<Page["getByTestId"]>) => select.locator("option").evaluateAll((all) => all.map((o) => (o as HTMLOptionElement).value));

test("the model menu hides retired models, says when deprecated ones go and what replaces them, and marks each default", async ({ page }, testInfo) => {
  const bar = await openGalleryWithRemoteModels(page);
  // A remote service first, with its default model (not its first one).
  await expect(bar.providerSelect).toHaveValue("openai");
  await expect(modelSelect(page)).toHaveValue("gpt-image-2.6-flare");
  expect(await optionValues(modelSelect(page))).toEqual(["gpt-image-2.6-flare", "gpt-image-2.5-flare"]);
  // The provider's warning is where the person choosing it looks.
  await expect(page.getByTestId("model-notice").getByTestId("provider-warning")).toHaveText(openai.warnings[0]);

  await bar.modelMenuButton.click();
  await expect(bar.modelMenu).toBeVisible();
  for (const [p, m] of [["openai", "gpt-image-1"], ["openai", "dall-e-3"], ["google", "imagen-4.0-generate-001"]]) await expect(bar.modelOption(p, m)).toHaveCount(0);
  await expect(page.getByTestId("model-menu-provider-openai").getByTestId("provider-warning")).toContainText("gpt-image-1 was retired");

  const flare = bar.modelOption("openai", "gpt-image-2.6-flare");
  await expect(flare.locator('[data-badge="default"]')).toHaveText("Default");
  await expect(bar.modelOption("openai", "gpt-image-2.5-flare").locator('[data-badge="default"]')).toHaveCount(0);
  await expect(bar.modelOption("google", "gemini-nano-banana-2.1").locator('[data-badge="default"]')).toHaveText("Default");

  const pro = bar.modelOption("google", "gemini-3-pro-image");
  await expect(pro.locator('[data-badge="retiring"]')).toHaveText("Retiring on Jan 15, 2027");
  await expect(pro.locator('[data-badge="retiring"]')).toHaveAttribute("title", /Nano Banana 2\.1 replaces it/);
  await expect(pro.getByTestId("model-successor")).toHaveText("Replaced by Nano Banana 2.1");
  const flash = bar.modelOption("google", "gemini-3.1-flash-image");
  await expect(flash.locator('[data-badge="deprecated"]')).toHaveText("Deprecated");
  await page.screenshot({ path: testInfo.outputPath("model-menu-lifecycle.png") });

  // Chosen from the keyboard: the deprecated model says so in the prompt bar too.
  await flash.focus();
  await page.keyboard.press("Enter");
  await expect(bar.modelMenu).toBeHidden();
  await expect(bar.providerSelect).toHaveValue("google");
  await expect(modelSelect(page)).toHaveValue("gemini-3.1-flash-image");
  await expect(page.getByTestId("model-deprecated-notice")).toHaveText("Nano Banana 2 is deprecated. Nano Banana 2.1 replaces it.");
  await expect(page.getByTestId("provider-warning")).toHaveCount(0);
});

test("the size class and quality pickers follow the model, reach the request, and are left out where the model has none", async ({ page }) => {
  const bar = await openGalleryWithRemoteModels(page);
  await bar.providerSelect.selectOption("google");
  await expect(modelSelect(page)).toHaveValue("gemini-nano-banana-2.1");
  await bar.openAdvanced();
  const sizes = page.getByTestId("resolution-picker").getByRole("radio");
  await expect(sizes).toHaveText(["1K", "2K", "4K"]);
  await expect(page.getByTestId("resolution-1K")).toHaveAttribute("aria-checked", "true");
  await expect(page.getByTestId("quality-picker").getByRole("radio")).toHaveText(["Default", "Low", "Medium", "High", "Auto"]);

  // Arrow keys move within the group, as in the aspect picker.
  await page.getByTestId("resolution-1K").focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect(page.getByTestId("resolution-4K")).toHaveAttribute("aria-checked", "true");
  await expect(page.getByTestId("resolution-4K")).toBeFocused();
  await page.getByTestId("quality-high").click();

  await bar.input.fill("a lighthouse at dusk");
  const sent = await bar.submit("button");
  expect(sent.body).toMatchObject({ provider: "google", model: "gemini-nano-banana-2.1", resolution: "4K", quality: "high" });
  await bar.failure().tile.getByRole("button", { name: "Dismiss" }).click();

  // Another model, with 512 too: the choices made are kept where it has them.
  await modelSelect(page).selectOption("gemini-3.1-flash-image");
  await expect(sizes).toHaveText(["512", "1K", "2K", "4K"]);
  await expect(page.getByTestId("resolution-4K")).toHaveAttribute("aria-checked", "true");
  await expect(page.getByTestId("quality-high")).toHaveAttribute("aria-checked", "true");
  await page.getByTestId("quality-default").click();

  // The local renderer has neither: no pickers, nothing sent.
  await bar.providerSelect.selectOption("local");
  await expect(page.getByTestId("output-options")).toHaveCount(0);
  const local = await bar.submit("enter");
  expect(local.status).toBe(202);
  expect(local.body).not.toHaveProperty("resolution");
  expect(local.body).not.toHaveProperty("quality");
  await bar.waitForJob(local.json.id);

  // Back to a model that has them: the size class chosen before is still there.
  await bar.providerSelect.selectOption("openai");
  await expect(page.getByTestId("resolution-4K")).toHaveAttribute("aria-checked", "true");
  await expect(page.getByTestId("quality-picker").getByRole("radio")).toHaveText(["Default", "Low", "Medium", "High", "Extra high", "Max", "Auto"]);
});

test("reusing the settings of an image whose model was retired says which model serves, and still names the retired one", async ({ page }, testInfo) => {
  // What "Reuse settings" links to for an image made with gpt-image-1 at high quality (components/generate/settings.ts reuseHref).
  const bar = await openGalleryWithRemoteModels(page, "/?prompt=a%20fox%20in%20the%20snow&aspect=1%3A1&provider=openai&model=gpt-image-1&quality=high");
  await expect(bar.input).toHaveValue("a fox in the snow");
  await expect(bar.providerSelect).toHaveValue("openai");
  await expect(modelSelect(page)).toHaveValue("gpt-image-1");
  const notice = page.getByTestId("model-retired-notice");
  await expect(notice).toContainText("GPT Image 1 was retired on Oct 23, 2026: GPT Image 2.5 Flare makes these images instead");
  // The reused quality is shown (Advanced opens for it), within what the successor takes.
  await expect(page.getByTestId("quality-high")).toHaveAttribute("aria-checked", "true");
  await page.screenshot({ path: testInfo.outputPath("reuse-retired-model.png") });

  const sent = await bar.submit("button");
  expect(sent.body).toMatchObject({ provider: "openai", model: "gpt-image-1", quality: "high" });
  await bar.failure().tile.getByRole("button", { name: "Dismiss" }).click();

  // One click moves the draft to the successor; the notice has nothing more to say about the model.
  await notice.getByTestId("model-retired-switch").click();
  await expect(modelSelect(page)).toHaveValue("gpt-image-2.5-flare");
  await expect(page.getByTestId("model-retired-notice")).toHaveCount(0);
  expect(await optionValues(modelSelect(page))).toEqual(["gpt-image-2.6-flare", "gpt-image-2.5-flare"]);
});

test("Compare never offers a retired model and starts each column on its provider's default", async ({ page }) => {
  await withRemoteProviders(page);
  const compare = new ComparePage(page);
  await compare.goto();
  await compare.expectReady();
  await expect(compare.lanes).toHaveCount(3);
  await expect(compare.lane("A").model).toHaveValue("openai|gpt-image-2.6-flare");
  await expect(compare.lane("B").model).toHaveValue("google|gemini-nano-banana-2.1");
  await expect(compare.lane("C").model).toHaveValue("local|local-v1");
  const offered = await optionValues(compare.lane("A").model);
  expect(offered).toEqual(expect.arrayContaining(["openai|gpt-image-2.5-flare", "google|gemini-3.1-flash-image"]));
  for (const retired of ["openai|gpt-image-1", "openai|dall-e-3", "google|imagen-4.0-generate-001"]) expect(offered).not.toContain(retired);
  await expect(compare.lane("A").model.locator('option[value="google|gemini-3-pro-image"]')).toContainText("retiring Jan 15, 2027");
});

test("a streamed partial image shows on the job tile before the picture is done", async ({ page }) => {
  const bar = await openGalleryWithRemoteModels(page);
  await bar.providerSelect.selectOption("local");
  // A 1×1 PNG as the provider's preview; `retry` keeps the browser from reconnecting while the tile is looked at.
  const preview = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
  await page.route("**/api/v1/jobs/*/events", (route) =>
    route.fulfill({
      status: 200,
      headers: { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" },
      body: `retry: 600000\nid: 1\nevent: progress\ndata: ${JSON.stringify({ progress: 0.4, partialImage: preview })}\n\n`,
    }),
  );
  await bar.input.fill("a paper boat on a puddle");
  const sent = await bar.submit("button");
  expect(sent.status).toBe(202);
  const tile = bar.jobTiles.first();
  await expect(tile.getByTestId("job-partial")).toHaveAttribute("src", preview);
  await expect(tile.getByTestId("job-partial")).toHaveClass(/opacity-100/);
  await expect(tile).toContainText("Rendering · 40%");
});
