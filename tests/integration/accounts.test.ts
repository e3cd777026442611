// Accounts in multi-user mode: sign-up rules, the caller's own view (/me, /usage with limits), per-user budget
// and rate limits enforced on generation, administrators' views and edits (403 for everyone else), API key
// management by people only, and pages' callers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as adminUsage } from "@/app/api/v1/admin/usage/route";
import { PATCH as patchUser } from "@/app/api/v1/admin/users/[id]/route";
import { GET as adminUsers } from "@/app/api/v1/admin/users/route";
import { POST as generate } from "@/app/api/v1/generations/route";
import { DELETE as revokeKey } from "@/app/api/v1/keys/[id]/route";
import { GET as listKeys, POST as createKey } from "@/app/api/v1/keys/route";
import { GET as me } from "@/app/api/v1/me/route";
import { GET as usage } from "@/app/api/v1/usage/route";
import { checkPassword, clientAddressOf } from "@/lib/auth/accounts";
import { db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { LocalProvider } from "@/lib/providers/local";
import { setProvidersForTests } from "@/lib/providers/registry";
import { keyHeaders, mintSessionCookie, sessionHeaders, signUp } from "../support/auth";
import { expectError, expectJson, send } from "../support/http";

type Account = { id: string; email: string; role: string };
let alice: Account; // administrator
let bob: Account;
let aliceSession: Record<string, string>;
let bobSession: Record<string, string>;

beforeAll(async () => {
  Object.assign(process.env, { AUTH_MODE: "multi-user", ALLOW_SIGN_UP: "true", DAILY_BUDGET_USD: "5", RATE_LIMIT_PER_MINUTE: "1000" });
  resetEnvForTests();
  setProvidersForTests([new LocalProvider()]);
  alice = await expectJson<Account>(await signUp({ email: "Alice@Example.com", password: "alice's long password" }), 201);
  bob = await expectJson<Account>(await signUp({ email: "bob@example.com", password: "bob's long password" }), 201);
  await db().user.update({ where: { id: alice.id }, data: { role: "admin" } });
  aliceSession = sessionHeaders(await mintSessionCookie(alice.id));
  bobSession = sessionHeaders(await mintSessionCookie(bob.id));
});
afterAll(() => {
  Object.assign(process.env, { AUTH_MODE: "single-user" });
  resetEnvForTests();
});

describe("sign-up", () => {
  it("normalises the email, refuses duplicates, short passwords and bad emails with clear messages", async () => {
    expect(alice.email).toBe("alice@example.com");
    expect((await expectError(await signUp({ email: "alice@example.com", password: "yet another password" }), 409, "conflict")).message).toMatch(/already exists/);
    expect((await expectError(await signUp({ email: "carol@example.com", password: "short" }), 400, "invalid_request")).message).toMatch(/at least 10 characters/);
    expect((await expectError(await signUp({ email: "not-an-email", password: "long enough password" }), 400, "invalid_request")).message).toMatch(/valid email/);
    const stored = await db().user.findUniqueOrThrow({ where: { id: bob.id } });
    expect(stored.passwordHash).toMatch(/^scrypt\$/);
    expect(stored.passwordHash).not.toContain("bob's long password");
  });

  it("is closed when ALLOW_SIGN_UP is off, and from another site", async () => {
    process.env.ALLOW_SIGN_UP = "false";
    resetEnvForTests();
    try {
      expect((await expectError(await signUp({ email: "dave@example.com", password: "dave's long password" }), 403, "forbidden")).message).toMatch(/closed/);
    } finally {
      process.env.ALLOW_SIGN_UP = "true";
      resetEnvForTests();
    }
    await expectError(await signUp({ email: "eve@example.com", password: "eve's long password" }, { origin: "https://evil.example", "sec-fetch-site": "cross-site" }), 403, "forbidden");
    expect(await db().user.count({ where: { email: { in: ["dave@example.com", "eve@example.com"] } } })).toBe(0);
  });
});

describe("the caller's own view", () => {
  it("/me says who is calling, how, and with which limits", async () => {
    const mine = await expectJson<Record<string, unknown>>(await send(me, "/api/v1/me", { headers: bobSession }));
    expect(mine).toMatchObject({ id: bob.id, email: "bob@example.com", role: "user", authMode: "multi-user", via: "session", limits: { dailyBudgetUsd: 5, rateLimitPerMinute: 1000, custom: { dailyBudgetUsd: false, rateLimitPerMinute: false } } });
    await expectError(await send(me, "/api/v1/me"), 401, "unauthorized");
  });

  it("per-user limits set by an administrator are what generation enforces and what /usage shows", async () => {
    const patched = await expectJson<{ limits: { dailyBudgetUsd: number; rateLimitPerMinute: number } }>(
      await send(patchUser, `/api/v1/admin/users/${bob.id}`, { method: "PATCH", json: { rateLimitPerMinute: 2, dailyBudgetUsd: 1.5 }, headers: aliceSession, params: { id: bob.id } }),
    );
    expect(patched.limits).toEqual({ dailyBudgetUsd: 1.5, rateLimitPerMinute: 2 });
    const shown = await expectJson<{ budget: { limitUsd: number }; limits: { rateLimitPerMinute: number; custom: { rateLimitPerMinute: boolean } } }>(await send(usage, "/api/v1/usage", { headers: bobSession }));
    expect(shown.budget.limitUsd).toBe(1.5);
    expect(shown.limits).toMatchObject({ rateLimitPerMinute: 2, custom: { rateLimitPerMinute: true } });

    // Rate limits count in fixed one-minute windows: keep the three requests inside one window.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 50_000) await new Promise((resolve) => setTimeout(resolve, 60_500 - intoMinute));
    const gen = () => send(generate, "/api/v1/generations", { json: { prompt: "a small boat", provider: "local", width: 64, height: 64 }, headers: bobSession });
    expect((await gen()).status).toBe(202);
    expect((await gen()).status).toBe(202);
    const third = await gen();
    expect((await expectError(third, 429, "rate_limited")).message).toMatch(/at most 2 a minute/);
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(0);
    // Alice (default limits) is not affected by Bob's.
    expect((await send(generate, "/api/v1/generations", { json: { prompt: "a small boat", provider: "local", width: 64, height: 64 }, headers: aliceSession })).status).toBe(202);

    // null returns Bob to the defaults.
    await send(patchUser, `/api/v1/admin/users/${bob.id}`, { method: "PATCH", json: { rateLimitPerMinute: null, dailyBudgetUsd: null }, headers: aliceSession, params: { id: bob.id } });
    expect((await db().user.findUniqueOrThrow({ where: { id: bob.id } })).rateLimitPerMinute).toBeNull();
  });
});

describe("administrators", () => {
  it("see every account and everyone's usage; others get 403", async () => {
    const users = await expectJson<Array<{ id: string; email: string }>>(await send(adminUsers, "/api/v1/admin/users", { headers: aliceSession }));
    expect(users.map((u) => u.email)).toEqual(expect.arrayContaining(["alice@example.com", "bob@example.com"]));
    await db().usageEntry.create({ data: { id: "use_test_bob", ownerId: bob.id, day: new Date().toISOString().slice(0, 10), provider: "openai", model: "gpt-image-1", images: 1, costMicroUsd: 42_000, durationMs: 1000 } });
    const everyone = await expectJson<{ users: Array<{ id: string; totalUsd: number }>; totalUsd: number }>(await send(adminUsage, "/api/v1/admin/usage", { headers: aliceSession }));
    expect(everyone.users.find((u) => u.id === bob.id)?.totalUsd).toBeCloseTo(0.042, 6);

    await expectError(await send(adminUsers, "/api/v1/admin/users", { headers: bobSession }), 403, "forbidden");
    await expectError(await send(adminUsage, "/api/v1/admin/usage", { headers: bobSession }), 403, "forbidden");
    await expectError(await send(patchUser, `/api/v1/admin/users/${bob.id}`, { method: "PATCH", json: { role: "admin" }, headers: bobSession, params: { id: bob.id } }), 403, "forbidden");
    expect((await db().user.findUniqueOrThrow({ where: { id: bob.id } })).role).toBe("user");
    await expectError(await send(patchUser, "/api/v1/admin/users/usr_nobody", { method: "PATCH", json: { rateLimitPerMinute: 3 }, headers: aliceSession, params: { id: "usr_nobody" } }), 404, "not_found");
    await expectError(await send(patchUser, `/api/v1/admin/users/${alice.id}`, { method: "PATCH", json: { role: "user" }, headers: aliceSession, params: { id: alice.id } }), 400, "invalid_request");
  });
});

describe("API keys", () => {
  it("are shown once, listed by prefix, managed by people only, and scoped", async () => {
    const created = await expectJson<{ key: string; apiKey: { id: string; prefix: string; scopes: string[] } }>(
      await send(createKey, "/api/v1/keys", { json: { name: "laptop", scopes: ["read", "generate"] }, headers: bobSession }),
      201,
    );
    expect(created.key.startsWith(`${created.apiKey.prefix}_`)).toBe(true);
    expect(created.apiKey.scopes).toEqual(["read", "generate"]);
    const listed = await expectJson<Array<Record<string, unknown>>>(await send(listKeys, "/api/v1/keys", { headers: bobSession }));
    expect(listed).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(created.key.slice(14));
    // Alice sees none of Bob's keys, and cannot revoke them.
    expect(await expectJson<unknown[]>(await send(listKeys, "/api/v1/keys", { headers: aliceSession }))).toEqual([]);
    await expectError(await send(revokeKey, `/api/v1/keys/${created.apiKey.id}`, { method: "DELETE", headers: aliceSession, params: { id: created.apiKey.id } }), 404, "not_found");

    // A key cannot manage keys.
    await expectError(await send(listKeys, "/api/v1/keys", { headers: keyHeaders(created.key) }), 403, "forbidden");
    await expectError(await send(createKey, "/api/v1/keys", { json: { name: "more", scopes: ["read"] }, headers: keyHeaders(created.key) }), 403, "forbidden");
    await expectError(await send(createKey, "/api/v1/keys", { json: { name: "x", scopes: ["fly"] }, headers: bobSession }), 400, "invalid_request");

    const viaKey = await expectJson<{ via: string; scopes: string[] }>(await send(me, "/api/v1/me", { headers: keyHeaders(created.key) }));
    expect(viaKey).toMatchObject({ via: "api-key", scopes: ["read", "generate"] });
    expect((await db().apiKey.findUniqueOrThrow({ where: { id: created.apiKey.id } })).lastUsedAt).not.toBeNull();

    const revoked = await expectJson<{ revokedAt: string | null }>(await send(revokeKey, `/api/v1/keys/${created.apiKey.id}`, { method: "DELETE", headers: bobSession, params: { id: created.apiKey.id } }));
    expect(revoked.revokedAt).not.toBeNull();
    expect((await expectError(await send(me, "/api/v1/me", { headers: keyHeaders(created.key) }), 401, "unauthorized")).message).toMatch(/revoked/);
    await expectError(await send(me, "/api/v1/me", { headers: { authorization: "Bearer isk_nonsense" } }), 401, "unauthorized");
    await expectError(await send(me, "/api/v1/me", { headers: { authorization: "Basic abc" } }), 401, "unauthorized");
  });
});

describe("client addresses", () => {
  it("count only behind a trusted proxy: X-Forwarded-For is ignored unless TRUST_PROXY is on; then limits go per email and address", async () => {
    // The client wrote 203.0.113.99; the one trusted proxy appended the address it saw, 198.51.100.7.
    const forged = new Request("http://test.local/", { headers: { "x-forwarded-for": "203.0.113.99, 198.51.100.7" } });
    expect(clientAddressOf(forged)).toBeNull();
    Object.assign(process.env, { TRUST_PROXY: "true", SIGN_IN_ATTEMPTS_PER_15_MIN: "2" });
    resetEnvForTests();
    try {
      // Sign-in attempts count in fixed 15-minute windows: keep these ~40 attempts inside one window.
      const intoWindow = Date.now() % 900_000;
      if (intoWindow > 870_000) await new Promise((resolve) => setTimeout(resolve, 900_500 - intoWindow));
      expect(clientAddressOf(forged)).toBe("198.51.100.7");
      // Per address: five times the per-email limit, across different emails.
      const outcomes = [];
      for (let i = 0; i < 12; i++) outcomes.push(await checkPassword(`guess${i}@example.com`, "wrong password here", "198.51.100.7"));
      expect(outcomes.filter((o) => !o.ok && o.retryAfter !== undefined)).toHaveLength(2);
      // Another address is not held back.
      expect(await checkPassword("bob@example.com", "bob's long password", "198.51.100.8")).toMatchObject({ ok: true });
      // A stranger guessing Bob's password is stopped at the per-email limit for their address; Bob, elsewhere, is not.
      const stranger = [];
      for (let i = 0; i < 3; i++) stranger.push(await checkPassword("bob@example.com", `guess number ${i}`, "203.0.113.9"));
      expect(stranger.map((o) => o.ok || o.retryAfter !== undefined)).toEqual([false, false, true]);
      expect(await checkPassword("bob@example.com", "bob's long password", "203.0.113.9")).toMatchObject({ ok: false });
      expect(await checkPassword("bob@example.com", "bob's long password", "198.51.100.8")).toMatchObject({ ok: true });
      // From many addresses, ten times the limit per email holds everyone back.
      const spread = [];
      for (let i = 0; i < 20; i++) spread.push(await checkPassword("carol@example.com", "wrong password here", `192.0.2.${i}`));
      expect(spread.every((o) => !o.ok && o.retryAfter === undefined)).toBe(true);
      expect(await checkPassword("carol@example.com", "wrong password here", "192.0.2.200")).toMatchObject({ ok: false, retryAfter: expect.any(Number) });
    } finally {
      Object.assign(process.env, { TRUST_PROXY: "false", SIGN_IN_ATTEMPTS_PER_15_MIN: "10" });
      resetEnvForTests();
    }
    // Up to 30 s waiting for a fresh window, plus ~40 password checks: more than the default 30 s.
  }, 90_000);
});
