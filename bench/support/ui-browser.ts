/**
 * One cold page load in Chromium (a fresh browser context: empty cache, no cookies), measured by the page itself
 * with PerformanceObserver — 'paint' (first contentful paint), 'largest-contentful-paint', 'layout-shift' — plus the
 * Resource Timing entries of the thumbnails, and, after the load, the layout shifts of scrolling a few screens.
 */
import type { Browser } from "@playwright/test";

export interface LoadMetrics {
  fcp: number;
  lcp: number;
  /** What the largest contentful paint was ("img", "p", …, with its test id when it has one). */
  lcpElement: string;
  /** Cumulative layout shift of the load (largest session window, as browsers report CLS). */
  cls: number;
  /** The same, counting the shifts while scrolling `scrollScreens` screens down after the load. */
  clsWithScroll: number;
  ttfb: number;
  /** When the first thumbnail had arrived, and the JavaScript (ms from navigation start), and how many scripts. */
  firstThumbnailEnd: number;
  scriptsEnd: number;
  scriptCount: number;
  domContentLoaded: number;
  /** Bytes over the wire (HTTP headers included) and bodies, of every thumbnail fetched during the load. */
  thumbnails: { count: number; transfer: number[]; body: number[] };
  /** Thumbnails fetched by the end of the scroll, and tiles in the DOM then. */
  thumbnailsAfterScroll: number;
  tilesInDom: number;
  htmlBytes: number;
}

export interface LoadOptions {
  url: string;
  viewport: { width: number; height: number };
  deviceScaleFactor?: number;
  scrollScreens?: number;
  /** Record a Playwright trace of this load (screenshots included) to this file. */
  tracePath?: string;
}

/**
 * Installed before any page script: the observers keep every entry, buffered from the navigation's start. Plain
 * JavaScript text, not a function: what runs in the page must not depend on how this file was transpiled.
 */
const observeScript = `(() => {
  const state = { fcp: NaN, lcp: NaN, lcpElement: "", shifts: [] };
  window.__uiBench = state;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === "first-contentful-paint") state.fcp = e.startTime;
  }).observe({ type: "paint", buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      state.lcp = e.renderTime || e.loadTime || e.startTime;
      const el = e.element;
      const owner = el && el.closest("[data-testid]");
      state.lcpElement = el ? el.tagName.toLowerCase() + (owner ? " in [data-testid=" + owner.getAttribute("data-testid") + "]" : "") : "(removed)";
    }
  }).observe({ type: "largest-contentful-paint", buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) state.shifts.push({ at: e.startTime, value: e.value });
  }).observe({ type: "layout-shift", buffered: true });
})();`;

/** Runs in the page: what the observers saw, the thumbnails' Resource Timing entries, the tiles in the DOM. */
const readStateScript = `(() => {
  const s = window.__uiBench;
  const nav = performance.getEntriesByType("navigation")[0];
  const thumbs = performance.getEntriesByType("resource")
    .filter((e) => e.name.includes("/file?variant=thumbnail"))
    .map((e) => ({ transfer: e.transferSize, body: e.encodedBodySize, start: e.startTime, end: e.responseEnd }));
  const scripts = performance.getEntriesByType("resource").filter((e) => e.initiatorType === "script" || e.name.endsWith(".js"));
  return { fcp: s.fcp, lcp: s.lcp, lcpElement: s.lcpElement, shifts: s.shifts.slice(), ttfb: nav.responseStart, thumbs,
    scriptsEnd: Math.max(0, ...scripts.map((e) => e.responseEnd)), scriptCount: scripts.length,
    domContentLoaded: nav.domContentLoadedEventEnd,
    tiles: document.querySelectorAll('[data-testid="gallery-item"]').length };
})()`;

interface PageState {
  fcp: number;
  lcp: number;
  lcpElement: string;
  shifts: { at: number; value: number }[];
  ttfb: number;
  thumbs: { transfer: number; body: number; start: number; end: number }[];
  scriptsEnd: number;
  scriptCount: number;
  domContentLoaded: number;
  tiles: number;
}

/** CLS as browsers define it: the largest burst of shifts (gaps under 1 s, at most 5 s long). */
export function sessionCls(shifts: { at: number; value: number }[]): number {
  let worst = 0;
  let current = 0;
  let start = -Infinity;
  let last = -Infinity;
  for (const s of [...shifts].sort((a, b) => a.at - b.at)) {
    if (s.at - last > 1000 || s.at - start > 5000) {
      current = 0;
      start = s.at;
    }
    current += s.value;
    last = s.at;
    worst = Math.max(worst, current);
  }
  return worst;
}

export async function measureLoad(browser: Browser, options: LoadOptions): Promise<LoadMetrics> {
  const context = await browser.newContext({ viewport: options.viewport, deviceScaleFactor: options.deviceScaleFactor ?? 1, colorScheme: "light" });
  if (options.tracePath) await context.tracing.start({ screenshots: true, snapshots: false });
  try {
    const page = await context.newPage();
    await page.addInitScript({ content: observeScript });
    let htmlBytes = 0;
    page.on("response", async (r) => {
      if (r.request().resourceType() === "document") htmlBytes = (await r.body().catch(() => Buffer.alloc(0))).length;
    });
    await page.goto(options.url, { waitUntil: "load" });
    await page.waitForLoadState("networkidle").catch(() => {});
    await page.waitForTimeout(500);
    const loaded = (await page.evaluate(readStateScript)) as PageState;

    // Scroll a few screens with the wheel (not input that excuses shifts), as a person browsing would.
    for (let i = 0; i < (options.scrollScreens ?? 0); i++) {
      await page.mouse.wheel(0, options.viewport.height);
      await page.waitForTimeout(300);
    }
    await page.waitForLoadState("networkidle").catch(() => {});
    const after = (await page.evaluate(readStateScript)) as PageState;
    return {
      fcp: loaded.fcp,
      lcp: loaded.lcp,
      lcpElement: loaded.lcpElement,
      cls: sessionCls(loaded.shifts),
      clsWithScroll: sessionCls(after.shifts),
      ttfb: loaded.ttfb,
      firstThumbnailEnd: Math.min(...loaded.thumbs.map((t) => t.end)),
      scriptsEnd: loaded.scriptsEnd,
      scriptCount: loaded.scriptCount,
      domContentLoaded: loaded.domContentLoaded,
      thumbnails: { count: loaded.thumbs.length, transfer: loaded.thumbs.map((t) => t.transfer), body: loaded.thumbs.map((t) => t.body) },
      thumbnailsAfterScroll: after.thumbs.length,
      tilesInDom: after.tiles,
      htmlBytes,
    };
  } finally {
    if (options.tracePath) await context.tracing.stop({ path: options.tracePath });
    await context.close();
  }
}
