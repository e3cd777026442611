// The finishing tools as jobs served by remote providers (issue 16): the real adapters and SDKs against the local
// fakes of OpenAI, Google, Ideogram and Replicate (tests/fakes/*, each speaking its documented API as of December
// 2026 — the adapter tests name the documents). What the job adds on top of the adapters: who is chosen, what is
// charged, the original's pixels pasted back over an expand, and the text calls' billing.
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as describeRoute } from "@/app/api/v1/images/[id]/describe/route";
import { POST as expandRoute } from "@/app/api/v1/images/[id]/expand/route";
import { POST as removeBackground } from "@/app/api/v1/images/[id]/remove-background/route";
import { POST as upscaleRoute } from "@/app/api/v1/images/[id]/upscale/route";
import { POST as enhance } from "@/app/api/v1/prompts/enhance/route";
import { db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { catalogModels } from "@/lib/providers/catalog";
import { GoogleProvider } from "@/lib/providers/google";
import { IdeogramProvider } from "@/lib/providers/ideogram";
import { LocalProvider } from "@/lib/providers/local";
import { OpenAIProvider } from "@/lib/providers/openai";
import { setProvidersForTests } from "@/lib/providers/registry";
import { ReplicateProvider } from "@/lib/providers/replicate";
import type { ImageProvider } from "@/lib/providers/types";
import { storage } from "@/lib/storage";
import { startFakeGoogle, type FakeGoogle } from "../fakes/google";
import { ideogramModels, startFakeIdeogram, type FakeIdeogram } from "../fakes/ideogram";
import { openAIModels, startFakeOpenAI, type FakeOpenAI } from "../fakes/openai";
import { replicateModels, startFakeReplicate, type FakeReplicate } from "../fakes/replicate";
import { expectError, expectJson, send } from "../support/http";
import { drawRaw } from "../support/images";
import { ensureLocalUser, snapshot, upload } from "../support/studio";

let openai: FakeOpenAI;
let replicate: FakeReplicate;
let ideogram: FakeIdeogram;
let google: FakeGoogle;

type Image = { id: string; kind: string; width: number; height: number; hasAlpha: boolean; provider: string; model: string; parentId: string | null; operation: { type: string; params: Record<string, unknown> } | null; costUsd: number | null };
type Job = { id: string; status: string; provider: string; model: string; images: Image[]; error: { message: string } | null; costUsd: number };

const local = () => new LocalProvider();
const openAI = () => new OpenAIProvider({ apiKey: "sk-test", baseUrl: openai.baseUrl, models: openAIModels() });
const replicateProvider = () => new ReplicateProvider({ apiToken: replicate.token, baseUrl: replicate.baseUrl, models: replicateModels(), pollIntervalMs: 20 });
const ideogramProvider = () => new IdeogramProvider({ apiKey: ideogram.apiKey, baseUrl: ideogram.url, models: ideogramModels() });
const gemini = () => new GoogleProvider({ apiKey: google.apiKey, baseUrl: google.url, models: catalogModels("google") });
const only = (...remote: ImageProvider[]) => setProvidersForTests([local(), ...remote]);

beforeAll(async () => {
  [openai, replicate, ideogram, google] = await Promise.all([startFakeOpenAI(), startFakeReplicate({ processingPolls: 1 }), startFakeIdeogram(), startFakeGoogle()]);
  // Result URLs are fetched only from the providers' own hosts: here, the fakes'.
  Object.assign(process.env, { OPENAI_BASE_URL: openai.baseUrl, REPLICATE_BASE_URL: replicate.baseUrl, IDEOGRAM_BASE_URL: ideogram.url, GOOGLE_GENAI_BASE_URL: google.url });
  await ensureLocalUser();
});
afterAll(async () => {
  await Promise.all([openai.close(), replicate.close(), ideogram.close(), google.close()]);
});
beforeEach(() => {
  Object.assign(process.env, { ALLOW_PRIVATE_PROVIDER_URLS: "true", PROVIDER_TIMEOUT_SECONDS: "10", PROVIDER_MAX_RETRIES: "1", DAILY_BUDGET_USD: "5", RATE_LIMIT_PER_MINUTE: "1000", PROVIDER_FALLBACK_ORDER: "", DEFAULT_PROVIDER: "" });
  resetEnvForTests();
});

const at = (id: string, op: string) => `/api/v1/images/${id}/${op}?wait=true`;
const succeeded = async (res: Response) => {
  const job = await expectJson<Job>(res, 201);
  expect(job.status, JSON.stringify(job.error)).toBe("succeeded");
  return job;
};
/** A 256×192 product shot: a shaded disc on a light backdrop. */
const productShot = () =>
  drawRaw(256, 192, (x, y) => {
    const d = Math.hypot(x - 128, y - 96);
    return d < 60 ? [210 - d, 70, 50] : [240, 240, 236];
  }).png().toBuffer();
const rawOf = async (id: string) => {
  const row = await db().image.findUniqueOrThrow({ where: { id } });
  return sharp(await storage().get(row.storageKey)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
};

describe("upscale with mode provider", () => {
  it("Ideogram's upscaler serves ×2 and the call is charged", async () => {
    only(ideogramProvider());
    const source = await upload(await productShot());
    const job = await succeeded(await send(upscaleRoute, at(source.id, "upscale"), { json: { factor: 2, mode: "provider" }, params: { id: source.id } }));
    expect([job.provider, job.model]).toEqual(["ideogram", "ideogram-upscale"]);
    const [result] = job.images;
    expect([result.width, result.height]).toEqual([512, 384]);
    expect(result.operation).toEqual({ type: "upscale", params: { factor: 2, mode: "provider", kind: "ai" } });
    expect(result.kind).toBe("generated"); // an AI upscaler's picture
    expect(job.costUsd).toBeGreaterThan(0);
  });

  it("×4 goes to a model that makes ×4 (Replicate's upscaler), never to Ideogram's ×2", async () => {
    only(ideogramProvider(), replicateProvider());
    const source = await upload(await productShot());
    const job = await succeeded(await send(upscaleRoute, at(source.id, "upscale"), { json: { factor: 4, mode: "provider" }, params: { id: source.id } }));
    expect(job.provider).toBe("replicate");
    expect([job.images[0].width, job.images[0].height]).toEqual([1024, 768]);
  });

  it("a budget that cannot cover the call refuses it before any job", async () => {
    only(ideogramProvider());
    Object.assign(process.env, { DAILY_BUDGET_USD: "0.001" });
    resetEnvForTests();
    const source = await upload(await productShot());
    const before = await snapshot();
    await expectError(await send(upscaleRoute, at(source.id, "upscale"), { json: { factor: 2, mode: "provider" }, params: { id: source.id } }), 429, "budget_exceeded");
    expect(await snapshot()).toEqual(before);
  });
});

describe("remove background", () => {
  it.each([
    ["OpenAI (an edit with a transparent background)", () => only(openAI()), "openai"],
    ["Replicate's background-removal model", () => only(replicateProvider()), "replicate"],
    ["Ideogram's remove-background", () => only(ideogramProvider()), "ideogram"],
  ])("%s answers a cut-out with transparency", async (_name, setup, provider) => {
    setup();
    const source = await upload(await productShot());
    const job = await succeeded(await send(removeBackground, at(source.id, "remove-background"), { json: { provider }, params: { id: source.id } }));
    const [result] = job.images;
    expect(result.provider).toBe(provider);
    expect(result.hasAlpha).toBe(true);
    const { data, info } = await rawOf(result.id);
    let transparent = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] < 255) transparent++;
    expect(transparent / (info.width * info.height)).toBeGreaterThan(0.01);
  });
});

