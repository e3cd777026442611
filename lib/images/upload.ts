import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import { normalizeUpload } from "@/lib/processing";
import { toImageDto, type ImageDto } from "./dto";
import { inputLimits } from "./limits";
import { uploadProvenance } from "./provenance";
import { assertOwnedCollection } from "./repositories/collections";
import { storeImage } from "./store";

export interface UploadImageOptions {
  user: CurrentUser;
  bytes: Uint8Array;
  fileName?: string;
  collectionId?: string | null;
  baseUrl: string;
}

/** Validates an upload from its bytes, re-encodes it without metadata, and stores it with its renditions. */
export async function uploadImage({ user, bytes, fileName, collectionId, baseUrl }: UploadImageOptions): Promise<ImageDto> {
  if (collectionId) await assertOwnedCollection(user.id, collectionId);
  const image = await normalizeUpload(bytes, inputLimits());
  // What the file declares (its own C2PA manifest, else its XMP), read from it as received: the normalized copy has no metadata.
  const provenance = await uploadProvenance(bytes);
  const row = await storeImage({
    ownerId: user.id,
    kind: "uploaded",
    data: image.data,
    format: image.format,
    width: image.width,
    height: image.height,
    hasAlpha: image.hasAlpha,
    frames: image.frames,
    provenance,
    collectionIds: collectionId ? [collectionId] : [],
    originalName: cleanFileName(fileName),
  });
  return toImageDto(row, baseUrl);
}

/**
 * The name shown in the gallery: no path, no control characters, no bidirectional controls (U+202E would show
 * "gnp.exe" as "exe.png"), bounded length.
 */
function cleanFileName(name?: string): string | null {
  if (!name) return null;
  const base = name.split(/[\\/]/).pop() ?? "";
  const clean = base.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "").trim().slice(0, 200);
  return clean || null;
}
