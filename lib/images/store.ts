import "server-only";
import type { Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { log } from "@/lib/log";
import { extensions, makeIconRenditions, makeRenditions, mimeTypes, sha256, type OutputFormat, type RenditionSet, type StoredFormat } from "@/lib/processing";
import { storage } from "@/lib/storage";
import { imageFileKey } from "@/lib/storage/keys";
import type { ImageDtoRow, ParentRole } from "./dto";
import { markAndSign, markRendition, type StoredProvenance } from "./provenance";

/** A parent of a new image: which picture, in what role, where in the order, what the prompt called it. */
export interface ParentLink {
  id: string;
  role: ParentRole;
  position?: number;
  label?: string | null;
  /** sha-256 of the parent's original as it was used (for reproducibility). */
  checksum?: string | null;
}
import { inputLimits } from "./limits";
import { insertImageWithLineage } from "./repositories/images";
import { imageChecksums } from "./repositories/lineage";

export interface StoreImageInput {
  ownerId: string;
  kind: "uploaded" | "generated" | "processed";
  data: Buffer;
  format: StoredFormat;
  width: number;
  height: number;
  hasAlpha: boolean;
  /** Frames of an animated GIF/WebP (width × height is one frame's size); 1 or absent for a still. */
  frames?: number;
  /** The source it was made from (processing, variations, refinement): shorthand for a "source" parent. */
  parentId?: string | null;
  /** Every picture it was made from, with its role (references, a mask image); the lineage graph's edges. */
  parents?: ParentLink[];
  /** The collections (boards) it joins. */
  collectionIds?: string[];
  originalName?: string | null;
  /** Renditions already made from the image's pixels (`runOperations`); made from `data` when absent or failed. */
  renditions?: Promise<RenditionSet>;
  /** Square icon sizes to render as `icon-<size>` PNG renditions (generation with imageType "icon"). */
  iconSizes?: number[];
  /**
   * How its pixels were made and the studio's C2PA manifest (lib/images/provenance.ts): the stored original is
   * `data` with the XMP marking and the signed manifest added; the renditions carry the marking too.
   */
  provenance?: StoredProvenance;
  /** Generation and processing provenance columns. */
  fields?: Omit<Prisma.ImageUncheckedCreateInput, "id" | "ownerId" | "kind" | "storageKey" | "format" | "mimeType" | "bytes" | "width" | "height" | "hasAlpha" | "checksum">;
}

/**
 * Saves a new image: renditions made, every file written to storage, then one database write for the row and
 * its renditions. If anything fails, the files already written are removed: no orphan file, and no row that
 * points at a missing file.
 */
export async function storeImage(input: StoreImageInput): Promise<ImageDtoRow> {
  const id = newId("img");
  const type = input.provenance?.digitalSourceType ?? null;
  const [{ renditions: standard, placeholder }, icons, original] = await Promise.all([
    (input.renditions ?? Promise.reject()).catch(() => makeRenditions(input, inputLimits())),
    input.iconSizes?.length ? makeIconRenditions(input.data, input.iconSizes, inputLimits()) : [],
    input.provenance ? markAndSign(input.data, input.format, input.provenance, `${id}.${extensions[input.format]}`) : input.data,
  ]);
  // The renditions show the same pixels: they carry the same marking (no manifest: they are never exported).
  const renditions: Array<{ variant: string; data: Buffer; format: OutputFormat; width: number; height: number }> = await Promise.all(
    [...standard, ...icons].map(async (r) => ({ ...r, data: await markRendition(r.data, r.format, type) })),
  );
  const files = [
    { variant: "original", data: original, format: input.format as string },
    ...renditions.map((r) => ({ variant: r.variant, data: r.data, format: r.format as string })),
  ].map((f) => ({
    ...f,
    key: imageFileKey({ ownerId: input.ownerId, imageId: id, variant: f.variant, extension: extensions[f.format as OutputFormat] }),
  }));

  const writing = keysBeingStored();
  for (const f of files) writing.add(f.key);
  try {
    // allSettled, not all: every write has finished (or failed) before any cleanup runs.
    const puts = await Promise.allSettled(
      files.map((f) => storage().put(f.key, f.data, { contentType: mimeTypes[f.format as OutputFormat] })),
    );
    const failed = puts.find((p) => p.status === "rejected");
    if (failed) throw failed.reason;
    const searchText = [input.fields?.prompt, input.fields?.negativePrompt, input.originalName]
      .filter(Boolean)
      .join(" \n ")
      .toLowerCase();
    return await insertImageWithLineage({
      ...input.fields,
      id,
      ownerId: input.ownerId,
      kind: input.kind,
      ...(await parentsCreate(input)),
      originalName: input.originalName ?? null,
      storageKey: files[0].key,
      format: input.format,
      mimeType: mimeTypes[input.format],
      bytes: original.length,
      width: input.width,
      height: input.height,
      hasAlpha: input.hasAlpha,
      frames: input.frames ?? 1,
      checksum: sha256(original),
      ...(input.provenance ? { digitalSourceType: type } : {}),
      placeholder,
      searchText: searchText || null,
      renditions: {
        create: renditions.map((r, i) => ({
          id: newId("rnd"),
          variant: r.variant,
          storageKey: files[i + 1].key,
          format: r.format,
          mimeType: mimeTypes[r.format],
          bytes: r.data.length,
          width: r.width,
          height: r.height,
        })),
      },
      ...(input.collectionIds?.length ? { collections: { create: [...new Set(input.collectionIds)].map((collectionId) => ({ collectionId })) } } : {}),
    });
  } catch (error) {
    // Every key, not only the writes that reported success: a failed put may still have left its bytes
    // (a lost acknowledgement), and deleting a key that holds nothing is not an error.
    await removeFiles(files.map((f) => f.key));
    if ((error as { code?: string })?.code === "P2003") {
      // A parent or collection vanished between our check and the write.
      throw new AppError("not_found", "The parent image or collection no longer exists", { cause: error });
    }
    throw error;
  } finally {
    for (const f of files) writing.delete(f.key);
  }
}

/**
 * The lineage edges of a new image: its source (`parentId`) and its other parents, each picture once, each with
 * the checksum of the parent's original (stored files never change, so it is the one that was used).
 */
async function parentsCreate(input: StoreImageInput) {
  const links = [...(input.parentId ? [{ id: input.parentId, role: "source" as const }] : []), ...(input.parents ?? [])];
  const seen = new Set<string>();
  const unique: ParentLink[] = links.filter((l) => !seen.has(l.id) && seen.add(l.id));
  if (!unique.length) return {};
  const missing = unique.filter((l) => !l.checksum).map((l) => l.id);
  const rows = missing.length ? await imageChecksums(missing) : [];
  const checksums = new Map(rows.map((r) => [r.id, r.checksum]));
  return {
    parents: {
      create: unique.map((l) => ({ parentId: l.id, role: l.role, position: l.position ?? 0, label: l.label ?? null, checksum: l.checksum ?? checksums.get(l.id) ?? null })),
    },
  };
}

const globalForStore = globalThis as unknown as { imageStudioKeysBeingStored?: Set<string> };

/**
 * Keys this process is writing whose row is not committed yet (one set per process, whichever bundle asks): the
 * orphan sweep (orphans.ts) never removes them, whatever their age. Files of a store in another process are
 * protected by ORPHAN_SWEEP_MIN_AGE_MINUTES instead.
 */
export function keysBeingStored(): Set<string> {
  return (globalForStore.imageStudioKeysBeingStored ??= new Set());
}

/** Deletes files, logging (not throwing) failures: the caller's outcome does not depend on cleanup. */
export async function removeFiles(keys: string[]): Promise<void> {
  const results = await Promise.allSettled(keys.map((key) => storage().delete(key)));
  results.forEach((r, i) => {
    if (r.status === "rejected") log.warn("could not delete a stored file", { key: keys[i], error: r.reason });
  });
}
