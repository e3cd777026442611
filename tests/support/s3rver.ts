/**
 * A real S3-compatible server for tests: s3rver on a random free port over a temporary directory, one bucket,
 * no logging. Plain Node and the AWS SDK only (no app imports), so Vitest and Playwright specs can share it.
 *
 *   const s3 = await startS3rver();
 *   const driver = new S3Storage(s3.storageOptions({ prefix: "t1" }));
 *   …
 *   await s3.stop();
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";

interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverClass = new (options: {
  address?: string;
  port?: number;
  silent?: boolean;
  directory: string;
  resetOnClose?: boolean;
  configureBuckets?: { name: string; configs?: (string | Buffer)[] }[];
}) => S3rverInstance;

// s3rver is CommonJS without type declarations.
const S3rver = createRequire(import.meta.url)("s3rver") as S3rverClass;

/** s3rver accepts only its built-in account's signatures. */
export const s3rverCredentials = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } as const;

export interface TestS3Server {
  /** http://127.0.0.1:<port> */
  endpoint: string;
  bucket: string;
  /** s3rver's data directory (objects are files under `<directory>/<bucket>/`). */
  directory: string;
  /** A plain SDK client on the server (path-style, checksums only when required), for assertions. */
  client: S3Client;
  /** Options for `new S3Storage(…)` on this server and bucket. */
  storageOptions<T extends object>(extra?: T): {
    bucket: string;
    region: string;
    endpoint: string;
    credentials: { accessKeyId: string; secretAccessKey: string };
    forcePathStyle: true;
  } & T;
  /** Environment variables for STORAGE_DRIVER=s3 on this server (to assign to process.env, then reset env). */
  env(extra?: Record<string, string>): Record<string, string>;
  /** Every object key in the bucket under a prefix, sorted (ListObjectsV2, all pages). */
  listKeys(prefix?: string): Promise<string[]>;
  /** The bytes s3rver wrote to disk for an object key (bucket key, prefix included), or null when absent. */
  storedBytes(objectKey: string): Buffer | null;
  /** Stops the server and removes its directory. */
  stop(): Promise<void>;
}

export async function startS3rver(options: { bucket?: string } = {}): Promise<TestS3Server> {
  const bucket = options.bucket ?? "test-bucket";
  const directory = mkdtempSync(path.join(os.tmpdir(), "s3rver-"));
  const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({
    region: "us-east-1",
    endpoint,
    credentials: s3rverCredentials,
    forcePathStyle: true,
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });

  return {
    endpoint,
    bucket,
    directory,
    client,
    storageOptions: <T extends object>(extra?: T) => ({
      bucket,
      region: "us-east-1",
      endpoint,
      credentials: { ...s3rverCredentials },
      forcePathStyle: true as const,
      ...(extra as T),
    }),
    env: (extra = {}) => ({
      STORAGE_DRIVER: "s3",
      S3_BUCKET: bucket,
      S3_REGION: "us-east-1",
      S3_ENDPOINT: endpoint,
      S3_ACCESS_KEY_ID: s3rverCredentials.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3rverCredentials.secretAccessKey,
      S3_FORCE_PATH_STYLE: "true",
      ...extra,
    }),
    async listKeys(prefix = "") {
      const keys: string[] = [];
      let ContinuationToken: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix || undefined, ContinuationToken }));
        keys.push(...(page.Contents ?? []).map((o) => o.Key!));
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
      return keys.sort();
    },
    storedBytes(objectKey) {
      const parts = objectKey.split("/");
      const file = path.join(directory, bucket, ...parts.slice(0, -1), `${parts.at(-1)}._S3rver_object`);
      return existsSync(file) ? readFileSync(file) : null;
    },
    async stop() {
      client.destroy();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
