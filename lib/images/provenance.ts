import "server-only";
import { log } from "@/lib/log";
import { sniffFormat } from "@/lib/processing/formats";
import { embedXmp, readXmp } from "@/lib/processing/xmp-embed";
import {
  createdActions,
  derivedActions,
  digitalSourceTypeOf,
  generativeEdit,
  metadataEdited,
  modelAgent,
  PARENT_LABEL,
  parseDigitalSourceType,
  processingAction,
  transcoded,
  xmpDigitalSourceType,
  xmpPacket,
  type C2paAction,
  type DigitalSourceType,
  type SoftwareAgent,
} from "@/lib/provenance";
import { readManifestStore, type ManifestStoreJson } from "@/lib/provenance/read";
import { signAsset, type CredentialFormat, type IngredientInput } from "@/lib/provenance/sign";
import { storage } from "@/lib/storage";
import { pictureRows } from "./repositories/images";

/**
 * Provenance of a stored original (issue 17, docs/provenance.md): how its pixels were made (the IPTC digital
 * source type, from `digitalSourceTypeOf` only) and the studio's C2PA manifest over the file — the actions that
 * made it and its ingredients, whose own manifest stores travel inside it (the chain back to a provider's).
 * Every creation path (generation jobs, processing, uploads) describes what made the picture here; `storeImage`
 * then writes the XMP marking into the bytes and signs them ({@link markAndSign}) before anything is stored.
 */
export interface StoredProvenance {
  digitalSourceType: DigitalSourceType | null;
  /** The studio's manifest; null: nothing to sign (a plain upload without credentials). */
  manifest: { actions: C2paAction[]; ingredients: IngredientInput[] } | null;
}

/** A picture a new one was made from: its stored original, whole, and its type. */
export interface ParentPicture {
  bytes: Uint8Array;
  format: CredentialFormat;
  digitalSourceType: DigitalSourceType | null;
}

/** A provider's answer that carried its own C2PA manifest, as received. */
export interface ProviderAnswer {
  bytes: Uint8Array;
  format: CredentialFormat;
  /** The stored file is the answer with metadata changed only (a PNG stripped chunk by chunk, then marked). */
  kept: boolean;
}

export type Making =
  /** A provider's model or the local renderer: generation, variation, refinement, a provider's tool, the local expand. */
  | {
      by: "model" | "renderer";
      agent: SoftwareAgent;
      /** What it did to its source (absent: a new picture from a prompt). */
      edit?: { action: "c2pa.edited" | "c2pa.resized"; description: string };
      source?: ParentPicture;
      /** Whether the source's pixels went to the model (a variation by generating again does not send them). */
      sourceIsInput?: boolean;
      references?: ParentPicture[];
      mask?: ParentPicture;
      /** The provider's answer, when it carried a manifest (null/absent: it had none). */
      answer?: ProviderAnswer | null;
    }
  /** Pixel operations on the source: crop, resize, rotate, flip, filters, palette, the basic upscale, the local cut-out. */
  | { by: "processing"; source: ParentPicture; steps: C2paAction[] }
  /** A file from outside: the type it declares; the file as received when it carried credentials (kept in the chain). */
  | { by: "upload"; declared: DigitalSourceType | null; withCredentials?: { bytes: Uint8Array; format: CredentialFormat } | null };

const ingredient = (picture: { bytes: Uint8Array; format: CredentialFormat }, name: string, relationship: IngredientInput["relationship"], label: string): IngredientInput => ({
  bytes: picture.bytes,
  format: picture.format,
  title: `${name}.${picture.format}`,
  relationship,
  label,
});

