// Providers without a terminal: an administrator connects a self-hosted OpenAI-compatible server on the local network
// (a fake started by this spec on 127.0.0.1; the e2e server sets ALLOW_PRIVATE_PROVIDER_URLS) from Settings →
// Providers: tests the key ("Connected — 2 models" / "The key was refused (401)"), saves it with its model ids —
// never shown back, only "…k3Y9" —, sees the change in the audit list, and generates with it; the model menu's
// greyed-out providers link to the page; turning the provider off greys its models again. (A self-hosted server's
// models are free, so the shared e2e server's spend stays $0 for the specs after this one.)
import AxeBuilder from "@axe-core/playwright";
import { expect, request as playwrightRequest, test, type Page } from "@playwright/test";
import { GalleryPage } from "./pages/gallery";
import { SettingsPage } from "./pages/settings";
import { startFakeProvider, type FakeProviderProcess } from "./support/fake-provider";

const KEY = "sk-proj-e2e-providers-k3Y9";
let fake: FakeProviderProcess;
let fakeBaseUrl: string;

/** Critical and serious axe findings inside the Providers section (its states: connected, off, env-set). */
async function axeFindings(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).include('[data-testid="providers-section"]').withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze();
  return violations.filter((v) => v.impact === "critical" || v.impact === "serious").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test.beforeAll(async () => {
  fake = await startFakeProvider("fake-provider-server.ts", ["self-hosted", KEY]);
  fakeBaseUrl = fake.baseUrl;
});

test.afterAll(async () => {
  // The e2e server is shared by every spec: leave it with the local renderer alone, as the others expect.
  const api = await playwrightRequest.newContext({ baseURL: `http://127.0.0.1:${process.env.E2E_PORT ?? 3199}` });
  await api.delete("/api/v1/admin/providers/openai-compatible");
  await api.dispose();
  await fake?.stop();
});

test("an administrator connects a server on the local network from the settings page, tests it, and generates with it", async ({ page }, testInfo) => {
  const gallery = new GalleryPage(page);
  await gallery.goto();
  const bar = gallery.prompt;
  await bar.expectReady();
  // Greyed out in the model menu, with the way to connect it.
  await page.getByTestId("model-menu-button").click();
  const hint = page.getByTestId("model-menu-setup-openai-compatible");
  await expect(hint).toContainText("not connected — connect it in Settings");
  await hint.getByRole("link", { name: "connect it in Settings" }).click();
  await expect(page).toHaveURL(/\/settings#providers$/);

  const settings = new SettingsPage(page).providers;
  await expect(settings.section).toBeVisible();
  const box = settings.card("openai-compatible");
  await expect(box.status).toHaveText("Not connected");

  // A wrong key, tested before saving: refused, in words.
  await box.secret.fill("sk-proj-not-the-right-key-0000");
  await box.baseUrl.fill(fakeBaseUrl);
  await box.test.click();
  await expect(box.result).toHaveText("The key was refused (401).");

  // The right one: connected, then saved with the keyboard (Enter in the form).
  await box.secret.fill(KEY);
  await box.test.click();
  await expect(box.result).toHaveText("Connected — 2 models.");
  await box.name.fill("GPU box");
  await box.models.fill("sdxl-turbo, flux-schnell");
  await box.secret.press("Enter");
  await expect(box.status).toHaveText("Connected");
  await expect(box.result).toHaveText("Saved. OpenAI-compatible server is connected: its models can be chosen now.");
  await expect(box.secret).toHaveValue("");
  await expect(box.secret).toHaveAttribute("placeholder", "Saved key …k3Y9: type to replace");
  await page.reload();
  await expect(box.status).toHaveText("Connected");
  await expect(box.models).toHaveValue("sdxl-turbo, flux-schnell");
  expect(await page.content()).not.toContain(KEY);

  // Who did what, newest first; never the key.
  await expect(settings.audit.nth(0)).toContainText(`Connected (key set, base URL ${fakeBaseUrl}, name changed, models sdxl-turbo, flux-schnell)`);
  await expect(settings.audit.nth(1)).toContainText("Tested typed values: connected");
  await expect(settings.audit.nth(2)).toContainText("Tested typed values: failed (401)");
  await expect(settings.audit.nth(0)).toContainText("Local user");
  await box.card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath("providers-connected.png"), fullPage: true });
  expect(await axeFindings(page)).toEqual([]);

  // Generate with it.
  await gallery.goto();
  await bar.expectReady();
  await bar.providerSelect.selectOption("openai-compatible");
  const submitted = await bar.generate("a red kite over green hills, clear sky");
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(202);
  expect(submitted.body.provider).toBe("openai-compatible");
  const job = await bar.waitForJob(submitted.body.id);
  expect(job.status, JSON.stringify(job.error)).toBe("succeeded");
  expect((job as { model?: string }).model).toBe("sdxl-turbo");
  const imageId = job.images[0].id;
  await expect(gallery.tile(imageId)).toHaveCount(1);
  await gallery.expectThumbnailLoaded(imageId);
  await expect(gallery.providerBadge(imageId)).toHaveText("OpenAI-compatible server");
  await page.screenshot({ path: testInfo.outputPath("generated-with-the-box.png") });
});

test("turning a provider off greys its models, on a phone too", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const settings = new SettingsPage(page).providers;
  await settings.goto();
  const box = settings.card("openai-compatible");
  await expect(box.status).toHaveText("Connected");
  await box.toggle.click();
  await expect(box.status).toHaveText("Turned off");
  await expect(box.result).toHaveText("OpenAI-compatible server is turned off: its models are greyed out in the studio.");
  await expect(settings.audit.nth(0)).toContainText("Turned off");
  // Nothing wider than the phone's screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await axeFindings(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath("providers-phone.png"), fullPage: true });

  const gallery = new GalleryPage(page);
  await gallery.goto();
  await gallery.prompt.expectReady();
  await page.getByTestId("model-menu-button").click();
  await expect(page.getByTestId("model-menu-setup-openai-compatible")).toContainText("turned off — turn it on in Settings");
  await expect(page.locator('[data-testid^="model-option-openai-compatible-"]').first()).toBeDisabled();
});
