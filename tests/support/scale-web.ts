// A "web instance" for tests/integration/scale-out.test.ts and scale-out-s3.test.ts (and bench/scale.ts): the
// app's real route handlers (generations, jobs, images: list, upload, one image, its file and temporary link;
// health) served by node:http in a process of its own, as `next start` would serve them, with the environment it
// is given (WORKER=off: it accepts and enqueues, never runs a job; STORAGE_DRIVER=s3…: files in the bucket).
// Prints {"port": N} once it listens.
// Run: node --conditions=react-server --import tsx tests/support/scale-web.ts
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

type Handler = (req: Request, segment: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function main() {
  await import("./next-esm");
  const generations = await import("@/app/api/v1/generations/route");
  const jobs = await import("@/app/api/v1/jobs/route");
  const job = await import("@/app/api/v1/jobs/[id]/route");
  const images = await import("@/app/api/v1/images/route");
  const image = await import("@/app/api/v1/images/[id]/route");
  const file = await import("@/app/api/v1/images/[id]/file/route");
  const link = await import("@/app/api/v1/images/[id]/url/route");
  const health = await import("@/app/api/health/route");
  const routes: Array<[string, RegExp, Handler]> = [
    ["POST", /^\/api\/v1\/generations$/, generations.POST as Handler],
    ["GET", /^\/api\/v1\/jobs$/, jobs.GET as Handler],
    ["POST", /^\/api\/v1\/jobs$/, jobs.POST as Handler],
    ["GET", /^\/api\/v1\/jobs\/(?<id>[\w-]+)$/, job.GET as Handler],
    ["GET", /^\/api\/v1\/images$/, images.GET as Handler],
    ["POST", /^\/api\/v1\/images$/, images.POST as Handler],
    ["GET", /^\/api\/v1\/images\/(?<id>[\w-]+)$/, image.GET as Handler],
    ["GET", /^\/api\/v1\/images\/(?<id>[\w-]+)\/file$/, file.GET as Handler],
    ["GET", /^\/api\/v1\/images\/(?<id>[\w-]+)\/url$/, link.GET as Handler],
    ["GET", /^\/api\/health$/, health.GET as Handler],
  ];

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    try {
      const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "127.0.0.1"}`);
      const match = routes.map(([method, pattern, handler]) => ({ method, m: pattern.exec(url.pathname), handler })).find((r) => r.m && r.method === req.method);
      if (!match) {
        res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "not_found", message: "no such route here" } }));
        return;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
      const body = chunks.length && req.method !== "GET" ? Buffer.concat(chunks) : undefined;
      const request = new Request(url, { method: req.method, headers, body });
      const response = await match.handler(request, { params: Promise.resolve({ ...(match.m!.groups ?? {}) }) });
      const out: Record<string, string> = {};
      response.headers.forEach((value, name) => (out[name] = value));
      res.writeHead(response.status, out);
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      console.error(error);
      res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "internal", message: String(error) } }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  console.log(JSON.stringify({ port: (server.address() as AddressInfo).port, pid: process.pid }));
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections(); // keep-alive clients would hold close() open
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
