import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { expect, test, type APIRequestContext, type PlaywrightWorkerArgs, type TestInfo } from "@playwright/test";

/** A fake provider server running in its own process (see fake-provider-server.ts), and how to stop it. */
export interface FakeProviderProcess {
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts `e2e/support/<script>` under tsx with the react-server condition (the fakes import server code) and
 * resolves on its JSON ready line, which carries the base URL.
 */
export function startFakeProvider(script: string, args: string[]): Promise<FakeProviderProcess> {
  const child: ChildProcess = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join("e2e/support", script), ...args], {
    cwd: process.cwd(),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  child.stderr!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start:\n${output.join("")}`)), 60_000);
    child.once("exit", (code) => reject(new Error(`${script} exited (${code}):\n${output.join("")}`)));
    let buffer = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const line = buffer.split("\n").find((l) => l.includes('"ready"'));
      if (!line) return;
      clearTimeout(timer);
      const stop = () =>
        new Promise<void>((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          child.once("exit", () => done());
          child.kill("SIGTERM");
        });
      resolve({ baseUrl: String((JSON.parse(line) as { baseUrl: string }).baseUrl), stop });
    });
  });
}

/**
 * A fake OpenAI (tests/fakes/openai.ts in its own process: images, animated GIFs, descriptions, signed answers)
 * connected to the shared e2e server as an administrator would, for the tests of the describe block (or file) this
 * is called in: connected before them (or by `connect`, from inside a test that first looks at the page without
 * it); afterwards disconnected and stopped — the server is left with the local renderer alone, as the other specs
 * expect. Anything generated with it is billed (the fake reports usage).
 */
export function useFakeOpenAI(key: string, options: { connectBeforeAll?: boolean } = {}) {
  let fake: FakeProviderProcess | null = null;
  const connect = async (api: APIRequestContext) => {
    fake ??= await startFakeProvider("fake-provider-server.ts", ["openai", key]);
    const put = await api.put("/api/v1/admin/providers/openai", { data: { secret: key, baseUrl: fake.baseUrl } });
    expect(put.status(), await put.text()).toBe(200);
  };
  const withApi = async ({ playwright }: Pick<PlaywrightWorkerArgs, "playwright">, testInfo: TestInfo, act: (api: APIRequestContext) => Promise<unknown>) => {
    const api = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
    try {
      await act(api);
    } finally {
      await api.dispose();
    }
  };
  if (options.connectBeforeAll ?? true) test.beforeAll(async ({ playwright }, testInfo) => withApi({ playwright }, testInfo, connect));
  test.afterAll(async ({ playwright }, testInfo) => {
    await withApi({ playwright }, testInfo, (api) => api.delete("/api/v1/admin/providers/openai"));
    await fake?.stop();
    fake = null;
  });
  return { connect };
}
