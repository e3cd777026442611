import "server-only";
import { Zip, ZipPassThrough } from "fflate";
import { z } from "zod";
import type { CurrentUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { extensions, type InputFormat } from "@/lib/processing";
import { storage } from "@/lib/storage";
import { orderedParents, parentIdOf } from "./dto";
import { filterOf, imageFilterBody, type ImageFilterInput } from "./query";
import { countImages, matchingImageIds } from "./repositories/gallery";
import { downloadRows } from "./repositories/images";
import { purgeImages, restoreImages, trashImages, type RestoreResult } from "./trash";

/** Bulk operations of the gallery's selection (by ids or by filter): trash or purge many, restore many, download many as one zip. */

export const maxBulkIds = 500;
/** The most images one bulk action by filter takes (a gallery's "all matching"). */
export const maxFilterImages = 5000;

const idList = z
  .array(z.string().trim().min(1, "ids must not contain empty strings").max(100), { error: "ids must be an array of image ids" })
  .min(1, "ids must name at least one image")
  .max(maxBulkIds, `ids may name at most ${maxBulkIds} images per request`)
  // The same id twice is one image, in the place it was first named.
  .transform((ids) => [...new Set(ids)]);

/**
 * Which images a bulk action takes: `{ids}`, or `{filter, except?}` — every image of the caller the gallery's
 * filters match (as `GET /api/v1/images` takes them; `{}` is the whole gallery), minus the ids in `except`.
 */
const target = {
  ids: idList.optional(),
  filter: imageFilterBody.optional(),
  except: z
    .array(z.string().trim().min(1).max(100), { error: "except must be an array of image ids" })
    .max(maxFilterImages, `except may name at most ${maxFilterImages} images`)
    .optional(),
};

function oneTarget<T extends { ids?: string[]; filter?: unknown; except?: string[] }>(body: T, ctx: z.RefinementCtx): T {
  if (!body.ids === !body.filter) ctx.addIssue({ code: "custom", path: ["ids"], message: "name the images by ids or by filter (one of the two)" });
  if (body.except && !body.filter) ctx.addIssue({ code: "custom", path: ["except"], message: "except goes with filter" });
  return body;
}

export const bulkDeleteBody = z
  .object({
    ...target,
    /** `true`: delete for good (rows and files) instead of moving to the trash. */
    purge: z.boolean({ error: "purge must be true or false" }).default(false),
  })
  .strict()
  .transform(oneTarget);

export const bulkRestoreBody = z.object({ ids: idList }).strict();

export const downloadBody = z
  .object({
    ...target,
    /** Which file of each image: the stored original (default) or its screen-sized WebP preview. */
    variant: z.enum(["original", "preview"]).default("original"),
  })
  .strict()
  .transform(oneTarget);

export interface BulkTarget {
  ids?: string[];
  filter?: ImageFilterInput;
  except?: string[];
}

/**
 * The ids a bulk action acts on: those given, or those the filter matches (newest first) minus `except`. More than
 * `maxFilterImages` by filter is refused as a whole, naming the count, so nothing is half done.
 */
export async function resolveTarget(user: CurrentUser, target: BulkTarget): Promise<string[]> {
  if (target.ids) return target.ids;
  const except = new Set(target.except ?? []);
  const ids = (await matchingImageIds(filterOf(user.id, target.filter!), maxFilterImages + except.size)).filter((id) => !except.has(id));
  if (ids.length > maxFilterImages) {
    const matching = await countImages(filterOf(user.id, target.filter!));
    throw new AppError(
      "invalid_request",
      `The filter matches ${matching.toLocaleString("en")} images; one bulk action takes at most ${maxFilterImages.toLocaleString("en")}. Narrow the filter (a date range, a kind) and repeat.`,
      { details: { matching: matching - except.size, max: maxFilterImages } },
    );
  }
  return ids;
}

export interface BulkDeleteResult {
  /** Ids moved to the trash (or purged with `purge`), in the order asked (by filter: newest first). */
  deleted: string[];
  /** Ids that name no image of the caller (unknown, already gone, or someone else's), in the order asked. */
  notFound: string[];
  /** `true` when they were deleted for good. */
  purged: boolean;
}

/**
 * Deletes many images of the caller at once: to the trash (their rows, files, lineage and collections stay until
 * restored or purged), or with `purge` for good (rows, then files, as a single purge does). Ids the caller does
 * not own are reported, never touched.
 */
export async function bulkDeleteImages({ user, purge = false, ...target }: BulkTarget & { user: CurrentUser; purge?: boolean }): Promise<BulkDeleteResult> {
  const ids = await resolveTarget(user, target);
  if (!ids.length) return { deleted: [], notFound: [], purged: purge };
  if (!purge) return { ...(await trashImages(user, ids)), purged: false };
  const owned = new Set(await purgeImages({ ownerId: user.id, ids }));
  return { deleted: ids.filter((id) => owned.has(id)), notFound: ids.filter((id) => !owned.has(id)), purged: true };
}

/** Takes many images of the caller out of the trash. */
export async function bulkRestoreImages({ user, ids }: { user: CurrentUser; ids: string[] }): Promise<RestoreResult> {
  return restoreImages(user, ids);
}

/** ZIP (without ZIP64) keeps sizes and offsets in 32 bits. */
const zipLimitBytes = 4 * 1024 ** 3 - 64 * 1024 ** 2;

/** A readable, portable file-name part: ASCII letters, digits and dashes. */
export function fileSlug(text: string | null | undefined, max = 48): string {
  return (text ?? "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, max)
    .replace(/^-+|-+$/g, "");
}

const stem = (name: string | null) => (name ? name.replace(/\.[a-z0-9]{1,5}$/i, "") : null);

export interface ZipDownload {
  body: ReadableStream<Uint8Array>;
  fileName: string;
  count: number;
}

/**
 * Many images as one zip, streamed: each file is read from storage as the client reads the archive (stored, not
 * recompressed — images are compressed already), and a `manifest.json` with each image's provenance comes last.
 * Every id must name one of the caller's images, or nothing is sent (404 naming them).
 */
export async function downloadImages(options: BulkTarget & { user: CurrentUser; variant: "original" | "preview" }): Promise<ZipDownload> {
  const { user, variant } = options;
  const ids = await resolveTarget(user, options);
  if (!ids.length) throw new AppError("not_found", "No image matches the filter: nothing was downloaded.");
  // An image in the trash is not downloaded (restore it first). "original" names no rendition: the stored original
  // itself. A missing preview (a small WebP is its own) falls back to it too.
  const rows = await downloadRows(user.id, ids, variant);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length) {
    const shown = missing.slice(0, 10).join(", ") + (missing.length > 10 ? `, and ${missing.length - 10} more` : "");
    throw new AppError("not_found", `${missing.length === 1 ? "Image" : `${missing.length} images`} not found: ${shown}. Nothing was downloaded.`, {
      details: { notFound: missing },
    });
  }

  const entries = ids.map((id) => {
    const row = byId.get(id)!;
    const file = row.renditions[0] ?? { storageKey: row.storageKey, format: row.format, bytes: row.bytes };
    const extension = extensions[file.format as InputFormat] ?? file.format;
    const label = fileSlug(row.prompt) || fileSlug(stem(row.originalName)) || row.kind;
    return { row, key: file.storageKey, bytes: file.bytes, name: `${label}-${row.id}.${extension}` };
  });
  const total = entries.reduce((sum, e) => sum + e.bytes, 0);
  if (total > zipLimitBytes) {
    throw new AppError("payload_too_large", `These ${entries.length} images add up to ${Math.round(total / 1024 ** 2)} MB, more than one zip can hold (4 GB): download fewer at a time.`);
  }

  const manifest: Array<Record<string, unknown>> = [];
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, data) => {
    if (error) failure = error;
    else chunks.push(data);
  });
  let next = 0;
  let reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
  let current: { file: ZipPassThrough; entry: (typeof entries)[number] } | null = null;
  let finished = false;

  const parentsOf = (edges: Parameters<typeof orderedParents>[0]) => {
    const parents = orderedParents(edges);
    return { parentId: parentIdOf(parents), parents };
  };
  const entryOf = (e: (typeof entries)[number], file: string, extra: Record<string, unknown> = {}) => ({
    id: e.row.id,
    file,
    kind: e.row.kind,
    prompt: e.row.prompt,
    negativePrompt: e.row.negativePrompt,
    provider: e.row.provider,
    model: e.row.model,
    seed: e.row.seed,
    style: e.row.style,
    ...parentsOf(e.row.parents),
    collectionId: e.row.collections[0]?.collectionId ?? null,
    collectionIds: e.row.collections.map((c) => c.collectionId),
    originalName: e.row.originalName,
    width: e.row.width,
    height: e.row.height,
    format: e.name.slice(e.name.lastIndexOf(".") + 1),
    favorite: e.row.favorite,
    createdAt: e.row.createdAt.toISOString(),
    ...extra,
  });

  /** Moves the archive forward by one step: opens the next file, copies one chunk, or writes the manifest and ends. */
  async function step() {
    if (current && reader) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        // The archive stays well-formed; the manifest says this file is incomplete.
        log.warn("zip download: a stored file failed while it was read", { imageId: current.entry.row.id, error });
        current.file.push(new Uint8Array(0), true);
        manifest.push(entryOf(current.entry, current.entry.name, { error: "The stored file could not be read completely." }));
        current = reader = null;
        return;
      }
      if (chunk.done) {
        current.file.push(new Uint8Array(0), true);
        manifest.push(entryOf(current.entry, current.entry.name));
        current = reader = null;
      } else {
        current.file.push(chunk.value);
      }
      return;
    }
    if (next < entries.length) {
      const entry = entries[next++];
      try {
        const { body } = await storage().stream(entry.key);
        const file = new ZipPassThrough(entry.name);
        file.mtime = entry.row.createdAt;
        zip.add(file);
        current = { file, entry };
        reader = body.getReader();
      } catch (error) {
        log.warn("zip download: a stored file is missing", { imageId: entry.row.id, error });
        manifest.push(entryOf(entry, "", { file: null, error: "The stored file is missing." }));
      }
      return;
    }
    const file = new ZipPassThrough("manifest.json");
    file.mtime = new Date();
    zip.add(file);
    const text = JSON.stringify({ exportedAt: new Date().toISOString(), variant, count: manifest.length, images: manifest }, null, 2);
    file.push(new TextEncoder().encode(`${text}\n`), true);
    zip.end();
    finished = true;
  }

  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        // Produce until there is something to hand out, so the client's reading paces the storage reads.
        while (!chunks.length && !finished) await step();
        if (failure) return controller.error(failure);
        while (chunks.length) controller.enqueue(chunks.shift()!);
        if (finished) controller.close();
      },
      async cancel() {
        await reader?.cancel().catch(() => {});
      },
    },
    { highWaterMark: 1 },
  );

  const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
  return { body, fileName: `image-studio-${stamp}-${entries.length}.zip`, count: entries.length };
}
