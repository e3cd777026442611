// The image routes with STORAGE_DRIVER=s3 against a real S3-compatible server (s3rver): upload, file, presigned
// URL, processing, health and deletion all go through the bucket, and nothing is left behind.
import { randomBytes } from "node:crypto";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { DELETE as deleteRoute } from "@/app/api/v1/images/[id]/route";
import { GET as file } from "@/app/api/v1/images/[id]/file/route";
import { POST as resize } from "@/app/api/v1/images/[id]/resize/route";
import { GET as urlRoute } from "@/app/api/v1/images/[id]/url/route";
import { resetEnvForTests } from "@/lib/env";
import type { ImageDto } from "@/lib/images";
import { setStorageForTests, storage } from "@/lib/storage";
import { S3Storage } from "@/lib/storage/s3";
import { expectBytes, expectJson, send } from "../support/http";
import { jpegPhotoLike } from "../support/images";
import { startS3rver, type TestS3Server } from "../support/s3rver";
import { ensureLocalUser, keysOf, storedFiles, upload } from "../support/studio";

const prefix = "studio-it";
let s3: TestS3Server;
let driver: S3Storage;

beforeAll(async () => {
  s3 = await startS3rver({ bucket: "studio-images" });
  // Configured the way a deployment is: through the environment (5 MB multipart threshold for the large upload).
  for (const [name, value] of Object.entries(s3.env({ S3_PREFIX: prefix, S3_MULTIPART_THRESHOLD_MB: "5" }))) vi.stubEnv(name, value);
  resetEnvForTests();
  setStorageForTests(undefined);
  driver = storage() as S3Storage;
  await ensureLocalUser();
});

afterAll(async () => {
  setStorageForTests(undefined);
  vi.unstubAllEnvs();
  resetEnvForTests();
  await s3?.stop();
});

const inBucket = (keys: string[]) => keys.map((k) => `${prefix}/${k}`).sort();
const getFile = (id: string, query = "") => send(file, `/api/v1/images/${id}/file${query}`, { params: { id } });

