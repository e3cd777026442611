// Accounts in single-user mode (the default): no sign-in anywhere, a "Local studio" badge, and /settings with the
// local owner's keys and limits (the local owner is the administrator, so "People" shows too).
import { expect, test } from "@playwright/test";
import { StudioChrome } from "./pages/chrome";
import { SettingsPage } from "./pages/settings";

test("the top bar says Local studio and links to API keys & limits; there is nothing to sign in or out of", async ({ page }) => {
  await page.goto("/");
  const menu = new StudioChrome(page).account;
  await expect(menu.localBadge).toHaveText("Local studio");
  await expect(menu.button).toHaveCount(0);
  await expect(page.getByRole("button", { name: /sign out/i })).toHaveCount(0);
  await menu.settingsLink.click();
  await page.waitForURL((url) => url.pathname === "/settings");
  await expect(menu.settingsLink).toHaveAttribute("aria-current", "page");

  // The sign-in and sign-up pages lead back to the gallery.
  await page.goto("/sign-in?callbackUrl=%2Fsettings");
  await page.waitForURL((url) => url.pathname === "/");
  await page.goto("/sign-up");
  await page.waitForURL((url) => url.pathname === "/");
});

test("/settings shows today's budget and the rate limit, and manages keys", async ({ page, request }) => {
  const settings = new SettingsPage(page);
  await settings.goto();
  await expect(page.getByRole("heading", { level: 1, name: "API keys & limits" })).toBeVisible();
  await expect(page.getByTestId("settings-identity")).toContainText("Local studio");

  // Limits: the same numbers as the API.
  const usage = (await (await request.get("/api/v1/usage")).json()) as { budget: { limitUsd: number; spentUsd: number; reservedUsd: number }; limits: { rateLimitPerMinute: number } };
  await expect(settings.limits.getByRole("heading", { name: "Limits" })).toBeVisible();
  await expect(settings.budgetBar).toBeVisible();
  await expect(settings.budgetBar).toHaveAttribute("aria-valuemax", String(usage.budget.limitUsd));
  await expect(settings.rateLimit).toHaveText(String(usage.limits.rateLimitPerMinute));

  // The local owner is the administrator: "People" lists them.
  await expect(settings.people).toBeVisible();
  await expect(settings.people.locator('[data-testid="person-row"][data-user-id="local"]')).toBeVisible();

  // A key with write and generate: shown once, listed with both scopes, then revoked.
  const key = await settings.createKey(`Local script ${Date.now()}`, ["write", "generate"]);
  expect(key).toMatch(/^isk_/);
  const name = await page.getByTestId("new-key").getByRole("heading").textContent();
  const keyName = name!.replace(/^Your new key “|”$/g, "");
  const row = settings.keyRow(keyName);
  await expect(row.getByTestId("key-scope-chip")).toHaveText(["write", "generate"]);
  const me = await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${key}` } });
  expect(me.status()).toBe(403); // no read scope
  await settings.newKeyDone.click();
  await settings.revoke(keyName);
  await expect(row).toHaveAttribute("data-revoked", "true");
  expect((await request.get("/api/v1/images", { headers: { Authorization: `Bearer ${key}` } })).status()).toBe(401);

  // No name: the form says what is missing and sends nothing.
  await settings.keyName.fill("   ");
  await settings.createKeyButton.click();
  await expect(page.getByTestId("create-key-error")).toContainText("Give the key a name");
  await expect(settings.keyName).toBeFocused();
});
