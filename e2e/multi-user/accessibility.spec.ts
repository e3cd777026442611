// axe-core over the pages only the multi-user server has: sign-in (and its error), sign-up, a new account's empty
// gallery, the account menu, and /settings as a person and as an administrator (people, providers); desktop and
// phone, light and dark: no critical or serious violation. The single-user pages: e2e/accessibility.spec.ts.
import path from "node:path";
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { StudioChrome } from "../pages/chrome";
import { SignInPage, SignUpPage } from "../pages/sign-in";
import { AxeAudit } from "../support/axe";

const run = Date.now().toString(36);

/** Makes an account an administrator, as `npm run admin` would (the server reads the role on every request). */
function promote(email: string) {
  const dir = process.env.E2E_MULTI_USER_DATA_DIR;
  if (!dir) throw new Error("E2E_MULTI_USER_DATA_DIR is not set: run the specs through playwright.config.ts");
  const sqlite = new Database(path.join(dir, "studio.db"), { fileMustExist: true });
  try {
    sqlite.pragma("busy_timeout = 10000");
    expect(sqlite.prepare(`UPDATE "User" SET role = 'admin' WHERE email = ?`).run(email).changes).toBe(1);
  } finally {
    sqlite.close();
  }
}

const viewports = {
  desktop: { width: 1280, height: 900 },
  phone: { width: 390, height: 844 },
} as const;

for (const [device, viewport] of Object.entries(viewports)) {
  for (const theme of ["light", "dark"] as const) {
    test.describe(`${device}, ${theme} theme`, () => {
      test.use({ viewport });

      test(`no critical or serious axe findings (${device}, ${theme})`, async ({ page, context, baseURL }, testInfo) => {
        test.setTimeout(240_000);
        await context.addCookies([{ name: "studio-theme", value: theme, url: baseURL! }]);
        const audit = new AxeAudit(testInfo);
        const where = (s: string) => `${s} (${device}, ${theme})`;
        const account = { email: `a11y-${device}-${theme}-${run}@example.com`, name: "Ada Access", password: "a11y-password-1" };

        // Sign-in, then a refused password and its message.
        const signIn = new SignInPage(page);
        await signIn.goto();
        await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
        await audit.check(page, where("sign-in"));
        await signIn.signIn(account.email, "not-the-password");
        await expect(signIn.error).toBeVisible();
        await audit.check(page, where("sign-in, refused"));

        // Sign-up, the password rule met, then the new account's empty gallery.
        const signUp = new SignUpPage(page);
        await signUp.goto();
        await audit.check(page, where("sign-up"));
        await signUp.password.fill("0123456789");
        await expect(signUp.rule).toHaveAttribute("data-met", "true");
        await audit.check(page, where("sign-up, rule met"), "form");
        await signUp.password.fill("");
        expect(await signUp.signUp(account)).toBe(201);
        await page.waitForURL((url) => url.pathname === "/");
        await expect(page.getByTestId("empty-gallery")).toBeVisible();
        await audit.check(page, where("empty gallery"));

        // The account menu.
        const menu = new StudioChrome(page).account;
        await menu.open();
        await audit.check(page, where("account menu"), '[data-testid="account-menu"]');
        await page.keyboard.press("Escape");

        // Settings as a person, then as an administrator (people, and providers where the studio has them).
        await page.goto("/settings");
        await expect(page.getByTestId("settings-identity")).toContainText(account.email);
        await audit.check(page, where("settings"));
        promote(account.email);
        await page.reload();
        await expect(page.getByTestId("settings-identity")).toContainText("Administrator");
        await audit.check(page, where("settings, administrator"));

        await audit.expectClean();
      });
    });
  }
}
