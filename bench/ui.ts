// UI benchmark: the gallery page with 10,000 images in the database, served by the production build (`next start`)
// and loaded cold in Chromium through Playwright. Prints first contentful paint, largest contentful paint, cumulative
// layout shift (on load, and while scrolling five screens) and the thumbnails' transfer sizes, median of 3 loads,
// against the targets (FCP and LCP < 1.5 s, CLS ≤ 0.05, thumbnail ≤ 30 KB) as PASS/MISS. Never fails on a number.
//
// It needs a production build and builds nothing itself:  NEXT_DIST_DIR=.next-bench npx next build
// (BENCH_UI_DIST picks another build directory; without one the benchmark says so and is skipped).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { loadAverage, median, ms, table } from "./support/stats";
import { openStudio, projectRoot } from "./support/studio";
import { measureLoad, type LoadMetrics } from "./support/ui-browser";
import { seedGallery } from "./support/ui-seed";

export const description =
  "the gallery with 10,000 images, production build, cold loads in Chromium: FCP, LCP, CLS (load and scroll), thumbnail sizes — median of 3";

const distDir = process.env.BENCH_UI_DIST ?? process.env.NEXT_DIST_DIR ?? ".next-bench";
const imageCount = Math.max(100, Number(process.env.BENCH_UI_IMAGES ?? 10_000));
const loads = Math.max(1, Number(process.env.BENCH_UI_LOADS ?? 3));
const targets = { paintMs: 1500, cls: 0.05, thumbnailBytes: 30 * 1024 };

