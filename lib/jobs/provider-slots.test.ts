import { afterEach, describe, expect, it, vi } from "vitest";
import { ClusterSemaphore, closeProviderSemaphores, Semaphore } from "./provider-slots";

describe("Semaphore", () => {
  it("never runs more than its limit at once", async () => {
    const s = new Semaphore(2);
    let active = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 6 }, () =>
        s.run(async () => {
          peak = Math.max(peak, ++active);
          await new Promise((r) => setTimeout(r, 10));
          active--;
        }),
      ),
    );
    expect(peak).toBe(2);
  });
});

describe("provider slots of a process", () => {
  afterEach(() => closeProviderSemaphores());

  it("are one set per process, shared by every module graph (instrumentation, route handlers)", async () => {
    const first = await import("./provider-slots");
    vi.resetModules(); // a second module graph, as Next makes for route handlers beside instrumentation
    const second = await import("./provider-slots");
    expect(second).not.toBe(first);
    expect(second.providerSemaphore("openai")).toBe(first.providerSemaphore("openai"));
    await first.closeProviderSemaphores();
  });

  it("hold their PostgreSQL session on the current database: a changed URL replaces the session", () => {
    const holder = globalThis as unknown as { imageStudioAdvisoryLocks?: { url: string } };
    new ClusterSemaphore("openai", 2, "postgres://postgres@127.0.0.1:5432/one");
    expect(holder.imageStudioAdvisoryLocks?.url).toBe("postgres://postgres@127.0.0.1:5432/one");
    const same = holder.imageStudioAdvisoryLocks;
    new ClusterSemaphore("replicate", 2, "postgres://postgres@127.0.0.1:5432/one");
    expect(holder.imageStudioAdvisoryLocks).toBe(same);
    new ClusterSemaphore("openai", 2, "postgres://postgres@127.0.0.1:5432/two");
    expect(holder.imageStudioAdvisoryLocks?.url).toBe("postgres://postgres@127.0.0.1:5432/two");
    expect(holder.imageStudioAdvisoryLocks).not.toBe(same);
  });
});
