// A tiny scriptable HTTP server for faking AI providers' documented APIs in tests. Each fake registers route
// handlers that answer as the real service documents; tests queue failures ("429 then ok", "hang") per route.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  /** Raw body bytes. */
  body: Buffer;
  /** Parsed JSON body when the request was JSON. */
  json?: unknown;
}

/** What the next matching request gets instead of the normal answer. */
export type Behaviour =
  | { status: number; retryAfter?: number; body?: unknown; headers?: Record<string, string> }
  | { hang: true }
  | { delayMs: number };

export type RouteHandler = (req: RecordedRequest, res: ServerResponse, server: FakeServer) => void | Promise<void>;

export interface FakeServer {
  /** Base URL, e.g. http://127.0.0.1:43123 */
  url: string;
  requests: RecordedRequest[];
  /** Queue behaviours for requests whose "METHOD /path" matches `route` (a string prefix or a RegExp). */
  queue(route: string | RegExp, ...behaviours: Behaviour[]): void;
  /** Serve arbitrary bytes at a path of this server (e.g. result images behind URLs). */
  serveFile(path: string, data: Buffer, contentType: string): string;
  close(): Promise<void>;
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/** Starts a fake on 127.0.0.1 with handlers keyed by "METHOD /path" (RegExp keys match the path). */
export async function startFake(routes: Array<[string | RegExp, RouteHandler]>): Promise<FakeServer> {
  const queues: Array<{ route: string | RegExp; behaviours: Behaviour[] }> = [];
  const files = new Map<string, { data: Buffer; contentType: string }>();
  const hanging = new Set<ServerResponse>();
  const fake: FakeServer = {
    url: "",
    requests: [],
    queue(route, ...behaviours) {
      queues.push({ route, behaviours });
    },
    serveFile(path, data, contentType) {
      files.set(path, { data, contentType });
      return `${fake.url}${path}`;
    },
    close: () =>
      new Promise((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const matches = (route: string | RegExp, key: string, path: string) =>
    typeof route === "string" ? key.startsWith(route) : route.test(path);

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", "http://fake");
    const body = Buffer.concat(chunks);
    const recorded: RecordedRequest = { method: req.method ?? "GET", path: url.pathname, query: url.searchParams, headers: req.headers, body };
    if ((req.headers["content-type"] ?? "").includes("json") && body.length) {
      try {
        recorded.json = JSON.parse(body.toString("utf8"));
      } catch {
        /* left undefined: the handler decides */
      }
    }
    const key = `${recorded.method} ${recorded.path}`;
    const file = files.get(recorded.path);
    if (file && recorded.method === "GET") {
      res.writeHead(200, { "content-type": file.contentType, "content-length": String(file.data.length) });
      res.end(file.data);
      return;
    }
    fake.requests.push(recorded);
    const queued = queues.find((q) => q.behaviours.length && matches(q.route, key, recorded.path));
    const behaviour = queued?.behaviours.shift();
    if (behaviour && "hang" in behaviour) {
      hanging.add(res);
      return; // never answers
    }
    if (behaviour && "delayMs" in behaviour) await new Promise((r) => setTimeout(r, behaviour.delayMs));
    else if (behaviour && "status" in behaviour) {
      const headers: Record<string, string> = { ...behaviour.headers };
      if (behaviour.retryAfter !== undefined) headers["retry-after"] = String(behaviour.retryAfter);
      json(res, behaviour.status, behaviour.body ?? { error: { message: `fake ${behaviour.status}` } }, headers);
      return;
    }
    const route = routes.find(([r]) => (typeof r === "string" ? key === r || key.startsWith(`${r}?`) : r.test(`${key}`)));
    if (!route) {
      json(res, 404, { error: { message: `fake has no route ${key}` } });
      return;
    }
    try {
      await route[1](recorded, res, fake);
    } catch (e) {
      json(res, 500, { error: { message: String(e) } });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
