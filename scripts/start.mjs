// `npm start`: checks the configuration, builds the app when the sources changed since the last build, applies
// pending database migrations, then runs the Next.js server (its PID is the one signals reach).
// `--no-build` skips the build check; `--build-only` stops after it.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { applyMigrations } from "./migrate.mjs";
import { allocatorEnv } from "./lib/allocator.mjs";
import { root } from "./lib/engine.mjs";

const nextBin = join(root, "node_modules/next/dist/bin/next");

function checkConfig() {
  const check = `import("./lib/env.ts").then((m) => (m.parseEnv ?? m.default.parseEnv)(process.env)).catch((e) => {
    console.error(e.message);
    process.exit(1);
  });`;
  const result = spawnSync(process.execPath, ["--import", "tsx", "-e", check], { cwd: root, encoding: "utf8" });
  if (result.status !== 0) {
    console.error(result.stderr.trim());
    process.exit(1);
  }
}

/** A fingerprint of everything the build depends on: file paths, sizes and modification times. */
function sourceFingerprint() {
  const hash = createHash("sha256");
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        const s = statSync(full);
        hash.update(`${full}:${s.size}:${s.mtimeMs}\n`);
      }
    }
  };
  for (const dir of ["app", "components", "lib", "public", "generated"]) walk(join(root, dir));
  for (const file of ["package.json", "next.config.ts", "proxy.ts", "postcss.config.mjs", "tsconfig.json"]) {
    if (existsSync(join(root, file))) hash.update(readFileSync(join(root, file)));
  }
  return hash.digest("hex");
}

function buildIfNeeded() {
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  const marker = join(root, distDir, "source-fingerprint");
  const fingerprint = sourceFingerprint();
  if (existsSync(join(root, distDir, "BUILD_ID")) && existsSync(marker) && readFileSync(marker, "utf8") === fingerprint) return;
  console.log("Building the app (first start, or the sources changed)…");
  const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
  // Fingerprinted after the build as well: `next build` may touch a fingerprinted file (tsconfig.json).
  writeFileSync(marker, sourceFingerprint());
}

checkConfig();
if (!process.argv.includes("--no-build")) buildIfNeeded();
// `--build-only`: the test runner builds up front, so that the servers Playwright starts need no build time.
if (process.argv.includes("--build-only")) process.exit(0);
await applyMigrations();

const port = process.env.PORT || "3000";
const { env: serverEnv, allocator } = allocatorEnv();
console.log(`Memory allocator: ${allocator}`);
// Idle keep-alive connections stay open 65 s (Node's default is 5 s): longer than a load balancer's usual 60 s idle
// timeout, so the server never closes a socket a client or proxy is about to reuse (the race ends in ECONNRESET).
const keepAlive = /^\d+$/.test(process.env.KEEP_ALIVE_TIMEOUT_MS ?? "") ? process.env.KEEP_ALIVE_TIMEOUT_MS : "65000";
const server = spawn(process.execPath, [nextBin, "start", "-p", port, "--keepAliveTimeout", keepAlive, ...(process.env.HOSTNAME ? ["-H", process.env.HOSTNAME] : [])], {
  cwd: root,
  stdio: "inherit",
  env: serverEnv,
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
