import "server-only";
import { env } from "@/lib/env";
import { LocalDiskStorage } from "./local";
import { S3Storage, s3OptionsFromEnv } from "./s3";
import type { StorageDriver } from "./types";

export type { StorageDriver, SignedUrlOptions, StoredObject } from "./types";

let driver: StorageDriver | undefined;

/**
 * The configured storage driver (one per process): STORAGE_DRIVER=local (files under STORAGE_DIR) or s3 (an
 * S3-compatible bucket). An incomplete S3 configuration throws here with a sentence naming the variable.
 */
export function storage(): StorageDriver {
  if (driver) return driver;
  const config = env();
  driver = config.STORAGE_DRIVER === "s3" ? new S3Storage(s3OptionsFromEnv(config)) : new LocalDiskStorage(config.storageDir);
  return driver;
}

/** Tests swap the driver (e.g. one that fails on purpose, or an S3Storage on a test server); undefined → from env again. */
export function setStorageForTests(next: StorageDriver | undefined): void {
  driver = next;
}
