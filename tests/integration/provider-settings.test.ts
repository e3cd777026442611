// Providers connected in the app (Settings → Providers): a key saved through the admin API is stored sealed,
// never shown back, audited without the secret, makes the provider configured at once, and a generation runs
// through the fake OpenAI server with it; environment variables win; a disabled provider is greyed; a stored key
// that no longer opens (another instance secret) is a health warning, not a crash; base URLs on private addresses
// need ALLOW_PRIVATE_PROVIDER_URLS.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { randomBytes } from "node:crypto";
import { GET as listSettings } from "@/app/api/v1/admin/providers/route";
import { DELETE as deleteSetting, PATCH as patchSetting, PUT as putSetting } from "@/app/api/v1/admin/providers/[id]/route";
import { POST as testSetting } from "@/app/api/v1/admin/providers/[id]/test/route";
import { GET as listAudit } from "@/app/api/v1/admin/providers/audit/route";
import { POST as generate } from "@/app/api/v1/generations/route";
import { GET as health } from "@/app/api/health/route";
import { GET as listProviders } from "@/app/api/v1/providers/route";
import { db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { listProviders as listProvidersFor } from "@/lib/providers/listing";
import { currentProviders, setProvidersForTests } from "@/lib/providers/registry";
import { sealSecret, secretHint } from "@/lib/secrets";
import { providerSettingsSnapshot, resetProviderSettingsForTests, SETTINGS_TTL_MS } from "@/lib/providers/settings/snapshot";
import { startFakeOpenAI, type FakeOpenAI } from "../fakes/openai";
import { SELF_HOSTED, startFakeCompatible } from "../fakes/openai-compatible";
import { expectError, send } from "../support/http";
import { sameOriginHeaders } from "../support/auth";

const KEY = "sk-proj-settings-test-key-a1B2";
const ENV_KEY = "sk-proj-from-the-environment-z9Y8";
let openai: FakeOpenAI;

const headers = sameOriginHeaders;
const put = (id: string, json: unknown) => send(putSetting, `/api/v1/admin/providers/${id}`, { method: "PUT", json, headers, params: { id } });
const patch = (id: string, json: unknown) => send(patchSetting, `/api/v1/admin/providers/${id}`, { method: "PATCH", json, headers, params: { id } });
const probe = (id: string, json: unknown = {}) => send(testSetting, `/api/v1/admin/providers/${id}/test`, { method: "POST", json, headers, params: { id } });
const settings = async () => (await send(listSettings, "/api/v1/admin/providers", { headers })).json() as Promise<Array<Record<string, unknown>>>;
const listed = async (id: string) => ((await (await send(listProviders, "/api/v1/providers", { headers })).json()) as Array<Record<string, unknown>>).find((p) => p.id === id)!;
const generateWith = (json: unknown) => send(generate, "/api/v1/generations?wait=true", { json, headers });

function configure(vars: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvForTests();
  setProvidersForTests(undefined); // built from the environment and the stored settings, as in the app
}

beforeAll(async () => {
  openai = await startFakeOpenAI({ apiKey: KEY });
});
afterAll(async () => {
  configure({ OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined });
  resetProviderSettingsForTests();
  await openai.close();
});
beforeEach(async () => {
  openai.options.apiKey = KEY;
  configure({ OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined, ALLOW_PRIVATE_PROVIDER_URLS: "true", DAILY_BUDGET_USD: "5", RATE_LIMIT_PER_MINUTE: "1000", PROVIDER_FALLBACK_ORDER: "", PROVIDER_MAX_RETRIES: "0" });
  await db().providerSetting.deleteMany();
  await db().providerAudit.deleteMany();
  resetProviderSettingsForTests();
});

describe("Settings → Providers", () => {
  it("saves a key sealed, never returns it, and the provider generates with it at once", async () => {
    const before = (await settings()).find((p) => p.id === "openai")!;
    expect(before).toMatchObject({ source: null, active: false, hasSecret: false });
    expect(await listed("openai")).toMatchObject({ configured: false, configuredBy: null, manageable: true });

    const res = await put("openai", { secret: KEY, baseUrl: openai.baseUrl });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(KEY);
    expect(JSON.parse(text)).toMatchObject({ id: "openai", source: "settings", enabled: true, active: true, secretHint: "…a1B2", hasSecret: true, baseUrl: openai.baseUrl });
    // At rest: sealed, not the key.
    const row = await db().providerSetting.findUniqueOrThrow({ where: { provider: "openai" } });
    expect(row.encryptedSecret).toMatch(/^v1\./);
    expect(JSON.stringify(row)).not.toContain(KEY.slice(4));
    // The listing and the page never carry it either.
    expect(JSON.stringify(await settings())).not.toContain(KEY);
    expect(await listed("openai")).toMatchObject({ configured: true, configuredBy: "settings" });

    const gen = await generateWith({ prompt: "A lighthouse keeper's cat", provider: "openai", n: 1 });
    expect(gen.status).toBe(201);
    const job = (await gen.json()) as { status: string; provider: string; images: unknown[] };
    expect(job).toMatchObject({ status: "succeeded", provider: "openai" });
    expect(job.images).toHaveLength(1);
    const call = openai.requests.findLast((r) => r.path.endsWith("/images/generations"))!;
    expect(call.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it("tests a key with GET /v1/models and says what it found, in words; audits who did what, never the secret", async () => {
    await put("openai", { secret: KEY, baseUrl: openai.baseUrl });
    const ok = (await (await probe("openai")).json()) as { ok: boolean; message: string; models: number };
    expect(ok.ok).toBe(true);
    expect(ok.message).toMatch(/^Connected — \d+ models\.$/);
    expect(openai.requests.findLast((r) => r.path.endsWith("/models"))?.headers.authorization).toBe(`Bearer ${KEY}`);
    // A typed key, before saving: refused by the provider.
    const refused = (await (await probe("openai", { secret: "sk-wrong-key-00000000" })).json()) as { ok: boolean; message: string; status: number };
    expect(refused).toMatchObject({ ok: false, status: 401, message: "The key was refused (401)." });

    await patch("openai", { enabled: false });
    await put("openai", { secret: "sk-proj-another-key-c3D4" });
    const audit = (await (await send(listAudit, "/api/v1/admin/providers/audit?provider=openai", { headers })).json()) as Array<{ action: string; outcome: string | null; changes: Record<string, unknown>; actor: { id: string } }>;
    expect(audit.map((a) => a.action)).toEqual(["update", "disable", "test", "test", "create"]);
    expect(audit[0].changes).toEqual({ secret: "replaced" });
    expect(audit[1].changes).toEqual({ enabled: { from: true, to: false } });
    expect(audit[2]).toMatchObject({ outcome: "failed (401)", changes: { unsaved: true } });
    expect(audit[3].outcome).toBe("ok");
    expect(audit[4].changes).toMatchObject({ secret: "set", enabled: { from: null, to: true }, baseUrl: { from: null, to: openai.baseUrl } });
    expect(audit.every((a) => a.actor?.id === "local")).toBe(true);
    const rows = JSON.stringify(await db().providerAudit.findMany());
    for (const secret of [KEY, "sk-wrong-key-00000000", "sk-proj-another-key-c3D4"]) expect(rows).not.toContain(secret);
  });

  it("disabling greys the provider's models; enabling brings them back", async () => {
    await put("openai", { secret: KEY, baseUrl: openai.baseUrl });
    await patch("openai", { enabled: false });
    expect(await listed("openai")).toMatchObject({ configured: false, configuredBy: "settings", disabled: true });
    await expectError(await generateWith({ prompt: "x", provider: "openai" }), 400, "invalid_request");
    await patch("openai", { enabled: true });
    expect(await listed("openai")).toMatchObject({ configured: true });
  });

  it("environment variables win: the page says so, refuses changes, and generations use the environment's key", async () => {
    await put("openai", { secret: KEY, baseUrl: openai.baseUrl });
    openai.options.apiKey = ENV_KEY;
    configure({ OPENAI_API_KEY: ENV_KEY, OPENAI_BASE_URL: openai.baseUrl });
    const view = (await settings()).find((p) => p.id === "openai")!;
    expect(view).toMatchObject({ source: "environment", environmentVariable: "OPENAI_API_KEY", secretHint: "…z9Y8", active: true });
    expect(JSON.stringify(view)).not.toContain(ENV_KEY);
    await expectError(await put("openai", { secret: KEY }), 409, "conflict");
    expect(await listed("openai")).toMatchObject({ configured: true, configuredBy: "environment", manageable: false });
    const gen = await generateWith({ prompt: "A quiet harbour", provider: "openai", n: 1 });
    expect(gen.status).toBe(201);
    expect(openai.requests.findLast((r) => r.path.endsWith("/images/generations"))!.headers.authorization).toBe(`Bearer ${ENV_KEY}`);
  });

  it("a stored key sealed under another instance secret is a clear warning, not a crash", async () => {
    await put("openai", { secret: KEY, baseUrl: openai.baseUrl });
    await db().providerSetting.update({ where: { provider: "openai" }, data: { encryptedSecret: sealSecret(KEY, "openai", randomBytes(32)) } });
    await providerSettingsSnapshot(true);
    expect(await listed("openai")).toMatchObject({ configured: false, setupError: expect.stringMatching(/cannot be decrypted: AUTH_SECRET/) });
    const report = (await (await send(health, "/api/health")).json()) as { status: string; warnings: string[] };
    expect(report.status).toBe("healthy");
    expect(report.warnings.join(" ")).toMatch(/stored openai key cannot be decrypted/);
    expect((await settings()).find((p) => p.id === "openai")).toMatchObject({ active: false, error: expect.stringMatching(/enter the key again/) });
    // Entering the key again heals it.
    await put("openai", { secret: KEY });
    expect(await listed("openai")).toMatchObject({ configured: true });
  });

  it("refuses base URLs on private addresses unless ALLOW_PRIVATE_PROVIDER_URLS, and keys in URLs", async () => {
    configure({ ALLOW_PRIVATE_PROVIDER_URLS: "false" });
    const local = await expectError(await put("openai-compatible", { baseUrl: "https://127.0.0.1:8000/v1" }), 400, "invalid_request");
    expect(local.message).toMatch(/not a public address .*127\.0\.0\.0\/8.*ALLOW_PRIVATE_PROVIDER_URLS=true/);
    const metadata = await expectError(await put("openai-compatible", { baseUrl: "https://169.254.169.254/v1" }), 400, "invalid_request");
    expect(metadata.message).toMatch(/169\.254\.0\.0\/16/);
    await expectError(await put("openai-compatible", { baseUrl: "http://gpu.example.com/v1" }), 400, "invalid_request");
    await expectError(await put("openai-compatible", { baseUrl: "https://user:pw@example.com/v1" }), 400, "invalid_request");
    expect(await db().providerSetting.count()).toBe(0);
    configure({ ALLOW_PRIVATE_PROVIDER_URLS: "true" });
    expect((await put("openai-compatible", { baseUrl: "http://127.0.0.1:9/v1", name: "GPU box" })).status).toBe(200);
  });

  it("DELETE forgets the key (audited); unknown providers are 404", async () => {
    await put("openai", { secret: KEY, baseUrl: openai.baseUrl });
    expect((await send(deleteSetting, "/api/v1/admin/providers/openai", { method: "DELETE", headers, params: { id: "openai" } })).status).toBe(204);
    expect(await db().providerSetting.count()).toBe(0);
    expect(await listed("openai")).toMatchObject({ configured: false, configuredBy: null });
    expect((await db().providerAudit.findFirstOrThrow({ where: { action: "delete" } })).changes).toMatchObject({ secret: "removed" });
    await expectError(await put("local", { secret: KEY }), 404, "not_found");
    await expectError(await send(deleteSetting, "/api/v1/admin/providers/openai", { method: "DELETE", headers, params: { id: "openai" } }), 404, "not_found");
  });

  it("another instance's change arrives within the snapshot's TTL, without a restart", async () => {
    await currentProviders(); // this instance has read the (empty) settings
    // Another instance saves a key: the row appears in the shared database, this process is not told.
    await db().providerSetting.create({ data: { provider: "openai", enabled: true, encryptedSecret: sealSecret(KEY, "openai"), secretHint: secretHint(KEY), baseUrl: openai.baseUrl, options: {} } });
    expect((await currentProviders()).find((p) => p.id === "openai")!.isConfigured()).toBe(false); // within the TTL
    const now = Date.now();
    const clock = vi.spyOn(Date, "now").mockReturnValue(now + SETTINGS_TTL_MS + 1);
    try {
      expect((await currentProviders()).find((p) => p.id === "openai")!.isConfigured()).toBe(true);
    } finally {
      clock.mockRestore();
    }
    const gen = await generateWith({ prompt: "A paper lantern", provider: "openai", n: 1 });
    expect(gen.status).toBe(201);
  });

  it("people who are not administrators are told to ask one", async () => {
    await put("ideogram", { secret: "ideogram-key-000000", enabled: false });
    const asUser = (await listProvidersFor({ role: "user" })).find((p) => p.id === "ideogram")!;
    expect(asUser).toMatchObject({ configured: false, configuredBy: "settings", manageable: false, disabled: true });
    const asAdmin = (await listProvidersFor({ role: "admin" })).find((p) => p.id === "ideogram")!;
    expect(asAdmin).toMatchObject({ manageable: true });
    expect(JSON.stringify(asUser)).not.toContain("ideogram-key-000000");
  });

  it("connects a self-hosted OpenAI-compatible server on the LAN with its model ids, and generates with one", async () => {
    const box = await startFakeCompatible(SELF_HOSTED, { apiKey: null });
    try {
      const res = await put("openai-compatible", { baseUrl: box.baseUrl, name: "GPU box", models: ["flux-schnell", "sdxl-turbo"] });
      expect(await res.json()).toMatchObject({ active: true, displayName: "GPU box", models: ["flux-schnell", "sdxl-turbo"], hasSecret: false });
      expect((await (await probe("openai-compatible")).json()) as object).toMatchObject({ ok: true, message: "Connected — 2 models." });
      const listedBox = await listed("openai-compatible");
      expect(listedBox).toMatchObject({ configured: true, name: "GPU box", defaultModel: "flux-schnell" });
      expect((listedBox.models as Array<{ id: string }>).map((m) => m.id)).toEqual(["flux-schnell", "sdxl-turbo"]);
      const gen = await generateWith({ prompt: "A bonsai on a windowsill", provider: "openai-compatible", model: "sdxl-turbo", width: 512, height: 512 });
      expect(gen.status).toBe(201);
      expect(await gen.json()).toMatchObject({ status: "succeeded", provider: "openai-compatible", model: "sdxl-turbo" });
      const audit = (await (await send(listAudit, "/api/v1/admin/providers/audit?provider=openai-compatible", { headers })).json()) as Array<{ action: string; changes: Record<string, unknown> }>;
      expect(audit.at(-1)!.changes).toMatchObject({ models: { from: null, to: ["flux-schnell", "sdxl-turbo"] }, name: { from: null, to: "GPU box" } });
    } finally {
      await box.close();
    }
  });
});
