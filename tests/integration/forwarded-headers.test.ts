// X-Forwarded-* headers through the real route handlers (issue 13, item 5): without TRUST_PROXY they are anyone's
// words and change nothing (the origin is PUBLIC_URL or the request's own Host); with TRUST_PROXY=N only the entries
// the N proxies in front added count. Auth.js redirects land on the origin the person used, even though Next builds
// `request.url` from the name it listens on (localhost), and a malformed callbackUrl is a bad parameter, not a
// configuration error.
import "../support/next-esm"; // before anything imports next-auth
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as authGet } from "@/app/api/auth/[...nextauth]/route";
import { POST as createCollection } from "@/app/api/v1/collections/route";
import { GET as imageUrl } from "@/app/api/v1/images/[id]/url/route";
import { db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { expectError, expectJson, send } from "../support/http";
import { withoutAuthJsError } from "../support/auth";
import { ensureLocalUser, seedImage } from "../support/studio";

const withEnv = (vars: Record<string, string>) => {
  for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value);
  resetEnvForTests();
};

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvForTests();
});

async function signedLink(imageId: string, headers: Record<string, string>): Promise<URL> {
  const res = await send(imageUrl, `/api/v1/images/${imageId}/url`, { params: { id: imageId }, headers });
  return new URL((await expectJson<{ url: string }>(res)).url);
}

describe("without TRUST_PROXY", () => {
  let imageId: string;
  beforeAll(async () => {
    await ensureLocalUser();
    imageId = (await seedImage()).id;
  });

  it("a signed link is on the request's own host, whatever X-Forwarded-Host and -Proto say", async () => {
    const link = await signedLink(imageId, { host: "studio.test:3000", "x-forwarded-host": "evil.test", "x-forwarded-proto": "https" });
    expect(link.origin).toBe("http://studio.test:3000");
  });

  it("PUBLIC_URL, when set, is the origin", async () => {
    withEnv({ PUBLIC_URL: "https://images.example.com" });
    expect((await signedLink(imageId, { "x-forwarded-host": "evil.test" })).origin).toBe("https://images.example.com");
  });

  it("X-Forwarded-Host does not satisfy the cross-site check: a POST with Origin evil.test is refused", async () => {
    const headers = { host: "studio.test:3000", origin: "http://evil.test", "x-forwarded-host": "evil.test", "x-forwarded-proto": "http" };
    const error = await expectError(await send(createCollection, "/api/v1/collections", { json: { name: "Forged via X-Forwarded-Host" }, headers }), 403, "forbidden");
    expect(error.message).toMatch(/^Cross-site request refused/);
    expect(await db().collection.count({ where: { name: "Forged via X-Forwarded-Host" } })).toBe(0);
    // The same POST from the page on the host itself passes.
    await expectJson(await send(createCollection, "/api/v1/collections", { json: { name: "From the page" }, headers: { ...headers, origin: "http://studio.test:3000" } }), 201);
  });
});

describe("with TRUST_PROXY", () => {
  let imageId: string;
  beforeAll(async () => {
    await ensureLocalUser();
    imageId = (await seedImage()).id;
  });

  it("true means one proxy: the entry it added (the last) counts, not what the client put before it", async () => {
    withEnv({ TRUST_PROXY: "true" });
    const link = await signedLink(imageId, { host: "10.0.0.5:3000", "x-forwarded-host": "evil.test, studio.example.com", "x-forwarded-proto": "http, https" });
    expect(link.origin).toBe("https://studio.example.com");
    // A proxy that sets the header whole (one entry) is believed as it is.
    expect((await signedLink(imageId, { host: "10.0.0.5:3000", "x-forwarded-host": "studio.example.com" })).origin).toBe("http://studio.example.com");
  });

  it("a number is the depth: with 2 proxies, the entry the outer one added", async () => {
    withEnv({ TRUST_PROXY: "2" });
    const link = await signedLink(imageId, { host: "10.0.0.5:3000", "x-forwarded-host": "evil.test, studio.example.com, inner.local", "x-forwarded-proto": "https" });
    expect(link.origin).toBe("https://studio.example.com");
  });

  it("a malformed forwarded host or scheme is ignored for the request's own", async () => {
    withEnv({ TRUST_PROXY: "1" });
    const link = await signedLink(imageId, { host: "studio.test", "x-forwarded-host": "evil.test/path@x", "x-forwarded-proto": "javascript" });
    expect(link.origin).toBe("http://studio.test");
  });

  it("TRUST_PROXY must be a switch or a small count (a sentence names it)", async () => {
    const { parseEnv } = await import("@/lib/env");
    expect(parseEnv({ TRUST_PROXY: "on" }).TRUST_PROXY).toBe(1);
    expect(parseEnv({ TRUST_PROXY: "off" }).TRUST_PROXY).toBe(0);
    expect(parseEnv({ TRUST_PROXY: "3" }).TRUST_PROXY).toBe(3);
    expect(() => parseEnv({ TRUST_PROXY: "maybe" })).toThrow(/TRUST_PROXY must be true\/false or a number of proxies/);
  });
});

// Next hands route handlers a URL on the name it listens on (`next start` without -H: localhost), with the Host
// header the browser sent: this is what the Auth.js route sees when the studio is opened at 127.0.0.1.
const asNextBuildsIt = (path: string, host: string) => new Request(`http://localhost:3000${path}`, { headers: { host } });

describe("Auth.js redirects", () => {
  it("land on the origin the person used (127.0.0.1), not on Next's listening name (localhost)", async () => {
    const res = await authGet(asNextBuildsIt("/api/auth/signin?callbackUrl=%2Fusage", "127.0.0.1:3000") as never);
    expect(res.status).toBe(302);
    // To our sign-in page (a relative Location), carrying where to go after: on the origin the person used.
    const location = new URL(res.headers.get("location")!, "http://unused.invalid");
    expect(location.pathname).toBe("/sign-in");
    expect(location.searchParams.get("callbackUrl")).toBe("http://127.0.0.1:3000/usage");
    expect(res.headers.getSetCookie().find((c) => c.startsWith("authjs.callback-url="))).toContain(encodeURIComponent("http://127.0.0.1:3000/usage"));
  });

  it("a malformed callbackUrl is ignored (home), without an error or a configuration error page", async () => {
    const errors: unknown[][] = [];
    const consoleError = vi.spyOn(console, "error").mockImplementation((...args) => void errors.push(args));
    const stderr = vi.spyOn(process.stderr, "write");
    try {
      const res = await withoutAuthJsError("none", () => authGet(asNextBuildsIt("/api/auth/signin?callbackUrl=not%20a%20url", "127.0.0.1:3000") as never));
      expect(res.status).toBe(302);
      const location = new URL(res.headers.get("location")!, "http://unused.invalid");
      expect(location.searchParams.get("error")).toBeNull();
      expect(location.pathname).toBe("/sign-in");
      expect(location.searchParams.get("callbackUrl")).toBe("http://127.0.0.1:3000");
      // An absolute URL elsewhere is refused the same way.
      const away = await authGet(asNextBuildsIt("/api/auth/signin?callbackUrl=https%3A%2F%2Fevil.test%2F", "127.0.0.1:3000") as never);
      expect(new URL(away.headers.get("location")!, "http://unused.invalid").searchParams.get("callbackUrl")).toBe("http://127.0.0.1:3000");
      expect(errors).toEqual([]);
      expect(stderr.mock.calls.map(([line]) => String(line)).filter((line) => line.includes('"level":"error"'))).toEqual([]);
    } finally {
      consoleError.mockRestore();
      stderr.mockRestore();
    }
  });
});
