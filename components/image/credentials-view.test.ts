import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { CredentialsResponse, ManifestAction, ManifestIngredient, ManifestView } from "@/components/api/credentials";
import { CredentialsBody } from "./credentials-body";
import {
  actionNames,
  actionText,
  agentsOf,
  ancestryOf,
  chainImagesOf,
  chainOf,
  fileTypeOf,
  ingredientImage,
  manifestsOf,
  markingOf,
  noMarkingWords,
  relationLabel,
  signerName,
  statusOf,
  stepName,
} from "./credentials-view";

const studio = { issuer: "Image Studio", commonName: "Image Studio content credentials signer", time: "2026-12-03T10:00:00Z", alg: "Es256", thisStudio: true };
const openai = { issuer: "Fake OpenAI", commonName: "Fake OpenAI content credentials signer", time: "2026-12-03T09:59:00Z", alg: "Es256", thisStudio: false };

const act = (action: string, label: string, softwareAgent: string | null = null, extra: Partial<ManifestAction> = {}): ManifestAction => ({
  action,
  label,
  digitalSourceType: null,
  softwareAgent,
  description: null,
  ...extra,
});
const ing = (title: string, relationship: string, manifest: ManifestView | null, label: string | null = null): ManifestIngredient => ({
  title,
  relationship,
  label,
  manifest,
  valid: manifest ? true : null,
});
const manifest = (label: string, actions: ManifestAction[], ingredients: ManifestIngredient[] = [], signer = studio): ManifestView => ({
  label,
  title: null,
  claimGenerator: "Image Studio 0.1.0",
  signer,
  actions,
  ingredients,
});

// A local render (gen), cropped (crop); a refine of the crop by OpenAI with a reference upload (refined).
const rendered = manifest("urn:gen", [act("c2pa.created", "Created", "Image Studio local renderer", { digitalSourceType: "algorithmicMedia" })]);
const cropped = manifest("urn:crop", [act("c2pa.opened", "Opened"), act("c2pa.cropped", "Cropped", "Image Studio 0.1.0")], [ing("source.png", "parentOf", rendered, "parent")]);
const providerOwn = manifest("urn:openai", [act("c2pa.created", "Created", "GPT-4o", { digitalSourceType: "trainedAlgorithmicMedia" })], [], openai);
const refined = manifest(
  "urn:refine",
  [act("c2pa.opened", "Opened"), act("c2pa.edited", "Edited", "gpt-image-2.6-flare (openai)", { description: "refine" })],
  [ing("source.png", "parentOf", cropped, "parent"), ing("model-output.png", "componentOf", providerOwn, "model-output"), ing("reference-1.jpeg", "inputTo", null)],
);

const images = chainImagesOf([
  { id: "refined", parentId: "crop", parents: [{ id: "crop", role: "source", position: 0, label: null, checksum: null }, { id: "ref", role: "reference", position: 0, label: null, checksum: null }], hasAlpha: false, title: "refined" },
  { id: "crop", parentId: "gen", hasAlpha: false, title: "a red barn (cropped)" },
  { id: "gen", parentId: null, hasAlpha: true, title: "a red barn" },
  { id: "ref", parentId: null, hasAlpha: false, title: "jacket.jpg" },
]);

const response = (over: Partial<CredentialsResponse> = {}): CredentialsResponse => ({
  imageId: "crop",
  digitalSourceType: "algorithmicMedia",
  present: true,
  validation: { state: "valid", failures: [], note: "Signed by this studio's own certificate (self-signed; not on the C2PA trust list)" },
  active: cropped,
  manifestStore: { active_manifest: "urn:crop", manifests: {} },
  ...over,
});