describe("expand", () => {
  it.each([
    ["OpenAI (a mask edit)", () => only(openAI()), "openai"],
    ["Gemini (an instruction edit)", () => only(gemini()), "google"],
    ["FLUX.2 (the canvas as input image)", () => only(replicateProvider()), "replicate"],
  ])("%s fills the new area and the original's pixels stay exactly", async (_name, setup, provider) => {
    setup();
    const source = await upload(await productShot());
    const job = await succeeded(await send(expandRoute, at(source.id, "expand"), { json: { left: 64, right: 64, provider, prompt: "a wooden table" }, params: { id: source.id } }));
    const [result] = job.images;
    expect(result.provider).toBe(provider);
    expect([result.width, result.height]).toEqual([384, 192]);
    const original = await rawOf(source.id);
    const grown = await rawOf(result.id);
    let differing = 0;
    for (let y = 0; y < 192; y++) {
      for (let x = 0; x < 256; x++) {
        const o = (y * 256 + x) * 4;
        const g = (y * 384 + x + 64) * 4;
        for (let c = 0; c < 4; c++) if (grown.data[g + c] !== original.data[o + c]) differing++;
      }
    }
    expect(differing).toBe(0);
    expect(grown.data[(96 * 384 + 10) * 4 + 3]).toBe(255); // the new area is filled, opaque
  });
});

describe("describe and enhance with providers", () => {
  it("Gemini describes a picture as a prompt; the call is in the ledger", async () => {
    only(gemini());
    const source = await upload(await productShot());
    const res = await send(describeRoute, `/api/v1/images/${source.id}/describe`, { json: {}, params: { id: source.id } });
    const answer = await expectJson<{ prompt: string; source: string; model: string; costUsd: number }>(res, 200);
    expect(answer.source).toBe("google");
    expect(answer.prompt.length).toBeGreaterThan(10);
    expect(answer.costUsd).toBeGreaterThan(0);
    const entry = await db().usageEntry.findFirst({ where: { provider: "google", model: answer.model }, orderBy: { createdAt: "desc" } });
    expect(entry?.outcome).toBe("billed");
  });

  it("OpenAI enhances a prompt ahead of the offline enrichment, which stays the fallback", async () => {
    only(openAI());
    const res = await send(enhance, "/api/v1/prompts/enhance", { json: { prompt: "a cat on a roof" } });
    const answer = await expectJson<{ prompt: string; source: string; local: boolean; original: string }>(res, 200);
    expect(answer).toMatchObject({ source: "openai", local: false, original: "a cat on a roof" });
    expect(answer.prompt).toContain("a cat on a roof");
    const offline = await expectJson<{ source: string; local: boolean }>(await send(enhance, "/api/v1/prompts/enhance", { json: { prompt: "a cat on a roof", provider: "local" } }), 200);
    expect(offline).toMatchObject({ source: "local", local: true });
  });
});
