// The S3 driver against a real S3-compatible server (s3rver) started here: bytes, streams, errors, presigned URLs,
// prefixes, multipart uploads and the CDN URL format.
import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { HeadObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { parseEnv, resetEnvForTests } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { startS3rver, type TestS3Server } from "@/tests/support/s3rver";
import { setStorageForTests, storage } from "./index";
import { IMMUTABLE_CACHE_CONTROL, S3Storage, s3OptionsFromEnv } from "./s3";

const MiB = 1024 * 1024;
let s3: TestS3Server;

beforeAll(async () => {
  s3 = await startS3rver({ bucket: "unit-bucket" });
});
afterAll(async () => {
  await s3?.stop();
});

/** Records the SDK commands a driver sends (and can fail one on purpose). */
function recordCommands(driver: S3Storage, fail?: (command: string, input: Record<string, unknown>) => boolean) {
  const seen: string[] = [];
  driver.client.middlewareStack.add(
    (next, context) => async (args) => {
      seen.push(context.commandName!);
      if (fail?.(context.commandName!, args.input as Record<string, unknown>)) throw new Error(`injected failure in ${context.commandName}`);
      return next(args);
    },
    { step: "initialize", name: "recordCommands" },
  );
  return seen;
}

const bytesOf = async (res: Response) => Buffer.from(await res.arrayBuffer());

describe("S3Storage on s3rver", () => {
  it("round-trips 1 KB byte for byte, stored on the server exactly as sent (no aws-chunked framing)", async () => {
    const driver = new S3Storage(s3.storageOptions());
    const data = randomBytes(1024);
    const key = "u/local/img_small/original-00000001.png";
    const seen = recordCommands(driver);
    await driver.put(key, data, { contentType: "image/png" });
    expect(seen).toEqual(["PutObjectCommand"]);
    expect((await driver.get(key)).equals(data)).toBe(true);
    expect(s3.storedBytes(key)?.equals(data)).toBe(true);
    const head = await s3.client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: key }));
    expect(head.ContentType).toBe("image/png");
    expect(head.CacheControl).toBe(IMMUTABLE_CACHE_CONTROL);
    expect(head.ContentLength).toBe(1024);
  });

  it("uploads a 20 MB buffer in parts above the threshold, and the object equals the input", async () => {
    const driver = new S3Storage(s3.storageOptions({ multipartThresholdBytes: 5 * MiB, partSizeBytes: 5 * MiB }));
    const data = randomBytes(20_000_000);
    const key = "u/local/img_big/original-00000002.png";
    const seen = recordCommands(driver);
    await driver.put(key, data, { contentType: "image/png" });
    // 20,000,000 bytes = three 5 MiB parts and a last part of 4,271,360 bytes.
    expect(seen.filter((c) => c === "UploadPartCommand")).toHaveLength(4);
    expect(seen).toContain("CreateMultipartUploadCommand");
    expect(seen).toContain("CompleteMultipartUploadCommand");
    expect(seen).not.toContain("PutObjectCommand");

    expect(s3.storedBytes(key)?.equals(data)).toBe(true);
    expect((await driver.get(key)).equals(data)).toBe(true);
    const head = await s3.client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: key }));
    expect(head.ContentLength).toBe(data.length);
    expect(head.ContentType).toBe("image/png");
    expect(head.CacheControl).toBe(IMMUTABLE_CACHE_CONTROL);

    // A plain, credential-less GET of a presigned URL gives the same bytes too.
    const res = await fetch(await driver.url(key, { expiresInSeconds: 60, baseUrl: "http://app.test" }));
    expect(res.status).toBe(200);
    expect((await bytesOf(res)).equals(data)).toBe(true);

    // Streamed: the size up front, the same bytes through a web ReadableStream.
    const { body, size } = await driver.stream(key);
    expect(size).toBe(data.length);
    expect(body).toBeInstanceOf(ReadableStream);
    expect(Buffer.from(await new Response(body).arrayBuffer()).equals(data)).toBe(true);
    await driver.delete(key);
  });

  it("has a client that stores streamed bodies unframed (checksums only when required)", async () => {
    // The SDK's default (WHEN_SUPPORTED) sends a stream as aws-chunked with a trailing checksum, which s3rver
    // stores verbatim. The driver sends buffers, but its client must stay safe for streams too.
    const driver = new S3Storage(s3.storageOptions());
    const data = randomBytes(64 * 1024);
    await driver.client.send(
      new PutObjectCommand({ Bucket: s3.bucket, Key: "u/local/img_stream/original-1.bin", Body: Readable.from([data]), ContentLength: data.length }),
    );
    expect(s3.storedBytes("u/local/img_stream/original-1.bin")?.equals(data)).toBe(true);
    await driver.delete("u/local/img_stream/original-1.bin");
  });

  it("stays single-part at or below the threshold", async () => {
    const driver = new S3Storage(s3.storageOptions({ multipartThresholdBytes: 6 * MiB }));
    const seen = recordCommands(driver);
    const data = randomBytes(6 * MiB);
    await driver.put("u/local/img_mid/original-1.bin", data, { contentType: "application/octet-stream" });
    expect(seen).toEqual(["PutObjectCommand"]);
    expect(s3.storedBytes("u/local/img_mid/original-1.bin")?.equals(data)).toBe(true);
    await driver.delete("u/local/img_mid/original-1.bin");
  });

  it("aborts a multipart upload when a part fails, and reports the failure", async () => {
    const driver = new S3Storage(s3.storageOptions({ multipartThresholdBytes: 5 * MiB, partSizeBytes: 5 * MiB }));
    const seen = recordCommands(driver, (command, input) => command === "UploadPartCommand" && input.PartNumber === 2);
    // s3rver does not implement AbortMultipartUpload: the driver logs that and still reports the first failure.
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      await expect(driver.put("u/local/img_fail/original-1.bin", randomBytes(11 * MiB), { contentType: "image/png" })).rejects.toThrow(
        /injected failure/,
      );
      expect(stderr.mock.calls.map(([line]) => String(line)).join("")).toMatch(/could not abort a failed multipart upload/);
    } finally {
      stderr.mockRestore();
    }
    expect(seen).toContain("AbortMultipartUploadCommand");
    expect(seen).not.toContain("CompleteMultipartUploadCommand");
    expect(await driver.exists("u/local/img_fail/original-1.bin")).toBe(false);
  });

  it("streams a small object with its size", async () => {
    const driver = new S3Storage(s3.storageOptions());
    await driver.put("u/local/img_s/original-1.txt", Buffer.from("hello"), { contentType: "text/plain" });
    const { body, size } = await driver.stream("u/local/img_s/original-1.txt");
    expect(size).toBe(5);
    expect(await new Response(body).text()).toBe("hello");
  });

  it("checks existence, deletes, and deleting a missing key is fine", async () => {
    const driver = new S3Storage(s3.storageOptions());
    const key = "u/local/img_d/original-1.bin";
    expect(await driver.exists(key)).toBe(false);
    await driver.put(key, Buffer.from("x"), { contentType: "application/octet-stream" });
    expect(await driver.exists(key)).toBe(true);
    await driver.delete(key);
    expect(await driver.exists(key)).toBe(false);
    expect(s3.storedBytes(key)).toBeNull();
    await expect(driver.delete(key)).resolves.toBeUndefined();
    await expect(driver.delete("u/never/was-here.png")).resolves.toBeUndefined();
  });

  it("reports a missing key as not_found and refuses unsafe keys", async () => {
    const driver = new S3Storage(s3.storageOptions());
    await expect(driver.get("u/none/missing.png")).rejects.toMatchObject({ code: "not_found" });
    await expect(driver.stream("u/none/missing.png")).rejects.toBeInstanceOf(AppError);
    await expect(driver.stream("u/none/missing.png")).rejects.toMatchObject({ code: "not_found" });
    await expect(driver.put("../escape", Buffer.from("x"), { contentType: "text/plain" })).rejects.toMatchObject({ code: "invalid_request" });
    await expect(driver.get("a//b")).rejects.toMatchObject({ code: "invalid_request" });
  });

  it("does not mistake a missing bucket for a missing file", async () => {
    const driver = new S3Storage(s3.storageOptions({ bucket: "no-such-bucket" }));
    const error = await driver.get("u/local/x.png").catch((e) => e);
    expect(error).not.toBeInstanceOf(AppError);
    expect(error.name).toBe("NoSuchBucket");
  });

  it("presigns GET URLs that work with plain fetch, carry the content type and download name, and expire", async () => {
    const driver = new S3Storage(s3.storageOptions());
    const key = "u/local/img_p/original-1.png";
    const data = randomBytes(2048);
    await driver.put(key, data, { contentType: "image/png" });

    const url = await driver.url(key, { expiresInSeconds: 300, baseUrl: "http://app.test", contentType: "image/png" });
    expect(url.startsWith(`${s3.endpoint}/${s3.bucket}/${key}?`)).toBe(true);
    expect(new URL(url).searchParams.get("X-Amz-Expires")).toBe("300");
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("cache-control")).toBe("private, max-age=300");
    expect((await bytesOf(res)).equals(data)).toBe(true);

    const download = await fetch(await driver.url(key, { expiresInSeconds: 60, baseUrl: "", downloadName: "my café.png" }));
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toBe(`attachment; filename="my caf_.png"; filename*=UTF-8''my%20caf%C3%A9.png`);
    await download.arrayBuffer();

    // (s3rver checks a V4 presigned URL's expiry but not its signature, so tampering is not tested here.)
    const query = new URL(url).searchParams;
    expect(query.get("X-Amz-Algorithm")).toBe("AWS4-HMAC-SHA256");
    expect(query.get("X-Amz-Credential")).toMatch(/^S3RVER\/\d{8}\/us-east-1\/s3\/aws4_request$/);
    expect(query.get("X-Amz-Signature")).toMatch(/^[0-9a-f]{64}$/);
    expect(query.get("response-content-type")).toBe("image/png");

    // S3 signs for at most 7 days: longer asks are clamped.
    const long = new URL(await driver.url(key, { expiresInSeconds: 30 * 24 * 3600, baseUrl: "" }));
    expect(long.searchParams.get("X-Amz-Expires")).toBe(String(7 * 24 * 3600));

    const short = await driver.url(key, { expiresInSeconds: 1, baseUrl: "" });
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const expired = await fetch(short);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toMatch(/expired/i);
  });

  it("keeps each S3_PREFIX's objects apart in one bucket", async () => {
    const a = new S3Storage(s3.storageOptions({ prefix: "inst-a" }));
    const b = new S3Storage(s3.storageOptions({ prefix: "/inst-b/nested/" }));
    const key = "u/local/img_1/original-1.txt";
    await a.put(key, Buffer.from("from a"), { contentType: "text/plain" });
    await b.put(key, Buffer.from("from b"), { contentType: "text/plain" });
    expect((await a.get(key)).toString()).toBe("from a");
    expect((await b.get(key)).toString()).toBe("from b");
    expect(await s3.listKeys("inst-a/")).toEqual([`inst-a/${key}`]);
    expect(await s3.listKeys("inst-b/")).toEqual([`inst-b/nested/${key}`]);
    expect(s3.storedBytes(`inst-a/${key}`)?.toString()).toBe("from a");
    expect(new URL(await b.url(key, { expiresInSeconds: 60, baseUrl: "" })).pathname).toBe(`/${s3.bucket}/inst-b/nested/${key}`);
    // Without a prefix the same key is another object altogether.
    const root = new S3Storage(s3.storageOptions());
    expect(await root.exists(key)).toBe(false);
    await a.delete(key);
    expect(await a.exists(key)).toBe(false);
    expect(await b.exists(key)).toBe(true);
    await b.delete(key);
  });

  it("passes its health check and leaves no probe object behind", async () => {
    const driver = new S3Storage(s3.storageOptions({ prefix: "hc" }));
    await expect(driver.healthCheck()).resolves.toBeUndefined();
    expect(await s3.listKeys("hc/")).toEqual([]);
  });

  it("fails its health check when the bucket cannot be reached", async () => {
    await expect(new S3Storage(s3.storageOptions({ bucket: "no-such-bucket" })).healthCheck()).rejects.toThrow();
  });

  it("uses path-style by itself for an endpoint whose host cannot hold the bucket (an IP address)", async () => {
    const { forcePathStyle: _ignored, ...options } = s3.storageOptions();
    const driver = new S3Storage(options);
    await driver.put("u/local/img_ps/original-1.txt", Buffer.from("path"), { contentType: "text/plain" });
    expect((await driver.get("u/local/img_ps/original-1.txt")).toString()).toBe("path");
    expect(new URL(await driver.url("u/local/img_ps/original-1.txt", { expiresInSeconds: 60, baseUrl: "" })).pathname).toBe(
      `/${s3.bucket}/u/local/img_ps/original-1.txt`,
    );
    await driver.delete("u/local/img_ps/original-1.txt");
  });
});

