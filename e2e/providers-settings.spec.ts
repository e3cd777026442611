// Providers without a terminal: an administrator connects OpenAI from Settings → Providers (a fake OpenAI server
// started by this spec, on 127.0.0.1), tests the key ("Connected — N models" / "The key was refused (401)"),
// saves it — never shown back, only "…k3Y9" —, sees the change in the audit list, and generates with it; the
// model menu's greyed-out providers link to the page; turning the provider off greys its models again.
import { expect, request as playwrightRequest, test } from "@playwright/test";
import { GalleryPage } from "./pages/gallery-page";
import { ProvidersSettings } from "./pages/providers-settings";
import { startFakeProvider, type FakeProviderProcess } from "./support/fake-provider";

const KEY = "sk-proj-e2e-providers-k3Y9";
let fake: FakeProviderProcess;
let fakeBaseUrl: string;

test.beforeAll(async () => {
  fake = await startFakeProvider("fake-openai-server.ts", [KEY]);
  fakeBaseUrl = fake.baseUrl;
});

test.afterAll(async () => {
  // The e2e server is shared by every spec: leave it with the local renderer alone, as the others expect.
  const api = await playwrightRequest.newContext({ baseURL: `http://127.0.0.1:${process.env.E2E_PORT ?? 3199}` });
  await api.delete("/api/v1/admin/providers/openai");
  await api.dispose();
  await fake?.stop();
});

test("an administrator connects OpenAI on the settings page, tests it, and generates with it", async ({ page }, testInfo) => {
  const gallery = new GalleryPage(page);
  await gallery.goto();
  const bar = gallery.prompt;
  await bar.expectReady();
  // Greyed out in the model menu, with the way to connect it.
  await page.getByTestId("model-menu-button").click();
  const hint = page.getByTestId("model-menu-setup-openai");
  await expect(hint).toContainText("not connected — connect it in Settings");
  await hint.getByRole("link", { name: "connect it in Settings" }).click();
  await expect(page).toHaveURL(/\/settings#providers$/);

  const settings = new ProvidersSettings(page);
  await expect(settings.section).toBeVisible();
  const openai = settings.card("openai");
  await expect(openai.status).toHaveText("Not connected");

  // A wrong key, tested before saving: refused, in words.
  await openai.secret.fill("sk-proj-not-the-right-key-0000");
  await openai.baseUrl.fill(fakeBaseUrl);
  await openai.test.click();
  await expect(openai.result).toHaveText("The key was refused (401).");

  // The right one: connected, then saved with the keyboard (Enter in the form).
  await openai.secret.fill(KEY);
  await openai.test.click();
  await expect(openai.result).toHaveText(/^Connected — \d+ models\.$/);
  await openai.secret.press("Enter");
  await expect(openai.status).toHaveText("Connected");
  await expect(openai.result).toHaveText("Saved. OpenAI is connected: its models can be chosen now.");
  await expect(openai.secret).toHaveValue("");
  await expect(openai.secret).toHaveAttribute("placeholder", "Saved key …k3Y9: type to replace");
  await page.reload();
  await expect(openai.status).toHaveText("Connected");
  expect(await page.content()).not.toContain(KEY);

  // Who did what, newest first; never the key.
  await expect(settings.audit.nth(0)).toContainText(`OpenAIConnected (key set, base URL ${fakeBaseUrl})`);
  await expect(settings.audit.nth(1)).toContainText("Tested typed values: connected");
  await expect(settings.audit.nth(2)).toContainText("Tested typed values: failed (401)");
  await expect(settings.audit.nth(0)).toContainText("Local user");
  await openai.card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath("providers-connected.png"), fullPage: true });

  // Generate with it.
  await gallery.goto();
  await bar.expectReady();
  await bar.providerSelect.selectOption("openai");
  const submitted = await bar.generate("a red kite over green hills, clear sky");
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(202);
  expect(submitted.body.provider).toBe("openai");
  const job = await bar.waitForJob(submitted.body.id);
  expect(job.status, JSON.stringify(job.error)).toBe("succeeded");
  const imageId = job.images[0].id;
  await expect(gallery.tile(imageId)).toHaveCount(1);
  await gallery.expectThumbnailLoaded(imageId);
  await expect(gallery.providerBadge(imageId)).toHaveText("OpenAI");
  await page.screenshot({ path: testInfo.outputPath("generated-with-openai.png") });
});

test("turning a provider off greys its models, on a phone too", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const settings = new ProvidersSettings(page);
  await settings.goto();
  const openai = settings.card("openai");
  await expect(openai.status).toHaveText("Connected");
  await openai.toggle.click();
  await expect(openai.status).toHaveText("Turned off");
  await expect(openai.result).toHaveText("OpenAI is turned off: its models are greyed out in the studio.");
  await expect(settings.audit.nth(0)).toContainText("Turned off");
  // Nothing wider than the phone's screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: testInfo.outputPath("providers-phone.png"), fullPage: true });

  const gallery = new GalleryPage(page);
  await gallery.goto();
  await gallery.prompt.expectReady();
  await page.getByTestId("model-menu-button").click();
  await expect(page.getByTestId("model-menu-setup-openai")).toContainText("turned off — turn it on in Settings");
  await expect(page.locator('[data-testid^="model-option-openai-"]').first()).toBeDisabled();
});