const verdict = (ok: boolean) => (ok ? "PASS" : "MISS");
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, server: ChildProcess, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited with code ${server.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not answer ${url} within ${timeoutMs / 1000} s`);
}

/** Stops the server (scripts/start.mjs forwards the signal to `next start`) and waits for it to exit. */
async function stop(server: ChildProcess) {
  if (server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  if (server.exitCode === null) server.kill("SIGKILL");
}

export async function run() {
  if (!existsSync(path.join(projectRoot, distDir, "BUILD_ID"))) {
    console.log(
      `No production build in ${distDir}/: skipped. Build one first (it is never built here, so the numbers are of the code you built):\n` +
        `  NEXT_DIST_DIR=${distDir} npx next build\n(or set BENCH_UI_DIST to an existing build directory)`,
    );
    return;
  }
  const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

  console.log(`Seeding ${imageCount.toLocaleString("en")} images…`);
  const studio = await openStudio();
  let server: ChildProcess | null = null;
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const seed = await seedGallery(studio, imageCount);
    console.log(
      `${seed.total.toLocaleString("en")} rows (${seed.distinct} distinct pictures stored through storeImage/uploadImage, the rest copied in SQL) in ${(seed.seedMs / 1000).toFixed(1)} s; ` +
        `stored thumbnails ${kb(Math.min(...seed.thumbnailBytes))}–${kb(Math.max(...seed.thumbnailBytes))}`,
    );

    const port = await freePort();
    server = spawn(process.execPath, [path.join(projectRoot, "scripts/start.mjs"), "--no-build"], {
      cwd: projectRoot,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, NEXT_DIST_DIR: distDir, PORT: String(port), HOSTNAME: "127.0.0.1", DATA_DIR: studio.dataDir, LOG_LEVEL: "warn", AUTH_MODE: "single-user" },
    });
    const origin = `http://127.0.0.1:${port}`;
    await waitForHealth(`${origin}/api/health`, server);
    console.log(`next start (${distDir}) on ${origin}; Chromium ${browser.version()}; load average ${loadAverage()}`);

    const viewports = [
      { name: "desktop 1280×900", viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 },
      { name: "phone 390×844 @2x", viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 },
    ];
    // A first load warms the server (route modules load on first use); it is not counted.
    await measureLoad(browser, { url: `${origin}/`, viewport: viewports[0].viewport });

    const rows: string[][] = [];
    const details: string[] = [];
    for (const v of viewports) {
      const runs: LoadMetrics[] = [];
      for (let i = 0; i < loads; i++) runs.push(await measureLoad(browser, { url: `${origin}/`, viewport: v.viewport, deviceScaleFactor: v.deviceScaleFactor, scrollScreens: 5 }));
      const fcp = median(runs.map((r) => r.fcp));
      const lcp = median(runs.map((r) => r.lcp));
      const cls = median(runs.map((r) => r.cls));
      const clsScroll = median(runs.map((r) => r.clsWithScroll));
      const transfers = runs.flatMap((r) => r.thumbnails.transfer).filter((n) => n > 0);
      const bodies = runs.flatMap((r) => r.thumbnails.body).filter((n) => n > 0);
      const maxThumb = Math.max(...bodies);
      const spread = (values: number[], f: (n: number) => string) => `${f(Math.min(...values))}–${f(Math.max(...values))}`;
      rows.push(
        [v.name, "first contentful paint", ms(fcp), spread(runs.map((r) => r.fcp), ms), "< 1500 ms", verdict(fcp < targets.paintMs)],
        [v.name, "largest contentful paint", ms(lcp), spread(runs.map((r) => r.lcp), ms), "< 1500 ms", verdict(lcp < targets.paintMs)],
        [v.name, "cumulative layout shift (load)", cls.toFixed(3), spread(runs.map((r) => r.cls), (n) => n.toFixed(3)), "≤ 0.05", verdict(cls <= targets.cls)],
        [v.name, "CLS incl. scrolling 5 screens", clsScroll.toFixed(3), spread(runs.map((r) => r.clsWithScroll), (n) => n.toFixed(3)), "≤ 0.05", verdict(clsScroll <= targets.cls)],
        [v.name, "thumbnail body (median / max)", `${kb(median(bodies))} / ${kb(maxThumb)}`, spread(bodies, kb), "≤ 30 KB", verdict(maxThumb <= targets.thumbnailBytes)],
      );
      details.push(
        `${v.name}: TTFB ${ms(median(runs.map((r) => r.ttfb)))}, HTML ${kb(median(runs.map((r) => r.htmlBytes)))}, ` +
          `first thumbnail in ${ms(median(runs.map((r) => r.firstThumbnailEnd)))}, ${median(runs.map((r) => r.scriptCount))} scripts in ${ms(median(runs.map((r) => r.scriptsEnd)))}, ` +
          `DOMContentLoaded ${ms(median(runs.map((r) => r.domContentLoaded)))}, ` +
          `LCP element ${runs.map((r) => r.lcpElement).join(" | ")}, thumbnails on load ${runs.map((r) => r.thumbnails.count).join("/")} ` +
          `(transfer incl. headers median ${kb(median(transfers))}), after scrolling 5 screens ${runs.map((r) => r.thumbnailsAfterScroll).join("/")} ` +
          `with ${runs.map((r) => r.tilesInDom).join("/")} tiles in the DOM`,
      );
    }

    const tracePath = process.env.BENCH_UI_TRACE ?? path.join(os.tmpdir(), "image-studio-ui-trace.zip");
    await measureLoad(browser, { url: `${origin}/`, viewport: viewports[0].viewport, scrollScreens: 2, tracePath });

    console.log(`\n${table(["viewport", "metric", "median", `range (${loads} loads)`, "target", "verdict"], rows)}\n`);
    for (const line of details) console.log(line);
    console.log(`A Playwright trace of one more desktop load (not counted): ${tracePath} (npx playwright show-trace ${tracePath})`);
  } finally {
    await browser.close();
    if (server) await stop(server);
    await studio.close();
    if (process.env.BENCH_KEEP_DATA === "1") console.log(`data kept in ${studio.dataDir}`);
    else rmSync(studio.dataDir, { recursive: true, force: true });
  }
}
