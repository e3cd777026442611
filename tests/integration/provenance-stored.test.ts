// Stored originals carry their provenance (issue 17, "The model" items 1–2): every kind of picture — made by a
// provider that signs its answers (the fake OpenAI: a C2PA manifest of its own chain, kept in the chain), by
// providers that do not (Replicate, Ideogram), by the local renderer, uploaded plain / with credentials / declaring a
// type in XMP — and each processing operation on each: the stored original carries the XMP DigitalSourceType its
// row records, a studio manifest that c2pa-ts (the independent reader) validates with the parent's manifests inside
// it, and the renditions carry the marking. Small pictures: the suite is long enough.
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as generate } from "@/app/api/v1/generations/route";
import { POST as applyPalette } from "@/app/api/v1/images/[id]/apply-palette/route";
import { POST as crop } from "@/app/api/v1/images/[id]/crop/route";
import { POST as expandRoute } from "@/app/api/v1/images/[id]/expand/route";
import { POST as filter } from "@/app/api/v1/images/[id]/filter/route";
import { POST as processRoute } from "@/app/api/v1/images/[id]/process/route";
import { POST as refine } from "@/app/api/v1/images/[id]/refine/route";
import { POST as removeBackground } from "@/app/api/v1/images/[id]/remove-background/route";
import { POST as resize } from "@/app/api/v1/images/[id]/resize/route";
import { POST as upscaleRoute } from "@/app/api/v1/images/[id]/upscale/route";
import { db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import type { ImageDto } from "@/lib/images";
import { storeImage } from "@/lib/images/store";
import { embedXmp, readXmp } from "@/lib/processing/xmp-embed";
import { derivedActions, digitalSourceTypeUri, PARENT_LABEL, processingAction, xmpDigitalSourceType, xmpPacket, type DigitalSourceType } from "@/lib/provenance";
import { readManifestStore } from "@/lib/provenance/read";
import { IdeogramProvider } from "@/lib/providers/ideogram";
import { LocalProvider } from "@/lib/providers/local";
import { OpenAIProvider } from "@/lib/providers/openai";
import { setProvidersForTests } from "@/lib/providers/registry";
import { ReplicateProvider } from "@/lib/providers/replicate";
import { storage } from "@/lib/storage";
import { signedLikeProvider } from "../fakes/c2pa";
import { ideogramModels, startFakeIdeogram, type FakeIdeogram } from "../fakes/ideogram";
import { openAIModels, startFakeOpenAI, type FakeOpenAI } from "../fakes/openai";
import { replicateModels, startFakeReplicate, type FakeReplicate } from "../fakes/replicate";
import { verifyIndependently, type IndependentVerdict } from "../support/c2pa-verify";
import { expectJson, send, type Handler } from "../support/http";
import { drawRaw } from "../support/images";
import { ensureLocalUser, snapshot, upload } from "../support/studio";

let openai: FakeOpenAI;
let replicate: FakeReplicate;
let ideogram: FakeIdeogram;

type Job = { status: string; images: ImageDto[]; error: unknown };

beforeAll(async () => {
  [openai, replicate, ideogram] = await Promise.all([startFakeOpenAI(), startFakeReplicate({ processingPolls: 1 }), startFakeIdeogram()]);
  Object.assign(process.env, {
    OPENAI_BASE_URL: openai.baseUrl, REPLICATE_BASE_URL: replicate.baseUrl, IDEOGRAM_BASE_URL: ideogram.url,
    ALLOW_PRIVATE_PROVIDER_URLS: "true", PROVIDER_TIMEOUT_SECONDS: "10", PROVIDER_MAX_RETRIES: "1", DAILY_BUDGET_USD: "50", RATE_LIMIT_PER_MINUTE: "10000", PROVIDER_FALLBACK_ORDER: "",
  });
  resetEnvForTests();
  setProvidersForTests([
    new LocalProvider(),
    new OpenAIProvider({ apiKey: "sk-test", baseUrl: openai.baseUrl, models: openAIModels() }),
    new ReplicateProvider({ apiToken: replicate.token, baseUrl: replicate.baseUrl, models: replicateModels(), pollIntervalMs: 20 }),
    new IdeogramProvider({ apiKey: ideogram.apiKey, baseUrl: ideogram.url, models: ideogramModels() }),
  ]);
  await ensureLocalUser();
});
afterAll(async () => {
  await Promise.all([openai.close(), replicate.close(), ideogram.close()]);
});

const succeeded = async (res: Response) => {
  const job = await expectJson<Job>(res, 201);
  expect(job.status, JSON.stringify(job.error)).toBe("succeeded");
  return job.images[0];
};
const generated = (json: object) => send(generate, "/api/v1/generations?wait=true", { json }).then(succeeded);
const post = (handler: Handler<{ id: string }>, op: string, id: string, json: object) => send(handler, `/api/v1/images/${id}/${op}`, { json, params: { id } });
const job = (handler: Handler<{ id: string }>, op: string, id: string, json: object) => send(handler, `/api/v1/images/${id}/${op}?wait=true`, { json, params: { id } }).then(succeeded);

/** A product shot (what the local cut-out is for): a shaded disc on a light backdrop. */
const productShot = (format: "png" | "jpeg" = "png") => {
  const image = drawRaw(128, 96, (x, y) => {
    const d = Math.hypot(x - 64, y - 48);
    return d < 30 ? [200 - d, 60, 40] : [244, 244, 240];
  });
  return format === "png" ? image.png().toBuffer() : image.jpeg({ quality: 90 }).toBuffer();
};

interface Stored {
  bytes: Buffer;
  verdict: IndependentVerdict | null;
}

/**
 * Checks a stored image: row and DTO types, the original's XMP marking, its manifest (both readers; null when
 * none is expected), the renditions' marking; returns the original and the c2pa-ts verdict.
 */
async function expectStored(image: ImageDto, type: DigitalSourceType | null, signed = true, independently = true): Promise<Stored> {
  const row = await db().image.findUniqueOrThrow({ where: { id: image.id }, include: { renditions: true } });
  expect(row.digitalSourceType).toBe(type);
  expect(image.digitalSourceType).toBe(type);
  const bytes = await storage().get(row.storageKey);
  const uri = type ? digitalSourceTypeUri(type) : null;
  expect(xmpDigitalSourceType(await readXmp(bytes))).toBe(uri);
  expect(row.renditions.length).toBeGreaterThan(0);
  for (const rendition of row.renditions) expect(xmpDigitalSourceType(await readXmp(await storage().get(rendition.storageKey))), rendition.variant).toBe(uri);
  const store = await readManifestStore(bytes);
  if (!signed) {
    expect(store).toBeNull();
    return { bytes, verdict: null };
  }
  expect(store?.validation_state).toBe("Valid");
  if (!independently) return { bytes, verdict: null }; // GIF: c2pa-ts does not read it
  const verdict = await verifyIndependently(bytes);
  expect(verdict.failures).toEqual([]);
  expect(verdict.valid).toBe(true);
  return { bytes, verdict };
}

const active = (verdict: IndependentVerdict) => verdict.manifests.find((m) => m.label === verdict.activeLabel)!;

/** The child's manifest store holds the parent's whole chain (every manifest of it) plus its own, active one. */
function expectChain(child: IndependentVerdict, parent: IndependentVerdict | null) {
  const parentLabels = parent?.manifests.map((m) => m.label) ?? [];
  expect(child.manifests.map((m) => m.label)).toEqual(expect.arrayContaining(parentLabels));
  expect(child.manifests).toHaveLength(parentLabels.length + 1);
  const parentOf = active(child).ingredients.find((i) => i.relationship === "parentOf");
  expect(parentOf).toBeDefined();
  if (parent) expect(parentOf!.activeManifest).toContain(parent.activeLabel);
}

/** A manifest signed by someone else than the studio, found by its signer in the c2pa-rs report. */
async function signersOf(bytes: Uint8Array) {
  const store = await readManifestStore(bytes);
  return Object.values(store?.manifests ?? {}).map((m) => `${m.claim_generator_info?.[0]?.name} / ${m.signature_info?.common_name}`);
}

interface Kind {
  name: string;
  make: () => Promise<ImageDto>;
  type: DigitalSourceType | null;
  signed: boolean;
  /** The local cut-out needs a subject on a plain backdrop (the providers' fakes draw flat colours). */
  cutOut: boolean;
}

const kinds: Kind[] = [
  { name: "generated by OpenAI (its own manifest)", type: "trainedAlgorithmicMedia", signed: true, cutOut: false, make: () => generated({ prompt: "a copper kettle", provider: "openai", model: "gpt-image-2.6-flare", width: 1024, height: 640, quality: "low" }) },
  { name: "generated by Replicate (no manifest)", type: "trainedAlgorithmicMedia", signed: true, cutOut: false, make: () => generated({ prompt: "a harbour", provider: "replicate", model: "flux-2-pro", width: 512, height: 512 }) },
  { name: "generated by Ideogram (no manifest)", type: "trainedAlgorithmicMedia", signed: true, cutOut: false, make: () => generated({ prompt: "a poster of a fox", provider: "ideogram" }) },
  { name: "rendered locally", type: "algorithmicMedia", signed: true, cutOut: true, make: () => generated({ prompt: "a coffee cup, product shot", seed: 4, provider: "local", width: 160, height: 160 }) },
  { name: "uploaded plain", type: null, signed: false, cutOut: true, make: async () => upload(await productShot("jpeg"), { name: "photo.jpg" }) },
  {
    name: "uploaded with credentials", type: "trainedAlgorithmicMedia", signed: true, cutOut: true,
    make: async () => upload(await signedLikeProvider(await productShot(), "Fake OpenAI", "gpt-image-2.6-flare"), { name: "from-chatgpt.png" }),
  },
  {
    name: "uploaded declaring trainedAlgorithmicMedia in XMP", type: "trainedAlgorithmicMedia", signed: false, cutOut: true,
    make: async () => upload(await embedXmp(await productShot("jpeg"), "jpeg", xmpPacket({ digitalSourceType: "trainedAlgorithmicMedia" })!), { name: "declared.jpg" }),
  },
];

/** What a renderer's pixels on a source of this type make (digitalSourceTypeOf, by hand). */
const rendererOn = (type: DigitalSourceType | null): DigitalSourceType =>
  type === "algorithmicMedia" ? "algorithmicMedia" : type === "trainedAlgorithmicMedia" || type === "compositeWithTrainedAlgorithmicMedia" ? "compositeWithTrainedAlgorithmicMedia" : "compositeSynthetic";

interface Operation {
  name: string;
  run: (source: ImageDto) => Promise<ImageDto>;
  action: string;
  /** The type of the result from the source's (processing inherits). */
  type?: (source: DigitalSourceType | null) => DigitalSourceType | null;
  needsSubject?: boolean;
}

const operations: Operation[] = [
  { name: "crop", action: "c2pa.cropped", run: (s) => post(crop, "crop", s.id, { x: 8, y: 8, width: 48, height: 40 }).then((r) => expectJson<ImageDto>(r, 201)) },
  { name: "resize", action: "c2pa.resized", run: (s) => post(resize, "resize", s.id, { width: 64 }).then((r) => expectJson<ImageDto>(r, 201)) },
  { name: "filter", action: "c2pa.color_adjustments", run: (s) => post(filter, "filter", s.id, { type: "grayscale" }).then((r) => expectJson<ImageDto>(r, 201)) },
  { name: "rotate", action: "c2pa.orientation", run: (s) => post(processRoute, "process", s.id, { operations: [{ op: "rotate", angle: 90 }] }).then((r) => expectJson<ImageDto>(r, 201)) },
  { name: "flip", action: "c2pa.orientation", run: (s) => post(processRoute, "process", s.id, { operations: [{ op: "flip", axis: "horizontal" }], format: "webp" }).then((r) => expectJson<ImageDto>(r, 201)) },
  { name: "apply-palette", action: "c2pa.color_adjustments", run: (s) => post(applyPalette, "apply-palette", s.id, { colors: ["#ff8800", "#224466"], strength: 1 }).then((r) => expectJson<ImageDto>(r, 201)) },
  { name: "basic upscale", action: "c2pa.resized", run: (s) => job(upscaleRoute, "upscale", s.id, { factor: 2 }) },
  { name: "local cut-out", action: "c2pa.edited", needsSubject: true, run: (s) => job(removeBackground, "remove-background", s.id, { provider: "local" }) },
  { name: "local expand", action: "c2pa.edited", type: rendererOn, run: (s) => job(expandRoute, "expand", s.id, { left: 16, right: 16, provider: "local" }) },
];

describe.each(kinds)("$name", (kind) => {
  let source: ImageDto;
  let stored: Stored;

  it("the stored original: its marking, its manifest, its renditions", async () => {
    source = await kind.make();
    stored = await expectStored(source, kind.type, kind.signed);
  });

  // The local cut-out refuses a flat picture (the providers' fakes draw one colour): it runs where there is a subject.
  it.each(operations.filter((op) => kind.cutOut || !op.needsSubject))("$name: marked as its source, signed with the source's chain", async (op) => {
    const result = await op.run(source);
    const type = op.type ? op.type(kind.type) : kind.type;
    const { verdict } = await expectStored(result, type);
    expectChain(verdict!, stored.verdict);
    const own = active(verdict!);
    expect(own.actions).toEqual(["c2pa.opened", op.action]);
    if (op.type) expect(own.digitalSourceTypes).toEqual([digitalSourceTypeUri(type!)]);
  });
});

describe("the provider's manifest in the chain", () => {
  it("OpenAI's answer as received is the parent of the stored original: the chain reaches its own manifest", async () => {
    const image = await generated({ prompt: "a brass lamp", provider: "openai", model: "gpt-image-2.6-flare", width: 1024, height: 640, quality: "low" });
    const { bytes, verdict } = await expectStored(image, "trainedAlgorithmicMedia");
    expect(verdict!.manifests).toHaveLength(2);
    expect(active(verdict!).actions).toEqual(["c2pa.opened", "c2pa.edited.metadata"]); // a PNG: chunks only
    const provider = verdict!.manifests.find((m) => m.label !== verdict!.activeLabel)!;
    expect(provider.actions).toEqual(["c2pa.created"]);
    expect(provider.digitalSourceTypes).toEqual([digitalSourceTypeUri("trainedAlgorithmicMedia")]);
    expect(await signersOf(bytes)).toEqual(expect.arrayContaining([expect.stringMatching(/^Fake OpenAI \/ Fake OpenAI content credentials signer/), expect.stringMatching(/^Image Studio \//)]));
  });

  it("a WebP answer is re-encoded: transcoded, the provider's manifest still the parent (WebP read by c2pa-ts too)", async () => {
    const image = await generated({ prompt: "a tin robot", provider: "openai", model: "gpt-image-2.6-flare", width: 1024, height: 640, quality: "low", outputFormat: "webp" });
    expect(image.format).toBe("webp");
    const { verdict } = await expectStored(image, "trainedAlgorithmicMedia");
    expect(active(verdict!).actions).toEqual(["c2pa.opened", "c2pa.transcoded"]);
    expect(verdict!.manifests.flatMap((m) => m.actions)).toContain("c2pa.created");
  });

  it("an animated GIF answer is stored as one: every frame, the marking in its XMP extension, OpenAI's manifest the parent", async () => {
    const image = await generated({ prompt: "a paper boat", provider: "openai", model: "gpt-image-2.6-flare", width: 288, height: 288, animation: { frames: 2, frameDurationMs: 100 } });
    expect([image.format, (image as ImageDto & { frames: number }).frames]).toEqual(["gif", 2]);
    const { bytes } = await expectStored(image, "trainedAlgorithmicMedia", true, false);
    expect((await sharp(bytes, { animated: true }).metadata()).pages).toBe(2);
    const { manifests, active_manifest } = (await readManifestStore(bytes))!;
    const actions = (manifests[active_manifest!].assertions ?? []).flatMap((a) => (a.data as { actions?: Array<{ action: string }> }).actions ?? []).map((a) => a.action);
    expect(actions).toEqual(["c2pa.opened", "c2pa.edited.metadata"]); // the GIF as received, its container only
    expect((await signersOf(bytes)).some((s) => s.startsWith("Fake OpenAI"))).toBe(true);
  });

  it("a provider's refine of an upload: compositeWithTrainedAlgorithmicMedia, the upload the parent, OpenAI's answer a component", async () => {
    const photo = await upload(await productShot("jpeg"), { name: "photo.jpg" });
    const refined = await job(refine, "refine", photo.id, { prompt: "make it a watercolour", provider: "openai", model: "gpt-image-2.6-flare" });
    const { bytes, verdict } = await expectStored(refined, "compositeWithTrainedAlgorithmicMedia");
    const own = active(verdict!);
    expect(own.actions).toEqual(["c2pa.opened", "c2pa.edited"]);
    expect(own.digitalSourceTypes).toEqual([digitalSourceTypeUri("compositeWithTrainedAlgorithmicMedia")]);
    expect(own.ingredients.map((i) => i.relationship).sort()).toEqual(["componentOf", "parentOf"]);
    expect(verdict!.manifests).toHaveLength(2); // the studio's and OpenAI's (the plain upload has none)
    expect((await signersOf(bytes)).some((s) => s.startsWith("Fake OpenAI"))).toBe(true);
    const { manifests, active_manifest } = (await readManifestStore(bytes))!;
    expect(manifests[active_manifest!].ingredients?.map((i) => i.title).sort()).toEqual(["model-output.png", "source.jpeg"]);
  });
});

describe("plain files stay plain", () => {
  it("a plain upload's stored original has no XMP marking and no manifest", async () => {
    const image = await upload(await sharp({ create: { width: 64, height: 64, channels: 3, background: "#246" } }).png().toBuffer());
    const { bytes } = await expectStored(image, null, false);
    expect(await readXmp(bytes)).toBeNull();
  });
});

describe("a signature that cannot be made stores nothing", () => {
  it("an ingredient the engine cannot read: storeImage fails before any file or row exists", async () => {
    const data = await sharp({ create: { width: 48, height: 48, channels: 3, background: "#a52" } }).png().toBuffer();
    const before = await snapshot();
    const broken = { bytes: Buffer.from("not a picture at all"), format: "png" as const, title: "source.png", relationship: "parentOf" as const, label: PARENT_LABEL };
    await expect(
      storeImage({
        ownerId: "local", kind: "processed", data, format: "png", width: 48, height: 48, hasAlpha: false,
        provenance: { digitalSourceType: "trainedAlgorithmicMedia", manifest: { actions: derivedActions([processingAction({ op: "crop" })]), ingredients: [broken] } },
      }),
    ).rejects.toThrow();
    expect(await snapshot()).toEqual(before);
  });
});
