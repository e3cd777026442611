// The body timeout over a real socket (issue 13, item 7): the upload route served by node:http with the request body
// handed over as Next hands it (the IncomingMessage itself, which undici iterates), and a client that sends the headers and the
// start of a multipart body, then nothing. The 408 must reach that client while it still holds the connection.
import { createServer, type IncomingMessage, type Server } from "node:http";
import net, { type AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, expect, it, vi } from "vitest";
import { POST as uploadRoute } from "@/app/api/v1/images/route";
import { resetEnvForTests } from "@/lib/env";
import { ensureLocalUser } from "../support/studio";

let server: Server;
let port: number;

function toRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
  // As Next's NextRequestAdapter does: the IncomingMessage itself as the body (undici iterates it).
  return new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers, body: req, duplex: "half" } as unknown as RequestInit);
}

beforeAll(async () => {
  await ensureLocalUser();
  server = createServer(async (req, res) => {
    const response = await uploadRoute(toRequest(req), { params: Promise.resolve({}) });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvForTests();
});

/** Sends the headers and the first part of an upload, then waits: the first line and body of the answer. */
function stalledUpload(): Promise<{ statusLine: string; body: string }> {
  const part = '--b\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n';
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () =>
      socket.write(`POST /api/v1/images HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 100000\r\n\r\n${part}`),
    );
    let answer = "";
    socket.on("data", (chunk) => {
      answer += chunk;
      const end = answer.indexOf("\r\n\r\n");
      if (end >= 0 && answer.slice(end + 4).includes("}")) {
        socket.destroy();
        resolve({ statusLine: answer.slice(0, answer.indexOf("\r\n")), body: answer.slice(answer.indexOf("{")) });
      }
    });
    socket.on("error", reject);
    socket.on("close", () => reject(new Error(`closed without a full answer: ${JSON.stringify(answer)}`)));
  });
}

it("a client that stops sending its body gets 408 request_timeout on its open connection", async () => {
  vi.stubEnv("REQUEST_BODY_TIMEOUT_SECONDS", "0.5");
  resetEnvForTests();
  const { statusLine, body } = await stalledUpload();
  expect(statusLine).toBe("HTTP/1.1 408 Request Timeout");
  expect(body).toContain('"code":"request_timeout"');
}, 10_000);
