// Reference pictures sent as files (issue [4/7]): a multipart form — the JSON in `body`, files in `references`,
// labels in `referenceLabels` — uploads them first as the caller's images, then makes the job from them in order.
// A refused request (bad file, model limit, bad body) leaves nothing behind; an Idempotency-Key replays without
// uploading again.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as generate } from "@/app/api/v1/generations/route";
import { POST as variations } from "@/app/api/v1/images/[id]/variations/route";
import { db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { LocalProvider } from "@/lib/providers/local";
import { setProvidersForTests } from "@/lib/providers/registry";
import { expectError, expectJson, send } from "../support/http";
import { solidImage } from "../support/images";
import { ensureLocalUser, seedImage, storedFiles } from "../support/studio";

type Parent = { id: string; role: string; position: number; label: string | null };
type Job = { id: string; status: string; images: Array<{ id: string; parents: Parent[] }>; error: unknown };

beforeAll(ensureLocalUser);
beforeEach(() => {
  Object.assign(process.env, { DAILY_BUDGET_USD: "5", RATE_LIMIT_PER_MINUTE: "1000", PROVIDER_FALLBACK_ORDER: "", MAX_UPLOAD_MB: "1" });
  resetEnvForTests();
  setProvidersForTests([new LocalProvider()]);
});

function form(body: unknown, files: Array<{ bytes: Uint8Array; name: string; label?: string }>, extra: Record<string, string> = {}) {
  const data = new FormData();
  data.set("body", JSON.stringify(body));
  for (const f of files) {
    data.append("references", new Blob([new Uint8Array(f.bytes)], { type: "image/png" }), f.name);
    data.append("referenceLabels", f.label ?? "");
  }
  for (const [k, v] of Object.entries(extra)) data.append(k, v);
  return data;
}
const counts = async () => ({ images: await db().image.count(), jobs: await db().job.count(), files: storedFiles().length });

describe("reference files in a multipart form", () => {
  it("uploads them first, then generates from the named ids and the files, in order, with their labels", async () => {
    const named = await seedImage({ color: [10, 200, 10] });
    const red = await solidImage(300, 200, [230, 20, 20]);
    const blue = await solidImage(120, 120, [20, 20, 230]);
    const before = await counts();
    const res = await send(generate, "/api/v1/generations?wait=true", { body: form({ prompt: "a jacket", provider: "local", width: 128, height: 128, referenceImageIds: [named.id] }, [{ bytes: red, name: "jacket.png", label: "the red jacket" }, { bytes: blue, name: "sea.png" }]) });
    const job = await expectJson<Job>(res, 201);
    expect(job.status).toBe("succeeded");
    const parents = job.images[0].parents;
    expect(parents.map((p) => [p.role, p.position, p.label])).toEqual([["reference", 0, null], ["reference", 1, "the red jacket"], ["reference", 2, null]]);
    expect(parents[0].id).toBe(named.id);
    const uploads = await db().image.findMany({ where: { id: { in: [parents[1].id, parents[2].id] } }, orderBy: { originalName: "asc" } });
    expect(uploads.map((u) => [u.kind, u.originalName, u.width])).toEqual([["uploaded", "jacket.png", 300], ["uploaded", "sea.png", 120]]);
    expect((await counts()).images).toBe(before.images + 3);
  });

  it("leaves nothing behind when the request is refused: a file that is no image, over the upload limit, or a model over its limit", async () => {
    const good = await solidImage(64, 64, [1, 2, 3]);
    const before = await counts();
    const notImage = await send(generate, "/api/v1/generations", { body: form({ prompt: "x", provider: "local" }, [{ bytes: good, name: "a.png" }, { bytes: new TextEncoder().encode("hello"), name: "b.png" }]) });
    expect((await notImage.clone().json()).error.message).toContain("Reference file 2 (b.png)");
    expect(notImage.status).toBeGreaterThanOrEqual(400);
    const tooBig = await send(generate, "/api/v1/generations", { body: form({ prompt: "x", provider: "local" }, [{ bytes: new Uint8Array(1024 * 1024 + 1), name: "big.png" }]) });
    await expectError(tooBig, 413, "payload_too_large");
    expect(await counts()).toEqual(before);
    const many = await Promise.all(Array.from({ length: 15 }, () => seedImage({ width: 16, height: 16 })));
    const mid = await counts();
    const overLimit = await send(generate, "/api/v1/generations", { body: form({ prompt: "x", provider: "local", referenceImageIds: many.map((m) => m.id) }, [{ bytes: good, name: "a.png" }, { bytes: good, name: "b.png" }]) });
    expect((await expectError(overLimit, 400, "invalid_request")).message).toContain("at most 16 reference images");
    expect(await counts()).toEqual(mid);
  });

  it("refuses unknown fields, files in other fields and a body that is not JSON, before uploading anything", async () => {
    const bytes = await solidImage(32, 32, [9, 9, 9]);
    const before = await counts();
    const stray = form({ prompt: "x" }, [{ bytes, name: "a.png" }], { other: "1" });
    expect((await expectError(await send(generate, "/api/v1/generations", { body: stray }), 400, "invalid_request")).message).toContain('Unknown form field "other"');
    const wrongField = new FormData();
    wrongField.set("body", JSON.stringify({ prompt: "x" }));
    wrongField.set("file", new Blob([new Uint8Array(bytes)]), "a.png");
    await expectError(await send(generate, "/api/v1/generations", { body: wrongField }), 400, "invalid_request");
    const badJson = new FormData();
    badJson.set("body", "{prompt:");
    expect((await expectError(await send(generate, "/api/v1/generations", { body: badJson }), 400, "invalid_request")).message).toContain("not valid JSON");
    expect(await counts()).toEqual(before);
  });

  it("an Idempotency-Key replays the job without uploading the files again; other files are a 409", async () => {
    const bytes = await solidImage(48, 48, [200, 100, 0]);
    const headers = { "idempotency-key": `ref-files-${Date.now()}` };
    const body = { prompt: "orange", provider: "local", width: 64, height: 64 };
    const first = await expectJson<Job>(await send(generate, "/api/v1/generations", { body: form(body, [{ bytes, name: "o.png", label: "orange" }]), headers }), 202);
    const again = await expectJson<Job>(await send(generate, "/api/v1/generations", { body: form(body, [{ bytes, name: "o.png", label: "orange" }]), headers }), 202);
    expect(again.id).toBe(first.id);
    const other = await solidImage(48, 48, [0, 100, 200]);
    await expectError(await send(generate, "/api/v1/generations", { body: form(body, [{ bytes: other, name: "o.png", label: "orange" }]), headers }), 409, "conflict");
    expect(await db().image.count({ where: { kind: "uploaded", originalName: "o.png" } })).toBe(1);
  });

  it("works for variations too (files sent after the source)", async () => {
    const source = await seedImage({ prompt: "a boat", width: 96, height: 64 });
    const bytes = await solidImage(40, 40, [0, 0, 0]);
    const res = await send(variations, `/api/v1/images/${source.id}/variations?wait=true`, { body: form({ n: 1, provider: "local" }, [{ bytes, name: "night.png", label: "night" }]), params: { id: source.id } });
    const job = await expectJson<Job>(res, 201);
    expect(job.images[0].parents.map((p) => [p.role, p.label])).toEqual([["source", null], ["reference", "night"]]);
  });
});
