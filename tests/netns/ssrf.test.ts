// SSRF, for real, inside a network namespace that has only loopback (scripts/netns-test.mjs makes it): one
// listener on every address of the namespace — loopback plus an address of each special-purpose block that Linux
// lets lo carry — and host names (the namespace's /etc/hosts) that resolve to them. With private addresses
// allowed, every target reaches the listener (so a wrong answer would be seen); with them refused, no webhook
// (at request time or at delivery) and no provider download opens a single connection to it.
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as generate } from "@/app/api/v1/generations/route";
import { db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { fetchResultUrl } from "@/lib/providers/fetch-result";
import { LocalProvider } from "@/lib/providers/local";
import { setProvidersForTests } from "@/lib/providers/registry";
import { ProviderError } from "@/lib/providers/types";
import { deliverDueWebhooks } from "@/lib/webhooks/deliver";
import { postWebhook } from "@/lib/webhooks/send";
import { expectError, send } from "../support/http";
import { ensureUser } from "../support/studio";

const bracket = (address: string) => (address.includes(":") ? `[${address}]` : address);
/** Addresses scripts/netns-test.mjs put on lo, and names its hosts file gives them. */
const onLoopback = (process.env.SSRF_NETNS_ADDRESSES ?? "").split(",").filter(Boolean);
const names = (process.env.SSRF_NETNS_NAMES ?? "").split(",").filter(Boolean);

/** Hosts that reach the listener when nothing refuses them: every spelling of loopback, the lo addresses, the names. */
const reachable = [
  "127.0.0.1", "[::1]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[0:0:0:0:0:ffff:127.0.0.1]", "2130706433", "0x7f.1", "0x7f000001",
  "0177.0.0.1", "127.1", "127.0.0.1.", "127.255.255.254", "0.0.0.0", "0", "[::]", "localhost", ...onLoopback.map(bracket), ...names,
];
/** Special addresses no listener can be on (multicast, broadcast): refused all the same. */
const unreachable = ["224.0.0.1", "255.255.255.255", "[ff02::1]", "[ff05::1:3]"];
const REFUSAL = /not a public address: .+ is in |resolves to a private or special-purpose address: .+ is in /;

let server: Server;
let port: number;
let connections = 0;
let requests: string[] = [];

beforeAll(async () => {
  if (!process.env.SSRF_NETNS) throw new Error("run through scripts/netns-test.mjs, which makes the network namespace");
  // Nothing but loopback: a wrong answer cannot leave this namespace.
  expect(Object.keys(os.networkInterfaces())).toEqual(["lo"]);
  expect(onLoopback.length).toBeGreaterThan(10);
  server = createServer((req, res) => {
    requests.push(`${req.headers.host} ${req.url}`);
    res.end("ok");
  });
  server.on("connection", () => connections++);
  server.listen({ port: 0, host: "::", ipv6Only: false });
  await once(server, "listening");
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((done) => server?.close(done));
  delete process.env.ALLOW_PRIVATE_WEBHOOK_URLS;
  resetEnvForTests();
  setProvidersForTests(undefined);
});
beforeEach(() => {
  connections = 0;
  requests = [];
  process.env.ALLOW_PRIVATE_WEBHOOK_URLS = "false";
  process.env.WEBHOOK_RETRY_SCHEDULE = "60";
  resetEnvForTests();
  setProvidersForTests([new LocalProvider()]);
});

const hookUrl = (host: string, path = "/hook") => `http://${host}:${port}${path}`;
const post = (url: string, allowPrivate: boolean) => postWebhook({ url, id: "msg_netns", body: "{}", secret: `whsec_${Buffer.alloc(32, 3).toString("base64")}`, timeoutMs: 3000, allowPrivate });

describe("inside a namespace with only loopback", () => {
  it("control: with private addresses allowed, every target reaches the listener", async () => {
    for (const host of reachable) {
      const result = await post(hookUrl(host, `/control/${host}`), true);
      expect(result, host).toMatchObject({ ok: true, status: 200 });
    }
    expect(requests).toHaveLength(reachable.length);
  });

  it("POST /api/v1/generations refuses every such webhookUrl with 400, creating nothing and connecting nowhere", async () => {
    const jobsBefore = await db().job.count();
    const answers: Array<[string, Response]> = [];
    for (const host of [...reachable, ...unreachable]) answers.push([host, await send(generate, "/api/v1/generations?wait=true", { json: { prompt: "never", webhookUrl: hookUrl(host) } })]);
    await deliverDueWebhooks(); // a job a check let through would send its webhook now
    // First what matters: nothing reached the listener.
    expect({ connections, requests }).toEqual({ connections: 0, requests: [] });
    for (const [host, answer] of answers) {
      const error = await expectError(answer, 400, "invalid_request");
      expect(error.message, host).toMatch(/^webhookUrl must not point at a private or special-purpose address: .+ is in /);
    }
    expect(await db().job.count()).toBe(jobsBefore);
  });

  it("deliveries stored with such URLs (as if DNS answered differently later) are refused as they connect", async () => {
    await ensureUser("local");
    const job = await db().job.create({ data: { id: `job_netns_${Date.now()}`, ownerId: "local", type: "generate", status: "succeeded", input: {}, finishedAt: new Date() } });
    const targets = [...reachable, ...unreachable];
    await db().webhookDelivery.createMany({
      data: targets.map((host, i) => ({
        id: `msg_${job.id}_${i}`, jobId: job.id, url: hookUrl(host), event: "job.completed", status: "pending", nextAttemptAt: new Date(),
        payload: { type: "job.completed", timestamp: new Date().toISOString(), data: {} },
      })),
    });
    for (let pass = 0; pass < Math.ceil(targets.length / 20); pass++) await deliverDueWebhooks();
    expect({ connections, requests }).toEqual({ connections: 0, requests: [] });
    const rows = await db().webhookDelivery.findMany({ where: { jobId: job.id } });
    expect(rows).toHaveLength(targets.length);
    for (const row of rows) {
      expect(row.attempts, row.url).toBe(1);
      expect(row.lastStatus, row.url).toBeNull();
      expect(row.lastError, row.url).toMatch(REFUSAL);
    }
    expect({ connections, requests }).toEqual({ connections: 0, requests: [] });
  });

  it("postWebhook itself refuses each one (its own check, not the request-time one)", async () => {
    const results = [];
    for (const host of [...reachable, ...unreachable]) results.push({ host, ...(await post(hookUrl(host), false)) });
    expect({ connections, requests }).toEqual({ connections: 0, requests: [] });
    for (const result of results) {
      expect(result.ok, result.host).toBe(false);
      expect(result.error, result.host).toMatch(REFUSAL);
    }
  });

  it("provider result downloads refuse them too, even from an allowed host", async () => {
    const errors: Array<[string, unknown]> = [];
    for (const host of [...reachable, ...unreachable]) {
      const url = `https://${host}:${port}/result.png`;
      const allowed = new URL(url).hostname.replace(/^\[|\]$/g, "");
      const error = await fetchResultUrl(url, { provider: "replicate", allowedHosts: [allowed], allowPrivate: false, maxBytes: 4096, timeoutMs: 3000, signal: new AbortController().signal }).then(
        () => null,
        (e: unknown) => e,
      );
      errors.push([host, error]);
    }
    expect({ connections, requests }).toEqual({ connections: 0, requests: [] });
    for (const [host, error] of errors) {
      expect(error, host).toBeInstanceOf(ProviderError);
      expect(error, host).toMatchObject({ kind: "bad_request", message: expect.stringMatching(REFUSAL) });
    }
  });
});
