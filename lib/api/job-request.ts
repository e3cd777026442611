import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { ReferenceFile } from "@/lib/images/reference-uploads";
import { isMultipart, readForm, readJson } from "./request";

/** Most reference files one form may carry (the largest model limit; more can be named by id). */
export const maxReferenceFiles = 16;

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
