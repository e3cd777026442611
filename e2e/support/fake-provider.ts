import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

/** A fake provider server running in its own process (see fake-openai-server.ts), and how to stop it. */
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
