/**
 * Test data for the integration tests: users, images stored through the real service, and the leftovers
 * counters (rows in the database, files under DATA_DIR/storage).
 */
import path from "node:path";
import { POST as uploadRoute } from "@/app/api/v1/images/route";
import { db } from "@/lib/db";
import { storeImage, type ImageDto, type StoreImageInput } from "@/lib/images";
import { expectJson, send, uploadForm } from "./http";
import { solidImage, type Rgb } from "./images";
import { listStoredFiles } from "./stored-files";

export const storageRoot = () => path.join(process.env.DATA_DIR!, "storage");
export const storedPath = (key: string) => path.join(storageRoot(), key);

/** Every file under the storage root, as storage keys, sorted (`health/` probe files ignored). */
export const storedFiles = () => listStoredFiles(storageRoot());

/** Rows and files right now: compare before and after an operation that must leave nothing behind. */
export async function snapshot() {
  const [images, renditions] = await Promise.all([db().image.count(), db().imageRendition.count()]);
  return { images, renditions, files: storedFiles() };
}

export async function ensureUser(id: string, name = id) {
  await db().user.upsert({ where: { id }, create: { id, name }, update: {} });
}

/** The local default user exists (the routes create it on first use; storeImage needs it first). */
export const ensureLocalUser = () => ensureUser("local", "Local user");

/** Uploads bytes through POST /api/v1/images and returns the created image. */
export async function upload(bytes: Uint8Array, options: { name?: string; collectionId?: string } = {}): Promise<ImageDto> {
  const fields: Record<string, string> = options.collectionId ? { collectionId: options.collectionId } : {};
  const res = await send(uploadRoute, "/api/v1/images", { body: uploadForm(bytes, { name: options.name ?? "test.png", fields }) });
  return expectJson<ImageDto>(res, 201);
}

export interface SeedOptions extends Partial<Omit<StoreImageInput, "data" | "fields">> {
  prompt?: string;
  provider?: string;
  model?: string;
  seed?: number;
  color?: Rgb;
  /** Shorthand for one collection (`collectionIds: [id]`). */
  collectionId?: string;
}

/** Stores a PNG through the real ImageService `storeImage` (as generation will), default owner "local". */
export async function seedImage(options: SeedOptions = {}) {
  const { prompt, provider, model, seed, color = [40, 120, 200], collectionId, ...rest } = options;
  if (collectionId) rest.collectionIds = [...(rest.collectionIds ?? []), collectionId];
  const width = rest.width ?? 64;
  const height = rest.height ?? 48;
  return storeImage({
    ownerId: "local",
    kind: "generated",
    format: "png",
    hasAlpha: false,
    ...rest,
    width,
    height,
    data: await solidImage(width, height, color, "png"),
    fields: { prompt, provider, model, seed },
  });
}

/** The storage keys of an image row: its original and every rendition. */
export async function keysOf(imageId: string): Promise<string[]> {
  const row = await db().image.findUniqueOrThrow({ where: { id: imageId }, include: { renditions: true } });
  return [row.storageKey, ...row.renditions.map((r) => r.storageKey)];
}

/** Waits long enough for the next row to get a later `createdAt` (millisecond precision in both databases). */
export const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));
