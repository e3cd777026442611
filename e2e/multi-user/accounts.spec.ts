// Accounts in a real browser, against the second server (AUTH_MODE=multi-user): sign-up, sign-in, sign-out, each
// person seeing only their own images, and API keys made on /settings that work, are scoped, and can be revoked.
import { expect, test } from "@playwright/test";
import { StudioChrome } from "../pages/chrome";
import { GalleryPage } from "../pages/gallery";
import type { JobDto } from "@/lib/images/dto-types";
import { SettingsPage } from "../pages/settings";
import { SignInPage, SignUpPage } from "../pages/sign-in";
import { watchCsp } from "../support/csp";

// The tests build on each other (B signs up in one and uses /settings in another): one worker, in order.
test.describe.configure({ mode: "serial" });

const run = Date.now().toString(36);
const alice = { email: `alice-${run}@example.com`, name: "Alice Example", password: "alice-password-1" };
const bob = { email: `bob-${run}@example.com`, name: "Bob Example", password: "bob-password-123" };
let aliceImageId = "";

test("without a session every page sends the visitor to /sign-in and back after", async ({ page, request }) => {
  const csp = await watchCsp(page);
  await page.goto("/");
  await page.waitForURL((url) => url.pathname === "/sign-in");
  expect(new URL(page.url()).searchParams.get("callbackUrl")).toBe("/");
  const signIn = new SignInPage(page);
  await expect(signIn.email).toBeVisible();
  await expect(signIn.email).toBeFocused();
  await expect(page.getByRole("heading", { name: "Sign in to Image Studio" })).toBeVisible();
  // No OAuth provider is configured on this server: no "Continue with …" buttons.
  await expect(page.getByRole("button", { name: /Continue with/ })).toHaveCount(0);
  // Nobody is signed in: the top bar has no account corner and no gallery link.
  await expect(new StudioChrome(page).account.button).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);

  await page.goto("/settings");
  await page.waitForURL((url) => url.pathname === "/sign-in" && url.searchParams.get("callbackUrl") === "/settings");

  // The API says 401 to a caller with neither a session nor a key.
  expect((await request.get("/api/v1/images")).status()).toBe(401);

  // The pages run under the studio's Content-Security-Policy (their scripts carry the nonce): the form works.
  await page.goto("/sign-up");
  await new SignUpPage(page).password.fill("0123456789");
  await expect(new SignUpPage(page).rule).toHaveAttribute("data-met", "true");
  await csp.expectNone();
});

