// GET /api/health: healthy with a working database and storage, 503 naming the failing check otherwise.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { env } from "@/lib/env";
import { setStorageForTests } from "@/lib/storage";
import { LocalDiskStorage } from "@/lib/storage/local";
import { send } from "../support/http";
import { storedFiles } from "../support/studio";

beforeEach(() => {
  vi.spyOn(process.stderr, "write").mockImplementation(() => true); // the failing checks are logged
});
afterEach(() => {
  setStorageForTests(undefined);
  vi.restoreAllMocks();
});

describe("GET /api/health", () => {
  it("answers 200 healthy with both checks ok, uncached, with a request id", async () => {
    const res = await send(health, "/api/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "healthy", service: "image-studio", checks: { database: "ok", storage: "ok", models: "ok" } });
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-request-id")).toMatch(/^req_[\w-]{6,}$/);
    expect(storedFiles()).toEqual([]); // the storage probe cleans up after itself
  });

  it("answers 503 unhealthy with checks.storage failing when the storage cannot be written", async () => {
    const real = new LocalDiskStorage(env().storageDir);
    setStorageForTests(
      Object.assign(Object.create(real) as LocalDiskStorage, {
        healthCheck: async () => {
          throw new Error("EACCES: permission denied");
        },
      }),
    );
    const res = await send(health, "/api/health");
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body).toEqual({ status: "unhealthy", service: "image-studio", checks: { database: "ok", storage: "failing", models: "ok" } });
    expect(JSON.stringify(body)).not.toContain("EACCES");
    expect(res.headers.get("x-request-id")).toMatch(/^req_/);
  });

  it("answers 503 (not a hang) when the storage check never finishes", async () => {
    const real = new LocalDiskStorage(env().storageDir);
    setStorageForTests(Object.assign(Object.create(real) as LocalDiskStorage, { healthCheck: () => new Promise<void>(() => {}) }));
    const started = Date.now();
    const res = await send(health, "/api/health");
    expect(res.status).toBe(503);
    expect((await res.json()).checks.storage).toBe("failing");
    expect(Date.now() - started).toBeLessThan(6000);
  });

  it("is healthy again once the storage recovers", async () => {
    setStorageForTests(undefined);
    expect((await send(health, "/api/health")).status).toBe(200);
  });
});
