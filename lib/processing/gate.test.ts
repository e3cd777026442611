import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { ProcessingGate } from "./gate";

/** A run the test finishes by hand. */
function held() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { finish, work: () => done };
}

describe("processing gate", () => {
  it("runs up to its slots, queues in arrival order, refuses beyond the queue with busy + Retry-After", async () => {
    const gate = new ProcessingGate(2, 2);
    const order: string[] = [];
    const runs = ["a", "b", "c", "d"].map((name) => {
      const h = held();
      const result = gate.run(async () => {
        order.push(`start ${name}`);
        await h.work();
        order.push(`end ${name}`);
        return name;
      });
      return { ...h, result };
    });
    await Promise.resolve();
    expect(gate.state).toEqual({ active: 2, waiting: 2, slots: 2, queue: 2 });
    expect(order).toEqual(["start a", "start b"]);

    const refused = await gate.run(async () => "e").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe("busy");
    expect((refused as AppError).status).toBe(503);
    expect((refused as AppError).retryAfter).toBeGreaterThanOrEqual(1);
    expect((refused as AppError).message).toMatch(/2 running, 2 waiting; PROCESSING_CONCURRENCY=2, PROCESSING_QUEUE=2/);

    runs[1].finish();
    await runs[1].result;
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual(["start a", "start b", "end b", "start c"]);
    expect(gate.state).toMatchObject({ active: 2, waiting: 1 });

    for (const r of runs) r.finish();
    expect(await Promise.all(runs.map((r) => r.result))).toEqual(["a", "b", "c", "d"]);
    expect(gate.state).toMatchObject({ active: 0, waiting: 0 });
    expect(await gate.run(async () => "after")).toBe("after");
  });

  it("frees its slot when a run fails", async () => {
    const gate = new ProcessingGate(1, 0);
    await expect(gate.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(gate.state).toMatchObject({ active: 0, waiting: 0 });
    expect(await gate.run(async () => 1)).toBe(1);
  });
});