describe("credentials: status and marking", () => {
  it("says the signature's state in words, with the note", () => {
    expect(statusOf(response(), "processed")).toEqual({ tone: "valid", title: "Signature valid", note: expect.stringContaining("self-signed") });
    const invalid = response({ validation: { state: "invalid", failures: [{ code: "assertion.dataHash.mismatch" }], note: "" } });
    expect(statusOf(invalid, "processed")).toMatchObject({ tone: "invalid", title: "Signature invalid — the file was changed after signing", note: null });
    expect(statusOf(response({ validation: { state: "trusted", failures: [], note: "On the C2PA trust list" } }), "generated").title).toBe("Trusted");
  });

  it("a plain upload has none, and says so; an image stored before signing is told apart", () => {
    const none = response({ present: false, validation: null, active: null, manifestStore: null });
    expect(statusOf(none, "uploaded")).toEqual({ tone: "none", title: "No content credentials — this file had none when it was uploaded.", note: null });
    expect(statusOf(none, "generated").title).toMatch(/before the studio signed/);
  });

  it("names the AI marking with the shared labels, and nothing for no type or an unknown one", () => {
    expect(markingOf("algorithmicMedia")?.label).toBe("Rendered by an algorithm (no AI model)");
    expect(markingOf("trainedAlgorithmicMedia")?.label).toBe("Made by an AI model");
    expect(markingOf("compositeWithTrainedAlgorithmicMedia")?.label).toBe("Edited with an AI model");
    expect(markingOf("compositeSynthetic")?.words).toBe("Includes pixels the studio's local (non-AI) fill generated.");
    expect(markingOf(null)).toBeNull();
    // No type: an upload carried none; anything else never "declares" anything.
    expect(noMarkingWords("uploaded")).toBe("No AI marking: the file carried none when it was uploaded.");
    expect(noMarkingWords("processed")).toBe("No AI marking: nothing shows AI-made pixels in this picture's sources.");
    expect(noMarkingWords("generated")).not.toMatch(/declare/);
    expect(markingOf("somethingElse" as never)).toBeNull();
  });

  it("names the signer: this studio, else the certificate's organisation, else its name", () => {
    expect(signerName(studio)).toBe("this studio");
    expect(signerName(openai)).toBe("Fake OpenAI");
    expect(signerName({ ...openai, issuer: null })).toBe("Fake OpenAI content credentials signer");
    expect(signerName({ ...openai, issuer: null, commonName: null })).toBe("an unknown signer");
    expect(["parentOf", "componentOf", "inputTo", "other"].map(relationLabel)).toEqual(["parent", "component", "input", "other"]);
  });
});

