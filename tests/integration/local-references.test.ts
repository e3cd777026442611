// Variations and refinements of a local picture made from reference images keep what the references gave it (their
// palette and their coarse layout), redrawn from the image's own params — the references themselves may be gone.
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as generate } from "@/app/api/v1/generations/route";
import { POST as refine } from "@/app/api/v1/images/[id]/refine/route";
import { DELETE as deleteImage } from "@/app/api/v1/images/[id]/route";
import { POST as variations } from "@/app/api/v1/images/[id]/variations/route";
import { db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { LocalProvider } from "@/lib/providers/local";
import { setProvidersForTests } from "@/lib/providers/registry";
import { storage } from "@/lib/storage";
import { expectJson, send } from "../support/http";
import { halfAndHalf, quadrants } from "../support/images";
import { ensureLocalUser, upload } from "../support/studio";

type Image = { id: string; params: Record<string, unknown> | null };
type Job = { id: string; status: string; images: Image[]; error: { code: string; message: string } | null };

beforeAll(async () => {
  await ensureLocalUser();
});
beforeEach(() => {
  Object.assign(process.env, { PROVIDER_TIMEOUT_SECONDS: "30", PROVIDER_MAX_RETRIES: "0", DAILY_BUDGET_USD: "5", RATE_LIMIT_PER_MINUTE: "1000", PROVIDER_FALLBACK_ORDER: "" });
  resetEnvForTests();
  setProvidersForTests([new LocalProvider()]);
});
afterAll(() => setProvidersForTests(undefined));

const size = 160;
const prompt = "a quiet garden with a fountain";
const ok = async (res: Response) => {
  const job = await expectJson<Job>(res, 201);
  expect(job.status, JSON.stringify(job.error)).toBe("succeeded");
  return job.images;
};
const pixels = async (id: string) => {
  const file = await storage().get((await db().image.findUniqueOrThrow({ where: { id } })).storageKey);
  return sharp(file).removeAlpha().resize(size, size, { fit: "fill" }).raw().toBuffer();
};
/** Mean per-pixel colour distance (RGB, 0–441). */
const distance = (a: Buffer, b: Buffer) => {
  let sum = 0;
  for (let i = 0; i < a.length; i += 3) sum += Math.hypot(a[i] - b[i], a[i + 1] - b[i + 1], a[i + 2] - b[i + 2]);
  return sum / (a.length / 3);
};
/** Mean colour of the columns [x0, x1). */
const meanOf = (px: Buffer, x0: number, x1: number) => {
  const m = [0, 0, 0];
  let n = 0;
  for (let y = 0; y < size; y++) for (let x = x0; x < x1; x++, n++) for (let k = 0; k < 3; k++) m[k] += px[(y * size + x) * 3 + k];
  return m.map((v) => v / n);
};
/** How red the left half is against the right half's yellow: right G − left G (red has none, yellow has much). */
const split = (px: Buffer) => meanOf(px, size / 2, size)[1] - meanOf(px, 0, size / 2)[1];

describe("a local picture made from references", () => {
  it("keeps their palette and layout in its variations and refinements, without the references", async () => {
    const ref1 = await upload(await halfAndHalf(300, 200, [220, 30, 30], [240, 210, 40]), { name: "split.png" });
    const ref2 = await upload(await quadrants(200, 200, [[200, 60, 40], [250, 180, 60], [120, 30, 20], [230, 200, 90]]), { name: "warm.png" });
    const [source] = await ok(await send(generate, "/api/v1/generations?wait=true", { json: { prompt, provider: "local", width: size, height: size, seed: 11, referenceImageIds: [ref1.id, ref2.id] } }));
    const [unrelated] = await ok(await send(generate, "/api/v1/generations?wait=true", { json: { prompt, provider: "local", width: size, height: size, seed: 11 } }));
    // The references may be deleted: what the picture took from them lives in its params.
    for (const ref of [ref1, ref2]) expect((await send(deleteImage, `/api/v1/images/${ref.id}`, { method: "DELETE", params: { id: ref.id } })).status).toBeLessThan(300);

    const vary = async (strength: number) => (await ok(await send(variations, `/api/v1/images/${source.id}/variations?wait=true`, { json: { n: 1, strength, seed: 40, provider: "local" }, params: { id: source.id } })))[0];
    const [subtle, wide] = [await vary(0.1), await vary(0.75)];
    const [refined] = await ok(await send(refine, `/api/v1/images/${source.id}/refine?wait=true`, { json: { prompt: "at dusk", strength: 0.5, seed: 40, provider: "local" }, params: { id: source.id } }));

    const [src, unr, sub, wid, ref] = await Promise.all([source, unrelated, subtle, wide, refined].map((i) => pixels(i.id)));
    const base = distance(src, unr);
    const report = { base, subtle: distance(src, sub), wide: distance(src, wid), refined: distance(src, ref), split: [split(src), split(sub), split(wid), split(ref), split(unr)] };
    // What the references gave travels with each picture made from this one.
    const layoutsOf = (i: Image) => (i.params?.local as { layouts?: unknown[] } | undefined)?.layouts;
    expect(layoutsOf(source)).toHaveLength(1);
    for (const made of [subtle, wide, refined]) expect(layoutsOf(made)).toEqual(layoutsOf(source));
    // Strength 0.1 stays very close: well under a third of an unrelated render's distance, and the split survives.
    expect(report.subtle).toBeLessThan(base / 3);
    expect(split(src)).toBeGreaterThan(40);
    expect(split(sub)).toBeGreaterThan(split(src) * 0.7);
    // At 0.75 and in a refinement the colours stay the references' family (nearer the source than an unrelated render).
    expect(report.wide).toBeLessThan(base);
    expect(report.refined).toBeLessThan(base / 2);
    expect(split(ref)).toBeGreaterThan(split(src) * 0.5);
  });
});