describe("S3Storage public (CDN) URLs", () => {
  const key = "u/local/img_1/preview-0a0b0c0d.webp";
  const base = { bucket: "images", region: "eu-west-1", credentials: { accessKeyId: "x", secretAccessKey: "y" } };

  it("are null without a CDN", () => {
    expect(new S3Storage(base).publicUrl(key)).toBeNull();
  });

  it("put the object key (prefix included) under CDN_URL", () => {
    expect(new S3Storage({ ...base, cdnUrl: "https://cdn.example.com/" }).publicUrl(key)).toBe(`https://cdn.example.com/${key}`);
    expect(new S3Storage({ ...base, prefix: "prod", cdnUrl: "https://cdn.example.com/studio" }).publicUrl(key)).toBe(
      `https://cdn.example.com/studio/prod/${key}`,
    );
  });

  it("follow Cloudflare's /cdn-cgi/image/<options>/<source> format", () => {
    // The CDN on the transforming zone itself: the source is a path on that zone.
    expect(new S3Storage({ ...base, cdnUrl: "https://img.example.com", cloudflareImageProxyDomain: "img.example.com" }).publicUrl(key)).toBe(
      `https://img.example.com/cdn-cgi/image/format=auto/${key}`,
    );
    // Another origin: the source is its absolute URL.
    expect(
      new S3Storage({ ...base, prefix: "p", cdnUrl: "https://pub-123.r2.dev", cloudflareImageProxyDomain: "https://img.example.com/" }).publicUrl(key),
    ).toBe(`https://img.example.com/cdn-cgi/image/format=auto/https://pub-123.r2.dev/p/${key}`);
    // No CDN_URL: the bucket itself is the origin (AWS virtual-hosted, or endpoint + bucket in path-style).
    expect(new S3Storage({ ...base, cloudflareImageProxyDomain: "img.example.com" }).publicUrl(key)).toBe(
      `https://img.example.com/cdn-cgi/image/format=auto/https://images.s3.eu-west-1.amazonaws.com/${key}`,
    );
    expect(
      new S3Storage({ ...base, endpoint: "https://acc.r2.cloudflarestorage.com", forcePathStyle: true, cloudflareImageProxyDomain: "img.example.com" }).publicUrl(key),
    ).toBe(`https://img.example.com/cdn-cgi/image/format=auto/https://acc.r2.cloudflarestorage.com/images/${key}`);
  });
});

