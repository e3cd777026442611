import "server-only";
import { X509Certificate } from "node:crypto";
import type { CurrentUser } from "@/lib/auth/current-user";
import { signingIdentity } from "@/lib/provenance/identity";
import { manifestView, untrustedCodes, validationFailures, validationNote, type ManifestView, type SignedByStudio } from "@/lib/provenance/manifest-view";
import { readManifestStore, type ManifestStoreJson } from "@/lib/provenance/read";
import type { DigitalSourceType } from "@/lib/provenance/source-type";
import { storage } from "@/lib/storage";
import { markingOf } from "./marking";
import { withProcessingSlot } from "./processing-limits";
import { findOwnedImage } from "./repositories/images";

export type { ManifestView } from "@/lib/provenance/manifest-view";

/** `GET /api/v1/images/{id}/credentials` (docs/api.md "Content credentials"). */
export interface CredentialsResponse {
  imageId: string;
  /** The AI marking of the image's pixels (its row; a legacy processed row: its source's). */
  digitalSourceType: DigitalSourceType | null;
  /** The stored original carries a C2PA manifest store. */
  present: boolean;
  validation: { state: "valid" | "invalid" | "trusted"; failures: Array<{ code: string; explanation?: string }>; note: string } | null;
  active: ManifestView | null;
  /** The manifest store as c2pa-rs reports it, untouched. */
  manifestStore: ManifestStoreJson | null;
}

export interface GetImageCredentialsOptions {
  user: CurrentUser;
  imageId: string;
}

/**
 * The Content Credentials of an image's stored original, read and validated by c2pa-rs: the verdict in words, the
 * active manifest with its ingredients' manifests as a tree (the chain back to a provider's own manifest), and the
 * raw store.
 */
export async function getImageCredentials(options: GetImageCredentialsOptions): Promise<CredentialsResponse> {
  const image = await findOwnedImage(options.user.id, options.imageId);
  const digitalSourceType = await markingOf(options.user.id, image);
  // Validation hashes the whole file and checks every manifest's signature: CPU work like a decode, so it takes a slot.
  const read = await withProcessingSlot(c2paWork(image.bytes), async () => readManifestStore(await storage().get(image.storageKey)).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e)))));
  if (read instanceof Error) return unreadable(image.id, digitalSourceType, read);
  const store = read;
  if (!store?.active_manifest) return { imageId: image.id, digitalSourceType, present: false, validation: null, active: null, manifestStore: store };
  const identity = await signingIdentity();
  const active = manifestView(store, store.active_manifest, studioSignatureCheck(identity.chain[0]));
  const failures = validationFailures(store);
  const state = store.validation_state === "Trusted" ? "trusted" : store.validation_state === "Valid" ? "valid" : "invalid";
  const untrusted = failures.some((f) => untrustedCodes.has(f.code));
  return {
    imageId: image.id,
    digitalSourceType,
    present: true,
    validation: { state, failures, note: validationNote({ state, signer: active?.signer ?? null, studioSource: identity.source, untrusted }) },
    active,
    manifestStore: store,
  };
}

/** A manifest store c2pa-rs cannot parse (a damaged JUMBF box): there is one, and it does not validate. */
function unreadable(imageId: string, digitalSourceType: DigitalSourceType | null, error: Error): CredentialsResponse {
  const explanation = String(error.message || error).slice(0, 300);
  return {
    imageId,
    digitalSourceType,
    present: true,
    validation: { state: "invalid", failures: [{ code: "manifest.unreadable", explanation }], note: `The file carries Content Credentials that cannot be read (${explanation}): they do not validate.` },
    active: null,
    manifestStore: null,
  };
}

/**
 * The processing-slot work (lib/images/processing-limits.ts) of c2pa-rs hashing `bytes` and checking a few
 * signatures, in the units of an export's estimate (a 1 MP JPEG export, 2 per pixel, takes about 44 ms of CPU: one
 * unit ≈ 22 ns). Measured by bench/provenance.ts: about 7 ns per byte hashed (WebAssembly) plus about 5 ms.
 */
export const c2paWork = (bytes: number) => Math.round(bytes * 0.3) + 250_000;

/**
 * Whether a manifest was signed with this studio's signing certificate: the same serial number (c2pa-rs reports it
 * in decimal) and the same subject common name.
 */
function studioSignatureCheck(der: Buffer): SignedByStudio {
  const cert = new X509Certificate(der);
  const serial = BigInt(`0x${cert.serialNumber}`);
  const commonName = /(?:^|\n)CN=([^\n]+)/.exec(cert.subject)?.[1] ?? null;
  return (signature) => {
    if (!signature.cert_serial_number || !/^\d+$/.test(signature.cert_serial_number)) return false;
    return BigInt(signature.cert_serial_number) === serial && (signature.common_name ?? null) === commonName;
  };
}
