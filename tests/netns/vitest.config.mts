// The tests that must run inside a network namespace with only loopback (scripts/netns-test.mjs creates it and
// runs this config there): a wrong answer of the SSRF checks cannot send a packet anywhere but to the namespace's
// own listeners. Not part of the main projects: outside the namespace they would prove nothing.
import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.resolve(import.meta.dirname, "../..");

export default defineConfig({
  root,
  resolve: {
    alias: { "@": root, "server-only": path.join(root, "tests/support/server-only.ts") },
  },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: ["sqlite", "postgres"].map((database) => ({
      extends: true as const,
      test: {
        name: `netns-${database}`,
        include: ["tests/netns/**/*.test.ts"],
        setupFiles: ["tests/support/setup-database.ts"],
        env: { TEST_DATABASE: database },
      },
    })),
  },
});
