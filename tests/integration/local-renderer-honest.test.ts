// The local renderer is honest (issue 14): what of the prompt it did not draw is said on the image (params.notices,
// the DTO's `notices`), and variations and refinements of its stored pictures — whose files have lost the PNG's
// record — redraw their scene from the image's row instead of blending the source's pixels.
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as generate } from "@/app/api/v1/generations/route";
import { GET as getImage } from "@/app/api/v1/images/[id]/route";
import { POST as refine } from "@/app/api/v1/images/[id]/refine/route";
import { POST as variations } from "@/app/api/v1/images/[id]/variations/route";
import { db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { LocalProvider } from "@/lib/providers/local";
import { readRecord } from "@/lib/providers/local/png-meta";
import { renderImage } from "@/lib/providers/local/renderer";
import { setProvidersForTests } from "@/lib/providers/registry";
import { storage } from "@/lib/storage";
import { expectJson, send } from "../support/http";
import { drawRaw } from "../support/images";
import { ensureLocalUser } from "../support/studio";

type Image = { id: string; prompt: string | null; seed: number | null; params: Record<string, unknown> | null; notices: string[] };
type Job = { id: string; status: string; images: Image[]; error: { code: string; message: string } | null };

beforeAll(async () => {
  await ensureLocalUser();
});
beforeEach(() => {
  Object.assign(process.env, { PROVIDER_TIMEOUT_SECONDS: "20", PROVIDER_MAX_RETRIES: "0", DAILY_BUDGET_USD: "5", RATE_LIMIT_PER_MINUTE: "1000", PROVIDER_FALLBACK_ORDER: "" });
  resetEnvForTests();
  setProvidersForTests([new LocalProvider()]);
});
afterAll(() => setProvidersForTests(undefined));

const size = 128;
const generated = async (prompt: string, seed: number) => {
  const job = await expectJson<Job>(await send(generate, "/api/v1/generations?wait=true", { json: { prompt, provider: "local", width: size, height: size, seed } }), 201);
  expect(job.status, JSON.stringify(job.error)).toBe("succeeded");
  return job.images[0];
};
const fileOf = async (id: string) => storage().get((await db().image.findUniqueOrThrow({ where: { id } })).storageKey);
const raw = async (png: Buffer, left = 0, width = size) => sharp(png).removeAlpha().extract({ left, top: 0, width, height: size }).raw().toBuffer();
const diff = (a: Buffer, b: Buffer) => a.reduce((sum, v, i) => sum + Math.abs(v - b[i]), 0) / a.length;

describe("the local renderer says what it did not draw", () => {
  it("keeps the notice with the image and shows it in the DTO; a prompt it draws has none", async () => {
    const image = await generated("a samurai on a mountain at sunset", 4);
    const notice = "Drawn offline: the local renderer does not know 'samurai' — connect a provider for this.";
    expect(image.notices).toEqual([notice]);
    const shown = await expectJson<Image>(await send(getImage, `/api/v1/images/${image.id}`, { params: { id: image.id } }));
    expect(shown.notices).toEqual([notice]);
    expect(shown.params).toMatchObject({ notices: [notice], local: { v: 1, prompt: "a samurai on a mountain at sunset", seed: 4 } });

    const drawn = await generated("headphones on a desk", 4);
    expect(drawn.notices).toEqual([]);
    expect(drawn.params).not.toHaveProperty("notices");
  });
});

describe("variations and refinements of a stored local picture", () => {
  it("a variation at strength 1 is the source's scene drawn with the new seed, not a blend with the source", async () => {
    const source = await generated("a calm lake at sunrise with mountains", 5);
    // What is stored has lost the PNG's record: only the row knows how it was drawn.
    expect(readRecord(await fileOf(source.id))).toBeNull();
    const job = await expectJson<Job>(await send(variations, `/api/v1/images/${source.id}/variations?wait=true`, { json: { n: 1, strength: 1, seed: 77, provider: "local" }, params: { id: source.id } }), 201);
    expect(job.status, JSON.stringify(job.error)).toBe("succeeded");
    const fresh = await renderImage({ prompt: "a calm lake at sunrise with mountains", seed: 77, width: size, height: size });
    expect(diff(await raw(await fileOf(job.images[0].id)), await raw(fresh))).toBeLessThan(0.5);
    expect(job.images[0].params).toMatchObject({ local: { prompt: "a calm lake at sunrise with mountains", seed: 77 } });
  });

  it("a masked refinement keeps the source outside the mask and the redrawn scene inside it", async () => {
    const source = await generated("a calm lake at sunrise with mountains", 6);
    const mask = await drawRaw(size, size, (x) => (x < size / 2 ? [255, 255, 255, 255] : [0, 0, 0, 255]), 4).png().toBuffer();
    const body = { prompt: "at night", strength: 0.8, seed: 6, mask: `data:image/png;base64,${mask.toString("base64")}`, provider: "local" };
    const job = await expectJson<Job>(await send(refine, `/api/v1/images/${source.id}/refine?wait=true`, { json: body, params: { id: source.id } }), 201);
    expect(job.status, JSON.stringify(job.error)).toBe("succeeded");
    const [original, refined] = await Promise.all([fileOf(source.id), fileOf(job.images[0].id)]);
    expect(job.images[0].params).toMatchObject({ local: { prompt: "at night, a calm lake at sunrise with mountains", derived: true } });
    // Right of the mask: the source's pixels. Left of it: the scene redrawn at night, unmixed with the source.
    expect(diff(await raw(original, size / 2 + 6, size / 2 - 6), await raw(refined, size / 2 + 6, size / 2 - 6))).toBeLessThan(0.5);
    const night = await renderImage({ prompt: "at night", seed: 6, width: size, height: size, mode: "refine", strength: 1, source: { data: original, mimeType: "image/png", width: size, height: size, origin: { provider: "local", prompt: source.prompt, negativePrompt: null, seed: source.seed, style: null, params: source.params, operation: null } } });
    expect(diff(await raw(night, 0, size / 2 - 6), await raw(refined, 0, size / 2 - 6))).toBeLessThan(1);
    expect(diff(await raw(original, 0, size / 2 - 6), await raw(refined, 0, size / 2 - 6))).toBeGreaterThan(15);
  });
});
