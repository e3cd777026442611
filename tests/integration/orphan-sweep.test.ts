// A process killed mid-batch (SIGKILL, between an image's file writes and its row) leaves files no row references.
// The orphan sweep removes them once older than the minimum age, on local disk and on S3 (s3rver), while files
// with rows stay, and so do the files of an image this process is storing right now.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, isPostgres } from "@/lib/db";
import { env, resetEnvForTests } from "@/lib/env";
import { storeImage } from "@/lib/images";
import { startOrphanSweeps, stopOrphanSweeps, sweepOrphanFiles } from "@/lib/images/orphans";
import { setStorageForTests, storage } from "@/lib/storage";
import { S3Storage } from "@/lib/storage/s3";
import { solidImage } from "../support/images";
import { startS3rver, type TestS3Server } from "../support/s3rver";
import { killProcess, startProcess } from "../support/processes";
import { listStoredFiles } from "../support/stored-files";

/** Runs tests/support/orphan-child.ts until its second image's files are written, then kills it with SIGKILL. */
async function killMidBatch(childEnv: NodeJS.ProcessEnv): Promise<{ kept: string; orphaned: string[] }> {
  const seen: { kept?: string; orphaned?: string[] } = {};
  const child = await startProcess("orphan-child", "tests/support/orphan-child.ts", { ...childEnv, LOG_LEVEL: "error" }, (line) => Boolean(Object.assign(seen, line).orphaned));
  await killProcess(child);
  return { kept: seen.kept!, orphaned: seen.orphaned!.sort() };
}

describe.each(["local", "s3"] as const)("orphan sweep on %s storage", (driver) => {
  let s3: TestS3Server | undefined;
  const prefix = `orphans-${randomBytes(4).toString("hex")}`;
  let childEnv: NodeJS.ProcessEnv = process.env;
  /** What is on storage, read without the driver under test (the directory, or the bucket's own listing). */
  const stored = async () =>
    driver === "s3"
      ? (await s3!.listKeys(`${prefix}/`)).map((key) => key.slice(prefix.length + 1))
      : listStoredFiles(env().storageDir);

  beforeAll(async () => {
    await db().user.upsert({ where: { id: "local" }, create: { id: "local", role: "admin" }, update: {} });
    if (driver === "s3") {
      s3 = await startS3rver();
      setStorageForTests(new S3Storage(s3.storageOptions({ prefix })));
      childEnv = { ...process.env, ...s3.env({ S3_PREFIX: prefix }) };
    }
  });
  afterAll(async () => {
    setStorageForTests(undefined);
    await s3?.stop();
  });

  it("removes what a killed batch left once old enough; files with rows and a store in flight stay", async () => {
    const { kept, orphaned } = await killMidBatch(childEnv);
    const keptRow = await db().image.findUniqueOrThrow({ where: { id: kept }, include: { renditions: true } });
    const keptKeys = [keptRow.storageKey, ...keptRow.renditions.map((r) => r.storageKey)].sort();
    // The crash's leftovers: an original and its renditions on storage, and no row for their image.
    expect(orphaned.some((key) => /\/original-/.test(key))).toBe(true);
    expect(orphaned.some((key) => /\/thumbnail-/.test(key))).toBe(true);
    expect(await db().image.count({ where: { id: orphaned[0].split("/")[2] } })).toBe(0);
    expect(await stored()).toEqual([...keptKeys, ...orphaned].sort());

    // With the default minimum age (60 minutes) files written a moment ago are not touched.
    const early = await sweepOrphanFiles();
    expect(early.removed).toEqual([]);
    expect(early.tooNew).toBe(keptKeys.length + orphaned.length);
    expect(await stored()).toEqual([...keptKeys, ...orphaned].sort());

    // An image being stored right now in this process: its files are written, its row not yet.
    const real = storage();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const live: string[] = [];
    let written = 0;
    let landed!: () => void;
    const allLanded = new Promise<void>((resolve) => (landed = resolve));
    setStorageForTests(
      Object.assign(Object.create(real) as typeof real, {
        async put(key: string, body: Uint8Array, options: { contentType: string }) {
          live.push(key); // storeImage starts every write at once, so all are pushed before the first lands
          await real.put(key, body, options);
          if (++written === live.length) landed();
          await gate;
        },
      }),
    );
    const data = await solidImage(120, 90, [30, 200, 90]);
    const storing = storeImage({ ownerId: "local", kind: "uploaded", data, format: "png", width: 120, height: 90, hasAlpha: false });
    await allLanded;

    // Minimum age 0: every leftover goes at once, while the files with a row and the store in flight stay.
    const swept = await sweepOrphanFiles({ minAgeMs: 0 });
    expect(swept.removed.sort()).toEqual(orphaned);
    expect(await stored()).toEqual([...keptKeys, ...live].sort());

    release();
    const liveRow = await storing;
    setStorageForTests(real);
    const liveRows = await db().image.findUniqueOrThrow({ where: { id: liveRow.id }, include: { renditions: true } });
    const liveKeys = [liveRows.storageKey, ...liveRows.renditions.map((r) => r.storageKey)];
    expect(liveKeys.sort()).toEqual([...live].sort());
    // A second sweep finds nothing more to do: every stored file has its row.
    expect((await sweepOrphanFiles({ minAgeMs: 0 })).removed).toEqual([]);
    expect(await stored()).toEqual([...keptKeys, ...liveKeys].sort());
  }, 60_000);
});

describe("the worker's periodic sweep", () => {
  it("runs on its own with the configured age, and stops with the process's services", async () => {
    process.env.ORPHAN_SWEEP_MIN_AGE_MINUTES = "0";
    process.env.ORPHAN_SWEEP_INTERVAL_MINUTES = "1";
    resetEnvForTests();
    try {
      const leftover = "u/local/img_gone/original-00000000.png";
      await storage().put(leftover, Buffer.from("no row"), { contentType: "image/png" });
      startOrphanSweeps({ firstDelayMs: 0 });
      for (let i = 0; i < 200 && (await storage().exists(leftover)); i++) await new Promise((r) => setTimeout(r, 25));
      expect(await storage().exists(leftover)).toBe(false);
    } finally {
      await stopOrphanSweeps();
      delete process.env.ORPHAN_SWEEP_MIN_AGE_MINUTES;
      delete process.env.ORPHAN_SWEEP_INTERVAL_MINUTES;
      resetEnvForTests();
    }
  });
});

describe.runIf(process.env.TEST_DATABASE === "postgres")("orphan sweep lock", () => {
  it("skips its turn while another process sweeps (holds the advisory lock)", async () => {
    expect(isPostgres()).toBe(true);
    const other = new pg.Client({ connectionString: process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test" });
    await other.connect();
    try {
      await other.query("SELECT pg_advisory_lock($1::bigint)", [BigInt("0x6f727068616e73").toString()]);
      expect(await sweepOrphanFiles({ minAgeMs: 0 })).toMatchObject({ skipped: "locked", removed: [] });
      await other.query("SELECT pg_advisory_unlock($1::bigint)", [BigInt("0x6f727068616e73").toString()]);
      expect((await sweepOrphanFiles({ minAgeMs: 0 })).skipped).toBeUndefined();
    } finally {
      await other.end();
    }
  });
});
