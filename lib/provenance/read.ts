import "server-only";
import { asBlob, c2pa } from "./c2pa/engine";
import { credentialFormats, type CredentialFormat } from "./sign";

/**
 * The manifest store a file carries, as c2pa-rs reports it (`Reader.json()`): `active_manifest`, `manifests`
 * (every manifest of the chain, by label: claim generator, title, assertions, ingredients, signature_info),
 * `validation_state` ("Invalid" | "Valid" | "Trusted") and `validation_results` / `validation_status`. Null when
 * the file carries no manifest.
 */
export interface ManifestStoreJson {
  active_manifest?: string;
  manifests: Record<string, ManifestJson>;
  validation_state?: "Invalid" | "Valid" | "Trusted";
  validation_status?: ValidationStatusEntry[];
  validation_results?: {
    activeManifest?: { success?: ValidationStatusEntry[]; informational?: ValidationStatusEntry[]; failure?: ValidationStatusEntry[] };
    ingredientDeltas?: unknown[];
  };
}

export interface ValidationStatusEntry {
  code: string;
  url?: string;
  explanation?: string;
}

export interface ManifestJson {
  claim_generator_info?: Array<{ name: string; version?: string }>;
  title?: string;
  format?: string;
  instance_id?: string;
  label?: string;
  assertions?: Array<{ label: string; data: unknown }>;
  ingredients?: Array<{ title?: string; format?: string; relationship?: string; label?: string; active_manifest?: string; validation_results?: unknown; validation_status?: ValidationStatusEntry[] }>;
  signature_info?: { alg?: string; issuer?: string; common_name?: string; cert_serial_number?: string; time?: string };
}

const formatOf = (bytes: Uint8Array): CredentialFormat | null => {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 16));
  if (b[0] === 0x89 && b.toString("latin1", 1, 4) === "PNG") return "png";
  if (b[0] === 0xff && b[1] === 0xd8) return "jpeg";
  if (b.toString("latin1", 0, 4) === "RIFF" && b.toString("latin1", 8, 12) === "WEBP") return "webp";
  if (b.toString("latin1", 0, 3) === "GIF") return "gif";
  if (b.toString("latin1", 4, 8) === "ftyp") return "avif";
  return null;
};

/** Reads (and validates) the manifest store of a file; null when it has none or is in a format without one. */
export async function readManifestStore(bytes: Uint8Array): Promise<ManifestStoreJson | null> {
  const format = formatOf(bytes);
  if (!format) return null;
  const engine = await c2pa();
  let reader;
  try {
    reader = await engine.WasmReader.fromBlob(credentialFormats[format], asBlob(bytes));
  } catch (e) {
    // c2pa-rs answers "JumbfNotFound" (and kin) for a file without a manifest.
    if (/JumbfNotFound|NotFound|ProvenanceMissing/i.test(String(e))) return null;
    throw e;
  }
  try {
    return JSON.parse(reader.json()) as ManifestStoreJson;
  } finally {
    reader.free();
  }
}

/** Whether a file carries a C2PA manifest store (cheap check by the same reader). */
export async function hasManifest(bytes: Uint8Array) {
  return (await readManifestStore(bytes)) !== null;
}
