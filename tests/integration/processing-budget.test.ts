// Issue 13 item 2: a processing request over the budget is refused up front, and heavy requests that are
// allowed take at most PROCESSING_CONCURRENCY slots, wait in a short queue or are told to come back, while a
// small request (the light lane) and /api/health answer meanwhile.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { GET as exportRoute } from "@/app/api/v1/images/[id]/export/route";
import { POST as processRoute } from "@/app/api/v1/images/[id]/process/route";
import { POST as resize } from "@/app/api/v1/images/[id]/resize/route";
import { resetEnvForTests } from "@/lib/env";
import type { ImageDto } from "@/lib/images";
import { processingGates } from "@/lib/images/processing-limits";
import type { GateState } from "@/lib/processing/gate";
import { expectError, expectJson, send } from "../support/http";
import { quadrants, red, green, blue, white } from "../support/images";
import { ensureLocalUser, snapshot, upload } from "../support/studio";

let source: ImageDto; // 64×48, the size of the picture

const blur = (radius: number) => ({ op: "filter", type: "blur", params: { radius } });
const process = (body: unknown) => send(processRoute, `/api/v1/images/${source.id}/process`, { json: body, params: { id: source.id } });

beforeAll(async () => {
  Object.assign(globalThis.process.env, { PROCESSING_CONCURRENCY: "1", PROCESSING_QUEUE: "1" });
  resetEnvForTests();
  await ensureLocalUser();
  source = await upload(await quadrants(64, 48, [red, green, blue, white]), { name: "small.png" });
});
afterAll(() => {
  delete globalThis.process.env.PROCESSING_CONCURRENCY;
  delete globalThis.process.env.PROCESSING_QUEUE;
  resetEnvForTests();
});

describe("processing budget", () => {
  it("refuses the issue's request (resize to 7000×7000 + 19 blurs of radius 100) up front with 400 naming the limit, storing nothing", async () => {
    const before = await snapshot();
    const heavy = { operations: [{ op: "resize", width: 7000, height: 7000, maintainAspectRatio: false }, ...Array(19).fill(blur(100))] };
    const byCount = await expectError(await process(heavy), 400, "invalid_request");
    expect(byCount.message).toBe("The request has 20 operations, over the limit of 10 (MAX_PROCESS_OPERATIONS).");

    const tenSteps = { operations: heavy.operations.slice(0, 10) };
    const byWork = await expectError(await process(tenSteps), 400, "invalid_request");
    expect(byWork.message).toMatch(/over the limit of 40,000 million \(MAX_PROCESS_WORK\)/);
    expect(byWork.details).toMatchObject({ limit: "MAX_PROCESS_WORK", value: 40_000 });

    const big = await expectError(await send(resize, `/api/v1/images/${source.id}/resize`, { json: { width: 9000, height: 9000, maintainAspectRatio: false }, params: { id: source.id } }), 400, "invalid_request");
    expect(big.message).toBe("The result would be 9000×9000 (81 MP), over the output limit of 50 MP (MAX_OUTPUT_MEGAPIXELS).");
    expect(await snapshot()).toEqual(before);
    // Refused before a slot was taken.
    expect(processingGates().heavy.state).toMatchObject({ active: 0, waiting: 0 });
    expect(processingGates().light.state).toMatchObject({ active: 0, waiting: 0 });
  });

  it("with the heavy slot taken and its queue full, another heavy request gets 503 + Retry-After, a small one and health answer", async () => {
    const { heavy: gate, light } = processingGates();
    expect(gate.state).toEqual({ active: 0, waiting: 0, slots: 1, queue: 1 });
    const events: { event: string; heavy: GateState }[] = [];
    const note = (event: string) => events.push({ event, heavy: gate.state });

    // Heavy but within budget: 1500×1500 and four blurs of radius 50 (≈ 3,300 million pixel·taps).
    const heavyBody = { operations: [{ op: "resize", width: 1500, height: 1500, maintainAspectRatio: false }, ...Array(4).fill(blur(50))], format: "png" };
    const first = process(heavyBody).then((res) => (note(`first ${res.status}`), res));
    await vi.waitFor(() => expect(gate.state.active).toBe(1), { timeout: 5_000, interval: 2 });
    const second = process(heavyBody).then((res) => (note(`second ${res.status}`), res));
    await vi.waitFor(() => expect(gate.state.waiting).toBe(1), { timeout: 5_000, interval: 2 });

    // The heavy slot and its queue are full: a third heavy request is refused at once.
    const refused = await process(heavyBody);
    note(`third ${refused.status}`);
    const retryAfter = Number(refused.headers.get("retry-after"));
    const busy = await expectError(refused, 503, "busy");
    expect(busy.message).toMatch(/1 running, 1 waiting; PROCESSING_CONCURRENCY=1, PROCESSING_QUEUE=1\): try again in \d+ s\./);
    expect(retryAfter).toBeGreaterThanOrEqual(1);

    // A small resize and an export take the light lane; health takes none.
    const small = await send(resize, `/api/v1/images/${source.id}/resize`, { json: { width: 32 }, params: { id: source.id } });
    note(`small ${small.status}`);
    const exported = await send(exportRoute, `/api/v1/images/${source.id}/export?format=webp`, { params: { id: source.id } });
    note(`export ${exported.status}`);
    const healthRes = await send(health, "/api/health");
    note(`health ${healthRes.status}`);

    await Promise.all([first, second]);
    // Each answered while the first heavy request still held the slot and the second waited for it.
    const busyState = { active: 1, waiting: 1, slots: 1, queue: 1 };
    expect(events).toEqual([
      { event: "third 503", heavy: busyState },
      { event: "small 201", heavy: busyState },
      { event: "export 200", heavy: busyState },
      { event: "health 200", heavy: busyState },
      { event: "first 201", heavy: expect.anything() },
      { event: "second 201", heavy: expect.anything() },
    ]);
    const out = await expectJson<ImageDto>(small, 201);
    expect([out.width, out.height]).toEqual([32, 24]);
    expect(gate.state).toMatchObject({ active: 0, waiting: 0 });
    expect(light.state).toMatchObject({ active: 0, waiting: 0 });
  });
});
