// The image page's "Content credentials" card (issue 17), in a real browser against the real c2pa engine: a local
// render's credentials (valid, rendered by an algorithm, created by the local renderer), its crop's (cropped, the
// render in the chain with its picture), a plain upload's (none); the keyboard, a phone and axe; and a JPEG export
// downloaded with metadata off still carries the marking and a manifest an independent reader validates.
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { ImagePage } from "./pages/image";
import { AxeAudit } from "./support/axe";
import { useFakeOpenAI } from "./support/fake-provider";
import { verifyIndependently } from "./support/independent-verify";
import { uploadPng } from "./support/reference-images";
import { generate, openImage, tag } from "./support/tools";

/** Requests the page made for the credentials (the card must not ask before it is opened). */
function credentialRequests(page: Page): string[] {
  const asked: string[] = [];
  page.on("request", (r) => new URL(r.url()).pathname.endsWith("/credentials") && asked.push(r.url()));
  return asked;
}

test("a local render and its crop: signature valid, rendered by an algorithm, created then cropped, the chain with the parent's picture", async ({ page, request }, testInfo) => {
  const renderId = await generate(request, "a lighthouse on a cliff at dusk");
  const asked = credentialRequests(page);
  const { image } = await openImage(page, renderId);
  const credentials = image.credentials;
  // Closed at first, and nothing fetched for it: the page does not wait for the credentials.
  await expect(credentials.toggle).toHaveAttribute("aria-expanded", "false");
  await expect(credentials.root).toHaveAttribute("data-state", "closed");
  expect(asked).toEqual([]);

  await credentials.open();
  expect(asked).toHaveLength(1);
  await expect(credentials.statusTitle).toHaveText("Signature valid");
  await expect(credentials.status).toHaveAttribute("data-tone", "valid");
  await expect(credentials.root.getByTestId("credentials-note")).toContainText("Signed by this studio's own certificate (self-signed");
  await expect(credentials.steps.first().getByTestId("credentials-step-signer")).toContainText("Signed by this studio");
  await expect(credentials.marking.getByTestId("credentials-marking-pill")).toHaveText("Rendered by an algorithm (no AI model)");
  await expect(credentials.marking.getByTestId("credentials-marking-pill")).toHaveAttribute("data-type", "algorithmicMedia");
  await expect(credentials.actions.first()).toHaveAttribute("data-action", "c2pa.created");
  await expect(credentials.actions.first()).toHaveText("Created");
  await expect(credentials.agents).toContainText(["Image Studio local renderer"]);
  // The chain of an original: only itself, pictured by its own thumbnail.
  await expect(credentials.steps).toHaveCount(1);
  await expect(credentials.steps.first()).toHaveAttribute("data-relation", "this");
  await expect(credentials.steps.first().getByTestId("credentials-step-name")).toHaveText("This image");
  await page.screenshot({ path: testInfo.outputPath("render-credentials.png"), fullPage: true });

  // Closed and opened again: what was read is kept, not fetched again.
  await credentials.toggle.click();
  await expect(credentials.root).toHaveAttribute("data-state", "closed");
  await credentials.toggle.click();
  await expect(credentials.statusTitle).toHaveText("Signature valid");
  expect(asked).toHaveLength(1);

  // Cropped in the edit panel: a new image, whose credentials open from its parent's.
  const cropId = await image.editor.crop({ x: 40, y: 30, width: 200, height: 150 });
  await image.ready();
  await image.expectDimensions(200, 150);
  await credentials.open();
  await expect(credentials.statusTitle).toHaveText("Signature valid");
  await expect(credentials.actions).toHaveText(["Opened", "Cropped"]);
  await expect(credentials.marking.getByTestId("credentials-marking-pill")).toHaveText("Rendered by an algorithm (no AI model)");
  await expect(credentials.agents).toContainText(["Image Studio local renderer"]);
  // Newest first: the crop itself, then the render as its parent ingredient — pictured, linked, signed by this studio.
  await expect(credentials.steps).toHaveCount(2);
  await expect(credentials.steps.nth(0)).toHaveAttribute("data-relation", "this");
  const parent = credentials.step(renderId);
  await expect(parent).toHaveAttribute("data-relation", "parent");
  await expect(parent.getByTestId("credentials-step-signer")).toContainText("Signed by this studio");
  await expect(parent.getByTestId("credentials-step-actions")).toContainText("Created");
  const thumb = parent.getByTestId("credentials-step-picture").locator("img");
  await expect(thumb).toHaveAttribute("src", `/api/v1/images/${renderId}/file?variant=thumbnail`);
  await expect.poll(() => thumb.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
  await page.screenshot({ path: testInfo.outputPath("crop-credentials.png"), fullPage: true });

  // The manifest store: shown in a scrollable block, and downloaded as JSON.
  await credentials.json.locator("summary").click();
  const text = credentials.root.getByTestId("credentials-json-text");
  await expect(text).toBeVisible();
  await expect(text).toContainText('"active_manifest"');
  const [download] = await Promise.all([page.waitForEvent("download"), credentials.download.click()]);
  expect(download.suggestedFilename()).toBe(`content-credentials-${cropId}.json`);
  const store = JSON.parse(readFileSync((await download.path())!, "utf8")) as { active_manifest: string; manifests: Record<string, unknown> };
  expect(Object.keys(store.manifests)).toContain(store.active_manifest);
  expect(Object.keys(store.manifests).length).toBeGreaterThanOrEqual(2);

  // The parent's picture opens the parent.
  await parent.getByTestId("credentials-step-picture").click();
  await page.waitForURL(`**/images/${renderId}`);
});

test.describe("a provider's picture", () => {
  // A fake OpenAI that signs its answers with its own "Fake OpenAI" certificate, as the real one embeds its manifest.
  useFakeOpenAI("sk-e2e-credentials-0001");

  test("the chain reaches the provider's own manifest: signed by Fake OpenAI, also from a crop of it", async ({ page, request }, testInfo) => {
    const res = await request.post("/api/v1/generations", { headers: { Prefer: "wait" }, data: { prompt: `a paper boat on a pond ${tag}`, provider: "openai" } });
    expect(res.status(), await res.text()).toBe(201);
    const generatedId = (await res.json()).images[0].id as string;
    const image = new ImagePage(page);
    await image.goto(generatedId);
    const credentials = image.credentials;
    // The closed card already shows the marking (the image's own field, nothing fetched).
    await expect(credentials.root.getByTestId("credentials-marking-pill")).toHaveText("Made by an AI model");
    await credentials.open();
    await expect(credentials.statusTitle).toHaveText("Signature valid");
    await expect(credentials.marking.getByTestId("credentials-marking-pill")).toHaveText("Made by an AI model");
    await expect(credentials.actions.first()).toHaveText("Opened");
    // The studio's manifest over the provider's answer, then the provider's own: created by its model.
    await expect(credentials.steps).toHaveCount(2);
    const provider = credentials.steps.nth(1);
    await expect(provider).toHaveAttribute("data-relation", "parent");
    await expect(provider).toHaveAttribute("data-signed", "other");
    await expect(provider.getByTestId("credentials-step-name")).toHaveText("The provider's file, as received");
    await expect(provider.getByTestId("credentials-step-file")).toHaveText(/^model-output\.(png|jpeg|webp)$/);
    await expect(provider.getByTestId("credentials-step-signer")).toContainText("Signed by Fake OpenAI");
    await expect(provider.getByTestId("credentials-step-actions")).toContainText("Created");
    await page.screenshot({ path: testInfo.outputPath("provider-credentials.png"), fullPage: true });

    // A crop of it: the crop, the generated image (pictured), the provider's answer — three manifests, newest first.
    const crop = await request.post(`/api/v1/images/${generatedId}/crop`, { data: { x: 0, y: 0, width: 256, height: 256 } });
    expect(crop.status(), await crop.text()).toBe(201);
    await image.goto((await crop.json()).id);
    await credentials.open();
    await expect(credentials.statusTitle).toHaveText("Signature valid");
    await expect(credentials.marking.getByTestId("credentials-marking-pill")).toHaveText("Made by an AI model");
    await expect(credentials.steps).toHaveCount(3);
    await expect(credentials.step(generatedId).getByTestId("credentials-step-picture").locator("img")).toHaveAttribute("src", `/api/v1/images/${generatedId}/file?variant=thumbnail`);
    await expect(credentials.steps.nth(2).getByTestId("credentials-step-signer")).toContainText("Signed by Fake OpenAI");
  });
});

test("the keyboard: Enter opens the card, Tab goes into it, Esc closes it and stays on the page", async ({ page, request }) => {
  const renderId = await generate(request, "a red barn in a green field");
  const { image } = await openImage(page, renderId);
  const cropId = await image.editor.crop({ x: 0, y: 0, width: 160, height: 120 });
  await image.ready();
  const credentials = image.credentials;
  await credentials.toggle.focus();
  await page.keyboard.press("Enter");
  await expect(credentials.root).toHaveAttribute("data-state", "loaded");
  await expect(credentials.toggle).toHaveAttribute("aria-expanded", "true");
  // The first stop inside: the parent's picture (a link), then the JSON disclosure, then the download.
  await page.keyboard.press("Tab");
  await expect(credentials.step(renderId).getByTestId("credentials-step-picture")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(credentials.json.locator("summary")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(credentials.root.getByTestId("credentials-json-text")).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(credentials.root.getByTestId("credentials-json-text")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(credentials.download).toBeFocused();
  // Esc: the card closes, the focus goes back to its heading's button, and the page stays (no return to the gallery).
  await page.keyboard.press("Escape");
  await expect(credentials.toggle).toHaveAttribute("aria-expanded", "false");
  await expect(credentials.toggle).toBeFocused();
  await page.keyboard.press("Escape");
  expect(new URL(page.url()).pathname).toBe(`/images/${cropId}`);
  await expect(credentials.toggle).toBeFocused();
});

test("a plain upload: no content credentials, said in words; in the gallery only the render has the marking pin", async ({ page, request }) => {
  const renderId = await generate(request, "a kite over the dunes");
  const uploadId = await uploadPng(request, `plain-${tag}.png`, [40, 120, 200]);
  // The gallery's newest tiles: the pin comes from the image's own field (no request per tile).
  await page.goto("/");
  const tile = (id: string) => page.locator(`[data-testid="gallery-item"][data-image-id="${id}"]`);
  await expect(tile(renderId).getByTestId("tile-marking")).toHaveAttribute("data-type", "algorithmicMedia");
  await expect(tile(renderId).getByRole("img", { name: "AI marking: Rendered by an algorithm (no AI model)" })).toBeAttached();
  await expect(tile(uploadId)).toBeVisible();
  await expect(tile(uploadId).getByTestId("tile-marking")).toHaveCount(0);
  const image = new ImagePage(page);
  await image.goto(uploadId);
  const credentials = image.credentials;
  await credentials.open();
  await expect(credentials.statusTitle).toHaveText("No content credentials — this file had none when it was uploaded.");
  await expect(credentials.status).toHaveAttribute("data-tone", "none");
  await expect(credentials.marking).toContainText("No AI marking: the file carried none when it was uploaded.");
  await expect(credentials.steps).toHaveCount(0);
  await expect(credentials.download).toHaveCount(0);
  await expect(credentials.json).toHaveCount(0);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  for (const theme of ["light", "dark"] as const) {
    test(`the card fits a 390 px screen and axe finds nothing serious (${theme})`, async ({ page, request, context, baseURL }, testInfo) => {
      await context.addCookies([{ name: "studio-theme", value: theme, url: baseURL! }]);
      const renderId = await generate(request, "a fox in the snow");
      const crop = await request.post(`/api/v1/images/${renderId}/crop`, { data: { x: 10, y: 10, width: 200, height: 200 } });
      expect(crop.status(), await crop.text()).toBe(201);
      const cropId = (await crop.json()).id as string;
      const audit = new AxeAudit(testInfo);
      const image = new ImagePage(page);
      await image.goto(cropId);
      await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
      const credentials = image.credentials;
      await credentials.root.scrollIntoViewIfNeeded();
      await audit.check(page, `image page, credentials closed (${theme})`);
      await credentials.open();
      await expect(credentials.step(renderId)).toBeVisible();
      await credentials.json.locator("summary").click();
      await expect(credentials.root.getByTestId("credentials-json-text")).toBeVisible();
      await audit.check(page, `credentials open with the JSON (${theme})`, '[data-testid="credentials-panel"]');
      // Nothing wider than the screen: the long JSON scrolls in its own box.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      const box = (await credentials.root.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
      await credentials.root.screenshot({ path: testInfo.outputPath(`phone-credentials-${theme}.png`) });
      await audit.expectClean();
    });
  }
});

test("a JPEG downloaded with metadata off keeps the AI marking and a manifest an independent reader validates", async ({ page, request }) => {
  const prompt = "a windmill under a stormy sky";
  const renderId = await generate(request, prompt);
  const { image } = await openImage(page, renderId);
  const download = await image.download({ format: "jpeg", metadata: false });
  const bytes = readFileSync((await download.path())!);
  expect([bytes[0], bytes[1]], "a JPEG").toEqual([0xff, 0xd8]);
  const text = bytes.toString("latin1");
  // Metadata off: the prompt is gone, the marking is not.
  expect(text).not.toContain(prompt);
  expect(text).toContain("http://cv.iptc.org/newscodes/digitalsourcetype/algorithmicMedia");
  const verdict = await verifyIndependently(new Uint8Array(bytes));
  expect(verdict.failures.filter((f) => !/untrusted|trust/i.test(f)), JSON.stringify(verdict.failures)).toEqual([]);
  expect(verdict.valid || verdict.failures.every((f) => /untrusted|trust/i.test(f))).toBe(true);
  // The export's own manifest (opened the stored original, re-encoded), and the stored original's (created by the renderer).
  const active = verdict.manifests.find((m) => m.label === verdict.activeLabel)!;
  expect(active.actions).toEqual(["c2pa.opened", "c2pa.transcoded"]);
  expect(active.ingredients.map((i) => i.relationship)).toContain("parentOf");
  const original = verdict.manifests.find((m) => m.label !== verdict.activeLabel && m.actions.includes("c2pa.created"));
  expect(original?.digitalSourceTypes).toContain("http://cv.iptc.org/newscodes/digitalsourcetype/algorithmicMedia");
});
