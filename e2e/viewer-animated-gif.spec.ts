// An animated GIF from the prompt bar (issue 17): with a fake OpenAI connected as an administrator would
// (tests/fakes/openai.ts answers gpt-image-2.6's output_format "gif" with a real animated GIF), choosing
// gpt-image-2.6-flare shows the "Animated GIF" toggle (not for gpt-image-2.5-flare); turned on by keyboard, frames
// and frame time are set, the bar says what that makes, and the result's page shows the GIF itself — the browser
// decodes it with N frames. The generation is billed (the fake reports usage): the file is named to run after
// e2e/usage.spec.ts (specs run alphabetically, one worker, one server), which was written for a server where only
// the free local renderer had worked (it now reads the API's total spend first).
import { expect, test } from "@playwright/test";
import { ImagePage } from "./pages/image";
import { PromptBar } from "./pages/prompt-bar";
import { AxeAudit } from "./support/axe";
import { useFakeOpenAI } from "./support/fake-provider";

test.describe("animated GIF", () => {
  useFakeOpenAI("sk-e2e-animated-gif-0001");

  test("gpt-image-2.6-flare → Animated GIF, 6 frames of 150 ms → the image page plays a 6-frame GIF", async ({ page }, testInfo) => {
    const audit = new AxeAudit(testInfo);
    const bar = new PromptBar(page);
    await page.goto("/");
    await bar.expectReady();
    await bar.providerSelect.selectOption("openai");
    const model = page.getByTestId("model-select");
    // A model that does not animate offers no toggle.
    await model.selectOption("gpt-image-2.5-flare");
    await expect(page.getByTestId("animation-toggle")).toHaveCount(0);
    await model.selectOption("gpt-image-2.6-flare");

    const toggle = page.getByTestId("animation-toggle");
    await expect(toggle).toHaveAttribute("aria-pressed", "false");
    await toggle.focus();
    await page.keyboard.press("Space");
    await expect(toggle).toHaveAttribute("aria-pressed", "true");
    const options = page.getByRole("group", { name: "Animated GIF" });
    await expect(options).toBeVisible();
    // Frames: typed; the frame time stepped with its labelled buttons from the keyboard (200 → 150 ms).
    await options.getByLabel("Frames", { exact: true }).fill("6");
    await options.getByRole("button", { name: "Show each frame shorter" }).focus();
    await page.keyboard.press("Enter");
    await expect(options.getByLabel("Each frame", { exact: true })).toHaveValue("150");
    await expect(page.getByTestId("animation-summary")).toHaveText("6 frames × 150 ms = a 0.9 s loop · frames of 512 × 512 (at 2–8 frames up to 960 × 960)");
    await expect(page.getByTestId("icon-toggle")).toHaveAttribute("aria-pressed", "false");
    await page.screenshot({ path: testInfo.outputPath("prompt-bar-animated.png") });
    await audit.check(page, "prompt bar: Animated GIF on", '[data-testid="prompt-bar"]');

    const sent = page.waitForRequest((r) => r.method() === "POST" && new URL(r.url()).pathname === "/api/v1/generations");
    const { status, body } = await bar.generate("a paper boat bobbing on a night sea");
    expect(status, JSON.stringify(body)).toBe(202);
    expect((await sent).postDataJSON()).toMatchObject({ model: "gpt-image-2.6-flare", animation: { frames: 6, frameDurationMs: 150 } });
    const job = await bar.waitForJob(body.id);
    expect(job.status, JSON.stringify(job.error)).toBe("succeeded");
    const imageId = job.images[0].id;

    const image = new ImagePage(page);
    await image.goto(imageId);
    await expect(image.preview).toHaveAttribute("data-animated", "true");
    await expect(image.preview).toHaveJSProperty("complete", true);
    const src = await image.preview.getAttribute("src");
    expect(src).toMatch(new RegExp(`/api/v1/images/${imageId}/file$`)); // the original, not the still preview
    // The browser's own decoder: the picture shown is a GIF with six frames of 150 ms.
    const decoded = await page.evaluate(async (url) => {
      const bytes = await (await fetch(url)).arrayBuffer();
      const type = "image/gif";
      const decoder = new (window as unknown as { ImageDecoder: new (init: { data: ArrayBuffer; type: string }) => { tracks: { ready: Promise<void>; selectedTrack: { frameCount: number } }; decode: (o: { frameIndex: number }) => Promise<{ image: { duration: number | null } }> } }).ImageDecoder({ data: bytes, type });
      await decoder.tracks.ready;
      const frames = decoder.tracks.selectedTrack.frameCount;
      const first = await decoder.decode({ frameIndex: 0 });
      return { frames, durationUs: first.image.duration };
    }, src!);
    expect(decoded).toEqual({ frames: 6, durationUs: 150_000 });
    await page.screenshot({ path: testInfo.outputPath("image-page-animated.png") });
    await audit.expectClean();
  });
});
