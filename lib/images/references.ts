import "server-only";
import { AppError } from "@/lib/errors";
import { prepareReference } from "@/lib/processing/references";
import type { ReferenceImage } from "@/lib/providers/types";
import { storage } from "@/lib/storage";
import { inputLimits } from "./limits";
import type { ReferenceItem } from "./reference-schema";
import { ownedStorageKeys, referenceCandidates } from "./repositories/images";

/** A reference as a job carries it: which image, what the prompt calls it, and its checksum when accepted. */
export interface JobReference {
  imageId: string;
  label?: string;
  /** sha-256 of the image's original when the job was accepted (provenance: what was sent, reproducibly). */
  checksum: string;
}

/**
 * The references of a request, checked before anything is reserved or queued: each must be one of the caller's
 * images (another owner's, or none: 404, as everywhere) and not in the trash (409), and not the picture the job
 * starts from (it is sent already). Order and labels are kept.
 */
export async function resolveReferences(ownerId: string, items: ReferenceItem[] | undefined, sourceId?: string): Promise<JobReference[]> {
  if (!items?.length) return [];
  const rows = await referenceCandidates(ownerId, items.map((i) => i.id));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return items.map((item, index) => {
    const row = byId.get(item.id);
    if (!row) throw new AppError("not_found", `Reference image ${item.id} not found`, { details: [{ path: ["referenceImageIds", index], message: "not found" }] });
    if (row.deletedAt) throw new AppError("conflict", `Reference image ${item.id} is in the trash: restore it (POST /api/v1/images/${item.id}/restore) to use it.`);
    if (item.id === sourceId) {
      throw new AppError("invalid_request", `Image ${item.id} is the picture this starts from: it is sent already, do not name it as a reference too`, {
        details: [{ path: ["referenceImageIds", index], message: "same as the source image" }],
      });
    }
    return { imageId: row.id, ...(item.label ? { label: item.label } : {}), checksum: row.checksum };
  });
}

/**
 * The references' pictures for a provider call, in order, each shrunk to what a provider needs
 * (lib/processing/references.ts) — or null when one was deleted (or purged) since the job was accepted.
 */
export async function loadReferences(ownerId: string, references: JobReference[] | undefined): Promise<ReferenceImage[] | null> {
  if (!references?.length) return [];
  const rows = await ownedStorageKeys(ownerId, references.map((r) => r.imageId));
  const keyOf = new Map(rows.map((r) => [r.id, r.storageKey]));
  const loaded: ReferenceImage[] = [];
  // One at a time: a batch of large photographs is decoded one by one (peak memory of one decode).
  for (const reference of references) {
    const key = keyOf.get(reference.imageId);
    const data = key ? await storage().get(key).catch(() => null) : null;
    if (!data) return null;
    const prepared = await prepareReference(data, inputLimits());
    loaded.push({ ...prepared, imageId: reference.imageId, ...(reference.label ? { label: reference.label } : {}) });
  }
  return loaded;
}