test("A signs up and generates; after A signs out, B signs up and sees none of A's images", async ({ page }, testInfo) => {
  // A: sign up (the 10-character rule shows as it is met), land in the gallery, signed in.
  await page.goto("/sign-in");
  await new SignInPage(page).signUpLink.click();
  await page.waitForURL((url) => url.pathname === "/sign-up");
  const signUp = new SignUpPage(page);
  await expect(signUp.rule).toHaveText(/At least 10 characters/);
  await signUp.password.fill("short");
  await expect(signUp.rule).toHaveAttribute("data-met", "false");
  await signUp.password.fill("");
  expect(await signUp.signUp(alice)).toBe(201);
  await page.waitForURL((url) => url.pathname === "/");
  const menu = new StudioChrome(page).account;
  await expect(menu.name).toHaveText(alice.name);

  // A generates an image with the local renderer through the prompt bar and sees it in the gallery.
  const gallery = new GalleryPage(page);
  await expect(gallery.uploadButton).toBeVisible();
  const bar = gallery.prompt;
  await bar.expectReady();
  await expect(bar.providerSelect).toHaveValue("local");
  const submitted = await bar.generate("a red kite over green hills", { viaEnter: true });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(202);
  const job = await bar.waitForJob(submitted.body.id);
  expect(job.status, JSON.stringify(job.error)).toBe("succeeded");
  aliceImageId = job.images[0].id;
  await expect(gallery.tile(aliceImageId)).toHaveCount(1);
  await gallery.expectThumbnailLoaded(aliceImageId);
  await page.screenshot({ path: testInfo.outputPath("alice-gallery.png") });

  // The account menu: who is signed in, the settings link, sign-out. The keyboard reaches every item.
  await menu.open();
  await expect(menu.menu).toContainText(alice.email);
  await expect(menu.settingsLink).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(menu.signOutButton).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(menu.menu).toBeHidden();
  await expect(menu.button).toBeFocused();
  await menu.signOut();
  await expect(menu.button).toHaveCount(0);
  // Signed out for real: the gallery is behind sign-in again.
  await page.goto("/");
  await page.waitForURL((url) => url.pathname === "/sign-in");

  // B: a fresh account sees an empty gallery, not A's image.
  await page.goto("/sign-up");
  expect(await signUp.signUp(bob)).toBe(201);
  await page.waitForURL((url) => url.pathname === "/");
  await expect(menu.name).toHaveText(bob.name);
  await expect(gallery.uploadButton).toBeVisible();
  await bar.expectReady();
  await expect(page.getByRole("heading", { name: "Generate or drop an image to start" })).toBeVisible();
  await expect(gallery.items()).toHaveCount(0);
  await expect(gallery.tile(aliceImageId)).toHaveCount(0);

  // A's image by its address: the 404 page, and its file is refused too.
  await page.goto(`/images/${aliceImageId}`);
  await expect(page.getByRole("heading", { name: "This image is not here" })).toBeVisible();
  expect((await page.request.get(`/api/v1/images/${aliceImageId}`)).status()).toBe(404);
  expect((await page.request.get(`/api/v1/images/${aliceImageId}/file?variant=thumbnail`)).status()).toBe(404);

  // Signing up again with A's email is refused with a way out.
  await menu.signOut();
  await page.goto("/sign-up");
  expect(await signUp.signUp({ ...alice, name: "" })).toBe(409);
  await expect(signUp.error).toContainText("already exists");
  await expect(signUp.error.getByRole("link", { name: "Sign in" })).toBeVisible();
});

