// Scale-out with S3 storage (docs/deploy.md): two web instances (WORKER=off) and one
// worker process (`scripts/worker.ts`) on one PostgreSQL schema and ONE S3-compatible bucket (s3rver), each
// process with a data directory of its own, so nothing can pass through a shared disk. Multi-user mode, a user
// calling with an API key, as an integration would:
// - a file uploaded through instance A is served by instance B, byte for byte what the bucket holds;
// - B's presigned URL works with a plain fetch and no credentials (B's own /file refuses that caller), cannot be
//   stretched (its V4 signature covers X-Amz-Expires), and is refused once it has expired;
// - a generation submitted to A is run by the worker, stored in the bucket, and served by B;
// - no process wrote an image file to its own disk.
import { createHash, createHmac } from "node:crypto";
import { readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/api-keys";
import { db } from "@/lib/db";
import { pidOfOwner } from "@/lib/jobs/lease";
import { uploadForm } from "../support/http";
import { jpegPhotoLike } from "../support/images";
import { s3rverCredentials, startS3rver, type TestS3Server } from "../support/s3rver";
import { startProcess, stopProcess, type Proc } from "../support/processes";
import { ensureUser, keysOf } from "../support/studio";

const onPostgres = process.env.TEST_DATABASE === "postgres";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every file under a directory, relative to it (the instance secret aside). */
function filesUnder(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(full, base) : [path.relative(base, full)];
  });
}

/**
 * Whether a presigned S3 GET URL carries a valid AWS Signature Version 4 for `secret` (query-string
 * authentication as AWS documents it: canonical request over method, path, every query parameter but the
 * signature, the signed headers and UNSIGNED-PAYLOAD; signing key derived from date, region and service).
 */
function presignedSignatureValid(link: string, secret: string): boolean {
  const url = new URL(link);
  const q = url.searchParams;
  const encode = (v: string) => encodeURIComponent(v).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const query = [...q.entries()]
    .filter(([name]) => name !== "X-Amz-Signature")
    .map(([name, value]) => [encode(name), encode(value)])
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : 1))
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
  const signedHeaders = q.get("X-Amz-SignedHeaders") ?? "";
  if (signedHeaders !== "host") return false; // a plain link signs nothing but the host
  const canonical = ["GET", url.pathname, query, `host:${url.host}\n`, signedHeaders, "UNSIGNED-PAYLOAD"].join("\n");
  const [, date, region, service, terminator] = (q.get("X-Amz-Credential") ?? "").split("/");
  const scope = [date, region, service, terminator].join("/");
  const toSign = ["AWS4-HMAC-SHA256", q.get("X-Amz-Date"), scope, createHash("sha256").update(canonical).digest("hex")].join("\n");
  const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data).digest();
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), terminator);
  return createHmac("sha256", key).update(toSign).digest("hex") === q.get("X-Amz-Signature");
}

