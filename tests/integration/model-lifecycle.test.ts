// The model life cycle end to end, on the real database: a retired model named by a request is served by its
// successor with the migration in the job and the images' provenance (or refused with 422 model_retired when
// MODEL_AUTO_UPGRADE=false); a retirement a provider reports is stored for every instance; shutdown dates retire
// models on their day; /api/health and GET /api/v1/providers say what they know. The models here are the offline
// renderer's, added through MODEL_CATALOG exactly as an operator would (no code), so every path runs for real.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { POST as generate } from "@/app/api/v1/generations/route";
import { GET as listProviders } from "@/app/api/v1/providers/route";
import { resetEnvForTests } from "@/lib/env";
import { clearObservations } from "@/lib/providers/lifecycle/repository";
import { recordObservation, resetLifecycleSnapshotForTests } from "@/lib/providers/lifecycle/state";
import { LocalProvider } from "@/lib/providers/local";
import { providers, setProvidersForTests } from "@/lib/providers/registry";
import { expectError, send } from "../support/http";

const range = { kind: "range", min: 64, max: 2048, multipleOf: 8 };
const caps = { generate: true, edit: true, variations: true, seed: true, maxImages: 8, sizes: range };
const catalog = [
  { provider: "local", id: "local-v0", label: "Local renderer (2025)", costPerImageUsd: 0, capabilities: caps, lifecycle: { status: "retired", shutdownDate: "2026-06-01", successor: "local-v1" } },
  { provider: "local", id: "local-beta", label: "Local renderer beta", costPerImageUsd: 0, capabilities: caps },
  { provider: "local", id: "local-sunset", label: "Local renderer (sunset)", costPerImageUsd: 0, capabilities: caps, lifecycle: { status: "deprecated", shutdownDate: "2026-11-30", successor: "local-v1" } },
  { provider: "local", id: "local-next", label: "Local renderer (next)", costPerImageUsd: 0, capabilities: caps, lifecycle: { status: "deprecated", shutdownDate: "2099-01-01", successor: "local-v1" } },
];

function configure(extra: Record<string, string> = {}) {
  for (const key of ["MODEL_AUTO_UPGRADE", "DEFAULT_PROVIDER"]) delete process.env[key];
  Object.assign(process.env, { MODEL_CATALOG: JSON.stringify(catalog), RATE_LIMIT_PER_MINUTE: "1000", MODEL_WATCH_INTERVAL_MINUTES: "0", ...extra });
  resetEnvForTests();
  setProvidersForTests([new LocalProvider()]);
}

beforeEach(async () => {
  await clearObservations();
  resetLifecycleSnapshotForTests();
  configure();
});
afterAll(() => {
  delete process.env.MODEL_CATALOG;
  resetEnvForTests();
});

type Job = { status: string; model: string; modelMigration: Record<string, unknown> | null; images: Array<{ model: string; params: { modelMigration?: unknown } }> };
const generateWith = async (body: Record<string, unknown>) => send(generate, "/api/v1/generations?wait=true", { json: { prompt: "a paper boat on a pond", width: 128, height: 128, ...body } });
const modelsOf = async () => {
  const list = (await (await send(listProviders, "/api/v1/providers")).json()) as Array<{ id: string; healthy: boolean; warnings: string[]; defaultModel: string; models: Array<{ id: string; default: boolean; lifecycle: Record<string, unknown> }> }>;
  return list.find((p) => p.id === "local")!;
};

