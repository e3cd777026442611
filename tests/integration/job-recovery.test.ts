// A job whose worker process is killed mid-flight (SIGKILL, no cleanup) is finished by the next worker with
// exactly one set of images: what was stored before the crash is kept, only the missing images are made, with
// the seeds they would have had.
import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { LocalProvider } from "@/lib/providers/local";
import { setProvidersForTests } from "@/lib/providers/registry";
import { startImageWorker } from "@/lib/images";
import { waitForJob } from "@/lib/jobs/worker";

const root = path.resolve(import.meta.dirname, "../..");

describe("crash recovery", () => {
  it("finishes a job killed mid-flight with exactly one set of images", async () => {
    // Created before the child starts, so both processes see the owner.
    await db().user.upsert({ where: { id: "local" }, create: { id: "local", role: "admin" }, update: {} });
    const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "tests/support/crash-child.ts")], {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: "error" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const jobId = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (d: Buffer) => {
        const line = d.toString().split("\n").find((l) => l.startsWith("{"));
        if (line) resolve(JSON.parse(line).jobId);
      });
      child.on("exit", (code) => reject(new Error(`worker exited (${code}) before starting: ${stderr}`)));
    });

    // Wait until the first image is stored while the other two calls hang, then kill the worker outright.
    for (let i = 0; i < 300 && (await db().image.count({ where: { jobId } })) < 1; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await db().image.count({ where: { jobId } })).toBe(1);
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    expect((await db().job.findUniqueOrThrow({ where: { id: jobId } })).status).toBe("running");

    // The next worker (this process) picks it up and makes only what is missing.
    setProvidersForTests([new LocalProvider()]);
    await startImageWorker();
    expect(await waitForJob(jobId, 30_000)).toBe(true);
    const job = await db().job.findUniqueOrThrow({ where: { id: jobId } });
    expect(job).toMatchObject({ status: "succeeded", attempts: 2 });
    const images = await db().image.findMany({ where: { jobId }, orderBy: { seed: "asc" } });
    expect(images.map((i) => i.seed)).toEqual([100, 101, 102]);
    expect(new Set(images.map((i) => i.checksum)).size).toBe(3);
  }, 60_000);
});
