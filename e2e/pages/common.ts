import { expect, type Locator, type Page, type Request } from "@playwright/test";

/** A POST a page made: the API's status and JSON, and the JSON body as sent. */
export type Posted = { status: number; body: Record<string, unknown>; sent: Record<string, unknown> };

/** A point on an element as fractions of its box: [0, 0] top left, [1, 1] bottom right. */
export type Fraction = readonly [number, number];

/** Answers the POST to a path matching `path` that `act` (a click, a key) starts: as sent, and the API's answer. */
export async function posted(page: Page, path: RegExp, act: () => Promise<void>): Promise<Posted> {
  const matches = (r: Request) => r.method() === "POST" && path.test(new URL(r.url()).pathname);
  const request = page.waitForRequest(matches);
  const response = page.waitForResponse((r) => matches(r.request()));
  await act();
  const sent = ((await request).postDataJSON() ?? {}) as Record<string, unknown>;
  const answer = await response;
  return { status: answer.status(), body: (await answer.json()) as Record<string, unknown>, sent };
}

/** Waits until the picture has really been decoded (not just its placeholder painted). */
export async function expectDecoded(img: Locator) {
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth), { timeout: 15_000 }).toBeGreaterThan(0);
}

/** Waits until each of the pictures has been decoded, scrolled to first when asked (lazy images load near the viewport). */
export async function expectAllDecoded(images: Locator, options: { scroll?: boolean } = {}) {
  const count = await images.count();
  for (let i = 0; i < count; i++) {
    if (options.scroll) await images.nth(i).scrollIntoViewIfNeeded();
    await expectDecoded(images.nth(i));
  }
}

/** The data-testid (or, lacking one, the accessible label) of the focused element. */
export function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return "";
    return el.dataset.testid ?? el.getAttribute("aria-label") ?? el.id ?? el.tagName;
  });
}

/** Presses Tab until `target` (a test id) has the focus (at most `max` times); answers what was focused on the way. */
export async function tabUntil(page: Page, target: string, max = 15): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const now = await focusedName(page);
    seen.push(now);
    if (now === target) return seen;
  }
  throw new Error(`Tab never reached ${target}; focused on the way: ${seen.join(", ")}`);
}