describe("credentials: the chain", () => {
  it("lists every manifest once, newest first, the parent line before components; the software agents once each", () => {
    expect(manifestsOf(refined).map((m) => m.label)).toEqual(["urn:refine", "urn:crop", "urn:gen", "urn:openai"]);
    expect(agentsOf(refined)).toEqual(["gpt-image-2.6-flare (openai)", "Image Studio 0.1.0", "Image Studio local renderer", "GPT-4o"]);
    expect(agentsOf(null)).toEqual([]);
  });

  it("walks the parent line down to the oldest, matching each parent ingredient to the source's picture", () => {
    const steps = chainOf(refined, images, "refined");
    expect(steps.map((s) => [s.manifest?.label, s.via?.relation ?? null, s.image?.id ?? null])).toEqual([
      ["urn:refine", null, "refined"],
      ["urn:crop", "parent", "crop"],
      ["urn:gen", "parent", "gen"],
    ]);
    expect(steps.map((s) => stepName(s, "refined"))).toEqual(["This image", "a red barn (cropped)", "a red barn"]);
    // The refine's other ingredients: the provider's answer (its own manifest, no lineage picture) and the reference.
    const side = steps[0].side;
    expect(side.map((line) => line.map((s) => [s.via?.relation, s.manifest?.signer.issuer ?? null, s.image?.id ?? null]))).toEqual([
      [["component", "Fake OpenAI", null]],
      [["input", null, "ref"]],
    ]);
    expect(side.map((line) => stepName(line[0], "refined"))).toEqual(["The provider's file, as received", "jacket.jpg"]);
    expect(stepName({ ...side[1][0], image: null }, "refined")).toBe("Reference 1");
    expect(stepName({ ...side[1][0], image: null, via: { relation: "input", title: "palette.png", label: null, valid: null } }, "refined")).toBe("palette.png");
  });

  it("matches ingredients by the studio's neutral names: source, reference-N, mask; not a provider's answer or an upload as received", () => {
    const of = { id: "x", title: null, hasAlpha: false, parents: [{ id: "s", role: "source" as const, position: 0, label: null, checksum: null }, { id: "r2", role: "reference" as const, position: 1, label: null, checksum: null }, { id: "m", role: "mask" as const, position: 0, label: null, checksum: null }] };
    const at = (title: string, relationship: string, label: string | null = null) => ingredientImage({ title, relationship, label }, of, {})?.id ?? null;
    expect(at("source.webp", "parentOf", "parent")).toBe("s");
    expect(at("reference-2.jpeg", "inputTo")).toBe("r2");
    expect(at("reference-1.jpeg", "inputTo")).toBeNull();
    expect(at("mask.png", "inputTo", "mask")).toBe("m");
    expect(at("model-output.png", "parentOf")).toBeNull();
    expect(at("upload.jpeg", "parentOf")).toBeNull();
    expect(ingredientImage({ title: "source.png", relationship: "parentOf", label: null }, null, {})).toBeNull();
  });

  it("a provider's answer as the parent ends the line at the provider's own manifest, without a picture", () => {
    const generated = manifest("urn:gen2", [act("c2pa.opened", "Opened"), act("c2pa.edited.metadata", "Metadata edited")], [ing("model-output.png", "parentOf", providerOwn)]);
    const steps = chainOf(generated, chainImagesOf([{ id: "g", parentId: null, hasAlpha: false, title: "a fox" }]), "g");
    expect(steps.map((s) => [s.via?.relation ?? "this", signerName(s.manifest!.signer), s.image?.id ?? null])).toEqual([
      ["this", "this studio", "g"],
      ["parent", "Fake OpenAI", null],
    ]);
  });

  it("an upload of an export: the file as uploaded, then the studio original it was exported from (never 'stored original'), with their file types", () => {
    const original = manifest("urn:orig", [act("c2pa.created", "Created", "Image Studio local renderer", { digitalSourceType: "algorithmicMedia" })]);
    const exported = manifest("urn:export", [act("c2pa.opened", "Opened"), act("c2pa.transcoded", "Re-encoded")], [ing("original.png", "parentOf", original, "parent")]);
    const uploaded = manifest("urn:upload", [act("c2pa.opened", "Opened"), act("c2pa.transcoded", "Re-encoded")], [ing("upload.jpeg", "parentOf", exported, "parent")]);
    const steps = chainOf(uploaded, chainImagesOf([{ id: "u", parentId: null, hasAlpha: false, title: null }]), "u");
    expect(steps.map((s) => stepName(s, "u"))).toEqual(["This image", "The file as uploaded", "The studio original it was exported from"]);
    expect(steps.map((s) => stepName(s, "u")).join(" ")).not.toMatch(/stored original/i);
    expect(steps.map((s) => (s.image ? null : fileTypeOf(s)))).toEqual([null, "JPEG", "PNG"]);
    expect(fileTypeOf({ via: { relation: "input", title: "photo.jpg", label: null, valid: null }, manifest: null })).toBe("JPEG");
    expect(fileTypeOf({ via: { relation: "input", title: "no-extension", label: null, valid: null }, manifest: null })).toBeNull();
  });

  it("an action with a description says it: 'Edited (background removed, local cut-out, no AI)'", () => {
    const cut = act("c2pa.edited", "Edited", "Image Studio 0.1.0", { description: "background removed, local cut-out, no AI" });
    expect(actionText(cut)).toBe("Edited (background removed, local cut-out, no AI)");
    expect(actionText(act("c2pa.opened", "Opened"))).toBe("Opened");
    expect(actionText({ label: "Edited", description: "background removed (local cut-out, no AI)" })).toBe("Edited (background removed, local cut-out, no AI)");
    expect(actionNames(manifest("urn:cut", [act("c2pa.opened", "Opened"), cut]))).toEqual(["Opened", "Edited (background removed, local cut-out, no AI)"]);
  });

  it("stops on a cycle and on an ingredient without credentials", () => {
    const loop: ManifestView = manifest("urn:a", [], []);
    loop.ingredients.push(ing("source.png", "parentOf", loop));
    expect(chainOf(loop, {}, "a")).toHaveLength(1);
    const bare = manifest("urn:b", [], [ing("upload.png", "parentOf", null)]);
    expect(chainOf(bare, {}, "b").map((s) => s.manifest?.label ?? null)).toEqual(["urn:b", null]);
    expect(chainOf(null, {}, "b")).toEqual([]);
  });

  it("gathers the image's ancestors from the page's lineage, through every kind of parent", () => {
    const img = (id: string, parents: string[] = []) => ({ id, parentId: parents[0] ?? null, parents: parents.map((p, i) => ({ id: p, role: i ? ("reference" as const) : ("source" as const), position: 0, label: null, checksum: null })), hasAlpha: false, prompt: `p ${id}`, originalName: null });
    const known = new Map([img("a", ["b", "c"]), img("b", ["d"]), img("c"), img("d"), img("child", ["a"])].map((i) => [i.id, i]));
    const found = ancestryOf(known.get("a")!, known, (i) => i.prompt);
    expect(Object.keys(found).sort()).toEqual(["a", "b", "c", "d"]);
    expect(found.b).toMatchObject({ title: "p b", parents: [{ id: "d" }] });
  });
});

