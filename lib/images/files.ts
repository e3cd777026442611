import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { exportImage, extensions, isAnimatedFormat, mimeTypes, type InputFormat, type OutputFormat, type Provenance, type StoredFormat } from "@/lib/processing";
import { exportAnimation } from "@/lib/processing/animated-export";
import { derivedActions, PARENT_LABEL, transcoded } from "@/lib/provenance/actions";
import { signAsset } from "@/lib/provenance/sign";
import { storage } from "@/lib/storage";
import { verifyFileSignature } from "@/lib/storage/signing";
import { c2paWork } from "./credentials";
import { inputLimits } from "./limits";
import { markingOf } from "./marking";
import { orderedParents } from "./dto";
import { processingTimeoutSeconds, withProcessingSlot } from "./processing-limits";
import { findOwnedImage, findOwnedImageWithRenditions } from "./repositories/images";
import { ancestorsOf } from "./repositories/lineage";

/**
 * Headers of every stored file we serve (next.config.ts sends the same for these paths): the browser trusts our
 * Content-Type and never sniffs, and a file opened directly is a sandboxed document with no script, so a crafted
 * upload cannot act on the app's origin. style-src 'unsafe-inline' lets the browser style its own image viewer.
 */
export const fileSecurityHeaders = {
  "X-Content-Type-Options": "nosniff",
  "Content-Security-Policy": "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'none'",
} as const;

export type FileVariant = "original" | "preview" | "thumbnail" | `icon-${number}`;

export interface StoredFile {
  body: ReadableStream<Uint8Array>;
  size: number;
  contentType: string;
  etag: string;
  fileName: string;
}

/** One stored file of an image. A variant that was never made (a small WebP is its own preview) falls back to the original. */
export async function getImageFile(options: { user: CurrentUser; imageId: string; variant: FileVariant }): Promise<StoredFile> {
  const image = await findOwnedImageWithRenditions(options.user.id, options.imageId);
  const rendition = image.renditions.find((r) => r.variant === options.variant);
  if (!rendition && options.variant.startsWith("icon-")) throw new AppError("not_found", `Image ${image.id} has no ${options.variant} rendition`);
  const file = rendition ?? { storageKey: image.storageKey, mimeType: image.mimeType, format: image.format };
  const { body, size } = await storage().stream(file.storageKey);
  const extension = extensions[file.format as OutputFormat] ?? file.format;
  return {
    body,
    size,
    contentType: file.mimeType,
    // Stored files never change (every write gets a new key), so the key is a strong validator.
    etag: `"${Buffer.from(file.storageKey).toString("base64url").slice(-40)}"`,
    fileName: `${image.id}${options.variant === "original" ? "" : `-${options.variant}`}.${extension}`,
  };
}

/** A temporary link to an image's original that works without a session. */
export async function getImageUrl(options: { user: CurrentUser; imageId: string; expiresIn: number; baseUrl: string }) {
  // The storage may cap links shorter than the configuration (S3 presigned URLs live at most 7 days).
  const max = Math.min(env().SIGNED_URL_MAX_SECONDS, storage().maxUrlSeconds ?? Infinity);
  if (options.expiresIn > max) {
    throw new AppError("invalid_request", `expiresIn must be at most ${max} seconds`);
  }
  const image = await findOwnedImage(options.user.id, options.imageId);
  const url = await storage().url(image.storageKey, {
    expiresInSeconds: options.expiresIn,
    baseUrl: options.baseUrl,
    contentType: image.mimeType,
  });
  return { url, expiresAt: new Date(Date.now() + options.expiresIn * 1000).toISOString() };
}

/** Serves a signed link made by the local-disk driver; a bad or expired signature is refused. */
export async function readSignedFile(options: { key: string; expires: number; signature: string; contentType?: string; downloadName?: string }) {
  const verdict = verifyFileSignature(options, options.signature);
  if (verdict === "invalid") throw new AppError("forbidden", "This link is not valid.");
  if (verdict === "expired") throw new AppError("forbidden", "This link has expired: ask for a new one.");
  const { body, size } = await storage().stream(options.key);
  return { body, size, expiresAt: options.expires };
}

export interface ExportImageOptions {
  user: CurrentUser;
  imageId: string;
  /** gif only for an animated image; absent: the stored format (an animation stays one). */
  format?: StoredFormat;
  quality?: number;
  /** true: the provenance (prompt, provider, lineage…) as XMP and EXIF; false: none of it (the marking stays). */
  metadata: boolean;
  /** false: no AI marking and no Content Credentials — only where the operator allows it (ALLOW_UNMARKED_EXPORTS). Default true. */
  marking?: boolean;
}

/**
 * Re-encodes an image for download: the AI marking as XMP (the image's digital source type), the provenance too
 * with `metadata`, then Content Credentials signed by the studio whose parent ingredient is the stored original
 * (so the chain of manifests it carries travels on). `marking: false` leaves out both, where allowed.
 * An animation exported as GIF or WebP keeps every frame; as a still format it gives its first frame, and the
 * answer's `notice` says so.
 */