describe("image routes on S3 storage", () => {
  let image: ImageDto;
  let child: ImageDto;

  it("uses the S3 driver from the environment", () => {
    expect(driver).toBeInstanceOf(S3Storage);
    expect(driver.prefix).toBe(prefix);
  });

  it("POST /api/v1/images stores the original and its renditions in the bucket, nothing on local disk", async () => {
    image = await upload(await jpegPhotoLike(1600, 1200), { name: "photo.jpg" });
    const keys = await keysOf(image.id);
    expect(keys).toHaveLength(3); // original, preview, thumbnail
    expect(await s3.listKeys(`${prefix}/`)).toEqual(inBucket(keys));
    expect(storedFiles()).toEqual([]);
  });

  it("GET /file serves the bytes stored in the bucket", async () => {
    const [originalKey] = await keysOf(image.id);
    const bytes = await expectBytes(await getFile(image.id));
    expect(bytes.equals(s3.storedBytes(`${prefix}/${originalKey}`)!)).toBe(true);
    expect((await sharp(bytes).metadata()).width).toBe(1600);

    const thumb = await getFile(image.id, "?variant=thumbnail");
    expect(thumb.headers.get("content-type")).toBe("image/webp");
    const thumbBytes = await expectBytes(thumb);
    expect(thumb.headers.get("content-length")).toBe(String(thumbBytes.length));
    expect((await sharp(thumbBytes).metadata()).width).toBe(320);
  });

  it("GET /url answers a presigned bucket URL that works with plain fetch, no cookies", async () => {
    const [originalKey] = await keysOf(image.id);
    const res = await send(urlRoute, `/api/v1/images/${image.id}/url?expiresIn=120`, { params: { id: image.id } });
    const body = await expectJson<{ url: string; expiresAt: string }>(res);
    expect(body.url.startsWith(`${s3.endpoint}/${s3.bucket}/${prefix}/${originalKey}?`)).toBe(true);
    expect(new URL(body.url).searchParams.get("X-Amz-Expires")).toBe("120");
    expect(Math.abs(Date.parse(body.expiresAt) - (Date.now() + 120_000))).toBeLessThan(5_000);

    const fetched = await fetch(body.url, { credentials: "omit" });
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get("content-type")).toBe("image/jpeg");
    expect(Buffer.from(await fetched.arrayBuffer()).equals(s3.storedBytes(`${prefix}/${originalKey}`)!)).toBe(true);
  });

  it("POST /resize reads the source from the bucket and stores the result there", async () => {
    child = await expectJson<ImageDto>(
      await send(resize, `/api/v1/images/${image.id}/resize`, { json: { width: 400 }, params: { id: image.id } }),
      201,
    );
    expect(child).toMatchObject({ parentId: image.id, width: 400, height: 300 });
    const childKeys = await keysOf(child.id);
    const listed = await s3.listKeys(`${prefix}/`);
    for (const key of inBucket(childKeys)) expect(listed).toContain(key);
    const bytes = await expectBytes(await getFile(child.id));
    expect((await sharp(bytes).metadata()).width).toBe(400);
    expect(bytes.equals(s3.storedBytes(`${prefix}/${childKeys[0]}`)!)).toBe(true);
  });

  it("GET /api/health probes the bucket and cleans up", async () => {
    const res = await send(health, "/api/health");
    expect(await res.json()).toMatchObject({ status: "healthy", checks: { storage: "ok" } });
    expect((await s3.listKeys(`${prefix}/health/`))).toEqual([]);
  });

  it("DELETE ?purge=true removes every object of the image from the bucket", async () => {
    const imageKeys = inBucket(await keysOf(image.id));
    const childKeys = inBucket(await keysOf(child.id));
    const res = await send(deleteRoute, `/api/v1/images/${image.id}?purge=true`, { method: "DELETE", params: { id: image.id } });
    expect(res.status).toBe(204);
    const left = await s3.listKeys(`${prefix}/`);
    for (const key of imageKeys) expect(left).not.toContain(key);
    expect(left).toEqual(childKeys); // the child keeps its own files

    expect((await send(deleteRoute, `/api/v1/images/${child.id}?purge=true`, { method: "DELETE", params: { id: child.id } })).status).toBe(204);
    expect(await s3.listKeys(`${prefix}/`)).toEqual([]);
    for (const key of [...imageKeys, ...childKeys]) expect(s3.storedBytes(key)).toBeNull();
  });

  it("a large upload goes to the bucket in parts, byte for byte", async () => {
    const seen: string[] = [];
    driver.client.middlewareStack.add(
      (next, context) => async (args) => {
        seen.push(context.commandName!);
        return next(args);
      },
      { step: "initialize", name: "recordUploadCommands" },
    );
    try {
      // Noise does not compress: a PNG of about 7.7 MB, above the 5 MB threshold.
      const pixels = randomBytes(1600 * 1600 * 3);
      const noisy = await sharp(pixels, { raw: { width: 1600, height: 1600, channels: 3 } }).png().toBuffer();
      const big = await upload(noisy, { name: "noise.png" });
      const [originalKey] = await keysOf(big.id);
      const stored = s3.storedBytes(`${prefix}/${originalKey}`)!;
      expect(stored.length).toBeGreaterThan(5 * 1024 * 1024);
      expect(seen).toContain("CompleteMultipartUploadCommand");
      expect(seen.filter((c) => c === "UploadPartCommand").length).toBeGreaterThanOrEqual(1);
      expect((await expectBytes(await getFile(big.id))).equals(stored)).toBe(true);
      expect((await sharp(stored).raw().toBuffer()).equals(pixels)).toBe(true); // lossless all the way
      await send(deleteRoute, `/api/v1/images/${big.id}?purge=true`, { method: "DELETE", params: { id: big.id } });
      expect(await s3.listKeys(`${prefix}/`)).toEqual([]);
    } finally {
      driver.client.middlewareStack.remove("recordUploadCommands");
    }
  });
});
