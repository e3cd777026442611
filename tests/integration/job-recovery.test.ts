// A job whose worker process is killed mid-flight (SIGKILL, no cleanup) is finished by the next worker with
// exactly one set of images: what was stored before the crash is kept, only the missing images are made, with
// the seeds they would have had.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { LocalProvider } from "@/lib/providers/local";
import { setProvidersForTests } from "@/lib/providers/registry";
import { startImageWorker } from "@/lib/images";
import { waitForJob } from "@/lib/jobs/worker";
import { killProcess, startProcess } from "../support/processes";

describe("crash recovery", () => {
  it("finishes a job killed mid-flight with exactly one set of images", async () => {
    // Created before the child starts, so both processes see the owner.
    await db().user.upsert({ where: { id: "local" }, create: { id: "local", role: "admin" }, update: {} });
    const child = await startProcess("crash-child", "tests/support/crash-child.ts", { ...process.env, LOG_LEVEL: "error" }, (line) => typeof line.jobId === "string");
    const jobId = child.ready.jobId as string;

    // Wait until the first image is stored while the other two calls hang, then kill the worker outright.
    for (let i = 0; i < 300 && (await db().image.count({ where: { jobId } })) < 1; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await db().image.count({ where: { jobId } })).toBe(1);
    await killProcess(child);
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
