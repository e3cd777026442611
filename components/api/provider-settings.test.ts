import { describe, expect, it } from "vitest";
import { describeAudit, type ProviderAuditEntry } from "./provider-settings";

const entry = (action: ProviderAuditEntry["action"], changes: Record<string, unknown> | null, outcome: string | null = null): ProviderAuditEntry => ({
  id: "pau_1", provider: "openai", action, changes, outcome, createdAt: "2026-12-07T04:00:00.000Z", actor: null,
});

describe("the providers audit in words", () => {
  it("says what changed, never more than that a key was set or replaced", () => {
    expect(describeAudit(entry("create", { secret: "set", enabled: { from: null, to: true }, baseUrl: { from: null, to: "https://gw.example.com/v1" } }))).toBe("Connected (key set, base URL https://gw.example.com/v1)");
    expect(describeAudit(entry("update", { secret: "replaced" }))).toBe("Key replaced");
    expect(describeAudit(entry("update", { baseUrl: { from: "https://a", to: null } }))).toBe("Base URL reset to the provider's own");
    expect(describeAudit(entry("disable", { enabled: { from: true, to: false } }))).toBe("Turned off");
    expect(describeAudit(entry("enable", { enabled: { from: false, to: true } }))).toBe("Turned on");
    expect(describeAudit(entry("delete", { secret: "removed" }))).toBe("Removed the stored key and settings");
  });

  it("says how a test went", () => {
    expect(describeAudit(entry("test", { request: "GET https://api.openai.com/v1/models" }, "ok"))).toBe("Tested: connected");
    expect(describeAudit(entry("test", { unsaved: true }, "failed (401)"))).toBe("Tested typed values: failed (401)");
  });
});
