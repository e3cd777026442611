/**
 * Reference images attached to a generation, as the prompt panel and compare hold them: pure helpers for their
 * order, duplicates, labels, the model limits and the request body (`referenceImageIds`, docs/api.md).
 */
import type { ModelCapabilities } from "@/components/api/generation";
import type { ImageParent } from "@/components/api/types";

/** One attached image: its id and what the prompt calls it ("" = no label: the prompt says "image N"). */
export interface DraftReference {
  id: string;
  label: string;
}

/** An item of `referenceImageIds`: a bare id, or the id with its label. */
export type ReferenceBodyItem = string | { id: string; label?: string };

/** The extra field of POST /api/v1/generations (and compare's lanes) this adds. */
export interface WithReferences {
  referenceImageIds?: ReferenceBodyItem[];
}

/** The server's own caps (lib/images/reference-schema.ts): most items a request may name, longest label. */
export const maxReferenceItems = 32;
export const maxLabelLength = 80;
const maxIdLength = 100;

/** The data type gallery tiles carry when dragged (their ids as a JSON list; the selection when part of it). */
export const imageDragType = "application/x-image-studio-ids";
/** A reference being moved inside the tray (its id). */
export const referenceDragType = "application/x-image-studio-reference";

const validId = (id: unknown): id is string => typeof id === "string" && id.length > 0 && id.length <= maxIdLength && !/[\s/?#]/.test(id);
const cleanLabel = (label: unknown) => (typeof label === "string" ? label.slice(0, maxLabelLength) : "");

/**
 * `current` with `added` appended in their order; an image already attached (or named twice) is not added again.
 * Answers the list and how many were left out as duplicates, and how many because the list is full.
 */
export function addReferences(current: DraftReference[], added: Array<string | { id: string; label?: string | null }>) {
  const list = [...current];
  let duplicates = 0;
  let overflow = 0;
  for (const item of added) {
    const ref = typeof item === "string" ? { id: item, label: "" } : { id: item.id, label: cleanLabel(item.label ?? "") };
    if (!validId(ref.id)) continue;
    if (list.some((r) => r.id === ref.id)) duplicates++;
    else if (list.length >= maxReferenceItems) overflow++;
    else list.push(ref);
  }
  return { list, duplicates, overflow };
}

export const removeReference = (list: DraftReference[], id: string) => list.filter((r) => r.id !== id);

/** Moves one reference `by` places (-1: earlier), stopping at the ends. */
export function moveReference(list: DraftReference[], id: string, by: number): DraftReference[] {
  const from = list.findIndex((r) => r.id === id);
  if (from < 0) return list;
  return moveReferenceTo(list, id, Math.max(0, Math.min(list.length - 1, from + by)));
}

/** Puts one reference at position `to` (after removing it from where it was). */
export function moveReferenceTo(list: DraftReference[], id: string, to: number): DraftReference[] {
  const from = list.findIndex((r) => r.id === id);
  if (from < 0 || from === to) return list;
  const next = list.filter((r) => r.id !== id);
  next.splice(Math.max(0, Math.min(next.length, to)), 0, list[from]);
  return next;
}

export const labelReference = (list: DraftReference[], id: string, label: string) =>
  list.map((r) => (r.id === id ? { ...r, label: cleanLabel(label) } : r));

/** The name the prompt can use for a reference: its label, else "image N" (as lib/providers/prompt.ts says it). */
export const referenceName = (ref: DraftReference, index: number) => ref.label.trim() || `image ${index + 1}`;

/** `referenceImageIds` for a request, in order: ids, or `{id, label}` where labelled; undefined when none. */
export function referenceBody(list: DraftReference[]): ReferenceBodyItem[] | undefined {
  if (!list.length) return undefined;
  return list.map((r) => (r.label.trim() ? { id: r.id, label: r.label.trim() } : r.id));
}

/** The most input images a model takes (0: none), from GET /api/v1/providers. */
export const referenceLimitOf = (capabilities: Pick<ModelCapabilities, "maxReferenceImages"> | undefined) => capabilities?.maxReferenceImages ?? 0;

/**
 * Why a model cannot take `count` references, in words to show after its name ("takes at most 8 reference
 * images"), or null when it can. The server says the same with the model's id (lib/providers/selection.ts).
 */
export function referenceReason(capabilities: Pick<ModelCapabilities, "maxReferenceImages"> | null | undefined, count: number): string | null {
  // Unknown (Auto, no model chosen, providers still loading or failed): the server decides; never a refusal here.
  if (count <= 0 || !capabilities) return null;
  const max = referenceLimitOf(capabilities);
  if (!max) return "does not take reference images";
  if (count > max) return `takes at most ${max} reference image${max === 1 ? "" : "s"}`;
  return null;
}

/** "2 of 16" against the chosen model's limit; just the count when no model (the server's choice) is known. */
export function countText(count: number, capabilities: Pick<ModelCapabilities, "maxReferenceImages"> | undefined): string {
  if (!capabilities) return `${count} reference${count === 1 ? "" : "s"}`;
  return `${count} of ${referenceLimitOf(capabilities)}`;
}

/** An image's references (role "reference" among its parents), in the order they were sent, with their labels. */
export function referencesFromParents(parents: ImageParent[] | undefined): DraftReference[] {
  return (parents ?? [])
    .filter((p) => p.role === "reference")
    .sort((a, b) => a.position - b.position)
    .map((p) => ({ id: p.id, label: cleanLabel(p.label ?? "") }));
}

/** The `refs` address parameter of "Reuse settings": the request's own form, as JSON. */
export const encodeReferences = (list: DraftReference[]) => JSON.stringify(referenceBody(list) ?? []);

/** References from stored or addressed data (anything: it may have been edited by hand); bad items are dropped. */
export function parseReferences(value: unknown): DraftReference[] {
  let raw = value;
  if (typeof value === "string") {
    try {
      raw = JSON.parse(value);
    } catch {
      return [];
    }
  }
  if (!Array.isArray(raw)) return [];
  const items = raw.map((item) => (typeof item === "string" ? { id: item } : item && typeof item === "object" ? (item as { id?: unknown; label?: unknown }) : {}));
  return addReferences(
    [],
    items.filter((i): i is { id: string; label?: string } => validId(i.id)).map((i) => ({ id: i.id, label: cleanLabel(i.label) })),
  ).list;
}

/**
 * The gallery images a drag carries: the tiles' own type (a JSON list of ids), else links to images of this studio
 * (text/uri-list: `/images/<id>` pages or `/api/v1/images/<id>/file` files), from this origin only.
 */
export function idsFromDrag(getData: (type: string) => string, origin: string): string[] {
  try {
    const ids = JSON.parse(getData(imageDragType) || "null");
    if (Array.isArray(ids)) return ids.filter(validId);
  } catch {
    // Not ours: try the links.
  }
  const ids: string[] = [];
  for (const line of (getData("text/uri-list") || "").split(/\r?\n/)) {
    if (!line.trim() || line.startsWith("#")) continue;
    try {
      const url = new URL(line.trim(), origin);
      const match = url.origin === origin && /^\/(?:api\/v1\/)?images\/([^/]+)(?:\/file)?\/?$/.exec(url.pathname);
      if (match && validId(decodeURIComponent(match[1]))) ids.push(decodeURIComponent(match[1]));
    } catch {
      // Not a URL.
    }
  }
  return ids;
}

/** Whether a drag may carry images to attach: gallery tiles, image links, or files (checked on drop). */
export const dragMayCarryImages = (types: readonly string[]) =>
  types.includes(imageDragType) || types.includes("Files") || types.includes("text/uri-list");

/** The picture files among dropped or pasted ones. */
export const imageFiles = (files: Iterable<File>) => Array.from(files).filter((f) => f.type.startsWith("image/"));

/** A model the references are judged against: its capabilities and the name to say ("Column B: FLUX.2 [pro]"). */
export interface ReferenceJudge {
  capabilities: Pick<ModelCapabilities, "maxReferenceImages">;
  name: string;
}

/**
 * Compare sends the same references to every column: the one taking the fewest judges them (the first such
 * column on a tie). Columns without a chosen model are left out; undefined when none is chosen (nothing known).
 */
export function smallestReferenceLimit(columns: Array<{ capabilities: Pick<ModelCapabilities, "maxReferenceImages">; label: string } | null | undefined>, columnName: (index: number) => string): ReferenceJudge | undefined {
  let best: ReferenceJudge | undefined;
  let bestMax = Infinity;
  columns.forEach((c, i) => {
    if (!c) return;
    const max = referenceLimitOf(c.capabilities);
    if (max < bestMax) {
      bestMax = max;
      best = { capabilities: c.capabilities, name: `${columnName(i)} (${c.label})` };
    }
  });
  return best;
}

/** What the server says of a reference when checked: in the trash (can be restored), or gone. */
export type ReferenceState = "trashed" | "gone";

/** Why the panel cannot be sent with these references (the first one in the trash or gone), or null. */
export function unavailableReason(list: DraftReference[], states: Record<string, ReferenceState | undefined>): string | null {
  const index = list.findIndex((r) => states[r.id]);
  if (index < 0) return null;
  return states[list[index].id] === "trashed"
    ? `Reference ${index + 1} is in the trash: restore or remove it.`
    : `Reference ${index + 1} no longer exists: remove it.`;
}

/** The picker's line about the model's limit: "up to 16 — 14 more" (null: no limit known, the server decides). */
export function roomText(capabilities: Pick<ModelCapabilities, "maxReferenceImages"> | null | undefined, attached: number, chosen: number): string | null {
  if (!capabilities) return null;
  const max = referenceLimitOf(capabilities);
  if (!max) return "this model takes no reference images";
  const left = Math.max(0, max - attached - chosen);
  return `up to ${max} — ${left ? `${left} more` : "no more"}`;
}

/** How many more may be chosen in the picker (Infinity: no limit known). */
export function roomLeft(capabilities: Pick<ModelCapabilities, "maxReferenceImages"> | null | undefined, attached: number): number {
  if (!capabilities) return maxReferenceItems - attached;
  return Math.max(0, Math.min(maxReferenceItems, referenceLimitOf(capabilities)) - attached);
}

/** A pasted picture's name: the clipboard calls every one "image.png". */
export function pastedName(file: File, now: Date): string {
  if (file.name && !/^image\.\w+$/i.test(file.name)) return file.name;
  const ext = (/\.(\w+)$/.exec(file.name)?.[1] ?? file.type.split("/")[1] ?? "png").toLowerCase();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `Pasted image ${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())} ${pad(now.getHours())}:${pad(now.getMinutes())}.${ext}`;
}

/** Where a picture is made, for what references do there: a remote model reads them; the local renderer does not. */
export type Renderer = "remote" | "local";

/**
 * The renderer of a choice: the chosen provider's, else (Auto) a remote one when any remote provider is set up, else
 * the local renderer; undefined while the providers are not known.
 */
export function rendererOf(providers: Array<{ local: boolean; configured: boolean }> | null | undefined, chosen: { local: boolean } | undefined): Renderer | undefined {
  if (chosen) return chosen.local ? "local" : "remote";
  if (!providers) return undefined;
  return providers.some((p) => p.configured && !p.local) ? "remote" : "local";
}

/** One line under the tray: what the references do with this renderer. */
export const rendererText: Record<Renderer, string> = {
  remote: "The model uses them as it reads the prompt: name them by their labels (“the red jacket”) or as image 1, image 2…",
  local: "Offline, the local renderer takes their colours and rough layout, not their subjects — connect a provider for that.",
};
