import { errorFromBody, networkError, parseRetryAfter } from "./client";
import type { StudioImage } from "./types";

export interface UploadOptions {
  collectionId?: string | null;
  /** Fraction of the bytes sent, 0..1. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/** Uploads one file (multipart, field `file`). XMLHttpRequest because fetch reports no upload progress. */
export function uploadImageFile(file: File, options: UploadOptions = {}): Promise<StudioImage> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/v1/images");
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as StudioImage);
        } catch {
          reject(errorFromBody(xhr.status, ""));
        }
      } else reject(errorFromBody(xhr.status, xhr.responseText, parseRetryAfter(xhr.getResponseHeader("retry-after"))));
    };
    xhr.onerror = () => reject(networkError());
    xhr.onabort = () => reject(new DOMException("Upload canceled", "AbortError"));
    options.signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append("file", file, file.name);
    if (options.collectionId) form.append("collectionId", options.collectionId);
    xhr.send(form);
  });
}
