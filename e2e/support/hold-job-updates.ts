import type { Page } from "@playwright/test";

/**
 * Holds the page's news of its jobs — their event streams and the polling fallback — until the returned function
 * is called, so that a fast local render cannot finish and replace its running tile before a test has looked at
 * it. Every request held is let through afterwards; calling it again is harmless.
 */
export async function holdJobUpdates(page: Page): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/api\/v1\/jobs\/[^/?]+(\/events)?(\?.*)?$/, async (route) => {
    await held;
    await route.continue().catch(() => {}); // the page may have closed the stream meanwhile
  });
  return release;
}
