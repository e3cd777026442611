import "server-only";
import { createReadStream } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, rmdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { randomBytes } from "node:crypto";
import { AppError } from "@/lib/errors";
import { isSafeKey } from "./keys";
import { signedFilePath } from "./signing";
import type { SignedUrlOptions, StorageDriver, StoredObject } from "./types";

/** Files on local disk under one root directory; signed URLs are served by `/api/files/…`. */
export class LocalDiskStorage implements StorageDriver {
  readonly name = "local";

  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    if (!isSafeKey(key)) throw new AppError("invalid_request", "Invalid storage key");
    const full = path.resolve(this.root, key);
    if (!full.startsWith(path.resolve(this.root) + path.sep)) throw new AppError("invalid_request", "Invalid storage key");
    return full;
  }

  async put(key: string, body: Uint8Array, _options?: { contentType: string }): Promise<void> {
    const full = this.pathOf(key);
    await mkdir(path.dirname(full), { recursive: true });
    // Write then rename: a reader never sees half a file, a crash leaves only a temp file.
    const temp = `${full}.${randomBytes(6).toString("hex")}.tmp`;
    try {
      await writeFile(temp, body);
      await rename(temp, full);
    } catch (e) {
      await rm(temp, { force: true });
      throw e;
    }
  }

  async get(key: string): Promise<Buffer> {
    try {
      return await readFile(this.pathOf(key));
    } catch (e) {
      throw missing(e, key);
    }
  }

  async stream(key: string): Promise<{ body: ReadableStream<Uint8Array>; size: number }> {
    const full = this.pathOf(key);
    let size: number;
    try {
      size = (await stat(full)).size;
    } catch (e) {
      throw missing(e, key);
    }
    const body = Readable.toWeb(createReadStream(full)) as ReadableStream<Uint8Array>;
    return { body, size };
  }

  async delete(key: string): Promise<void> {
    const full = this.pathOf(key);
    await rm(full, { force: true });
    await removeEmptyParents(path.dirname(full), path.resolve(this.root));
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch {
      return false;
    }
  }

  /** Walks the tree under the root; a write's `.tmp` file (left by a crash mid-write) is listed like any file. */
  async *list(prefix = ""): AsyncIterable<StoredObject> {
    const root = path.resolve(this.root);
    // Start in the deepest folder the prefix names, so a listing of one image's files does not walk the tree.
    const folder = prefix.includes("/") ? prefix.slice(0, prefix.lastIndexOf("/")) : "";
    const start = folder ? path.resolve(root, folder) : root;
    if (start !== root && !start.startsWith(root + path.sep)) return;
    const pending = [start];
    while (pending.length) {
      const dir = pending.pop()!;
      const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
      for (const entry of entries) {
        const full = path.join(dir, entry.name);
        const key = path.relative(root, full).split(path.sep).join("/");
        if (entry.isDirectory()) {
          if ((key + "/").startsWith(prefix) || prefix.startsWith(key + "/")) pending.push(full);
        } else if (entry.isFile() && key.startsWith(prefix)) {
          const info = await stat(full).catch(() => null);
          if (info) yield { key, modifiedAt: info.mtime };
        }
      }
    }
  }

  async url(key: string, options: SignedUrlOptions): Promise<string> {
    this.pathOf(key);
    const expires = Math.floor(Date.now() / 1000) + options.expiresInSeconds;
    return options.baseUrl + signedFilePath({ key, expires, contentType: options.contentType, downloadName: options.downloadName });
  }

  async healthCheck(): Promise<void> {
    const key = `health/${randomBytes(6).toString("hex")}`;
    await this.put(key, Buffer.from("ok"));
    const back = await this.get(key);
    await this.delete(key);
    if (back.toString() !== "ok") throw new Error("storage read back different bytes");
  }
}

function missing(e: unknown, key: string): unknown {
  if ((e as NodeJS.ErrnoException)?.code === "ENOENT") {
    return new AppError("not_found", "File not found", { details: { key } });
  }
  return e;
}

/** Keeps the tree tidy: per-image folders disappear with their last file. */
async function removeEmptyParents(dir: string, root: string): Promise<void> {
  let current = dir;
  while (current.startsWith(root + path.sep)) {
    try {
      await rmdir(current);
    } catch {
      return; // not empty (or already gone): stop climbing
    }
    current = path.dirname(current);
  }
}
