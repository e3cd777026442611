import { mkdtempSync, readdirSync, rmSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { imageFileKey, isSafeKey } from "./keys";
import { LocalDiskStorage } from "./local";
import { signedFilePath, verifyFileSignature } from "./signing";

let root: string;
let dataDir: string;
beforeAll(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "storage-test-"));
  process.env.DATA_DIR = dataDir; // the instance secret lives here
  root = path.join(dataDir, "storage");
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("storage keys", () => {
  it("are generated per owner and image, unique per write", () => {
    const a = imageFileKey({ ownerId: "local", imageId: "img_1", variant: "original", extension: "png" });
    const b = imageFileKey({ ownerId: "local", imageId: "img_1", variant: "original", extension: "png" });
    expect(a).toMatch(/^u\/local\/img_1\/original-[0-9a-f]{8}\.png$/);
    expect(a).not.toBe(b);
  });

  it("refuse traversal and odd characters", () => {
    for (const bad of ["../etc/passwd", "/abs", "a/../b", "a//b", "a\\b", "a b", ""]) expect(isSafeKey(bad)).toBe(false);
    expect(isSafeKey("u/local/img_1/thumbnail-00ff00ff.webp")).toBe(true);
  });
});

describe("LocalDiskStorage", () => {
  it("puts, gets, streams, checks and deletes, tidying empty folders", async () => {
    const s = new LocalDiskStorage(root);
    const key = "u/local/img_x/original-1.bin";
    await s.put(key, Buffer.from("hello"), { contentType: "application/octet-stream" });
    expect(await s.exists(key)).toBe(true);
    expect((await s.get(key)).toString()).toBe("hello");
    const { body, size } = await s.stream(key);
    expect(size).toBe(5);
    expect(Buffer.from(await new Response(body).arrayBuffer()).toString()).toBe("hello");
    expect(readdirSync(path.join(root, "u/local/img_x")).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    await s.delete(key);
    expect(await s.exists(key)).toBe(false);
    expect(existsSync(path.join(root, "u/local/img_x"))).toBe(false);
    await s.delete(key); // idempotent
  });

  it("reports a missing key as not_found and refuses unsafe keys", async () => {
    const s = new LocalDiskStorage(root);
    await expect(s.get("u/none/missing.png")).rejects.toMatchObject({ code: "not_found" });
    await expect(s.stream("u/none/missing.png")).rejects.toBeInstanceOf(AppError);
    await expect(s.put("../escape", Buffer.from("x"), { contentType: "text/plain" })).rejects.toMatchObject({ code: "invalid_request" });
  });

  it("makes signed links that verify, and refuses tampered or expired ones", async () => {
    const s = new LocalDiskStorage(root);
    const url = new URL(await s.url("u/local/a.png", { expiresInSeconds: 60, baseUrl: "http://x.test", contentType: "image/png" }));
    expect(url.pathname).toBe("/api/files/u/local/a.png");
    const params = {
      key: "u/local/a.png",
      expires: Number(url.searchParams.get("expires")),
      contentType: url.searchParams.get("type") ?? undefined,
    };
    const signature = url.searchParams.get("signature")!;
    expect(verifyFileSignature(params, signature)).toBe("ok");
    expect(verifyFileSignature({ ...params, key: "u/local/b.png" }, signature)).toBe("invalid");
    expect(verifyFileSignature({ ...params, contentType: "text/html" }, signature)).toBe("invalid");
    expect(verifyFileSignature(params, signature.slice(0, -2) + "AA")).toBe("invalid");
    expect(verifyFileSignature(params, signature, (params.expires + 1) * 1000)).toBe("expired");
    expect(signedFilePath({ key: "k", expires: 1 })).toMatch(/^\/api\/files\/k\?expires=1&signature=/);
  });

  it("passes its health check", async () => {
    await expect(new LocalDiskStorage(root).healthCheck()).resolves.toBeUndefined();
  });
});

describe("local storage listing", () => {
  it("lists the files under a prefix with their modification times, and nothing outside the root", async () => {
    const disk = new LocalDiskStorage(path.join(dataDir, "listing"));
    const keys = ["u/a/img_1/original-1.png", "u/a/img_1/preview-1.webp", "u/a/img_2/original-2.png", "u/b/img_3/original-3.png", "health/x"];
    for (const key of keys) await disk.put(key, Buffer.from(key), { contentType: "text/plain" });
    const list = async (prefix?: string) => {
      const found: string[] = [];
      for await (const object of disk.list(prefix)) {
        expect(object.modifiedAt.getTime()).toBeGreaterThan(0);
        found.push(object.key);
      }
      return found.sort();
    };
    expect(await list()).toEqual([...keys].sort());
    expect(await list("u/")).toEqual(keys.slice(0, 4).sort());
    expect(await list("u/a/img_1/")).toEqual(keys.slice(0, 2));
    expect(await list("u/a/img_1/prev")).toEqual(["u/a/img_1/preview-1.webp"]);
    expect(await list("u/a/img")).toEqual(keys.slice(0, 3));
    expect(await list("nothing/")).toEqual([]);
    expect(await list("../")).toEqual([]);
  });
});
