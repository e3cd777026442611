/**
 * The "Content credentials" card's reading of `GET …/credentials` (pure, tested): the status line, the AI marking
 * in words, the software that made the picture, and the chain of manifests as a timeline — newest first, along the
 * parent line, with each manifest's components and inputs beside it — matched to the lineage images the page knows
 * (the "parent" ingredient is the source parent, "reference-N" the Nth reference, "mask" the mask), so the timeline
 * can show their pictures.
 */
import type { CredentialsResponse, ManifestAction, ManifestIngredient, ManifestSigner, ManifestView } from "@/components/api/credentials";
import type { ImageKind, ImageParent } from "@/components/api/types";
import { digitalSourceTypeLabels, type DigitalSourceType } from "@/lib/provenance/source-type";

export type CredentialsTone = "valid" | "invalid" | "trusted" | "none";

export interface CredentialsStatus {
  tone: CredentialsTone;
  title: string;
  note: string | null;
}

/** The status line: the signature's state in words, or why there is nothing to show. */
export function statusOf(credentials: Pick<CredentialsResponse, "present" | "validation">, kind: ImageKind): CredentialsStatus {
  const v = credentials.validation;
  if (!credentials.present || !v) {
    const title =
      kind === "uploaded"
        ? "No content credentials — this file had none when it was uploaded."
        : "No content credentials: this image was stored before the studio signed its files";
    return { tone: "none", title, note: null };
  }
  const title =
    v.state === "trusted" ? "Trusted" : v.state === "valid" ? "Signature valid" : "Signature invalid — the file was changed after signing";
  return { tone: v.state, title, note: v.note || null };
}

export interface Marking {
  type: DigitalSourceType;
  /** The pill: "Made by an AI model". */
  label: string;
  /** What it means, in a sentence. */
  words: string;
}

const markingWords: Record<DigitalSourceType, string> = {
  trainedAlgorithmicMedia: "A trained AI model made these pixels.",
  compositeWithTrainedAlgorithmicMedia: "Other pictures with pixels a trained AI model added or changed.",
  algorithmicMedia: "Drawn by the studio's procedural renderer: no trained model, no training data.",
  compositeSynthetic: "Includes pixels the studio's local (non-AI) fill generated.",
};

/** The AI marking of a type (null: the file declares none). */
export function markingOf(type: DigitalSourceType | null | undefined): Marking | null {
  if (!type || !(type in digitalSourceTypeLabels)) return null;
  return { type, label: digitalSourceTypeLabels[type], words: markingWords[type] };
}

/** The AI-marking line of a picture without a type: an upload carried none; anything else has no AI-made pixels in its sources. */
export function noMarkingWords(kind: ImageKind): string {
  return kind === "uploaded"
    ? "No AI marking: the file carried none when it was uploaded."
    : "No AI marking: nothing shows AI-made pixels in this picture's sources.";
}

/** Who signed a manifest: "this studio", else the certificate's organisation ("Fake OpenAI"), else its name. */
export function signerName(signer: ManifestSigner): string {
  if (signer.thisStudio) return "this studio";
  return signer.issuer || signer.commonName || "an unknown signer";
}

const relations: Record<string, string> = { parentOf: "parent", componentOf: "component", inputTo: "input" };

/** An ingredient's relationship in a word: parent, component, input. */
export const relationLabel = (relationship: string): string => relations[relationship] ?? relationship;

/** Every manifest of the chain, each once, newest first (the active one, then its ingredients', depth first). */
export function manifestsOf(active: ManifestView | null): ManifestView[] {
  const seen = new Set<string>();
  const out: ManifestView[] = [];
  const walk = (m: ManifestView | null, depth: number) => {
    if (!m || seen.has(m.label) || depth > 32) return;
    seen.add(m.label);
    out.push(m);
    // The parent line first, then the components and inputs.
    const ordered = [...m.ingredients].sort((a, b) => Number(b.relationship === "parentOf") - Number(a.relationship === "parentOf"));
    for (const i of ordered) walk(i.manifest, depth + 1);
  };
  walk(active, 0);
  return out;
}

/** "Made with": every software agent named by an action anywhere in the chain, each once, newest first. */
export function agentsOf(active: ManifestView | null): string[] {
  const agents = new Set<string>();
  for (const m of manifestsOf(active)) for (const a of m.actions) if (a.softwareAgent?.trim()) agents.add(a.softwareAgent.trim());
  return [...agents];
}

