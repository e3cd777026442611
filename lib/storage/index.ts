import "server-only";
import { env } from "@/lib/env";
import { LocalDiskStorage } from "./local";
import type { StorageDriver } from "./types";

export type { StorageDriver, SignedUrlOptions } from "./types";

let driver: StorageDriver | undefined;

/** The configured storage driver (one per process). */
export function storage(): StorageDriver {
  if (driver) return driver;
  const config = env();
  if (config.STORAGE_DRIVER === "s3") {
    throw new Error("STORAGE_DRIVER=s3 is not available in this version yet: use STORAGE_DRIVER=local.");
  }
  driver = new LocalDiskStorage(config.storageDir);
  return driver;
}

/** Tests swap the driver (e.g. one that fails on purpose). */
export function setStorageForTests(next: StorageDriver | undefined): void {
  driver = next;
}