/** The type and manifest of a new picture (the brief's "The model", items 1–2). */
export function provenanceOf(making: Making): StoredProvenance {
  if (making.by === "upload") {
    const type = digitalSourceTypeOf({ by: "upload", declared: making.declared });
    const received = making.withCredentials;
    return {
      digitalSourceType: type,
      manifest: received ? { actions: derivedActions([transcoded()]), ingredients: [ingredient(received, "upload", "parentOf", PARENT_LABEL)] } : null,
    };
  }
  if (making.by === "processing") {
    const type = digitalSourceTypeOf({ by: "processing", source: making.source.digitalSourceType });
    return { digitalSourceType: type, manifest: { actions: derivedActions(making.steps), ingredients: [ingredient(making.source, "source", "parentOf", PARENT_LABEL)] } };
  }
  const references = making.references ?? [];
  const inputs = [...(making.source && making.sourceIsInput !== false ? [making.source.digitalSourceType] : []), ...references.map((r) => r.digitalSourceType)];
  const type = digitalSourceTypeOf({ by: making.by, inputs });
  const extras = [
    ...references.map((r, i) => ingredient(r, `reference-${i + 1}`, "inputTo", `reference-${i + 1}`)),
    ...(making.mask ? [ingredient(making.mask, "mask", "inputTo", "mask")] : []),
  ];
  const answer = making.answer;
  if (making.source) {
    const step = generativeEdit(making.edit?.action ?? "c2pa.edited", type, making.agent, making.edit?.description);
    return {
      digitalSourceType: type,
      manifest: {
        actions: derivedActions([step]),
        ingredients: [ingredient(making.source, "source", "parentOf", PARENT_LABEL), ...(answer ? [ingredient(answer, "model-output", "componentOf", "model-output")] : []), ...extras],
      },
    };
  }
  if (answer) {
    // The provider's file as received is the parent: its manifest (the provider's "created") is the chain's start.
    return {
      digitalSourceType: type,
      manifest: { actions: derivedActions([answer.kept ? metadataEdited() : transcoded()]), ingredients: [ingredient(answer, "model-output", "parentOf", PARENT_LABEL), ...extras] },
    };
  }
  return { digitalSourceType: type, manifest: { actions: createdActions(type, making.agent), ingredients: extras } };
}

/** One C2PA action per processing step of a processed image, from what its row records of the operation. */
export function processingSteps(operationType: string, operationParams: unknown): C2paAction[] {
  const params = (operationParams ?? {}) as { operations?: Array<{ op: string; type?: string }>; type?: string };
  if (operationType === "process") return (params.operations ?? []).map((op) => processingAction(op));
  if (operationType === "filter") return [processingAction({ op: "filter", type: params.type })];
  return [processingAction({ op: operationType })];
}

/**
 * The packet an encoder writes itself (sharp `withXmp`): for AVIF only, which cannot take one afterwards without
 * a second encode; the other formats are marked without re-encoding when stored.
 */
export function encoderXmp(format: string, type: string | null): string | undefined {
  return format === "avif" ? (xmpPacket({ digitalSourceType: parseDigitalSourceType(type) }) ?? undefined) : undefined;
}

/** The credential format of a stored picture's format (they share their names). */
export function credentialFormat(format: string): CredentialFormat {
  if (format === "png" || format === "jpeg" || format === "webp" || format === "avif" || format === "gif") return format;
  throw new Error(`No Content Credentials for ${format} files`);
}

/**
 * The stored original's bytes: the XMP marking put in (when the type is known), then the studio's manifest
 * signed over the marked file. An AVIF the encoder already marked (sharp `withXmp`) is not encoded again.
 */
export async function markAndSign(data: Buffer, format: string, provenance: StoredProvenance, title: string): Promise<Buffer> {
  const target = credentialFormat(format);
  let marked = data;
  const packet = xmpPacket({ digitalSourceType: provenance.digitalSourceType });
  if (packet) {
    const already = target === "avif" && parseDigitalSourceType(xmpDigitalSourceType(await readXmp(data))) === provenance.digitalSourceType;
    if (!already) marked = await embedXmp(data, target, packet);
  }
  if (!provenance.manifest) return marked;
  return signAsset(marked, { title, format: target, actions: provenance.manifest.actions, ingredients: provenance.manifest.ingredients });
}