describe("S3 configuration", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    resetEnvForTests();
    setStorageForTests(undefined);
  });

  it("maps the environment to driver options", () => {
    const options = s3OptionsFromEnv(
      parseEnv({
        STORAGE_DRIVER: "s3",
        S3_BUCKET: "b",
        S3_ENDPOINT: "http://minio:9000",
        S3_ACCESS_KEY_ID: "id",
        S3_SECRET_ACCESS_KEY: "secret",
        S3_FORCE_PATH_STYLE: "true",
        S3_PREFIX: "studio",
        S3_MULTIPART_THRESHOLD_MB: "8",
        CDN_URL: "https://cdn.example.com",
      }),
    );
    expect(options).toMatchObject({
      bucket: "b",
      region: "us-east-1",
      endpoint: "http://minio:9000",
      credentials: { accessKeyId: "id", secretAccessKey: "secret" },
      forcePathStyle: true,
      prefix: "studio",
      multipartThresholdBytes: 8 * MiB,
      cdnUrl: "https://cdn.example.com",
    });
    expect(s3OptionsFromEnv(parseEnv({ STORAGE_DRIVER: "s3", S3_BUCKET: "b" })).credentials).toBeUndefined();
  });

  it("refuses STORAGE_DRIVER=s3 without S3_BUCKET, or with half a key pair, naming the variable", () => {
    expect(() => s3OptionsFromEnv(parseEnv({ STORAGE_DRIVER: "s3" }))).toThrow(/STORAGE_DRIVER=s3 needs S3_BUCKET/);
    expect(() => s3OptionsFromEnv(parseEnv({ STORAGE_DRIVER: "s3", S3_BUCKET: "b", S3_ACCESS_KEY_ID: "id" }))).toThrow(/S3_SECRET_ACCESS_KEY/);
  });

  it("storage() picks the S3 driver from the environment, and fails clearly without a bucket", async () => {
    for (const [name, value] of Object.entries(s3.env({ S3_BUCKET: "" }))) vi.stubEnv(name, value);
    resetEnvForTests();
    setStorageForTests(undefined);
    expect(() => storage()).toThrow(/S3_BUCKET/);

    vi.stubEnv("S3_BUCKET", s3.bucket);
    vi.stubEnv("S3_PREFIX", "from-env");
    resetEnvForTests();
    const driver = storage();
    expect(driver).toBeInstanceOf(S3Storage);
    expect(driver.name).toBe("s3");
    await driver.put("u/local/env/original-1.txt", Buffer.from("env"), { contentType: "text/plain" });
    expect(await s3.listKeys("from-env/")).toEqual(["from-env/u/local/env/original-1.txt"]);
    await driver.delete("u/local/env/original-1.txt");
  });
});
