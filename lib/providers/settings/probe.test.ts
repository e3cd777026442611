// "Test" on Settings → Providers sends each provider's cheapest documented request, billed by none of them, and says
// what it found in words. Checked against the providers' references (December 2026) — the fakes implement them:
// - OpenAI "List models" GET /v1/models: https://developers.openai.com/api/reference/resources/models/methods/list
// - Gemini API models.list GET /v1beta/models (x-goog-api-key): https://ai.google.dev/api/models#method:-models.list
// - Replicate "Get the authenticated account" GET /v1/account: https://replicate.com/docs/reference/http#account.get
// - Ideogram "List models" GET /models (Api-Key; the account's custom models, free — the cheapest Ideogram call, since
//   every generation endpoint is billed per image): https://developer.ideogram.ai/v1/api-reference/custom-model-training/list-models
// - OpenAI-compatible servers: GET {base}/models, or 404 where a server has no list (Recraft)
import { createServer, type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeGoogle, type FakeGoogle } from "@/tests/fakes/google";
import { startFakeIdeogram, type FakeIdeogram } from "@/tests/fakes/ideogram";
import { startFakeOpenAI, type FakeOpenAI } from "@/tests/fakes/openai";
import { RECRAFT, startFakeCompatible, type FakeCompatible } from "@/tests/fakes/openai-compatible";
import { startFakeReplicate, type FakeReplicate } from "@/tests/fakes/replicate";
import { probeProvider, probeRequest } from "./probe";

/** A port nothing listens on (one just closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let openai: FakeOpenAI;
let google: FakeGoogle;
let replicate: FakeReplicate;
let ideogram: FakeIdeogram;
let recraft: FakeCompatible;

beforeAll(async () => {
  [openai, google, replicate, ideogram, recraft] = await Promise.all([
    startFakeOpenAI({ apiKey: "sk-probe-key-0001" }), startFakeGoogle(), startFakeReplicate(), startFakeIdeogram(), startFakeCompatible(RECRAFT, { apiKey: "recraft-key" }),
  ]);
});
afterAll(() => Promise.all([openai.close(), google.close(), replicate.server.close(), ideogram.close(), recraft.close()]));

describe("provider probes", () => {
  it("ask the documented endpoints of the real services by default", () => {
    expect(probeRequest("openai", undefined, "k").url).toBe("https://api.openai.com/v1/models");
    expect(probeRequest("google", undefined, "k")).toEqual({ url: "https://generativelanguage.googleapis.com/v1beta/models?pageSize=1000", headers: { "x-goog-api-key": "k" } });
    expect(probeRequest("replicate", undefined, "k")).toEqual({ url: "https://api.replicate.com/v1/account", headers: { authorization: "Bearer k" } });
    expect(probeRequest("ideogram", undefined, "k")).toEqual({ url: "https://api.ideogram.ai/models", headers: { "Api-Key": "k" } });
  });

  it("say what a working key reaches", async () => {
    const o = await probeProvider("openai", openai.baseUrl, "sk-probe-key-0001");
    expect(o).toMatchObject({ ok: true, status: 200 });
    expect(o.message).toMatch(/^Connected — \d+ models\.$/);
    expect(o.models).toBeGreaterThan(5);
    expect(await probeProvider("google", google.url, google.apiKey)).toMatchObject({ ok: true, message: expect.stringMatching(/^Connected — \d+ models\.$/) });
    expect(await probeProvider("replicate", replicate.baseUrl, replicate.token)).toMatchObject({ ok: true, message: "Connected — account fake." });
    expect(await probeProvider("ideogram", ideogram.url, ideogram.apiKey)).toMatchObject({ ok: true, message: "Connected — 0 custom models." });
    expect(await probeProvider("openai-compatible", recraft.baseUrl, "recraft-key")).toMatchObject({ ok: true, status: 404, message: "Connected — the server answers (it has no model list)." });
    // Nothing generated, nothing billed.
    expect(openai.requests.every((r) => r.method === "GET")).toBe(true);
    expect(google.requests.every((r) => r.method === "GET")).toBe(true);
  });

  it("say in words why a key does not work", async () => {
    expect(await probeProvider("openai", openai.baseUrl, "sk-wrong-0000000")).toMatchObject({ ok: false, status: 401, message: "The key was refused (401)." });
    expect((await probeProvider("google", google.url, "wrong-key")).message).toMatch(/^The key was refused \(40[03]\)\.$/);
    expect(await probeProvider("replicate", replicate.baseUrl, "r8_wrong")).toMatchObject({ ok: false, message: "The key was refused (401)." });
    expect(await probeProvider("ideogram", ideogram.url, "wrong")).toMatchObject({ ok: false, message: "The key was refused (401)." });
    openai.queue("GET /v1/models", { status: 429 });
    expect((await probeProvider("openai", openai.baseUrl, "sk-probe-key-0001")).message).toMatch(/limiting this key \(429\)/);
    expect(await probeProvider("openai", `${openai.url}/nothing-here`, "sk-probe-key-0001")).toMatchObject({ ok: false, status: 404 });
    const port = await closedPort();
    const closed = await probeProvider("openai", `http://127.0.0.1:${port}/v1`, "sk-probe-key-0001");
    expect(closed).toMatchObject({ ok: false, message: `Could not connect to 127.0.0.1:${port} (ECONNREFUSED).` });
  });
});
