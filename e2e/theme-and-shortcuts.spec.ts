// The studio's chrome in a real browser: the theme toggle (applied at once, kept across a reload, rendered by the
// server), the keyboard shortcuts (?, g then c/u, n, /), and the prompt panel, Compare and Usage on a desktop and a
// phone in light and dark (screenshots; nothing wider than a phone).
import { expect, test } from "@playwright/test";
import { lightness, StudioChrome } from "./pages/chrome";
import { ComparePage } from "./pages/compare";
import { GalleryPage } from "./pages/gallery";
import { UsagePage } from "./pages/usage";
import { generateByApi } from "./support/api";
import { watchCsp } from "./support/csp";

const phone = { width: 375, height: 812 };
const desktop = { width: 1280, height: 900 };

test("the theme toggle applies at once and is kept across a reload", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  const csp = await watchCsp(page);
  const chrome = new StudioChrome(page);
  await page.goto("/usage");
  expect(await chrome.themeAttribute()).toBeNull();
  expect(lightness(await chrome.background())).toBeGreaterThan(200);

  await chrome.chooseTheme("dark");
  expect(await chrome.themeAttribute()).toBe("dark");
  expect(lightness(await chrome.background())).toBeLessThan(40);
  await expect(chrome.themeToggle).toBeFocused();

  // Rendered by the server from the cookie: dark from the first paint, no script needed.
  await page.reload();
  expect(await chrome.themeAttribute()).toBe("dark");
  expect(lightness(await chrome.background())).toBeLessThan(40);
  await csp.expectNone();
  await expect(chrome.themeToggle).toHaveAttribute("data-theme-choice", "dark");
  const html = await (await page.request.get("/usage")).text();
  expect(html).toMatch(/<html[^>]*data-theme="dark"/);

  // System: follows the device again.
  await chrome.chooseTheme("system");
  expect(await chrome.themeAttribute()).toBeNull();
  expect(lightness(await chrome.background())).toBeGreaterThan(200);
  await page.emulateMedia({ colorScheme: "dark" });
  expect(lightness(await chrome.background())).toBeLessThan(40);

  // Light wins over a dark device.
  await chrome.chooseTheme("light");
  await page.reload();
  expect(await chrome.themeAttribute()).toBe("light");
  expect(lightness(await chrome.background())).toBeGreaterThan(200);
});

test("keyboard shortcuts: ? lists them, g then c goes to Compare, n focuses the prompt, / the search", async ({ page }) => {
  const chrome = new StudioChrome(page);
  const gallery = await GalleryPage.open(page);
  const compare = new ComparePage(page);
  await page.keyboard.press("?");
  await expect(chrome.shortcutsDialog).toBeVisible();
  await expect(chrome.shortcutsDialog).toContainText("Go to Compare");
  await expect(chrome.shortcutsDialog).toContainText("Search the gallery");
  await page.keyboard.press("Escape");
  await expect(chrome.shortcutsDialog).toBeHidden();
  // Also from the top bar's button; closing gives the focus back to it.
  await chrome.shortcutsButton.click();
  await expect(chrome.shortcutsDialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(chrome.shortcutsButton).toBeFocused();

  await page.keyboard.press("/");
  await expect(gallery.search).toBeFocused();
  // Typing in a field is typing: no shortcut fires.
  await page.keyboard.type("gc");
  // Still the gallery, now searching "gc" (the search settles into the URL before the next keys).
  await expect(page).toHaveURL(/\/\?q=gc$/);
  await gallery.search.blur();

  await page.keyboard.press("g");
  await page.keyboard.press("c");
  await page.waitForURL("**/compare");
  await expect(page.getByRole("heading", { level: 1, name: "Compare" })).toBeVisible();
  await page.keyboard.press("n");
  await expect(compare.prompt).toBeFocused();
  await compare.prompt.blur();

  await page.keyboard.press("g");
  await page.keyboard.press("u");
  await page.waitForURL("**/usage");
  // From a page without a prompt, n opens the gallery's.
  await page.keyboard.press("n");
  await page.waitForURL((url) => url.pathname === "/");
  await expect(gallery.prompt.input).toBeFocused();
});

test("screenshots of the prompt panel, compare and usage: desktop and phone, light and dark, nothing wider than a phone", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const chrome = new StudioChrome(page);
  await generateByApi(page.request, "a paper lantern festival by a river");

  const shots: { name: string; open: () => Promise<void> }[] = [
    {
      name: "prompt-panel",
      open: async () => {
        const bar = (await GalleryPage.open(page)).prompt;
        await bar.input.fill("a paper lantern festival by a river, long exposure");
        await bar.openAdvanced();
        await bar.negative.fill("people, text");
      },
    },
    {
      name: "compare",
      open: async () => {
        const compare = new ComparePage(page);
        await compare.goto();
        await compare.expectReady();
      },
    },
    {
      name: "usage",
      open: async () => {
        const usage = new UsagePage(page);
        await usage.goto();
        await expect(usage.chart).toBeVisible();
      },
    },
  ];
  for (const shot of shots) {
    for (const [device, viewport] of [["desktop", desktop], ["phone", phone]] as const) {
      await page.setViewportSize(viewport);
      await shot.open();
      for (const scheme of ["light", "dark"] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        expect(lightness(await chrome.background()) < 40).toBe(scheme === "dark");
        if (device === "phone") await chrome.expectNoHorizontalScroll();
        await page.screenshot({ path: testInfo.outputPath(`${shot.name}-${device}-${scheme}.png`), fullPage: true });
      }
    }
  }

  // Compare with results, on a phone in dark mode: the two columns stay side by side.
  await page.setViewportSize(phone);
  const compare = new ComparePage(page);
  await compare.goto();
  await compare.expectReady();
  await compare.prompt.fill("two teacups, one blue, one yellow");
  await compare.compare(2);
  for (const letter of ["A", "B"]) await expect(compare.column(letter).root).toHaveAttribute("data-status", "succeeded", { timeout: 45_000 });
  const [boxA, boxB] = [await compare.column("A").root.boundingBox(), await compare.column("B").root.boundingBox()];
  expect(boxA && boxB && Math.abs(boxA.y - boxB.y) < 2 && boxB.x > boxA.x).toBe(true);
  await chrome.expectNoHorizontalScroll();
  await page.screenshot({ path: testInfo.outputPath("compare-results-phone-dark.png"), fullPage: true });
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize(desktop);
  await page.screenshot({ path: testInfo.outputPath("compare-results-desktop-light.png"), fullPage: true });
});
