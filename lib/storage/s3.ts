import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { isIP } from "node:net";
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
  type CompletedPart,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import type { Env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { isSafeKey } from "./keys";
import type { SignedUrlOptions, StorageDriver, StoredObject } from "./types";

const MiB = 1024 * 1024;
/** S3's smallest part (every part but the last), its most parts per upload and its longest presigned URL. */
const MIN_PART_BYTES = 5 * MiB;
const MAX_PARTS = 10_000;
export const MAX_PRESIGN_SECONDS = 7 * 24 * 3600;
/** Parts in flight at once for one multipart upload. */
const PART_CONCURRENCY = 4;
/** Every write gets a new key (lib/storage/keys.ts), so a stored object never changes: cache it for a year. */
export const IMMUTABLE_CACHE_CONTROL = "public, max-age=31536000, immutable";

export interface S3StorageOptions {
  bucket: string;
  /** Default us-east-1; Cloudflare R2 uses "auto". */
  region?: string;
  /** For anything but AWS, e.g. https://<account>.r2.cloudflarestorage.com or http://minio:9000. */
  endpoint?: string;
  /** Unset: the AWS SDK's default chain (AWS_ACCESS_KEY_ID…, shared config, instance or task roles). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /**
   * Bucket in the path (http://host/bucket/key) instead of the host name. MinIO, s3rver and most self-hosted
   * servers need it; it is always used when the endpoint's host is an IP address or has no dot (such as
   * `localhost` or `minio`), where the bucket cannot be a subdomain.
   */
  forcePathStyle?: boolean;
  /** A folder inside the bucket for this instance's objects (S3_PREFIX); slashes at either end are ignored. */
  prefix?: string;
  /** Bodies larger than this are uploaded in parts (default 16 MiB). */
  multipartThresholdBytes?: number;
  /** Size of each part but the last (default 8 MiB; at least 5 MiB, S3's minimum). */
  partSizeBytes?: number;
  /** A public base URL (CDN) serving the bucket's objects by key, prefix included: `${cdnUrl}/${prefix}/${key}`. */
  cdnUrl?: string;
  /** A Cloudflare zone with image transformations enabled, e.g. images.example.com. */
  cloudflareImageProxyDomain?: string;
}

/** The driver's options from the app's configuration; throws a sentence naming the variable when one is missing. */
export function s3OptionsFromEnv(config: Env): S3StorageOptions {
  if (!config.S3_BUCKET) {
    throw new Error(
      "Invalid configuration: STORAGE_DRIVER=s3 needs S3_BUCKET (the bucket's name), and S3_ENDPOINT for anything but AWS S3; " +
        "or use STORAGE_DRIVER=local.",
    );
  }
  if (!!config.S3_ACCESS_KEY_ID !== !!config.S3_SECRET_ACCESS_KEY) {
    throw new Error("Invalid configuration: set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither (to use the AWS SDK's default credentials).");
  }
  return {
    bucket: config.S3_BUCKET,
    region: config.S3_REGION,
    endpoint: config.S3_ENDPOINT,
    credentials:
      config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY
        ? { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY }
        : undefined,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
    prefix: config.S3_PREFIX,
    multipartThresholdBytes: Math.round(config.S3_MULTIPART_THRESHOLD_MB * MiB),
    cdnUrl: config.CDN_URL,
    cloudflareImageProxyDomain: config.CLOUDFLARE_IMAGE_PROXY_DOMAIN,
  };
}

/**
 * Objects in an S3-compatible bucket (AWS S3, Cloudflare R2, MinIO, s3rver). Keys are the app's storage keys under
 * an optional prefix; `url()` answers with presigned GET URLs, so files are fetched from the bucket, not the app.
 *
 * CDN: `publicUrl(key)` gives a permanent URL through CDN_URL (or Cloudflare image transformations). The app does
 * not use it yet: stored images are private to their owner and served through `/file` or a presigned `url()`. The
 * place to use it is a file that is public by design (a shared or published image's preview or thumbnail, via
 * `storage().publicUrl?.(rendition.storageKey)` where lib/images builds that file's links), with the CDN's origin
 * allowed to read only those keys.
 */
export class S3Storage implements StorageDriver {
  readonly name = "s3";
  readonly maxUrlSeconds = MAX_PRESIGN_SECONDS;
  /** The SDK client (tests add middleware to it). */
  readonly client: S3Client;
  readonly bucket: string;
  readonly prefix: string;
  private readonly multipartThreshold: number;
  private readonly partSize: number;
  private readonly pathStyle: boolean;

  constructor(private readonly options: S3StorageOptions) {
    this.bucket = options.bucket;
    this.prefix = (options.prefix ?? "").replace(/^\/+|\/+$/g, "");
    this.multipartThreshold = Math.max(1, options.multipartThresholdBytes ?? 16 * MiB);
    this.partSize = Math.max(MIN_PART_BYTES, options.partSizeBytes ?? 8 * MiB);
    this.pathStyle = !!options.forcePathStyle || (!!options.endpoint && hostCannotHoldBucket(options.endpoint));
    this.client = new S3Client({
      region: options.region ?? "us-east-1",
      endpoint: options.endpoint,
      credentials: options.credentials,
      forcePathStyle: this.pathStyle,
      // Checksums only where S3 requires them. The SDK's default (WHEN_SUPPORTED) sends streamed bodies with
      // aws-chunked framing and a trailing checksum, which S3-compatible servers that do not understand it
      // (s3rver, older MinIO and others) store verbatim: silent corruption. Integrity comes from Content-MD5 instead.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
      requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
    });
  }

  /** The object's key in the bucket: the storage key under the prefix. */
  objectKey(key: string): string {
    if (!isSafeKey(key)) throw new AppError("invalid_request", "Invalid storage key");
    return this.prefix ? `${this.prefix}/${key}` : key;
  }

  async put(key: string, body: Uint8Array, options: { contentType: string }): Promise<void> {
    const Key = this.objectKey(key);
    const contentType = options?.contentType || "application/octet-stream";
    if (body.byteLength > this.multipartThreshold && body.byteLength > MIN_PART_BYTES) {
      await this.putMultipart(Key, body, contentType);
      return;
    }
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key,
        Body: body,
        ContentLength: body.byteLength,
        ContentType: contentType,
        CacheControl: IMMUTABLE_CACHE_CONTROL,
        ContentMD5: md5(body),
      }),
    );
  }

  /** Parts of `partSize` (more when the body would need over 10,000 parts), a few in flight; aborted on failure. */
  private async putMultipart(Key: string, body: Uint8Array, contentType: string): Promise<void> {
    const partSize = Math.max(this.partSize, Math.ceil(body.byteLength / MAX_PARTS));
    const { UploadId } = await this.client.send(
      new CreateMultipartUploadCommand({ Bucket: this.bucket, Key, ContentType: contentType, CacheControl: IMMUTABLE_CACHE_CONTROL }),
    );
    if (!UploadId) throw new Error(`S3 gave no UploadId for ${Key}`);
    const count = Math.ceil(body.byteLength / partSize);
    const parts: CompletedPart[] = new Array(count);
    try {
      let next = 0;
      const uploadParts = async () => {
        while (next < count) {
          const index = next++;
          const chunk = body.subarray(index * partSize, Math.min(body.byteLength, (index + 1) * partSize));
          const { ETag } = await this.client.send(
            new UploadPartCommand({
              Bucket: this.bucket,
              Key,
              UploadId,
              PartNumber: index + 1,
              Body: chunk,
              ContentLength: chunk.byteLength,
              ContentMD5: md5(chunk),
            }),
          );
          parts[index] = { ETag, PartNumber: index + 1 };
        }
      };
      await Promise.all(Array.from({ length: Math.min(PART_CONCURRENCY, count) }, uploadParts));
      await this.client.send(
        new CompleteMultipartUploadCommand({ Bucket: this.bucket, Key, UploadId, MultipartUpload: { Parts: parts } }),
      );
    } catch (error) {
      // Uploaded parts are billed until the upload is completed or aborted.
      await this.client
        .send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key, UploadId }))
        .catch((abortError) => log.warn("s3: could not abort a failed multipart upload", { key: Key, uploadId: UploadId, error: abortError }));
      throw error;
    }
  }

  async get(key: string): Promise<Buffer> {
    const Key = this.objectKey(key);
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key }));
      if (!res.Body) throw new Error(`S3 returned no body for ${Key}`);
      const bytes = await res.Body.transformToByteArray();
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    } catch (e) {
      throw missing(e, key);
    }
  }

  async stream(key: string): Promise<{ body: ReadableStream<Uint8Array>; size: number }> {
    const Key = this.objectKey(key);
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key }));
      if (!res.Body) throw new Error(`S3 returned no body for ${Key}`);
      const body = res.Body.transformToWebStream() as ReadableStream<Uint8Array>;
      return { body, size: Number(res.ContentLength ?? 0) };
    } catch (e) {
      throw missing(e, key);
    }
  }

  async delete(key: string): Promise<void> {
    const Key = this.objectKey(key);
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key }));
    } catch (e) {
      if (!isMissing(e)) throw e; // S3 answers 204 for a missing key; some compatible servers answer 404
    }
  }

  async exists(key: string): Promise<boolean> {
    const Key = this.objectKey(key);
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key }));
      return true;
    } catch (e) {
      if (isMissing(e)) return false;
      throw e;
    }
  }

  /** ListObjectsV2 under the prefix (this instance's S3_PREFIX included), page by page; keys come back without S3_PREFIX. */
  async *list(prefix = ""): AsyncIterable<StoredObject> {
    const base = this.prefix ? `${this.prefix}/` : "";
    let ContinuationToken: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: base + prefix || undefined, ContinuationToken }),
      );
      for (const object of page.Contents ?? []) {
        if (!object.Key?.startsWith(base)) continue;
        // No date (never from S3 itself): taken as new, so the sweep leaves it for a later round.
        yield { key: object.Key.slice(base.length), modifiedAt: object.LastModified ?? new Date() };
      }
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
  }

  /**
   * A presigned GET URL (at most 7 days, S3's limit). The response carries the given Content-Type, a download
   * name as an attachment, and `Cache-Control: private` for the link's lifetime (the stored object says public
   * and immutable, for a CDN). `baseUrl` is not used: the URL points at the bucket.
   */
  async url(key: string, options: SignedUrlOptions): Promise<string> {
    const Key = this.objectKey(key);
    const expiresIn = Math.min(MAX_PRESIGN_SECONDS, Math.max(1, Math.floor(options.expiresInSeconds)));
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key,
      ResponseContentType: options.contentType,
      ResponseContentDisposition: options.downloadName ? contentDisposition(options.downloadName) : undefined,
      ResponseCacheControl: `private, max-age=${expiresIn}`,
    });
    return getSignedUrl(this.client, command, { expiresIn });
  }

  async healthCheck(): Promise<void> {
    const key = `health/${randomBytes(6).toString("hex")}`;
    await this.put(key, Buffer.from("ok"), { contentType: "text/plain" });
    try {
      const back = await this.get(key);
      if (back.toString() !== "ok") throw new Error("storage read back different bytes");
    } finally {
      await this.delete(key);
    }
  }

  /**
   * The object through the public CDN, or null without one:
   * - CDN_URL alone: `${CDN_URL}/${objectKey}`;
   * - CLOUDFLARE_IMAGE_PROXY_DOMAIN: Cloudflare's `https://<zone>/cdn-cgi/image/<options>/<source>` with
   *   `format=auto`, the source being the object's path when CDN_URL is on that same zone, else its absolute URL
   *   (CDN_URL's, or the bucket's own, which then must be publicly readable; a source on another zone also needs
   *   "Resize images from any origin" enabled for the zone).
   */
  publicUrl(key: string): string | null {
    const objectKey = this.objectKey(key);
    const cdn = this.options.cdnUrl?.replace(/\/+$/, "");
    const zone = this.options.cloudflareImageProxyDomain?.replace(/^https?:\/\//, "").replace(/\/+$/, "");
    if (!zone) return cdn ? `${cdn}/${objectKey}` : null;
    const source = new URL(`${cdn ?? this.bucketUrl()}/${objectKey}`);
    const transform = `https://${zone}/cdn-cgi/image/format=auto`;
    return source.host === zone ? `${transform}${source.pathname}` : `${transform}/${source.href}`;
  }

  /** The bucket's own base URL (for the CDN's origin). */
  private bucketUrl(): string {
    const { endpoint, region = "us-east-1" } = this.options;
    if (!endpoint) return this.pathStyle ? `https://s3.${region}.amazonaws.com/${this.bucket}` : `https://${this.bucket}.s3.${region}.amazonaws.com`;
    const url = new URL(endpoint);
    const base = `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
    return this.pathStyle ? `${base}/${this.bucket}` : `${url.protocol}//${this.bucket}.${url.host}${url.pathname.replace(/\/+$/, "")}`;
  }
}

const md5 = (bytes: Uint8Array) => createHash("md5").update(bytes).digest("base64");

function hostCannotHoldBucket(endpoint: string): boolean {
  try {
    const host = new URL(endpoint).hostname.replace(/^\[|\]$/g, "");
    return isIP(host) !== 0 || !host.includes(".");
  } catch {
    return false;
  }
}

/** A missing object: NoSuchKey from GET, a bodiless 404 (NotFound) from HEAD. A missing bucket is not "missing". */
function isMissing(e: unknown): boolean {
  const error = e as { name?: string; Code?: string; $metadata?: { httpStatusCode?: number } };
  if (error?.name === "NoSuchKey" || error?.Code === "NoSuchKey") return true;
  if (error?.name === "NoSuchBucket" || error?.Code === "NoSuchBucket") return false;
  return error?.name === "NotFound" || error?.$metadata?.httpStatusCode === 404;
}

function missing(e: unknown, key: string): unknown {
  return isMissing(e) ? new AppError("not_found", "File not found", { details: { key }, cause: e }) : e;
}

/** `attachment` with an ASCII fallback name and the exact name in RFC 5987 form. */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
