import { expect, type Page } from "@playwright/test";

export interface CspViolation {
  directive: string;
  blocked: string;
  source: string;
}

/**
 * Collects every Content-Security-Policy violation the pages of a test report: the `securitypolicyviolation` events
 * (recorded by an init script, which the browser runs outside the page's policy) and console messages about the
 * policy (a blocked script or style). Each document has its own list of events: `collect` gathers it before the page
 * leaves; `all` and `expectNone` gather the current document's too.
 */
export async function watchCsp(page: Page) {
  await page.addInitScript(() => {
    const seen: unknown[] = [];
    (window as unknown as { __cspViolations: unknown[] }).__cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (e) =>
      seen.push({ directive: e.effectiveDirective, blocked: e.blockedURI, source: `${e.sourceFile}:${e.lineNumber}` }),
    );
  });
  const fromEvents: CspViolation[] = [];
  const fromConsole: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(m.text())) fromConsole.push(`${m.type()}: ${m.text()}`);
  });
  const collect = async () => {
    const list = await page.evaluate(() => (window as unknown as { __cspViolations?: CspViolation[] }).__cspViolations ?? []).catch(() => []);
    fromEvents.push(...list);
  };
  const all = async () => {
    await collect();
    return { events: fromEvents.splice(0), console: fromConsole.splice(0) };
  };
  return {
    collect,
    /** Everything reported so far (and forgotten here: the next call answers what came after). */
    all,
    async expectNone() {
      const { events, console } = await all();
      expect([...events.map((v) => `${v.directive} ${v.blocked} ${v.source}`), ...console], "Content-Security-Policy violations").toEqual([]);
    },
  };
}
