// Real processes for the tests: web instances (tests/support/scale-web.ts) and workers (scripts/worker.ts),
// started as `npm run worker` starts one, stopped as a process manager would, or killed outright (the crash tests'
// children under tests/support/*-child.ts).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Proc {
  name: string;
  child: ChildProcess;
  pid: number;
  /** The port it printed in its ready line, if any. */
  port?: number;
  /** Its own DATA_DIR, with `ownDataDir`. */
  dataDir?: string;
  /** The JSON line it was found ready on. */
  ready: Record<string, unknown>;
  /** Its last lines of output, for the error when something goes wrong. */
  output: string[];
}

/**
 * Starts `script` under tsx with the react-server condition (as `npm run worker` does); resolves on its ready
 * line (a JSON line `isReady` accepts). With `ownDataDir`, the process gets a fresh DATA_DIR of its own, so that
 * the instance secret or a stray local file could not reach another process.
 */
export function startProcess(
  name: string,
  script: string,
  childEnv: NodeJS.ProcessEnv,
  isReady: (line: Record<string, unknown>) => boolean,
  options: { ownDataDir?: boolean; args?: string[] } = {},
): Promise<Proc> {
  const dataDir = options.ownDataDir ? mkdtempSync(path.join(os.tmpdir(), `image-studio-${name}-`)) : undefined;
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(root, script), ...(options.args ?? [])], {
    cwd: root,
    env: dataDir ? { ...childEnv, DATA_DIR: dataDir } : childEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const proc: Proc = { name, child, pid: child.pid!, dataDir, output: [], ready: {} };
  const keep = (stream: string, chunk: Buffer) => {
    for (const line of chunk.toString().split("\n").filter(Boolean)) {
      proc.output.push(`[${name} ${stream}] ${line}`);
      if (proc.output.length > 400) proc.output.shift();
    }
  };
  child.stderr!.on("data", (chunk: Buffer) => keep("err", chunk));
  return new Promise<Proc>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start in time:\n${proc.output.join("\n")}`)), 60_000);
    let buffer = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      keep("out", chunk);
      buffer += chunk.toString();
      for (let i = buffer.indexOf("\n"); i >= 0; i = buffer.indexOf("\n")) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 1);
        try {
          const parsed = JSON.parse(line) as Record<string, unknown>;
          if (isReady(parsed)) {
            clearTimeout(timer);
            proc.ready = parsed;
            if (typeof parsed.port === "number") proc.port = parsed.port;
            resolve(proc);
          }
        } catch {
          /* not a JSON line */
        }
      }
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code ?? signal}) before it was ready:\n${proc.output.join("\n")}`));
    });
  });
}

/** SIGTERM (a graceful stop), then SIGKILL after 10 s if it is still there. */
export async function stopProcess(p: Proc): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  const exited = new Promise((resolve) => p.child.once("exit", resolve));
  p.child.kill("SIGTERM");
  await Promise.race([exited, sleep(10_000)]);
  if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill("SIGKILL");
}

/** SIGKILL: the process dies where it stands, nothing cleaned up (a crash). Resolves once it has exited. */
export async function killProcess(p: Proc): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  const exited = new Promise((resolve) => p.child.once("exit", resolve));
  p.child.kill("SIGKILL");
  await exited;
}
