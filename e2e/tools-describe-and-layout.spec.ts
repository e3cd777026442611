// Describe (image → prompt) and the Tools card's layout (issue 16): with only the local renderer it says what to
// connect and offers the picture's known prompt; with a fake OpenAI connected from the admin API, "Use as prompt".
// Then the card at 1280 and 390 px, light and dark (every tab label inside the card), and axe over every state.
import { expect, test, type Locator } from "@playwright/test";
import { GalleryPage } from "./pages/gallery";
import { ImagePage } from "./pages/image";
import { AxeAudit } from "./support/axe";
import { useFakeOpenAI } from "./support/fake-provider";
import { generate, openImage, tag } from "./support/tools";

/** Every tab's label (its text, not just the button) ends inside the card: "Describe" no longer runs into its edge. */
async function expectTabLabelsInside(card: Locator) {
  const box = (await card.boundingBox())!;
  for (const label of await card.getByTestId("tab-label").all()) {
    const text = await label.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { right: r.right, overflow: el.scrollWidth > el.clientWidth + 1, text: el.textContent };
    });
    expect(text.overflow, `${text.text} is cut off`).toBe(false);
    expect(text.right, `${text.text} ends inside the card`).toBeLessThanOrEqual(box.x + box.width - 4);
  }
}

test.describe("describe", () => {
  const fakeOpenAI = useFakeOpenAI("sk-e2e-tools-describe-0001", { connectBeforeAll: false });

  test("with the local renderer only it says what to connect; with a vision service, Use as prompt fills the prompt", async ({ page, request }, testInfo) => {
    const sourceId = await generate(request, "a yellow sunflower in a blue vase");
    const { tools } = await openImage(page, sourceId);
    await tools.open("describe");
    const panel = tools.panel("describe");
    await expect(panel.getByTestId("describe-start")).toBeDisabled();
    await expect(panel.getByTestId("describe-needs")).toContainText("connect Google (Gemini), OpenAI or Ideogram");
    await expect(panel.getByTestId("describe-needs").getByRole("link", { name: "Open Settings → Providers" })).toHaveAttribute("href", "/settings#providers");
    await page.screenshot({ path: testInfo.outputPath("describe-needs.png") });
    // Its prompt is known (it was generated): "Use its prompt" puts that one in the prompt panel, no service needed.
    await expect(panel.getByTestId("describe-known")).toContainText(`a yellow sunflower in a blue vase ${tag}`);
    await panel.getByTestId("describe-use-known").click();
    await page.waitForURL((url) => url.pathname === "/");
    await expect(new GalleryPage(page).prompt.input).toHaveValue(`a yellow sunflower in a blue vase ${tag}`);
    await page.goBack();
    await new ImagePage(page).ready();

    // A fake OpenAI (its Responses API describes pictures), connected as an administrator would.
    await fakeOpenAI.connect(request);
    await page.reload();
    await new ImagePage(page).ready();
    await tools.open("describe");
    await expect(panel.getByTestId("describe-start")).toBeEnabled();
    await panel.getByTestId("describe-start").click();
    const text = panel.getByTestId("describe-text");
    await expect(text).not.toBeEmpty({ timeout: 30_000 });
    const described = (await text.textContent())!.trim();
    await expect(panel.getByTestId("describe-result")).toContainText("Written by OpenAI");
    await page.screenshot({ path: testInfo.outputPath("describe-result.png") });
    await panel.getByTestId("describe-use").click();
    await page.waitForURL((url) => url.pathname === "/");
    await expect(new GalleryPage(page).prompt.input).toHaveValue(described);
  });
});

test("phone size and axe: the tools card, the rotate tab and the suggestion card", async ({ page, request }, testInfo) => {
  const audit = new AxeAudit(testInfo);
  const sourceId = await generate(request, "a mountain lake at noon");
  const { image, tools } = await openImage(page, sourceId);
  for (const tool of ["upscale", "background", "expand", "describe"] as const) {
    await tools.open(tool);
    await audit.check(page, `tools: ${tool}`, '[data-testid="tools-panels"]');
  }
  await image.editor.open();
  await page.getByTestId("rotate-tab").click();
  await page.getByTestId("orient-right").click();
  await audit.check(page, "edit: rotate", '[data-testid="edit-card"]');

  await expectTabLabelsInside(tools.card);
  await page.emulateMedia({ colorScheme: "dark" });
  await tools.card.screenshot({ path: testInfo.outputPath("desktop-dark-upscale.png") });
  await page.emulateMedia({ colorScheme: "light" });

  await page.setViewportSize({ width: 390, height: 844 });
  await tools.open("expand");
  await tools.card.scrollIntoViewIfNeeded();
  for (const tool of ["upscale", "background", "expand", "describe"] as const) await expect(tools.tab(tool)).toBeInViewport();
  await expectTabLabelsInside(tools.card);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), "no sideways scrolling on a phone").toBe(true);
  await tools.card.screenshot({ path: testInfo.outputPath("phone-expand.png") });
  await tools.open("upscale");
  await tools.card.screenshot({ path: testInfo.outputPath("phone-upscale.png") });
  await page.emulateMedia({ colorScheme: "dark" });
  await tools.open("describe");
  await tools.card.screenshot({ path: testInfo.outputPath("phone-dark-describe.png") });
  await page.emulateMedia({ colorScheme: "light" });

  const gallery = new GalleryPage(page);
  await gallery.goto();
  await gallery.prompt.expectReady();
  await gallery.prompt.input.fill("a lighthouse");
  await page.getByTestId("enhance-button").click();
  await expect(page.getByTestId("enhance-suggestion")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await page.getByTestId("prompt-bar").screenshot({ path: testInfo.outputPath("phone-enhance.png") });
  await audit.check(page, "prompt: suggestion", '[data-testid="prompt-bar"]');
  await audit.expectClean();
});
