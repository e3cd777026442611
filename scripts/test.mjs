// `npm test`: the whole suite. Schema files in sync → typecheck → Vitest (unit, SQLite, PostgreSQL) →
// Playwright (HTTP API and real Chromium against the built app). Ends with one "N passed, N failed" line.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { root } from "./lib/engine.mjs";

const results = join(root, "test-results");
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function run(name, command, args, env = {}) {
  console.log(`\n━━ ${name}: ${[command, ...args].join(" ")}`);
  const r = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  if (r.status !== 0) failures.push(name);
  return r.status === 0;
}

async function postgresReachable(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const node = process.execPath;
const bin = (pkg, file) => join(root, "node_modules", pkg, file);

if (!run("schema files", node, ["scripts/prisma-schemas.mjs", "--check"])) totals.failed++;
if (!run("docs", node, ["scripts/check-docs.mjs"])) totals.failed++;
if (!run("lock file", node, ["scripts/check-lock.mjs"])) totals.failed++;
if (!run("typecheck", node, [bin("typescript", "bin/tsc"), "--noEmit", "-p", "."])) totals.failed++;

const pgUrl = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const projects = ["unit", "sqlite"];
if (await postgresReachable(pgUrl)) projects.push("postgres");
else console.log(`\n!! NOTICE: no PostgreSQL reachable at ${pgUrl}: the PostgreSQL data-layer tests are SKIPPED (set TEST_POSTGRES_URL).`);

const vitestJson = join(results, "vitest.json");
run("vitest", node, [
  bin("vitest", "vitest.mjs"),
  "run",
  ...projects.flatMap((p) => ["--project", p]),
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${vitestJson}`,
]);
if (existsSync(vitestJson)) {
  const v = JSON.parse(readFileSync(vitestJson, "utf8"));
  totals.passed += v.numPassedTests;
  totals.failed += v.numFailedTests;
  totals.skipped += v.numPendingTests + v.numTodoTests;
} else totals.failed++;

// SSRF against real connections, inside a network namespace with only loopback (skipped with a NOTICE without root).
const netnsJson = join(results, "netns.json");
run("netns", node, ["scripts/netns-test.mjs", "--json", netnsJson]);
if (existsSync(netnsJson)) {
  const v = JSON.parse(readFileSync(netnsJson, "utf8"));
  if (v.skipped) totals.skipped++;
  else {
    totals.passed += v.numPassedTests;
    totals.failed += v.numFailedTests;
    totals.skipped += v.numPendingTests + v.numTodoTests;
  }
} else totals.failed++;

if (!process.argv.includes("--no-e2e")) {
  // The build first, as a step of its own: inside Playwright's webServer it would count against the start-up
  // timeout, and a loaded machine can take minutes to build.
  if (!run("build", node, ["scripts/start.mjs", "--build-only"], { DATA_DIR: join(results, "build-data") })) totals.failed++;
  run("playwright", node, [bin("@playwright/test", "cli.js"), "test"], { CI: "true" });
  const e2eJson = join(results, "e2e-results.json");
  if (existsSync(e2eJson)) {
    const s = JSON.parse(readFileSync(e2eJson, "utf8")).stats;
    totals.passed += s.expected + (s.flaky ?? 0);
    totals.failed += s.unexpected;
    totals.skipped += s.skipped;
  } else totals.failed++;
}

console.log(`\n${failures.length ? `Failing steps: ${failures.join(", ")}` : "All steps green."}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failures.length || totals.failed ? 1 : 0);