/** A lineage image the timeline can picture. */
export interface ChainImage {
  id: string;
  title: string | null;
  hasAlpha: boolean;
  parents: ImageParent[];
}

export type ChainImages = Record<string, ChainImage>;

/** The page's lineage images (the image and its ancestors) as the timeline needs them. */
export function chainImagesOf(
  images: Iterable<{ id: string; parents?: ImageParent[]; parentId: string | null; hasAlpha: boolean; title: string | null }>,
): ChainImages {
  const out: ChainImages = {};
  for (const i of images) {
    const parents = i.parents ?? (i.parentId ? [{ id: i.parentId, role: "source" as const, position: 0, label: null, checksum: null }] : []);
    out[i.id] = { id: i.id, title: i.title, hasAlpha: i.hasAlpha, parents };
  }
  return out;
}

/**
 * The image and its ancestors (each once, through every kind of parent) from the page's lineage, by id: what the
 * chain can picture. Parents not in `known` (in the trash) are left out; `ingredientImage` still names them.
 */
type Known = { id: string; parents?: ImageParent[]; parentId: string | null; hasAlpha: boolean; prompt: string | null; originalName: string | null };

export function ancestryOf(image: Known, known: Map<string, Known>, titleOf: (image: Known) => string | null): ChainImages {
  const found = new Map<string, Known>([[image.id, image]]);
  const queue = [image];
  while (queue.length && found.size < 200) {
    const next = queue.shift()!;
    const parents = next.parents ?? (next.parentId ? [{ id: next.parentId }] : []);
    for (const p of parents) {
      const parent = known.get(p.id);
      if (parent && !found.has(p.id)) {
        found.set(p.id, parent);
        queue.push(parent);
      }
    }
  }
  return chainImagesOf([...found.values()].map((i) => ({ id: i.id, parents: i.parents, parentId: i.parentId, hasAlpha: i.hasAlpha, title: titleOf(i) })));
}

/** A file name without its extension, lower case: "reference-1.jpeg" → "reference-1". */
const stem = (name: string | null) => (name ?? "").replace(/\.[a-z0-9]+$/i, "").toLowerCase();

/** Ingredients that are files from outside the lineage: a provider's answer, an upload as received, an export's original. */
const outsideFiles = new Set(["model-output", "upload", "original"]);

/**
 * The lineage image an ingredient of `of`'s manifest is: its source for the parent ingredient, its Nth reference for
 * "reference-N", its mask for "mask"; null for a provider's answer, the upload as received, or an unknown image.
 */
export function ingredientImage(ingredient: Pick<ManifestIngredient, "title" | "label" | "relationship">, of: ChainImage | null, images: ChainImages): ChainImage | null {
  if (!of) return null;
  const names = [stem(ingredient.title), stem(ingredient.label)];
  if (names.some((n) => outsideFiles.has(n))) return null;
  const reference = names.map((n) => /^reference-(\d+)$/.exec(n)).find(Boolean);
  let parent: ImageParent | undefined;
  if (ingredient.relationship === "parentOf") parent = of.parents.find((p) => p.role === "source");
  else if (names.includes("mask")) parent = of.parents.find((p) => p.role === "mask");
  else if (reference) parent = of.parents.find((p) => p.role === "reference" && p.position === Number(reference[1]) - 1);
  if (!parent) return null;
  // A parent in the trash is not in the lineage: its picture may still be had (or says so), but its own line ends.
  return images[parent.id] ?? { id: parent.id, title: null, hasAlpha: false, parents: [] };
}

export interface ChainVia {
  /** parent, component, input. */
  relation: string;
  title: string | null;
  label: string | null;
  /** The ingredient's own manifest validated (null: not reported). */
  valid: boolean | null;
}

export interface ChainStep {
  key: string;
  /** Null: the ingredient carries no credentials of its own (the chain ends there). */
  manifest: ManifestView | null;
  /** How this is an ingredient of the step above it (null for the image itself). */
  via: ChainVia | null;
  image: ChainImage | null;
  /** The manifest's other ingredients (components, inputs), each its own line of steps. */
  side: ChainStep[][];
}

const maxSteps = 64;