describe("credentials: the card's body", () => {
  const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/&#x27;/g, "'").replace(/\s+/g, " ");

  it("shows status, marking, software, actions and the chain with the parent's thumbnail", () => {
    const html = renderToStaticMarkup(createElement(CredentialsBody, { credentials: response(), kind: "processed", images, thumbnailUrl: "/t/crop" }));
    const words = text(html);
    expect(words).toContain("Signature valid");
    expect(words).toContain("Signed by this studio");
    expect(html).toContain('data-type="algorithmicMedia"');
    expect(words).toContain("Rendered by an algorithm (no AI model)");
    expect([...html.matchAll(/data-action="([\w.]+)"/g)].map((m) => m[1])).toEqual(["c2pa.opened", "c2pa.cropped"]);
    expect([...html.matchAll(/data-testid="credentials-agent"[^>]*>([^<]+)</g)].map((m) => m[1])).toEqual(["Image Studio 0.1.0", "Image Studio local renderer"]);
    expect([...html.matchAll(/data-testid="credentials-step" data-relation="(\w+)"/g)].map((m) => m[1])).toEqual(["this", "parent"]);
    expect(html).toContain('src="/t/crop"');
    expect(html).toContain('href="/images/gen"');
    expect(html).toContain("/api/v1/images/gen/file?variant=thumbnail");
    expect(words).toContain("View manifest JSON");
    expect(words).toContain("Download manifest (.json)");
  });

  it("says when it was signed only when the signature has a time (who signed is in the note)", () => {
    const timed = renderToStaticMarkup(createElement(CredentialsBody, { credentials: response(), kind: "processed", images, thumbnailUrl: "/t" }));
    expect(text(timed)).toContain("Signed by this studio · Dec 3, 2026, 10:00 AM UTC");
    const untimed = response({ active: { ...cropped, signer: { ...studio, time: null } } });
    const html = renderToStaticMarkup(createElement(CredentialsBody, { credentials: untimed, kind: "processed", images, thumbnailUrl: "/t" }));
    expect(html).not.toContain('data-testid="credentials-signer"');
  });

  it("a plain upload: no credentials, the marking it declares, nothing to download", () => {
    const none = response({ imageId: "up", present: false, validation: null, active: null, manifestStore: null, digitalSourceType: "trainedAlgorithmicMedia" });
    const html = renderToStaticMarkup(createElement(CredentialsBody, { credentials: none, kind: "uploaded", images: {}, thumbnailUrl: "/t/up" }));
    expect(text(html)).toContain("No content credentials — this file had none when it was uploaded.");
    expect(text(html)).toContain("Made by an AI model");
    expect(html).not.toContain("credentials-step");
    expect(html).not.toContain("credentials-download");
  });

  it("titles the chain by what it is, draws an alpha picture on the checkerboard, and a processed picture without a type does not 'declare'", () => {
    const alphaImages = { ...images, crop: { ...images.crop, hasAlpha: true } };
    const html = renderToStaticMarkup(createElement(CredentialsBody, { credentials: response(), kind: "processed", images: alphaImages, thumbnailUrl: "/t/crop" }));
    expect(text(html)).toContain("How it was made — newest first");
    expect(text(html)).not.toContain("Ingredients, newest first");
    expect(text(html)).toContain("Written into this picture's files and exports");
    expect(text(html)).not.toContain("kept on every copy");
    // This image (alpha) and its parent (alpha): both on the checkerboard.
    expect([...html.matchAll(/<img[^>]*>/g)].filter((m) => m[0].includes("checkerboard")).length).toBe(2);
    const plain = renderToStaticMarkup(createElement(CredentialsBody, { credentials: response({ digitalSourceType: null }), kind: "processed", images, thumbnailUrl: "/t/crop" }));
    expect(text(plain)).toContain("No AI marking: nothing shows AI-made pixels in this picture's sources.");
    expect(text(plain)).not.toMatch(/declares/);
  });

  it("an invalid signature lists its failures", () => {
    const bad = response({ validation: { state: "invalid", failures: [{ code: "assertion.dataHash.mismatch", explanation: "the hash does not match" }], note: "" } });
    const html = renderToStaticMarkup(createElement(CredentialsBody, { credentials: bad, kind: "processed", images, thumbnailUrl: "/t" }));
    expect(html).toContain('data-tone="invalid"');
    expect(text(html)).toContain("assertion.dataHash.mismatch — the hash does not match");
  });
});