/** A rendition (thumbnail, preview, icon: WebP or PNG, never re-encoded here) with the original's XMP marking. */
export async function markRendition(data: Buffer, format: string, type: DigitalSourceType | null): Promise<Buffer> {
  const packet = xmpPacket({ digitalSourceType: type });
  return packet ? embedXmp(data, credentialFormat(format), packet) : data;
}

/** The manifest store a file carries, or null — also when it cannot be read (a damaged manifest is no manifest). */
export async function manifestOf(bytes: Uint8Array): Promise<ManifestStoreJson | null> {
  try {
    return await readManifestStore(bytes);
  } catch (error) {
    log.warn("a manifest store could not be read", { error: error instanceof Error ? error.message : String(error) });
    return null;
  }
}

/** A provider's answer as an ingredient, when it carries a manifest (read before it is normalized). */
export async function providerAnswer(bytes: Uint8Array): Promise<Omit<ProviderAnswer, "kept"> | null> {
  const format = sniffFormat(bytes);
  if (!format || !(await manifestOf(bytes))) return null;
  return { bytes, format };
}

/** The digital source type a c2pa.created action of the active manifest declares, or null. */
function createdType(store: ManifestStoreJson | null): DigitalSourceType | null {
  const active = store?.active_manifest ? store.manifests[store.active_manifest] : undefined;
  for (const assertion of active?.assertions ?? []) {
    if (!/^c2pa\.actions(\.v\d+)?$/.test(assertion.label)) continue;
    const actions = (assertion.data as { actions?: Array<{ action?: string; digitalSourceType?: string }> } | undefined)?.actions ?? [];
    const created = actions.find((a) => a.action === "c2pa.created" && parseDigitalSourceType(a.digitalSourceType));
    if (created) return parseDigitalSourceType(created.digitalSourceType);
  }
  return null;
}

/**
 * What an upload says about itself, read from the file as received (before it is normalized, which drops every
 * byte of metadata): the type its own C2PA manifest declares (a c2pa.created action of the active manifest), else
 * its XMP `DigitalSourceType`; and the file itself when it carries credentials, to keep them in the chain.
 */
export async function uploadProvenance(bytes: Uint8Array): Promise<StoredProvenance> {
  const format = sniffFormat(bytes);
  const store = format ? await manifestOf(bytes) : null;
  const xmp = await readXmp(bytes).catch(() => null);
  const declared = createdType(store) ?? parseDigitalSourceType(xmpDigitalSourceType(xmp));
  return provenanceOf({ by: "upload", declared, withCredentials: store && format ? { bytes, format } : null });
}

/** Stored images as parents of a new one: their originals and types, by id (a missing one is left out, logged). */
export async function loadParentPictures(ids: string[]): Promise<Map<string, ParentPicture>> {
  const found = new Map<string, ParentPicture>();
  if (!ids.length) return found;
  const rows = await pictureRows(ids);
  await Promise.all(
    rows.map(async (row) => {
      const bytes = await storage().get(row.storageKey).catch((error) => log.warn("a parent's original could not be read for its credentials", { imageId: row.id, error }));
      if (bytes) found.set(row.id, { bytes, format: credentialFormat(row.format), digitalSourceType: parseDigitalSourceType(row.digitalSourceType) });
    }),
  );
  return found;
}

/** A stored image as the source of a processing step (its bytes already read, or read now). */
export async function parentPicture(row: { storageKey: string; format: string; digitalSourceType: string | null }, bytes?: Uint8Array): Promise<ParentPicture> {
  return { bytes: bytes ?? (await storage().get(row.storageKey)), format: credentialFormat(row.format), digitalSourceType: parseDigitalSourceType(row.digitalSourceType) };
}

export { modelAgent };