test("sign-in goes back only to this site's pages; a wrong password says so; too many attempts say to wait", async ({ page }) => {
  const signIn = new SignInPage(page);
  // A callbackUrl on another site (here protocol-relative) is ignored: after signing in, the gallery.
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent("//evil.example/steal")}`);
  await signIn.signIn(bob.email, bob.password);
  await page.waitForURL((url) => url.pathname === "/");
  expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL!).host);
  // Signed in, the sign-in page itself moves on.
  await page.goto("/sign-in?callbackUrl=%2Fsettings");
  await page.waitForURL((url) => url.pathname === "/settings");
  await new StudioChrome(page).account.signOut();

  await signIn.goto();
  await signIn.signIn(bob.email, "not-bobs-password");
  await expect(signIn.error).toHaveText(/Wrong email or password/);
  await expect(signIn.password).toHaveValue("");
  await expect(signIn.password).toBeFocused();
  await expect(signIn.email).toHaveValue(bob.email);
  expect(new URL(page.url()).pathname).toBe("/sign-in");

  // The messages Auth.js redirects with.
  await page.goto("/sign-in?error=CredentialsSignin&code=credentials");
  await expect(signIn.error).toHaveText(/Wrong email or password/);
  await page.goto("/sign-in?error=CredentialsSignin&code=rate_limited");
  await expect(signIn.error).toHaveText(/Too many attempts: wait 15 minutes/);

  // The guard against guessing: past 10 tries within 15 minutes an email is refused without a check.
  await signIn.goto();
  const victim = `nobody-${run}@example.com`;
  await signIn.email.fill(victim);
  for (let i = 0; i < 11; i++) {
    await signIn.password.fill(`guess-number-${i}`);
    const answered = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/api/auth/callback/credentials");
    await signIn.password.press("Enter");
    await answered;
    await expect(signIn.submit).toBeEnabled();
  }
  await expect(signIn.error).toHaveText(/Too many attempts: wait 15 minutes/);
});

test("B makes a read-only API key on /settings, uses it, and revokes it", async ({ page, request }, testInfo) => {
  const csp = await watchCsp(page);
  // Signing in from a deep link comes back to it.
  await page.goto("/settings");
  await page.waitForURL((url) => url.pathname === "/sign-in");
  await new SignInPage(page).signIn(bob.email, bob.password);
  await page.waitForURL((url) => url.pathname === "/settings");
  const settings = new SettingsPage(page);
  await expect(settings.createKeyButton).toBeVisible();
  await expect(page.getByTestId("settings-identity")).toContainText(bob.email);

  // Limits: today's budget as a bar, and the rate limit (the instance defaults).
  await expect(settings.budgetBar).toBeVisible();
  await expect(page.getByTestId("budget-limit")).toHaveText("$5");
  await expect(settings.rateLimit).toHaveText("30");
  // Not an administrator: no "People".
  await expect(settings.people).toHaveCount(0);
  await expect(page.getByTestId("keys-empty")).toBeVisible();

  // B makes one image of their own (through the API with the session), so "B's images only" means something.
  const started = await page.request.post("/api/v1/generations", { data: { prompt: "a blue boat", provider: "local" } });
  expect(started.status(), await started.text()).toBe(202);
  const job = (await started.json()) as JobDto;
  let done: JobDto = job;
  await expect
    .poll(async () => (done = (await (await page.request.get(`/api/v1/jobs/${job.id}`)).json()) as JobDto).status, { timeout: 45_000 })
    .toBe("succeeded");
  const bobImageId = done.images[0].id;

  // Create a key with the read scope only: shown once, with a warning; the list shows its prefix and scope.
  const key = await settings.createKey("Backup script", ["read"]);
  expect(key).toMatch(/^isk_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{20,}$/);
  await expect(page.getByTestId("new-key-warning")).toContainText("shown only this once");
  const prefix = key.split("_").slice(0, 2).join("_");
  const row = settings.keyRow("Backup script");
  await expect(row.getByTestId("key-prefix")).toHaveText(prefix);
  await expect(row.getByTestId("key-scope-chip")).toHaveText(["read"]);
  await expect(row).not.toContainText(key);
  await page.screenshot({ path: testInfo.outputPath("settings-new-key.png"), fullPage: true });
  await settings.newKeyDone.click();
  await expect(settings.newKey).toHaveCount(0);
  await expect(page.getByText(key)).toHaveCount(0);
  // Gone for good: a reload shows the prefix only.
  await page.reload();
  await expect(settings.keyRow("Backup script").getByTestId("key-prefix")).toHaveText(prefix);
  await expect(settings.newKeyValue).toHaveCount(0);

  // The key reads B's images (and only B's), but cannot generate.
  const auth = { Authorization: `Bearer ${key}` };
  const listed = await request.get("/api/v1/images", { headers: auth });
  expect(listed.status(), await listed.text()).toBe(200);
  const ids = ((await listed.json()) as { items: { id: string }[] }).items.map((i) => i.id);
  expect(ids).toEqual([bobImageId]);
  expect(ids).not.toContain(aliceImageId);
  const generate = await request.post("/api/v1/generations", { headers: auth, data: { prompt: "a forbidden fox", provider: "local" } });
  expect(generate.status(), await generate.text()).toBe(403);
  expect(((await generate.json()) as { error: { code: string } }).error.code).toBe("forbidden");

  // Revoke (behind a confirmation; Cancel first leaves it alone) → the key stops working at once.
  await settings.keyRow("Backup script").getByTestId("key-revoke").click();
  await expect(settings.revokeDialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(settings.revokeDialog).toBeHidden();
  expect((await request.get("/api/v1/images", { headers: auth })).status()).toBe(200);
  await settings.revoke("Backup script");
  await expect(settings.keyRow("Backup script")).toHaveAttribute("data-revoked", "true");
  await expect(settings.keyRow("Backup script").getByTestId("key-revoked")).toHaveText("Revoked");
  await expect(settings.keyRow("Backup script").getByTestId("key-revoke")).toHaveCount(0);
  const afterRevoke = await request.get("/api/v1/images", { headers: auth });
  expect(afterRevoke.status(), await afterRevoke.text()).toBe(401);
  await csp.expectNone();
});
