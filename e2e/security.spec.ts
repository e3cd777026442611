// Surface hardening in a real browser: the app works under its Content-Security-Policy (no violation on the gallery,
// an upload, a generation and the image page), each page load has its own nonce, and the API and stored files carry
// their own locked-down policies and nosniff. See docs/security.md.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { GalleryPage } from "./pages/gallery";
import { ImagePage } from "./pages/image";
import { watchCsp } from "./support/csp";
import { drawQuadrants } from "./support/draw";
import { holdJobUpdates } from "./support/hold-job-updates";

const noncePattern = /'nonce-([A-Za-z0-9+/=]{16,})'/;

/** The directives of a policy, by name. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name.toLowerCase(), values]),
  );
}

async function uploadThroughApi(request: APIRequestContext, file: string): Promise<string> {
  const res = await request.post("/api/v1/images", {
    multipart: { file: { name: path.basename(file), mimeType: "image/png", buffer: readFileSync(file) } },
  });
  expect(res.status(), await res.text()).toBe(201);
  return String((await res.json()).id);
}

test("the gallery, an upload, a generation and the image page run with no CSP violation", async ({ page }, testInfo) => {
  const policy = await watchCsp(page);
  const gallery = new GalleryPage(page);
  await gallery.goto();
  await gallery.prompt.expectReady();

  // An upload: the list previews the local file through a blob: URL before the server answers.
  const [uploaded] = await gallery.upload(await drawQuadrants(testInfo.outputPath("csp-upload.png"), 320, 240));
  expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
  await gallery.expectThumbnailLoaded(String(uploaded.body.id));

  // A generation with the local renderer: the job tile follows its event stream and is replaced by the image.
  const bar = gallery.prompt;
  const release = await holdJobUpdates(page); // until the running tile has been seen
  const submitted = await bar.generate("a red kite over green hills under a strict policy");
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(202);
  await expect(bar.jobTiles.first()).toBeVisible();
  release();
  const job = await bar.waitForJob(submitted.body.id);
  expect(job.status, JSON.stringify(job.error)).toBe("succeeded");
  const imageId = job.images[0].id;
  await expect(bar.jobTiles).toHaveCount(0);
  await gallery.expectThumbnailLoaded(imageId);

  // The policy allows what the app shows: data: previews (event stream, placeholders) and blob: URLs.
  const loaded = await page.evaluate(async () => {
    const load = (src: string) =>
      new Promise<number>((resolve) => {
        const img = new Image();
        img.onload = () => resolve(img.naturalWidth);
        img.onerror = () => resolve(0);
        img.src = src;
      });
    const png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";
    const bytes = Uint8Array.from(atob(png), (c) => c.charCodeAt(0));
    return { data: await load(`data:image/png;base64,${png}`), blob: await load(URL.createObjectURL(new Blob([bytes], { type: "image/png" }))) };
  });
  expect(loaded).toEqual({ data: 1, blob: 1 });
  await policy.collect();

  // The image page, reached by client-side navigation and by a full load.
  await gallery.openImage(imageId);
  const image = new ImagePage(page);
  await image.expectPreviewLoaded();
  await expect(image.provenance("provider")).toContainText("Local renderer");
  await policy.collect();
  await image.goto(imageId);
  await image.expectPreviewLoaded();
  await page.screenshot({ path: testInfo.outputPath("image-page-under-csp.png") });

  const reported = await policy.all();
  expect(reported.events, JSON.stringify(reported.events)).toEqual([]);
  expect(reported.console, reported.console.join("\n")).toEqual([]);
});

test("the policy is enforced: markup injected into a page cannot run script, and the violation is seen", async ({ page }) => {
  // A stored-XSS stand-in: the real page, with its real headers, plus an inline script and an inline handler that
  // carry no nonce.
  await page.route("/", async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(
      "</body>",
      `<script>window.__injected = "inline"</script><img src="/nothing.png" onerror="window.__injected = 'handler'"></body>`,
    );
    await route.fulfill({ response, body: html });
  });
  const policy = await watchCsp(page);
  await new GalleryPage(page).goto();
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as unknown as { __injected?: string }).__injected)).toBeUndefined();
  const reported = await policy.all();
  const blocked = reported.events.map((v) => `${v.directive} ${v.blocked}`);
  expect(blocked).toEqual(expect.arrayContaining(["script-src-elem inline", "script-src-attr inline"]));
  // The app itself still started: its own scripts carry the nonce.
  await expect(new GalleryPage(page).prompt.providerSelect).toBeEnabled();
});

test("HTML pages carry a per-request nonce policy and the security headers", async ({ page, request }) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  const headers = response!.headers();
  const policy = headers["content-security-policy"];
  expect(policy).toBeTruthy();
  const d = directives(policy);
  const nonce = policy.match(noncePattern)?.[1];
  expect(nonce, policy).toBeTruthy();
  expect(d.get("script-src")).toEqual(expect.arrayContaining(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]));
  expect(d.get("script-src")).not.toContain("'unsafe-inline'");
  expect(d.get("script-src")).not.toContain("'unsafe-eval'"); // production build
  expect(d.get("style-src")).toEqual(["'self'", `'nonce-${nonce}'`]);
  expect(d.get("img-src")).toEqual(expect.arrayContaining(["'self'", "data:", "blob:"]));
  expect(d.get("connect-src")?.[0]).toBe("'self'");
  expect(d.get("default-src")).toEqual(["'self'"]);
  expect(d.get("object-src")).toEqual(["'none'"]);
  expect(d.get("base-uri")).toEqual(["'self'"]);
  expect(d.get("form-action")).toEqual(["'self'"]);
  expect(d.get("frame-ancestors")).toEqual(["'none'"]);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"]).toMatch(/camera=\(\).*microphone=\(\).*geolocation=\(\)/);
  expect(headers["cross-origin-opener-policy"]).toBe("same-origin");
  expect(headers["x-powered-by"]).toBeUndefined();

  // Next put that nonce on its scripts; the browser hides it from attributes but the property keeps it.
  const scriptNonces = await page.evaluate(() => [...document.scripts].map((s) => s.nonce));
  expect(scriptNonces.length).toBeGreaterThan(0);
  expect(new Set(scriptNonces)).toEqual(new Set([nonce]));

  // Two loads, two nonces; the HTML of each uses its own.
  const [a, b] = [await request.get("/"), await request.get("/")];
  const [na, nb] = [a, b].map((r) => r.headers()["content-security-policy"].match(noncePattern)?.[1]);
  expect(na).toBeTruthy();
  expect(nb).toBeTruthy();
  expect(na).not.toBe(nb);
  expect(na).not.toBe(nonce);
  expect(await a.text()).toContain(`nonce="${na}"`);
  expect(await b.text()).not.toContain(`nonce="${na}"`);
});

test("the not-found page is rendered per request too, so its scripts carry the nonce", async ({ page }) => {
  // A prerendered page cannot carry a per-request nonce (its scripts would be blocked), and Next's built-in 404
  // inlines a <style> with no nonce: this needs an app/not-found.tsx of ours, rendered per request (the root layout
  // or the page itself using headers(), cookies() or `await connection()`).
  test.skip(!existsSync(path.join(__dirname, "../app/not-found.tsx")), "no app/not-found.tsx yet: Next's built-in 404 page is used");
  const policy = await watchCsp(page);
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  const nonce = response!.headers()["content-security-policy"].match(noncePattern)?.[1];
  expect(new Set(await page.evaluate(() => [...document.scripts].map((s) => s.nonce)))).toEqual(new Set([nonce]));
  const reported = await policy.all();
  expect(reported.events, JSON.stringify(reported.events)).toEqual([]);
  expect(reported.console, reported.console.join("\n")).toEqual([]);
});

test("API responses and stored files carry nosniff and their own locked-down policy", async ({ request }, testInfo) => {
  for (const path of ["/api/health", "/api/v1/providers", "/api/v1/nothing-here"]) {
    const res = await request.get(path);
    const headers = res.headers();
    expect(headers["content-type"], path).toMatch(/^application\/json/);
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["content-security-policy"], path).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(headers["x-frame-options"], path).toBe("DENY");
  }

  const icon = await request.get("/favicon.svg");
  expect(icon.headers()["content-type"]).toMatch(/^image\/svg\+xml/);
  expect(icon.headers()["x-content-type-options"]).toBe("nosniff");
  expect(icon.headers()["content-security-policy"]).toMatch(/^default-src 'none';.*\bsandbox\b/);

  const id = await uploadThroughApi(request, await drawQuadrants(testInfo.outputPath("csp-file.png"), 64, 48));
  const file = await request.get(`/api/v1/images/${id}/file`);
  expect(file.status()).toBe(200);
  const fileHeaders = file.headers();
  expect(fileHeaders["content-type"]).toBe("image/png");
  expect(fileHeaders["x-content-type-options"]).toBe("nosniff");
  const fileDirectives = directives(fileHeaders["content-security-policy"]);
  expect(fileDirectives.get("default-src")).toEqual(["'none'"]);
  expect(fileDirectives.has("sandbox")).toBe(true);
  expect(fileDirectives.has("script-src")).toBe(false); // falls back to default-src 'none'

  const thumbnail = await request.get(`/api/v1/images/${id}/file?variant=thumbnail`);
  expect(thumbnail.headers()["content-type"]).toBe("image/webp");
  expect(thumbnail.headers()["content-security-policy"]).toBe(fileHeaders["content-security-policy"]);

  // The signed, session-less link serves the same bytes under the same policy.
  const link = await request.get(`/api/v1/images/${id}/url?expiresIn=600`);
  expect(link.status(), await link.text()).toBe(200);
  const signed = await request.get(String((await link.json()).url));
  expect(signed.status()).toBe(200);
  expect(signed.headers()["content-type"]).toBe("image/png");
  expect(signed.headers()["x-content-type-options"]).toBe("nosniff");
  expect(signed.headers()["content-security-policy"]).toBe(fileHeaders["content-security-policy"]);
});

test("an image opened directly shows, sandboxed, with no violation", async ({ page, request }, testInfo) => {
  const id = await uploadThroughApi(request, await drawQuadrants(testInfo.outputPath("csp-direct.png"), 80, 60));
  const policy = await watchCsp(page);
  const response = await page.goto(`/api/v1/images/${id}/file`);
  expect(response?.status()).toBe(200);
  const size = await page.evaluate(() => {
    const img = document.querySelector("img");
    return img ? [img.naturalWidth, img.naturalHeight] : null;
  });
  expect(size).toEqual([80, 60]);
  // The sandboxed document has an opaque origin: nothing it could run would be same-origin with the app.
  expect(await page.evaluate(() => window.origin)).toBe("null");
  const reported = await policy.all();
  expect(reported.console, reported.console.join("\n")).toEqual([]);
});

test("a cross-site POST is refused; the same request from the app's origin goes through", async ({ request, baseURL }) => {
  const wired = /\bcheckCsrf\b/.test(readFileSync(path.join(__dirname, "../lib/api/route.ts"), "utf8"));
  test.skip(!wired, "lib/api/route.ts does not call checkCsrf yet");
  const name = `csrf-${Date.now()}`;
  const forged = await request.post("/api/v1/collections", { data: { name }, headers: { Origin: "https://evil.example" } });
  expect(forged.status()).toBe(403);
  expect((await forged.json()).error.code).toBe("forbidden");
  const bySite = await request.post("/api/v1/collections", { data: { name }, headers: { "Sec-Fetch-Site": "cross-site" } });
  expect(bySite.status()).toBe(403);
  const listed = await (await request.get("/api/v1/collections")).json();
  expect(listed.items.map((c: { name: string }) => c.name)).not.toContain(name);

  const own = await request.post("/api/v1/collections", { data: { name }, headers: { Origin: new URL(baseURL!).origin } });
  expect(own.status(), await own.text()).toBe(201);
});
