import { once } from "node:events";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchResultUrl, type FetchResultOptions } from "./fetch-result";
import { ProviderError } from "./types";

// A real HTTP server on loopback: the routes a provider's result host might answer with.
const routes: Record<string, (res: ServerResponse) => void> = {
  "/image.png": (res) => res.writeHead(200, { "content-type": "image/png" }).end(Buffer.alloc(1000, 7)),
  "/moved": (res) => res.writeHead(302, { location: "/image.png" }).end(),
  "/away": (res) => res.writeHead(302, { location: "https://elsewhere.example/x.png" }).end(),
  "/loop": (res) => res.writeHead(302, { location: "/loop" }).end(),
  "/big-declared": (res) => res.writeHead(200, { "content-length": "5000" }).end(Buffer.alloc(5000)),
  "/big-chunked": (res) => {
    res.writeHead(200, { "content-type": "image/png" });
    for (let i = 0; i < 5; i++) res.write(Buffer.alloc(1000));
    res.end();
  },
  "/missing": (res) => res.writeHead(404).end("no"),
  "/broken": (res) => res.writeHead(503).end("later"),
  "/hang": () => {},
};
let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => (routes[req.url ?? ""] ?? routes["/missing"])(res));
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const options = (over: Partial<FetchResultOptions> = {}): FetchResultOptions => ({
  provider: "replicate", allowedHosts: ["127.0.0.1"], allowPrivate: true, maxBytes: 4096, timeoutMs: 5000, signal: new AbortController().signal, ...over,
});
const failure = (promise: Promise<unknown>) =>
  promise.then(() => { throw new Error("expected a failure"); }, (e: unknown) => e as ProviderError);

describe("fetchResultUrl", () => {
  it("downloads the file with its type, following redirects on the allowed hosts", async () => {
    for (const path of ["/image.png", "/moved"]) {
      const { data, mimeType } = await fetchResultUrl(`${base}${path}`, options());
      expect(data.equals(Buffer.alloc(1000, 7))).toBe(true);
      expect(mimeType).toBe("image/png");
    }
  });

  it("refuses other hosts, also behind a redirect, and redirect loops", async () => {
    expect((await failure(fetchResultUrl(`${base}/image.png`, options({ allowedHosts: [".replicate.delivery"] })))).message).toMatch(/host 127\.0\.0\.1 is not one of replicate's/);
    expect((await failure(fetchResultUrl(`${base}/away`, options()))).message).toMatch(/host elsewhere\.example is not one of replicate's/);
    expect((await failure(fetchResultUrl(`${base}/loop`, options()))).message).toMatch(/too many redirects/);
  });

  it("refuses http and private addresses unless they are allowed — a name's address as it connects", async () => {
    const strict = options({ allowPrivate: false, allowedHosts: ["127.0.0.1", "localhost"] });
    expect((await failure(fetchResultUrl(`${base}/image.png`, strict))).message).toMatch(/only https is accepted/);
    expect((await failure(fetchResultUrl("https://127.0.0.1/x.png", strict))).message).toMatch(/not a public address: 127\.0\.0\.1 is in 127\.0\.0\.0\/8 \(Loopback\)/);
    // Every spelling of a special-purpose address, as the URL parser leaves it.
    for (const [host, carried] of [["[::ffff:127.0.0.1]", "127.0.0.1"], ["[64:ff9b::7f00:1]", "127.0.0.1"], ["198.18.0.1", ""], ["0x7f.1", ""], ["2130706433", ""], ["[fd00::1]", ""]]) {
      const error = await failure(fetchResultUrl(`https://${host}/x.png`, options({ allowPrivate: false, allowedHosts: [new URL(`https://${host}`).hostname.replace(/^\[|\]$/g, "")] })));
      expect(error.message, host).toMatch(/not a public address: .* is in /);
      expect(error.message, host).toContain(carried);
    }
    // No check ahead of the request: this refusal comes from the lookup of the connection itself.
    const byName = await failure(fetchResultUrl("https://localhost:9/x.png", strict));
    expect(byName).toBeInstanceOf(ProviderError);
    expect(byName).toMatchObject({ kind: "bad_request" });
    expect(byName.message).toMatch(/localhost resolves to a private or special-purpose address: (127\.0\.0\.1|::1) is in /);
  });

  it("stops at the size cap, declared or not", async () => {
    for (const path of ["/big-declared", "/big-chunked"]) {
      expect((await failure(fetchResultUrl(`${base}${path}`, options()))).message).toMatch(/over 4096 bytes/);
    }
  });

  it("classifies failed downloads: 4xx a bad request, 5xx retryable, no answer a timeout, no server a network error", async () => {
    expect(await failure(fetchResultUrl(`${base}/missing`, options()))).toMatchObject({ kind: "bad_request", status: 404 });
    expect(await failure(fetchResultUrl(`${base}/broken`, options()))).toMatchObject({ kind: "server", status: 503 });
    const started = Date.now();
    expect(await failure(fetchResultUrl(`${base}/hang`, options({ timeoutMs: 300 })))).toMatchObject({ kind: "timeout" });
    expect(Date.now() - started).toBeLessThan(3000);
    const closed = `http://127.0.0.1:${await freePort()}/image.png`;
    expect(await failure(fetchResultUrl(closed, options()))).toMatchObject({ kind: "network" });
  });

  it("gives up at once when the call is canceled, with the signal's own error", async () => {
    const controller = new AbortController();
    const pending = failure(fetchResultUrl(`${base}/hang`, options({ signal: controller.signal })));
    setTimeout(() => controller.abort(), 50);
    const error = await pending;
    expect(error).not.toBeInstanceOf(ProviderError);
    expect(controller.signal.aborted).toBe(true);
  });
});

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, "127.0.0.1");
  await once(probe, "listening");
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
