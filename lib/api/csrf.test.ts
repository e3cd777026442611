import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { checkCsrf } from "./csrf";

const app = "https://studio.example.com";

function request(method: string, headers: Record<string, string> = {}) {
  return new Request(`${app}/api/v1/collections`, { method, headers });
}

/** The verdict for a request: "pass", or the error's code and status. */
function verdict(method: string, headers: Record<string, string> = {}, expected = app) {
  const error = checkCsrf(request(method, headers), expected);
  return error ? `${error.code} ${error.status}` : "pass";
}

describe("checkCsrf", () => {
  it("lets reads through whatever their origin", () => {
    for (const method of ["GET", "HEAD", "OPTIONS", "get"]) {
      expect(verdict(method, { "sec-fetch-site": "cross-site", origin: "https://evil.example" })).toBe("pass");
    }
  });

  it.each(["POST", "PUT", "PATCH", "DELETE"])("%s: Sec-Fetch-Site same-origin or none passes, anything else is refused", (method) => {
    expect(verdict(method, { "sec-fetch-site": "same-origin" })).toBe("pass");
    expect(verdict(method, { "sec-fetch-site": "none" })).toBe("pass");
    expect(verdict(method, { "sec-fetch-site": "cross-site" })).toBe("forbidden 403");
    expect(verdict(method, { "sec-fetch-site": "same-site" })).toBe("forbidden 403");
    expect(verdict(method, { "sec-fetch-site": "bogus" })).toBe("forbidden 403");
  });

  it("trusts Sec-Fetch-Site over Origin when both are sent", () => {
    // A same-origin request whose Origin would match passes; a cross-site one is refused even with a matching Origin.
    expect(verdict("POST", { "sec-fetch-site": "same-origin", origin: app })).toBe("pass");
    expect(verdict("POST", { "sec-fetch-site": "cross-site", origin: app })).toBe("forbidden 403");
  });

  it("without Sec-Fetch-Site, Origin must be the app's scheme, host and port", () => {
    expect(verdict("POST", { origin: app })).toBe("pass");
    expect(verdict("POST", { origin: "HTTPS://Studio.Example.com" })).toBe("pass"); // origins compare normalised
    expect(verdict("POST", { origin: "https://studio.example.com:443" })).toBe("pass"); // default port
    expect(verdict("POST", { origin: "https://evil.example" })).toBe("forbidden 403");
    expect(verdict("POST", { origin: "http://studio.example.com" })).toBe("forbidden 403"); // scheme
    expect(verdict("POST", { origin: "https://studio.example.com:8443" })).toBe("forbidden 403"); // port
    expect(verdict("POST", { origin: "https://studio.example.com.evil.example" })).toBe("forbidden 403"); // suffix trick
    expect(verdict("POST", { origin: "https://api.studio.example.com" })).toBe("forbidden 403"); // subdomain
    expect(verdict("POST", { origin: "null" })).toBe("forbidden 403"); // sandboxed frame, data: URL
    expect(verdict("POST", { origin: "not a url" })).toBe("forbidden 403");
  });

  it("compares against the expected origin only, ignoring a path or trailing slash on it", () => {
    expect(verdict("POST", { origin: "http://127.0.0.1:3000" }, "http://127.0.0.1:3000/")).toBe("pass");
    expect(verdict("POST", { origin: "http://127.0.0.1:3000" }, "http://127.0.0.1:3000/studio")).toBe("pass");
    expect(verdict("POST", { origin: "http://localhost:3000" }, "http://127.0.0.1:3000")).toBe("forbidden 403");
  });

  it("lets requests with neither header through (curl, server to server)", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) expect(verdict(method)).toBe("pass");
    expect(verdict("POST", { referer: "https://evil.example/page" })).toBe("pass"); // Referer is not consulted
  });

  it("answers an AppError with code forbidden and a message that says why", () => {
    const bySite = checkCsrf(request("POST", { "sec-fetch-site": "cross-site" }), app);
    expect(bySite).toBeInstanceOf(AppError);
    expect(bySite?.code).toBe("forbidden");
    expect(bySite?.message).toMatch(/^Cross-site request refused: .*Sec-Fetch-Site: cross-site/);

    const byOrigin = checkCsrf(request("DELETE", { origin: "https://evil.example" }), app);
    expect(byOrigin?.message).toMatch(/^Cross-site request refused: Origin "https:\/\/evil\.example" is not this app's origin \(https:\/\/studio\.example\.com\)/);
  });

  it("does not look at Authorization: the Bearer exemption is the caller's decision", () => {
    expect(verdict("POST", { authorization: "Bearer abc", "sec-fetch-site": "cross-site" })).toBe("forbidden 403");
  });
});
