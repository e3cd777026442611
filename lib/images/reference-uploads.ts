import "server-only";
import { createHash } from "node:crypto";
import { isMultipart, readForm, readJson, type UploadedFile } from "@/lib/api/request";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError, isAppError } from "@/lib/errors";
import { maxReferenceItems, type ReferenceItem } from "./reference-schema";
import { purgeWhere } from "./trash";
import { uploadImage } from "./upload";

/** Most reference files one form may carry (the largest model limit; more can be named by id). */
export const maxReferenceFiles = 16;

export interface ReferenceFile extends UploadedFile {
  label?: string;
}

/** A job request as sent: its JSON, and the reference files of a multipart form (none for JSON). */
export interface JobRequest {
  json: unknown;
  files: ReferenceFile[];
}

const formError = (message: string, path: Array<string | number>) => new AppError("invalid_request", message, { details: [{ path, message }] });

/**
 * Reads the body of a route that makes a job: JSON, or — to send reference pictures as files — a multipart form
 * with the JSON in a `body` field, each file in a `references` field and, optionally, a `referenceLabels` field per
 * file in the same order (empty: no label). Each file is held to the upload limit (413), at most 16 files.
 */
export async function readJobRequest(req: Request, jsonLimit = 1024 * 1024): Promise<JobRequest> {
  if (!isMultipart(req)) return { json: await readJson(req, jsonLimit), files: [] };
  const { maxUploadBytes } = env();
  const form = await readForm(req, jsonLimit + maxReferenceFiles * maxUploadBytes + 64 * 1024, "The form");
  for (const name of form.fields.keys()) if (name !== "body" && name !== "referenceLabels") throw formError(`Unknown form field "${name}": send body, references and referenceLabels`, [name]);
  for (const { field } of form.files) if (field !== "references") throw formError(`Files go in "references" fields, not "${field}"`, [field]);
  const [text, ...more] = form.fields.get("body") ?? [];
  if (more.length) throw formError("Send one body field", ["body"]);
  let json: unknown = {};
  try {
    if (text?.trim()) json = JSON.parse(text);
  } catch (e) {
    throw formError(`The body field is not valid JSON: ${(e as Error).message}`, ["body"]);
  }
  if (form.files.length > maxReferenceFiles) throw formError(`At most ${maxReferenceFiles} reference files (name more by id in referenceImageIds)`, ["references"]);
  const labels = form.fields.get("referenceLabels") ?? [];
  if (labels.length > form.files.length) throw formError("More referenceLabels than reference files", ["referenceLabels"]);
  const files = form.files.map(({ file }, index) => {
    if (file.bytes.byteLength > maxUploadBytes) throw new AppError("payload_too_large", `Reference file ${index + 1} (${file.name}) is larger than the ${Math.round(maxUploadBytes / 1024 / 1024)} MB upload limit.`);
    const label = labels[index]?.trim();
    if (label && label.length > 80) throw formError("a reference label must be at most 80 characters", ["referenceLabels", index]);
    return { ...file, ...(label ? { label } : {}) };
  });
  return { json, files };
}

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
  if (idempotencyKey && (await db().job.findUnique({ where: { ownerId_idempotencyKey: { ownerId: user.id, idempotencyKey } }, select: { id: true } }))) {
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
    if (uploaded.length) await purgeWhere({ ownerId: user.id, id: { in: uploaded } });
    throw error;
  }
}