describe("a request naming a retired model", () => {
  it("is served by the successor, and the job and images say so", async () => {
    const res = await generateWith({ model: "local-v0", n: 2 });
    expect(res.status).toBe(201);
    const job = (await res.json()) as Job;
    const migration = { provider: "local", requested: "local-v0", served: "local-v1", reason: "retired", retiredOn: "2026-06-01" };
    expect(job).toMatchObject({ status: "succeeded", model: "local-v1", modelMigration: migration });
    expect(job.images).toHaveLength(2);
    for (const image of job.images) expect(image).toMatchObject({ model: "local-v1", params: { modelMigration: migration } });
  });

  it("is refused with 422 model_retired naming the successor when MODEL_AUTO_UPGRADE=false", async () => {
    configure({ MODEL_AUTO_UPGRADE: "false" });
    const error = await expectError(await generateWith({ provider: "local", model: "local-v0" }), 422, "model_retired");
    expect(error.message).toBe("Local renderer retired local-v0 on 2026-06-01; use local-v1 instead.");
    expect(error.details).toEqual({ provider: "local", model: "local-v0", shutdownDate: "2026-06-01", successor: "local-v1" });
  });

  it("is retired on its shutdown day even when the catalog still says deprecated", async () => {
    const job = (await (await generateWith({ model: "local-sunset" })).json()) as Job;
    expect(job).toMatchObject({ model: "local-v1", modelMigration: { requested: "local-sunset", retiredOn: "2026-11-30" } });
    const next = (await (await generateWith({ model: "local-next" })).json()) as Job;
    expect(next).toMatchObject({ status: "succeeded", model: "local-next", modelMigration: null });
    const listed = await modelsOf();
    expect(listed.models.find((m) => m.id === "local-sunset")!.lifecycle).toMatchObject({ status: "retired", shutdownDate: "2026-11-30", successor: "local-v1", source: "date" });
    expect(listed.models.find((m) => m.id === "local-next")!.lifecycle).toMatchObject({ status: "deprecated", shutdownDate: "2099-01-01", successor: "local-v1", source: "catalog" });
  });
});

describe("a retirement the provider reports", () => {
  it("is stored for every instance, listed, and migrates requests to the provider's default", async () => {
    expect((await generateWith({ model: "local-beta" })).status).toBe(201);
    await recordObservation("local", { model: "local-beta", status: "retired", source: "not-found", message: "model local-beta does not exist" }, providers()[0].models);
    // Another instance: nothing in memory, the database has it.
    resetLifecycleSnapshotForTests();
    const listed = await modelsOf();
    expect(listed.models.find((m) => m.id === "local-beta")!.lifecycle).toMatchObject({ status: "retired", successor: "local-v1", source: "not-found", message: "model local-beta does not exist" });
    const job = (await (await generateWith({ model: "local-beta" })).json()) as Job;
    expect(job).toMatchObject({ status: "succeeded", model: "local-v1", modelMigration: { requested: "local-beta", served: "local-v1" } });
    expect(job.modelMigration).not.toHaveProperty("retiredOn");
  });

  it("of the default model is a health warning, and unhealthy when nothing serves it", async () => {
    const withDefault = [...catalog.slice(0, 1), { ...catalog[1], default: true }, ...catalog.slice(2)];
    configure({ MODEL_CATALOG: JSON.stringify(withDefault), DEFAULT_PROVIDER: "local" });
    let report = (await (await send(health, "/api/health")).json()) as { status: string; checks: Record<string, string>; warnings?: string[] };
    expect(report).toMatchObject({ status: "healthy", checks: { models: "ok" } });
    expect(report.warnings).toBeUndefined();

    await recordObservation("local", { model: "local-beta", status: "retired", source: "not-found" }, providers()[0].models);
    report = (await (await send(health, "/api/health")).json()) as typeof report;
    expect(report).toMatchObject({ status: "healthy", checks: { models: "warning" }, warnings: ["Local renderer's default model local-beta was retired: requests are served by local-v1."] });
    expect(await modelsOf()).toMatchObject({ healthy: true, defaultModel: "local-v1", warnings: [expect.stringContaining("served by local-v1")] });
    // No model named: the retired default is migrated too, and the provenance says so.
    const job = (await (await generateWith({})).json()) as Job;
    expect(job).toMatchObject({ model: "local-v1", modelMigration: { requested: "local-beta", served: "local-v1" } });

    configure({ MODEL_CATALOG: JSON.stringify(withDefault), DEFAULT_PROVIDER: "local", MODEL_AUTO_UPGRADE: "false" });
    const res = await send(health, "/api/health");
    expect(res.status).toBe(200);
    report = (await res.json()) as typeof report;
    expect(report).toMatchObject({ status: "degraded", checks: { database: "ok", storage: "ok", models: "failing" } });
    expect(report.warnings![0]).toContain("requests are refused (MODEL_AUTO_UPGRADE=false); set it to local-v1");
    expect(await modelsOf()).toMatchObject({ healthy: false });
    await expectError(await generateWith({}), 422, "model_retired");
  });
});