describe.skipIf(!onPostgres)("scale-out on S3: two web instances and a worker share one PostgreSQL and one bucket, no disk (postgres project only: SQLite is the one-machine embedded database, which cannot be shared by several instances)", () => {
  const prefix = "scale-s3";
  let s3: TestS3Server;
  let webA: Proc;
  let webB: Proc;
  let worker: Proc;
  let key: string;
  const everyone = () => [webA, webB, worker].filter(Boolean);
  const authorization = () => ({ authorization: `Bearer ${key}` });
  const call = (web: Proc, route: string, init: RequestInit = {}) =>
    fetch(`http://127.0.0.1:${web.port}${route}`, { ...init, headers: { ...authorization(), ...(init.headers as Record<string, string>) } });
  const outputs = () => everyone().flatMap((p) => p.output.slice(-20)).join("\n");

  let uploaded: { id: string; width: number; height: number };

  beforeAll(async () => {
    // A user and their API key, written by this process on the shared schema; the instances only read them.
    await ensureUser("scale-alice", "Alice");
    ({ key } = await createApiKey("scale-alice", "scale-out test", ["read", "write", "generate"]));
    s3 = await startS3rver({ bucket: "studio-shared" });
    const common: NodeJS.ProcessEnv = {
      ...process.env, // DATABASE_URL: this file's schema
      ...s3.env({ S3_PREFIX: prefix }),
      AUTH_MODE: "multi-user",
      AUTH_SECRET: "scale-out-s3-test-secret-shared-by-every-instance",
      LOG_LEVEL: "info",
      QUEUE_DRIVER: "postgres",
      RATE_LIMIT_PER_MINUTE: "1000",
    };
    delete common.STORAGE_DIR;
    const started = await Promise.all([
      startProcess("web-a", "tests/support/scale-web.ts", { ...common, WORKER: "off" }, (l) => typeof l.port === "number", { ownDataDir: true }),
      startProcess("web-b", "tests/support/scale-web.ts", { ...common, WORKER: "off" }, (l) => typeof l.port === "number", { ownDataDir: true }),
      startProcess("worker", "scripts/worker.ts", common, (l) => l.message === "worker started", { ownDataDir: true }),
    ]);
    [webA, webB, worker] = started;
  }, 90_000);

  afterAll(async () => {
    await Promise.all(everyone().map(stopProcess));
    for (const p of everyone()) rmSync(p.dataDir!, { recursive: true, force: true });
    await s3?.stop();
  }, 30_000);

  it("both instances report the bucket healthy", async () => {
    for (const web of [webA, webB]) {
      const res = await fetch(`http://127.0.0.1:${web.port}/api/health`);
      expect(await res.json()).toMatchObject({ status: "healthy", checks: { database: "ok", storage: "ok" } });
    }
    expect(await s3.listKeys(`${prefix}/health/`)).toEqual([]); // the probes clean up
  });

  it("serves through instance B the bytes of a file uploaded through instance A", async () => {
    const res = await call(webA, "/api/v1/images", { method: "POST", body: uploadForm(await jpegPhotoLike(1200, 900), { name: "harbour.jpg" }) });
    expect(res.status, outputs()).toBe(201);
    uploaded = (await res.json()) as typeof uploaded;
    expect(uploaded).toMatchObject({ width: 1200, height: 900 });

    const keys = await keysOf(uploaded.id);
    expect(keys).toHaveLength(3); // original, preview, thumbnail: all in the bucket
    const inBucket = await s3.listKeys(`${prefix}/`);
    for (const k of keys) expect(inBucket).toContain(`${prefix}/${k}`);

    const fromB = await call(webB, `/api/v1/images/${uploaded.id}/file`);
    expect(fromB.status).toBe(200);
    expect(fromB.headers.get("content-type")).toBe("image/jpeg");
    const bytes = Buffer.from(await fromB.arrayBuffer());
    expect(bytes.equals(s3.storedBytes(`${prefix}/${keys[0]}`)!)).toBe(true);
    const fromA = Buffer.from(await (await call(webA, `/api/v1/images/${uploaded.id}/file`)).arrayBuffer());
    expect(bytes.equals(fromA)).toBe(true);

    const thumbnail = await db().imageRendition.findFirstOrThrow({ where: { imageId: uploaded.id, variant: "thumbnail" } });
    const thumb = await call(webB, `/api/v1/images/${uploaded.id}/file?variant=thumbnail`);
    expect(thumb.headers.get("content-type")).toBe("image/webp");
    expect(Buffer.from(await thumb.arrayBuffer()).equals(s3.storedBytes(`${prefix}/${thumbnail.storageKey}`)!)).toBe(true);

    // B lists it too (the row is in the shared database).
    const list = (await (await call(webB, "/api/v1/images?limit=10")).json()) as { items: Array<{ id: string }> };
    expect(list.items.map((i) => i.id)).toContain(uploaded.id);
  });

  it("hands out through B a presigned URL that works without credentials, cannot be stretched, and expires", async () => {
    const [originalKey] = await keysOf(uploaded.id);
    const stored = s3.storedBytes(`${prefix}/${originalKey}`)!;
    // Without the key, B's own file route refuses the caller: the link is the only way in.
    const anonymous = await fetch(`http://127.0.0.1:${webB.port}/api/v1/images/${uploaded.id}/file`);
    expect(anonymous.status).toBe(401);

    const linkOf = async (expiresIn: number) => {
      const res = await call(webB, `/api/v1/images/${uploaded.id}/url?expiresIn=${expiresIn}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("no-store");
      return (await res.json()) as { url: string; expiresAt: string };
    };
    const long = await linkOf(600);
    const short = await linkOf(3); // X-Amz-Date has whole seconds: usable for 2–3 s
    for (const link of [long, short]) {
      expect(link.url.startsWith(`${s3.endpoint}/${s3.bucket}/${prefix}/${originalKey}?`)).toBe(true);
      expect(link.url).not.toContain(key); // nothing of the caller's credentials in the link
    }
    expect(new URL(short.url).searchParams.get("X-Amz-Expires")).toBe("3");

    const plain = (url: string) => fetch(url, { credentials: "omit", redirect: "error" });
    const now = await plain(short.url);
    expect(now.status).toBe(200);
    expect(Buffer.from(await now.arrayBuffer()).equals(stored)).toBe(true);
    const fetched = await plain(long.url);
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get("content-type")).toBe("image/jpeg");
    expect(fetched.headers.get("cache-control")).toBe("private, max-age=600");
    expect(Buffer.from(await fetched.arrayBuffer()).equals(stored)).toBe(true);

    // A holder cannot give the link a longer life: the lifetime is part of what was signed. s3rver checks a
    // link's expiry but not its V4 signature, so the signature is checked here, as S3 checks it.
    expect(presignedSignatureValid(long.url, s3rverCredentials.secretAccessKey)).toBe(true);
    expect(presignedSignatureValid(short.url, s3rverCredentials.secretAccessKey)).toBe(true);
    const stretched = new URL(short.url);
    stretched.searchParams.set("X-Amz-Expires", "3600");
    expect(presignedSignatureValid(stretched.toString(), s3rverCredentials.secretAccessKey)).toBe(false);
    expect(presignedSignatureValid(short.url, "another-secret")).toBe(false);

    // Once expired, the bucket refuses it; the long link still works, so it is the expiry that refused it.
    await sleep(Math.max(0, Date.parse(short.expiresAt) - Date.now()) + 1500);
    const expired = await plain(short.url);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toMatch(/AccessDenied[\s\S]*Request has expired/);
    expect((await plain(long.url)).status).toBe(200);
  }, 30_000);

  it("runs a generation submitted to A on the worker, stores it in the bucket, and B serves it", async () => {
    const res = await call(webA, "/api/v1/generations", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ prompt: "a lighthouse on a cliff at dusk", provider: "local", width: 256, height: 256, seed: 7 }),
    });
    expect(res.status, outputs()).toBe(202);
    const { id: jobId } = (await res.json()) as { id: string };

    let job: { status: string; result?: { images?: Array<{ id: string }> } } = { status: "queued" };
    for (let i = 0; i < 240 && (job.status === "queued" || job.status === "running"); i++) {
      await sleep(250);
      job = (await (await call(webB, `/api/v1/jobs/${jobId}`)).json()) as typeof job;
    }
    expect(job.status, outputs()).toBe("succeeded");
    const row = await db().job.findUniqueOrThrow({ where: { id: jobId } });
    expect(pidOfOwner(row.leaseOwner)).toBe(worker.child.pid); // run by the worker process, not a web instance

    const images = await db().image.findMany({ where: { jobId } });
    expect(images).toHaveLength(1);
    const generated = images[0];
    expect(generated).toMatchObject({ ownerId: "scale-alice", kind: "generated", provider: "local", width: 256, height: 256 });
    const keys = await keysOf(generated.id);
    const inBucket = await s3.listKeys(`${prefix}/`);
    for (const k of keys) expect(inBucket).toContain(`${prefix}/${k}`);

    const served = await call(webB, `/api/v1/images/${generated.id}/file`);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe(generated.mimeType);
    expect(Buffer.from(await served.arrayBuffer()).equals(s3.storedBytes(`${prefix}/${generated.storageKey}`)!)).toBe(true);
    const detail = (await (await call(webB, `/api/v1/images/${generated.id}`)).json()) as { id: string; prompt?: string };
    expect(detail).toMatchObject({ id: generated.id, prompt: "a lighthouse on a cliff at dusk" });
  }, 90_000);

  it("left no image file on any process's own disk: the bucket holds them all", () => {
    for (const p of everyone()) {
      expect(filesUnder(p.dataDir!).filter((f) => f !== ".secret"), p.name).toEqual([]);
    }
  });
});
