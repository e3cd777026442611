import "server-only";
import { createHash } from "node:crypto";
import type { CurrentUser } from "@/lib/auth/current-user";
import { AppError, isAppError } from "@/lib/errors";
import { maxReferenceItems, type ReferenceItem } from "./reference-schema";
import { hasJobWithIdempotencyKey } from "./repositories/jobs";
import { purgeImages } from "./trash";
import { uploadImage } from "./upload";

/** A reference picture sent as a file with a job request (lib/api/job-request.ts reads them from a form). */
export interface ReferenceFile {
  bytes: Uint8Array;
  name: string;
  type: string;
  label?: string;
}

const formError = (message: string, path: Array<string | number>) => new AppError("invalid_request", message, { details: [{ path, message }] });

/**
 * Makes a job whose reference files are uploaded first — as the caller's images, validated like any upload —
 * and named after `body.referenceImageIds`, in order. If the job is not made (a bad file, a model over its limit,
 * the budget…), the uploads are deleted again: nothing is left behind. A request is identified (for its
 * Idempotency-Key) by its JSON and the files' checksums; when its key already made a job nothing is uploaded and
 * `create` answers that job (or 409 for another request).
 */
export async function withReferenceUploads<B extends { referenceImageIds?: ReferenceItem[] }, T>(options: {
  user: CurrentUser;
  baseUrl: string;
  body: B;
  files: ReferenceFile[];
  idempotencyKey?: string;
  create: (body: B, requestForHash?: unknown) => Promise<T>;
}): Promise<T> {
  const { user, body, files, idempotencyKey, create } = options;
  if (!files.length) return create(body);
  const named = body.referenceImageIds ?? [];
  if (named.length + files.length > maxReferenceItems) throw formError(`At most ${maxReferenceItems} reference images in all (ids and files)`, ["references"]);
  const requestForHash = { ...body, referenceFiles: files.map((f) => ({ sha256: createHash("sha256").update(f.bytes).digest("hex"), label: f.label ?? null })) };
  if (idempotencyKey && (await hasJobWithIdempotencyKey(user.id, idempotencyKey))) {
    return create(body, requestForHash);
  }
  const uploaded: string[] = [];
  try {
    for (const [index, file] of files.entries()) {
      const image = await uploadImage({ user, bytes: file.bytes, fileName: file.name, baseUrl: options.baseUrl }).catch((error: unknown) => {
        throw isAppError(error) ? new AppError(error.code, `Reference file ${index + 1} (${file.name}): ${error.message}`, { details: error.details, cause: error }) : error;
      });
      uploaded.push(image.id);
    }
    const references = [...named, ...uploaded.map((id, i) => (files[i].label ? { id, label: files[i].label } : { id }))];
    return await create({ ...body, referenceImageIds: references }, requestForHash);
  } catch (error) {
    if (uploaded.length) await purgeImages({ ownerId: user.id, ids: uploaded });
    throw error;
  }
}
