import "server-only";
import { asBlob, c2pa } from "./c2pa/engine";
import type { C2paAction } from "./actions";
import { studioAgent } from "./actions";
import { signingIdentity } from "./identity";

/** The formats the studio writes Content Credentials into (c2pa-rs embeds in each). */
export const credentialFormats = { png: "image/png", jpeg: "image/jpeg", webp: "image/webp", avif: "image/avif", gif: "image/gif" } as const;
export type CredentialFormat = keyof typeof credentialFormats;

export interface IngredientInput {
  /** The ingredient's file, whole: its own manifest store (if any) becomes part of the new one. */
  bytes: Uint8Array;
  format: CredentialFormat;
  /** A neutral title ("source.png", "reference-1.jpeg"): never a prompt or a person's file name. */
  title: string;
  /** parentOf: the picture this one was made from (at most one); componentOf: a part of it; inputTo: an input of a model. */
  relationship: "parentOf" | "componentOf" | "inputTo";
  /** What the actions call it (the parent is "parent"). */
  label: string;
  /**
   * true: named by title, format and relationship only, its bytes not read — for a file whose manifest store
   * c2pa-rs cannot read (damaged), which would otherwise stop the signing.
   */
  withoutManifest?: boolean;
}

export interface ManifestInput {
  /** The new file's title ("img_123.png"). */
  title: string;
  format: CredentialFormat;
  actions: C2paAction[];
  ingredients?: IngredientInput[];
  /**
   * Whether c2pa-rs reads the signed file back and validates it all again before returning it (default true): a
   * self-check that re-hashes the new file and re-checks every ingredient's manifests. An export turns it off: its
   * manifest has one fixed, tested shape (bench/provenance.ts measures what it saves).
   */
  verifyAfterSigning?: boolean;
}

/** The engine's settings: no thumbnails inside manifests (the studio's files are pictures already). */
const contexts = {
  verified: JSON.stringify({ builder: { thumbnail: { enabled: false } } }),
  unverified: JSON.stringify({ builder: { thumbnail: { enabled: false } }, verify: { verify_after_sign: false } }),
};

/**
 * The file with a C2PA manifest signed by the studio embedded (c2pa-rs: a `caBX` chunk in PNG, APP11 segments in
 * JPEG, a `C2PA` chunk in WebP, a `uuid` box in AVIF, an application extension in GIF). The ingredients' manifest
 * stores travel inside it, so a reader can follow the chain back to the provider's own manifest. Any manifest the
 * file already carried is replaced: give the old file as the parent ingredient to keep it.
 */
export async function signAsset(bytes: Uint8Array, manifest: ManifestInput): Promise<Buffer> {
  const [engine, identity] = await Promise.all([c2pa(), signingIdentity()]);
  const definition = {
    claim_generator_info: [{ name: studioAgent.name, version: studioAgent.version }],
    title: manifest.title,
    format: credentialFormats[manifest.format],
    assertions: [{ label: "c2pa.actions.v2", data: { actions: manifest.actions } }],
  };
  const builder = engine.WasmBuilder.fromJson(JSON.stringify(definition), contexts[manifest.verifyAfterSigning === false ? "unverified" : "verified"]);
  try {
    for (const ingredient of manifest.ingredients ?? []) {
      const json = { title: ingredient.title, relationship: ingredient.relationship, label: ingredient.label };
      if (ingredient.withoutManifest) builder.addIngredient(JSON.stringify({ ...json, format: credentialFormats[ingredient.format] }));
      else await builder.addIngredientFromBlob(JSON.stringify(json), credentialFormats[ingredient.format], asBlob(ingredient.bytes));
    }
    const { signer } = identity;
    const signed = await builder.sign({ alg: signer.alg, reserveSize: signer.reserveSize, sign: async (data) => (await signer.sign(data)) as Uint8Array<ArrayBuffer> }, [], credentialFormats[manifest.format], asBlob(bytes));
    return Buffer.from(signed.buffer, signed.byteOffset, signed.byteLength);
  } finally {
    builder.free();
  }
}