type Cursor = { manifest: ManifestView | null; via: ChainVia | null; image: ChainImage | null };

/**
 * The chain as a timeline, newest first: the image's own manifest, then down its parent line (each manifest's one
 * parentOf ingredient) to the oldest — a provider's own manifest, or a file without credentials — with each step's
 * components and inputs as lines beside it. Bounded, so a malformed or cyclic store cannot run away.
 */
export function chainOf(active: ManifestView | null, images: ChainImages, imageId: string): ChainStep[] {
  let budget = maxSteps;
  const line = (manifest: ManifestView | null, via: ChainVia | null, image: ChainImage | null, key: string, depth: number): ChainStep[] => {
    const steps: ChainStep[] = [];
    const seen = new Set<string>();
    let current: Cursor | null = { manifest, via, image };
    while (current && budget-- > 0) {
      const m: ManifestView | null = current.manifest;
      if (m && seen.has(m.label)) break;
      if (m) seen.add(m.label);
      const stepKey = `${key}.${steps.length}`;
      const ingredients: ManifestIngredient[] = m?.ingredients ?? [];
      const parent = ingredients.find((i) => i.relationship === "parentOf") ?? null;
      const of: ChainImage | null = current.image;
      const side =
        depth < 3
          ? ingredients.filter((i) => i !== parent).map((i, n) => line(i.manifest, viaOf(i), ingredientImage(i, of, images), `${stepKey}.${n}`, depth + 1))
          : [];
      steps.push({ key: stepKey, manifest: m, via: current.via, image: current.image, side });
      current = parent ? { manifest: parent.manifest, via: viaOf(parent), image: ingredientImage(parent, of, images) } : null;
    }
    return steps;
  };
  if (!active) return [];
  return line(active, null, images[imageId] ?? { id: imageId, title: null, hasAlpha: false, parents: [] }, "c", 0);
}

const viaOf = (i: ManifestIngredient): ChainVia => ({ relation: relationLabel(i.relationship), title: i.title, label: i.label, valid: i.valid });

/**
 * What a step is called: "This image", the lineage image's title, else what the ingredient's neutral name says
 * ("The provider's file, as received", "Reference 2"), else its file name.
 */
export function stepName(step: ChainStep, imageId: string): string {
  if (step.image?.id === imageId && !step.via) return "This image";
  if (step.image?.title) return step.image.title;
  const name = stem(step.via?.title ?? null) || stem(step.via?.label ?? null);
  const reference = /^reference-(\d+)$/.exec(name);
  if (reference) return `Reference ${reference[1]}`;
  return fileNames[name] ?? (step.via?.title || step.manifest?.title || "An ingredient");
}

/** The studio's neutral ingredient names in words (the file name is shown beside them). */
const fileNames: Record<string, string> = {
  "model-output": "The provider's file, as received",
  // Named relative to the manifest they belong to: an upload's parent is the file as received; an export's parent is
  // the studio original it was exported from (another image's, when that export was uploaded here).
  upload: "The file as uploaded",
  original: "The studio original it was exported from",
  source: "The source",
  mask: "The mask",
};

/**
 * An action in words, with its description when it has one: "Edited (background removed, local cut-out, no AI)"
 * (a description's own brackets become commas, so they do not nest).
 */
export function actionText(a: Pick<ManifestAction, "label" | "description">): string {
  const description = a.description?.replace(/\s*\(([^()]*)\)/g, ", $1").trim();
  return description ? `${a.label} (${description})` : a.label;
}

/** The actions of a manifest as a short list: "Opened", "Cropped", "Filtered (blur filter)". */
export function actionNames(manifest: ManifestView | null): string[] {
  return (manifest?.actions ?? []).map(actionText);
}

/** The file type of an ingredient without a lineage picture, from its file name: "JPEG", "PNG"; null when unknown. */
export function fileTypeOf(step: Pick<ChainStep, "via" | "manifest">): string | null {
  const ext = /\.([a-z0-9]+)$/i.exec(step.via?.title ?? step.manifest?.title ?? "")?.[1]?.toLowerCase();
  if (!ext) return null;
  return ext === "jpg" ? "JPEG" : ext.toUpperCase().slice(0, 4);
}

/** The file name the manifest downloads as. */
export const manifestFileName = (imageId: string) => `content-credentials-${imageId}.json`;
