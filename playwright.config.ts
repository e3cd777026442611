import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

// One data directory per run, shared by the server and the specs that check it for leftovers. Workers load
// this file again and inherit the variable, so they see the same directory.
process.env.E2E_DATA_DIR ??= mkdtempSync(path.join(os.tmpdir(), "image-studio-e2e-"));
// A second server, same build, in multi-user mode (accounts, sign-in, API keys): its own port and data directory.
process.env.E2E_MULTI_USER_DATA_DIR ??= mkdtempSync(path.join(os.tmpdir(), "image-studio-e2e-multi-"));
const port = Number(process.env.E2E_PORT ?? 3199);
const multiUserPort = port + 1;
const baseURL = `http://127.0.0.1:${port}`;
const multiUserBaseURL = `http://127.0.0.1:${multiUserPort}`;
const desktop = { browserName: "chromium" as const, viewport: { width: 1280, height: 900 } };

export default defineConfig({
  testDir: "e2e",
  // E2E_OUTPUT_DIR keeps parallel runs (with their own NEXT_DIST_DIR and E2E_PORT) from sharing artifacts.
  outputDir: process.env.E2E_OUTPUT_DIR ?? "test-results",
  // Generous, since CI machines can be several times slower than a workstation (a whole Vitest run took 4.5× as
  // long there once): waits end as soon as their condition holds, so this costs nothing when things are fast.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [["list"], ["json", { outputFile: `${process.env.E2E_OUTPUT_DIR ?? "test-results"}/e2e-results.json` }]] : [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [
    { name: "api", testMatch: /(^|\/)e2e\/api\/.*\.spec\.ts$/ },
    // Everything else in e2e/ except the API specs and the multi-user ones (those need the other server).
    { name: "chromium", testMatch: /^(?!.*\/e2e\/(api|multi-user)\/).*\.spec\.ts$/, use: desktop },
    { name: "multi-user", testMatch: /(^|\/)e2e\/multi-user\/.*\.spec\.ts$/, use: { ...desktop, baseURL: multiUserBaseURL } },
  ],
  // Started one after the other: the first builds when the sources changed; the second only starts once the first
  // answers, and never builds (a rebuild under the running first server would pull its files away).
  webServer: [
    {
      command: "node scripts/start.mjs",
      url: `${baseURL}/api/health`,
      // `npm test` builds before Playwright starts; run alone (`npm run test:e2e`), this start may build first.
      timeout: 900_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      // ALLOW_PRIVATE_PROVIDER_URLS: e2e/providers-settings.spec.ts connects a fake provider on 127.0.0.1 from the settings page.
      env: { PORT: String(port), HOSTNAME: "127.0.0.1", DATA_DIR: process.env.E2E_DATA_DIR, LOG_LEVEL: "warn", ALLOW_PRIVATE_PROVIDER_URLS: "true" },
    },
    {
      command: "node scripts/start.mjs --no-build",
      url: `${multiUserBaseURL}/api/health`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        PORT: String(multiUserPort),
        HOSTNAME: "127.0.0.1",
        DATA_DIR: process.env.E2E_MULTI_USER_DATA_DIR,
        AUTH_MODE: "multi-user",
        ALLOW_SIGN_UP: "true",
        LOG_LEVEL: "warn",
      },
    },
  ],
});
