// Reference images (issue [4/7]): a generation, variation or refinement made from several pictures — checked at
// acceptance (ownership 404, trash 409, duplicates and the source 400, the model's limit 400 naming it), sent in
// order with their labels, recorded as parents (role, order, label) and in the provenance (id, checksum), and
// drawn as a graph by GET lineage. The local renderer serves (it takes references); the remote adapters' own
// handling of references is tested per provider against their fakes (lib/providers/*.test.ts).
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as generate } from "@/app/api/v1/generations/route";
import { GET as lineage } from "@/app/api/v1/images/[id]/lineage/route";
import { POST as refine } from "@/app/api/v1/images/[id]/refine/route";
import { DELETE as deleteImage, GET as getImage } from "@/app/api/v1/images/[id]/route";
import { POST as variations } from "@/app/api/v1/images/[id]/variations/route";
import { POST as submitJob } from "@/app/api/v1/jobs/route";
import { db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { LocalProvider } from "@/lib/providers/local";
import { setProvidersForTests } from "@/lib/providers/registry";
import type { GenerateRequest, GenerateResult, ProviderContext } from "@/lib/providers/types";
import { expectError, expectJson, send } from "../support/http";
import { ensureLocalUser, ensureUser, seedImage } from "../support/studio";

type Parent = { id: string; role: string; position: number; label: string | null; checksum: string | null };
/** Parents without their checksums (asserted where they matter). */
const plain = (parents: Parent[]) => parents.map(({ checksum: _checksum, ...rest }) => rest);
type Image = { id: string; parentId: string | null; parents: Parent[]; params: { references?: Array<{ id: string; checksum: string; label?: string }> } };
type Job = { id: string; status: string; images: Image[]; error: { code: string; message: string } | null };
type Lineage = { image: Image; nodes: Image[]; edges: Array<{ parent: string; child: string; role: string; position: number; label: string | null }>; ancestors: Image[]; descendants: Array<Image & { children: unknown[] }> };

/** The local renderer, recording what each call was given (the references' ids, labels and sizes, in order). */
class RecordingLocal extends LocalProvider {
  calls: Array<{ method: string; references: Array<{ imageId: string; label?: string; width: number; height: number; mimeType: string }>; source?: string }> = [];
  private record(method: string, request: GenerateRequest) {
    this.calls.push({ method, references: (request.references ?? []).map(({ imageId, label, width, height, mimeType }) => ({ imageId, label, width, height, mimeType })), source: request.source?.mimeType });
  }
  override generate(request: GenerateRequest, context: ProviderContext): Promise<GenerateResult> {
    this.record("generate", request);
    return super.generate(request, context);
  }
  override edit(request: GenerateRequest, context: ProviderContext): Promise<GenerateResult> {
    this.record("edit", request);
    return super.edit!(request, context);
  }
  override variations(request: GenerateRequest, context: ProviderContext): Promise<GenerateResult> {
    this.record("variations", request);
    return super.variations!(request, context);
  }
}

let local: RecordingLocal;
beforeAll(async () => {
  await ensureLocalUser();
  await ensureUser("other");
});
beforeEach(() => {
  Object.assign(process.env, { DAILY_BUDGET_USD: "5", RATE_LIMIT_PER_MINUTE: "1000", PROVIDER_FALLBACK_ORDER: "" });
  resetEnvForTests();
  local = new RecordingLocal();
  setProvidersForTests([local]);
});

const generation = (json: unknown) => send(generate, "/api/v1/generations?wait=true", { json });
const succeeded = async (res: Response) => {
  const job = await expectJson<Job>(res, 201);
  expect(job.status, JSON.stringify(job.error)).toBe("succeeded");
  return job;
};
const jobCount = () => db().job.count();
async function finished(jobId: string) {
  let job = await db().job.findUniqueOrThrow({ where: { id: jobId } });
  for (let i = 0; i < 400 && !["succeeded", "failed", "canceled"].includes(job.status); i++) {
    await new Promise((r) => setTimeout(r, 25));
    job = await db().job.findUniqueOrThrow({ where: { id: jobId } });
  }
  return job;
}

describe("referenceImageIds on POST /api/v1/generations", () => {
  it("sends the references in order with their labels, and records them as parents and in the provenance", async () => {
    const red = await seedImage({ color: [220, 30, 30], width: 400, height: 300, prompt: "red" });
    const blue = await seedImage({ color: [30, 30, 220], width: 2400, height: 1600, prompt: "blue" });
    const job = await succeeded(await generation({ prompt: "a jacket on a beach", provider: "local", width: 256, height: 256, referenceImageIds: [blue.id, { id: red.id, label: "the red jacket" }] }));
    expect(local.calls).toHaveLength(1);
    expect(local.calls[0].method).toBe("generate");
    // in order, labels kept, the large one shrunk to fit 1536 px before it is sent
    expect(local.calls[0].references).toEqual([
      { imageId: blue.id, label: undefined, width: 1536, height: 1024, mimeType: "image/jpeg" },
      { imageId: red.id, label: "the red jacket", width: 400, height: 300, mimeType: "image/jpeg" },
    ]);
    const [image] = job.images;
    expect(image.parents).toEqual([
      { id: blue.id, role: "reference", position: 0, label: null, checksum: blue.checksum },
      { id: red.id, role: "reference", position: 1, label: "the red jacket", checksum: red.checksum },
    ]);
    expect(image.parentId).toBe(blue.id);
    expect(image.params.references).toEqual([
      { id: blue.id, checksum: blue.checksum },
      { id: red.id, checksum: red.checksum, label: "the red jacket" },
    ]);
    const detail = await expectJson<{ children: Array<{ id: string }> }>(await send(getImage, `/api/v1/images/${red.id}`, { params: { id: red.id } }));
    expect(detail.children.map((c) => c.id)).toEqual([image.id]);
  });

  it("refuses another owner's image (404), one in the trash (409), a repeated one (400) — before any job exists", async () => {
    const theirs = await seedImage({ ownerId: "other" });
    const mine = await seedImage();
    const trashed = await seedImage();
    await send(deleteImage, `/api/v1/images/${trashed.id}`, { method: "DELETE", params: { id: trashed.id } });
    const before = await jobCount();
    const body = (referenceImageIds: unknown) => ({ prompt: "x", provider: "local", referenceImageIds });
    expect((await expectError(await generation(body([mine.id, theirs.id])), 404, "not_found")).message).toContain(theirs.id);
    expect((await expectError(await generation(body([trashed.id])), 409, "conflict")).message).toContain("trash");
    expect((await expectError(await generation(body([mine.id, { id: mine.id, label: "again" }])), 400, "invalid_request")).message).toContain("twice");
    await expectError(await generation(body([{ id: mine.id, label: "x".repeat(81) }])), 400, "invalid_request");
    await expectError(await generation(body("not a list")), 400, "invalid_request");
    expect(await jobCount()).toBe(before);
    expect(local.calls).toHaveLength(0);
  });

  it("enforces the model's limit with a 400 that names it; automatic selection says the most any model takes", async () => {
    const many = await Promise.all(Array.from({ length: 17 }, () => seedImage({ width: 16, height: 16 })));
    const ids = many.map((m) => m.id);
    const before = await jobCount();
    const named = await expectError(await generation({ prompt: "x", provider: "local", referenceImageIds: ids }), 400, "invalid_request");
    expect(named.message).toContain("local-v1 takes at most 16 reference images");
    const auto = await expectError(await generation({ prompt: "x", referenceImageIds: ids }), 400, "invalid_request");
    expect(auto.message).toContain("No configured model takes 17 reference images: the most any takes is 16");
    expect(await jobCount()).toBe(before);
    await succeeded(await generation({ prompt: "x", provider: "local", width: 64, height: 64, referenceImageIds: ids.slice(0, 16) }));
    expect(local.calls[0].references).toHaveLength(16);
  });

  it("a work package takes them too", async () => {
    const a = await seedImage();
    const accepted = await expectJson<Job>(await send(submitJob, "/api/v1/jobs", { json: { type: "generate", prompt: "x", provider: "local", width: 64, height: 64, referenceImageIds: [a.id] } }), 202);
    const made = await finished(accepted.id);
    expect(made.status).toBe("succeeded");
    const [image] = await db().image.findMany({ where: { jobId: accepted.id }, include: { parents: { select: { parentId: true, role: true } } } });
    expect(image.parents).toEqual([{ parentId: a.id, role: "reference" }]);
  });

  it("fails the job, unbilled and with nothing stored, when a reference is purged before it runs", async () => {
    const a = await seedImage();
    const res = await send(generate, "/api/v1/generations", { json: { prompt: "x", provider: "local", width: 64, height: 64, referenceImageIds: [a.id] } });
    const accepted = await expectJson<Job>(res, 202);
    await send(deleteImage, `/api/v1/images/${a.id}?purge=true`, { method: "DELETE", params: { id: a.id } });
    const job = await finished(accepted.id);
    // The worker may have run before the purge: then the result stands, made from a reference now gone. Purged
    // between loading and storing, the result is not stored (its parent is gone) and the job fails.
    if (job.status === "failed") {
      expect(["not_found", "provider_error"]).toContain((job.error as { code: string }).code);
      expect(await db().image.count({ where: { jobId: job.id } })).toBe(0);
    } else {
      const [made] = await db().image.findMany({ where: { jobId: job.id }, include: { parents: true } });
      expect(made.parents).toEqual([]);
      expect((made.params as { references: Array<{ id: string }> }).references[0].id).toBe(a.id);
    }
  });
});

describe("references with a source", () => {
  it("a refinement sends the source, its references and records the mask image as a parent", async () => {
    const source = await seedImage({ width: 128, height: 96, prompt: "a room" });
    const mask = await seedImage({ width: 128, height: 96, color: [255, 255, 255] });
    const style = await seedImage({ color: [200, 160, 40] });
    const job = await succeeded(await send(refine, `/api/v1/images/${source.id}/refine?wait=true`, { json: { prompt: "golden light", provider: "local", maskImageId: mask.id, referenceImageIds: [{ id: style.id, label: "the style" }] }, params: { id: source.id } }));
    expect(local.calls.map((c) => [c.method, c.references.map((r) => r.label), Boolean(c.source)])).toEqual([["edit", ["the style"], true]]);
    expect(job.images[0].parents.map((p) => p.checksum)).toEqual([source.checksum, style.checksum, mask.checksum]);
    expect(plain(job.images[0].parents)).toEqual([
      { id: source.id, role: "source", position: 0, label: null },
      { id: style.id, role: "reference", position: 0, label: "the style" },
      { id: mask.id, role: "mask", position: 0, label: null },
    ]);
    expect(job.images[0].parentId).toBe(source.id);
  });

  it("refuses the source named as a reference too (400)", async () => {
    const source = await seedImage({ prompt: "a cat" });
    const res = await send(variations, `/api/v1/images/${source.id}/variations?wait=true`, { json: { n: 1, provider: "local", referenceImageIds: [source.id] }, params: { id: source.id } });
    expect((await expectError(res, 400, "invalid_request")).message).toContain("sent already");
  });
});

describe("GET /api/v1/images/{id}/lineage as a graph", () => {
  it("draws every image once with its edges; a deleted reference leaves the images made from it", async () => {
    const a = await seedImage({ prompt: "A" });
    const b = await seedImage({ prompt: "B" });
    const c = (await succeeded(await generation({ prompt: "C", provider: "local", width: 64, height: 64, referenceImageIds: [a.id, { id: b.id, label: "b" }] }))).images[0];
    const d = (await succeeded(await send(variations, `/api/v1/images/${c.id}/variations?wait=true`, { json: { n: 1, provider: "local" }, params: { id: c.id } }))).images[0];
    // D made from C and, again, from A: A is an ancestor twice over but one node
    const e = (await succeeded(await send(refine, `/api/v1/images/${d.id}/refine?wait=true`, { json: { prompt: "E", provider: "local", referenceImageIds: [a.id] }, params: { id: d.id } }))).images[0];

    const graph = await expectJson<Lineage>(await send(lineage, `/api/v1/images/${c.id}/lineage`, { params: { id: c.id } }));
    expect(graph.nodes.map((n) => n.id).sort()).toEqual([a.id, b.id, c.id, d.id, e.id].sort());
    const edges = graph.edges.map((x) => `${x.parent === a.id ? "A" : x.parent === b.id ? "B" : x.parent === c.id ? "C" : "D"}-${x.role}->${x.child === c.id ? "C" : x.child === d.id ? "D" : "E"}`).sort();
    expect(edges).toEqual(["A-reference->C", "A-reference->E", "B-reference->C", "C-source->D", "D-source->E"]);
    expect(graph.edges.find((x) => x.parent === b.id)).toMatchObject({ position: 1, label: "b" });
    // the tree view of older clients: ancestors oldest first, descendants nested without duplicates
    expect(graph.ancestors.map((x) => x.id)).toEqual([a.id, b.id]);
    expect(graph.descendants.map((x) => x.id)).toEqual([d.id]);

    // from B: C's other reference (A) and E's (A again) are there too, once, with their edges
    const fromB = await expectJson<Lineage>(await send(lineage, `/api/v1/images/${b.id}/lineage`, { params: { id: b.id } }));
    expect(fromB.nodes.map((n) => n.id).sort()).toEqual([a.id, b.id, c.id, d.id, e.id].sort());
    expect(fromB.edges.filter((x) => x.parent === a.id).map((x) => x.child).sort()).toEqual([c.id, e.id].sort());
    expect(fromB.ancestors).toEqual([]);

    const fromE = await expectJson<Lineage>(await send(lineage, `/api/v1/images/${e.id}/lineage`, { params: { id: e.id } }));
    expect(fromE.ancestors.map((x) => x.id)).toEqual([a.id, b.id, c.id, d.id]);

    await send(deleteImage, `/api/v1/images/${a.id}?purge=true`, { method: "DELETE", params: { id: a.id } });
    const after = await expectJson<Image>(await send(getImage, `/api/v1/images/${c.id}`, { params: { id: c.id } }));
    expect(plain(after.parents)).toEqual([{ id: b.id, role: "reference", position: 1, label: "b" }]);
    expect(after.parentId).toBe(b.id);
    expect(await db().image.count({ where: { id: { in: [c.id, d.id, e.id] } } })).toBe(3);
  });
});
