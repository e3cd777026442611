// An image provider with a fixed latency, for bench/scale.ts: the tests' fake of a self-hosted OpenAI-compatible
// box (tests/fakes/openai-compatible.ts, SELF_HOSTED: the OpenAI Images API as LocalAI / vLLM serve it, any WxH
// from 256, PNG as b64_json) behind a pass-through HTTP proxy that answers each image call `latencyMs` after it
// arrived (the fake's own work, a few milliseconds, falls inside that time) and counts the image calls in flight
// at once. It is the `openai-compatible` provider of every process given `env`.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SELF_HOSTED, startFakeCompatible } from "../../tests/fakes/openai-compatible";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface SlowProvider {
  /** The provider and model to ask for (one image per call, free: a self-hosted box). */
  provider: string;
  model: string;
  /** The environment that makes `openai-compatible` this server (worker and web processes alike). */
  env: Record<string, string>;
  /** Image calls answered so far, and the most that were in flight at once since the last `reset()`. */
  readonly calls: number;
  readonly maxInFlight: number;
  /** Mean time from a call's arrival to its answer (ms) since the last `reset()`. */
  readonly meanCallMs: number;
  reset(): void;
  close(): Promise<void>;
}

export async function startSlowProvider(latencyMs: number): Promise<SlowProvider> {
  const fake = await startFakeCompatible(SELF_HOSTED, { apiKey: "sk-bench" });
  let inFlight = 0;
  let maxInFlight = 0;
  let calls = 0;
  let callMs = 0;
  const server = http.createServer((req, res) => {
    const arrived = performance.now();
    const imageCall = req.method === "POST" && /\/images\/(generations|edits)$/.test(new URL(req.url ?? "/", "http://x").pathname);
    if (imageCall) {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      res.once("close", () => {
        inFlight--;
        calls++;
        callMs += performance.now() - arrived;
      });
    }
    const upstream = http.request(new URL(req.url ?? "/", fake.url), { method: req.method, headers: req.headers }, async (answer) => {
      const chunks: Buffer[] = [];
      for await (const chunk of answer) chunks.push(chunk as Buffer);
      if (imageCall) await sleep(latencyMs - (performance.now() - arrived));
      const headers = { ...answer.headers };
      delete headers["transfer-encoding"];
      const body = Buffer.concat(chunks);
      res.writeHead(answer.statusCode ?? 502, { ...headers, "content-length": String(body.length) });
      res.end(body);
    });
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    provider: "openai-compatible",
    model: "sdxl-turbo",
    env: {
      OPENAI_COMPATIBLE_BASE_URL: `${url}/v1`,
      OPENAI_COMPATIBLE_API_KEY: "sk-bench",
      OPENAI_COMPATIBLE_MODELS: "sdxl-turbo",
      OPENAI_COMPATIBLE_NAME: "Slow self-hosted box",
      ALLOW_PRIVATE_PROVIDER_URLS: "true", // the server is on 127.0.0.1
      MODEL_WATCH_INTERVAL_MINUTES: "0", // no model-list reads during the runs
    },
    get calls() {
      return calls;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    get meanCallMs() {
      return calls ? callMs / calls : NaN;
    },
    reset() {
      maxInFlight = inFlight;
      calls = 0;
      callMs = 0;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await fake.close();
    },
  };
}
