// An animated output is stored as one (issue 17): POST /api/v1/generations with `animation` against the fake OpenAI
// (tests/fakes/openai.ts answers gpt-image-2.6's `output_format: "gif"` with a real animated GIF) stores a GIF with
// every frame and its delay, `frames` = the frame count, the animation in params; what cannot be served is refused
// with 400 before any job or provider call: a model that does not animate (naming those that do), 17 frames, frames
// too large for their count (the cap in the message).
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as generate } from "@/app/api/v1/generations/route";
import { db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import type { ImageDto } from "@/lib/images";
import { LocalProvider } from "@/lib/providers/local";
import { OpenAIProvider } from "@/lib/providers/openai";
import { setProvidersForTests } from "@/lib/providers/registry";
import { storage } from "@/lib/storage";
import { openAIModels, startFakeOpenAI, type FakeOpenAI } from "../fakes/openai";
import { expectJson, send } from "../support/http";
import { ensureLocalUser } from "../support/studio";

let openai: FakeOpenAI;
type Job = { status: string; images: ImageDto[]; error: unknown; costUsd: number | null };

beforeAll(async () => {
  openai = await startFakeOpenAI();
  Object.assign(process.env, {
    OPENAI_BASE_URL: openai.baseUrl, ALLOW_PRIVATE_PROVIDER_URLS: "true", PROVIDER_TIMEOUT_SECONDS: "20", PROVIDER_MAX_RETRIES: "1",
    DAILY_BUDGET_USD: "50", RATE_LIMIT_PER_MINUTE: "10000", PROVIDER_FALLBACK_ORDER: "",
  });
  resetEnvForTests();
  setProvidersForTests([new LocalProvider(), new OpenAIProvider({ apiKey: "sk-test", baseUrl: openai.baseUrl, models: openAIModels() })]);
  await ensureLocalUser();
});
afterAll(() => openai.close());
beforeEach(() => {
  openai.requests.length = 0;
});

const post = (json: object) => send(generate, "/api/v1/generations?wait=true", { json });
const imageCalls = () => openai.requests.filter((r) => r.path.includes("/images/"));

/** The stored original decoded: format, frames, one frame's size, every frame's delay, each frame's centre pixel. */
async function storedAnimation(image: ImageDto) {
  const row = await db().image.findUniqueOrThrow({ where: { id: image.id } });
  const bytes = await storage().get(row.storageKey);
  const meta = await sharp(bytes, { animated: true }).metadata();
  const { data, info } = await sharp(bytes, { animated: true }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const frameHeight = info.pageHeight ?? info.height;
  const centres = Array.from({ length: meta.pages ?? 1 }, (_, i) => data.readUInt32BE((i * frameHeight + frameHeight / 2) * info.width * 4 + (info.width / 2) * 4));
  return { row, bytes, meta: { format: meta.format, pages: meta.pages, delay: meta.delay, width: meta.width, frameHeight: meta.pageHeight }, centres };
}

describe("POST /api/v1/generations with animation", () => {
  it("stores gpt-image-2.6-flare's animated GIF with every frame, its delay and frames = the count", async () => {
    const res = await post({ prompt: "a paper boat bobbing on a night sea", provider: "openai", model: "gpt-image-2.6-flare", animation: { frames: 6, frameDurationMs: 150 } });
    const job = await expectJson<Job>(res, 201);
    expect(job.status, JSON.stringify(job.error)).toBe("succeeded");
    expect(job.images).toHaveLength(1);
    const sent = imageCalls().at(-1)!.json as Record<string, unknown>;
    expect(sent).toMatchObject({ model: "gpt-image-2.6-flare", output_format: "gif", frame_count: 6, frame_duration_ms: 150, size: "512x512" });

    const { row, meta, centres } = await storedAnimation(job.images[0]);
    expect(meta).toEqual({ format: "gif", pages: 6, delay: [150, 150, 150, 150, 150, 150], width: 512, frameHeight: 512 });
    expect(new Set(centres).size).toBe(6); // six different frames were kept, not the first one six times
    expect(row).toMatchObject({ format: "gif", mimeType: "image/gif", frames: 6, width: 512, height: 512 });
    expect(row.params).toMatchObject({ animation: { frames: 6, frameDurationMs: 150 }, width: 512, height: 512 });
    expect(job.images[0]).toMatchObject({ format: "gif", width: 512, height: 512, frames: 6 });
    // Charged what the answer's usage says (one picture of the 2048×1024 frame sheet), not a still's estimate.
    expect(job.costUsd).toBeGreaterThan(0);
  });

  it("with no provider named, the model that animates serves (the local renderer cannot); frame duration defaults to 200 ms", async () => {
    const job = await expectJson<Job>(await post({ prompt: "a lantern swinging in the wind", aspectRatio: "16:9", animation: { frames: 9 } }), 201);
    expect(job.status, JSON.stringify(job.error)).toBe("succeeded");
    const { row, meta } = await storedAnimation(job.images[0]);
    expect(row).toMatchObject({ provider: "openai", model: "gpt-image-2.6-flare", frames: 9 });
    expect(meta).toMatchObject({ pages: 9, width: 688, frameHeight: 384 });
    expect(meta.delay).toEqual(Array(9).fill(200));
  });

  it("refuses with 400 before any job: a model that does not animate (naming those that do), 17 frames, frames too large for their count", async () => {
    const jobsBefore = await db().job.count();
    const refusals: Array<[object, RegExp]> = [
      [{ provider: "openai", model: "gpt-image-2.5-flare", animation: { frames: 4 } }, /gpt-image-2\.5-flare cannot make animated GIFs \(animated GIFs are made by openai\/gpt-image-2\.6-flare, openai\/gpt-image-2\.6-sunburst\)/],
      [{ provider: "local", animation: { frames: 4 } }, /cannot make animated GIFs \(animated GIFs are made by openai\/gpt-image-2\.6-flare/],
      [{ model: "gpt-image-2.6-sunburst", animation: { frames: 17 } }, /animation\.frames must be 2–16/],
      [{ model: "gpt-image-2.6-sunburst", animation: { frames: 4, frameDurationMs: 15 } }, /animation\.frameDurationMs must be 20–2000/],
      [{ model: "gpt-image-2.6-flare", width: 1024, height: 1024, animation: { frames: 6 } }, /6 frames of 1024×1024 are drawn on one 4096×2048 sheet, longer than 3,840 px; at 2–8 frames a square frame may be at most 960×960/],
      [{ width: 800, height: 800, animation: { frames: 16 } }, /No configured model can make this animation: .*at 13–16 frames a square frame may be at most 720×720/],
      [{ model: "gpt-image-2.6-flare", outputFormat: "png", animation: { frames: 4 } }, /an animation is a GIF: leave outputFormat out/],
    ];
    for (const [body, message] of refusals) {
      const error = await expectJson<{ error: { code: string; message: string } }>(await post({ prompt: "a bouncing ball", ...body }), 400);
      expect(error.error.code).toBe("invalid_request");
      expect(JSON.stringify(error.error), JSON.stringify(body)).toMatch(message);
    }
    expect(await db().job.count()).toBe(jobsBefore);
    expect(imageCalls()).toHaveLength(0);
  });
});