export async function exportImageFile(options: ExportImageOptions) {
  const image = await findOwnedImage(options.user.id, options.imageId);
  const marked = options.marking ?? true;
  if (!marked && !env().ALLOW_UNMARKED_EXPORTS) {
    throw new AppError("forbidden", "This server keeps the AI marking on every export (ALLOW_UNMARKED_EXPORTS): ask without marking=false.");
  }
  const animated = image.frames > 1 && isAnimatedFormat(image.format);
  // GIF is stored only for animations (a one-frame GIF became a PNG); should a still GIF be there, PNG is its default.
  const format = options.format ?? (image.format === "gif" && !animated ? "png" : (image.format as StoredFormat));
  if (format === "gif" && !animated) {
    throw new AppError("invalid_request", `format=gif is for animated images only: image ${image.id} is a still picture — export it as png, jpeg, webp or avif.`, {
      details: [{ path: ["format"], message: "gif is only for an animated image" }],
    });
  }
  const keepsFrames = animated && isAnimatedFormat(format);
  const notice =
    animated && !keepsFrames
      ? `Animated image (${image.frames} frames): this ${format.toUpperCase()} is its first frame; export as GIF or WebP to keep the animation.`
      : undefined;
  const digitalSourceType = marked ? await markingOf(options.user.id, image) : null;
  let provenance: Provenance | undefined;
  if (options.metadata) {
    const ancestors = await ancestorsOf(options.user.id, image);
    // A processed image carries the generation facts of the nearest ancestor that was generated.
    const origin = [image, ...ancestors.slice().reverse()].find((i) => i.provider) ?? image;
    provenance = {
      imageId: image.id,
      kind: image.kind,
      createdAt: image.createdAt,
      digitalSourceType,
      prompt: image.prompt ?? origin.prompt,
      negativePrompt: image.negativePrompt ?? origin.negativePrompt,
      provider: origin.provider,
      model: origin.model,
      seed: origin.seed,
      style: origin.style,
      operation: image.operationType ? { type: image.operationType, params: image.operationParams } : null,
      lineage: ancestors.map((a) => a.id),
      parents: orderedParents(image.parents),
    };
  }
  const frames = keepsFrames ? image.frames : 1;
  const data = await withProcessingSlot(exportWork(image, format, frames, marked), async () => {
    const original = await storage().get(image.storageKey);
    const encoding = { ...inputLimits(), quality: options.quality, digitalSourceType, provenance, timeoutSeconds: processingTimeoutSeconds() };
    const exported = keepsFrames
      ? await exportAnimation(original, { ...encoding, source: image.format as "gif" | "webp", format: format as "gif" | "webp" })
      : await exportImage(original, { ...encoding, format: format as OutputFormat, hasAlpha: image.hasAlpha });
    return marked ? signExport(exported, format, original, image) : exported;
  });
  return { data, contentType: mimeTypes[format], fileName: `${image.id}.${extensions[format]}`, notice };
}

/**
 * The export's work in pixel·taps: the decode and the encode (AVIF's encoder costs about 50 times a JPEG's per
 * pixel), and the signing: c2pa-rs hashes the stored original (validating it as the parent) and the new file,
 * taken as about as large.
 */
function exportWork(image: { width: number; height: number; bytes: number }, format: StoredFormat, frames: number, signed: boolean) {
  return image.width * image.height * frames * (format === "avif" ? 50 : 2) + (signed ? c2paWork(image.bytes * 2) : 0);
}

/**
 * Content Credentials of an export: a transcoding of the stored original, its parent ingredient ("original.png"),
 * which c2pa-rs validates as it adds it (recorded in the manifest). No read-back self-check after signing: this
 * manifest's shape is fixed and tested by two readers, and the check would hash the file again.
 * A stored original whose manifest store c2pa-rs cannot read (damaged behind the studio's back) does not stop the
 * export: the parent is then named without its manifest, and a warning is logged.
 */
async function signExport(exported: Buffer, format: StoredFormat, original: Buffer, image: { id: string; format: string }) {
  const storedFormat = image.format as InputFormat;
  const parent = { bytes: original, format: storedFormat, title: `original.${extensions[storedFormat]}`, relationship: "parentOf", label: PARENT_LABEL } as const;
  const manifest = { title: `${image.id}.${extensions[format]}`, format, actions: derivedActions([transcoded()]), verifyAfterSigning: false };
  try {
    return await signAsset(exported, { ...manifest, ingredients: [parent] });
  } catch (error) {
    const signed = await signAsset(exported, { ...manifest, ingredients: [{ ...parent, withoutManifest: true }] });
    log.warn("export: the stored original's Content Credentials cannot be read; its parent ingredient is added without them", {
      imageId: image.id,
      error: error instanceof Error ? error.message : String(error),
    });
    return signed;
  }
}
