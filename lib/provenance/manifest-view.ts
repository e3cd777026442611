import type { ManifestJson, ManifestStoreJson, ValidationStatusEntry } from "./read";
import { parseDigitalSourceType, type DigitalSourceType } from "./source-type";

/**
 * A manifest store as people read it (the credentials API and panel): each manifest with its signer, its actions
 * in words and its ingredients, each ingredient with its own manifest — the chain, as a tree. Pure: built from the
 * c2pa-rs JSON (read.ts) alone.
 */
export interface ManifestView {
  label: string;
  title: string | null;
  /** "Image Studio 0.1.0" */
  claimGenerator: string | null;
  signer: ManifestSigner;
  actions: ManifestActionView[];
  ingredients: ManifestIngredientView[];
}

export interface ManifestSigner {
  issuer: string | null;
  commonName: string | null;
  time: string | null;
  alg: string | null;
  /** Signed by this studio's own signing identity. */
  thisStudio: boolean;
}

export interface ManifestActionView {
  action: string;
  /** In words: "Cropped", "Re-encoded". */
  label: string;
  digitalSourceType: DigitalSourceType | null;
  softwareAgent: string | null;
  description: string | null;
}

export interface ManifestIngredientView {
  title: string | null;
  relationship: string;
  label: string | null;
  /** The ingredient's own manifest (recursive: the chain), null when it carried none. */
  manifest: ManifestView | null;
  /** Whether the ingredient's manifest validated when it was added (not being on the trust list aside); null without one. */
  valid: boolean | null;
}

/** The C2PA 2.1 standard actions (§18.16.2) in plain words. */
const actionLabels: Record<string, string> = {
  "c2pa.color_adjustments": "Colours adjusted",
  "c2pa.converted": "Converted",
  "c2pa.created": "Created",
  "c2pa.cropped": "Cropped",
  "c2pa.deleted": "Deleted",
  "c2pa.drawing": "Drawn on",
  "c2pa.dubbed": "Dubbed",
  "c2pa.edited": "Edited",
  "c2pa.edited.metadata": "Metadata edited",
  "c2pa.enhanced": "Enhanced",
  "c2pa.filtered": "Filtered",
  "c2pa.opened": "Opened",
  "c2pa.orientation": "Rotated or flipped",
  "c2pa.placed": "Placed",
  "c2pa.produced": "Produced",
  "c2pa.published": "Published",
  "c2pa.redacted": "Redacted",
  "c2pa.removed": "Removed",
  "c2pa.repackaged": "Repackaged",
  "c2pa.resized": "Resized",
  "c2pa.transcoded": "Re-encoded",
  "c2pa.translated": "Translated",
  "c2pa.trimmed": "Trimmed",
  "c2pa.unknown": "Unknown edit",
  "c2pa.watermarked": "Watermarked",
  "c2pa.watermarked.bound": "Watermarked",
};

/** An action in words; an action outside the standard list by its last name part ("com.example.colour_graded" → "Colour graded"). */
export function actionLabel(action: string): string {
  const known = actionLabels[action];
  if (known) return known;
  const words = (action.split(".").pop() || action).replace(/[_-]+/g, " ").replace(/([a-z])([A-Z])/g, "$1 $2").trim().toLowerCase();
  return words ? words[0].toUpperCase() + words.slice(1) : action;
}

/** Codes that say only that the signer is not on the C2PA trust list: the signature itself checked out. */
export const untrustedCodes = new Set(["signingCredential.untrusted"]);

type RawAction = { action?: unknown; digitalSourceType?: unknown; softwareAgent?: unknown; description?: unknown };

const text = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v : null);

/** "Image Studio 0.1.0" from a string or a claim generator info / software agent object. */
function agentText(agent: unknown): string | null {
  if (typeof agent === "string") return text(agent);
  if (agent && typeof agent === "object") {
    const { name, version } = agent as { name?: unknown; version?: unknown };
    const n = text(name);
    return n ? (text(version) ? `${n} ${version}` : n) : null;
  }
  return null;
}

function actionsOf(manifest: ManifestJson): ManifestActionView[] {
  const assertions = (manifest.assertions ?? []).filter((a) => /^c2pa\.actions(\.v\d+)?(__\d+)?$/.test(a.label));
  return assertions.flatMap((a) => {
    const list = (a.data as { actions?: RawAction[] } | null)?.actions;
    return (Array.isArray(list) ? list : []).map((raw) => {
      const action = text(raw.action) ?? "c2pa.unknown";
      return {
        action,
        label: actionLabel(action),
        digitalSourceType: parseDigitalSourceType(raw.digitalSourceType),
        softwareAgent: agentText(raw.softwareAgent),
        description: text(raw.description),
      };
    });
  });
}

type Ingredient = NonNullable<ManifestJson["ingredients"]>[number];

function ingredientValid(ingredient: Ingredient): boolean | null {
  if (!ingredient.active_manifest) return null;
  const results = ingredient.validation_results as { activeManifest?: { failure?: ValidationStatusEntry[] } } | undefined;
  const failures = results?.activeManifest?.failure ?? ingredient.validation_status ?? [];
  return failures.every((f) => untrustedCodes.has(f.code));
}

export type SignedByStudio = (signature: NonNullable<ManifestJson["signature_info"]>) => boolean;

/** The view of manifest `label` of the store, its ingredients' manifests within it (a label met twice is not followed again). */
export function manifestView(store: ManifestStoreJson, label: string, byStudio: SignedByStudio, seen = new Set<string>()): ManifestView | null {
  const manifest = store.manifests[label];
  if (!manifest || seen.has(label)) return null;
  seen.add(label);
  const signature = manifest.signature_info ?? {};
  const generator = manifest.claim_generator_info?.[0] ?? (manifest as { claim_generator?: unknown }).claim_generator;
  return {
    label,
    title: text(manifest.title),
    claimGenerator: agentText(generator),
    signer: {
      issuer: text(signature.issuer),
      commonName: text(signature.common_name),
      time: text(signature.time),
      alg: text(signature.alg),
      thisStudio: manifest.signature_info ? byStudio(manifest.signature_info) : false,
    },
    actions: actionsOf(manifest),
    ingredients: (manifest.ingredients ?? []).map((ingredient) => ({
      title: text(ingredient.title),
      relationship: ingredient.relationship ?? "componentOf",
      label: text(ingredient.label),
      manifest: ingredient.active_manifest ? manifestView(store, ingredient.active_manifest, byStudio, seen) : null,
      valid: ingredientValid(ingredient),
    })),
  };
}

/** The failures c2pa-rs found: the active manifest's and its ingredients' (or the older flat list). */
export function validationFailures(store: ManifestStoreJson): Array<{ code: string; explanation?: string }> {
  const results = store.validation_results;
  const found = results
    ? [
        ...(results.activeManifest?.failure ?? []),
        ...((results.ingredientDeltas ?? []) as Array<{ validationDeltas?: { failure?: ValidationStatusEntry[] } }>).flatMap((d) => d.validationDeltas?.failure ?? []),
      ]
    : (store.validation_status ?? []);
  return found.map((f) => (f.explanation ? { code: f.code, explanation: f.explanation } : { code: f.code }));
}

/**
 * The verdict in words: who signed (this studio's own self-signed certificate, this studio with the operator's
 * certificate, or another signer), whether it validates, and what "untrusted" means.
 */
export function validationNote(options: {
  state: "valid" | "invalid" | "trusted";
  signer: ManifestSigner | null;
  /** Where this studio's signing identity comes from (identity.ts). */
  studioSource: "instance" | "operator";
  untrusted: boolean;
}): string {
  const { signer, state } = options;
  const name = [signer?.commonName, signer?.issuer && signer.issuer !== signer.commonName ? `issued by ${signer.issuer}` : null].filter(Boolean).join(", ");
  const who = !signer?.thisStudio
    ? `Signed by another signer${name ? ` (${name})` : ""}, not by this studio.`
    : options.studioSource === "instance"
      ? "Signed by this studio's own certificate (self-signed, made by this instance; not on the C2PA trust list)."
      : `Signed by this studio with the operator's certificate${name ? ` (${name})` : ""} (C2PA_SIGNING_CERT).`;
  const verdict =
    state === "invalid"
      ? "The credentials do not validate: the file or its manifest changed after signing, or a signature does not check out."
      : state === "trusted"
        ? "The signature is valid and its certificate is on the C2PA trust list."
        : "The signature is valid and the file is unchanged since it was signed.";
  const untrusted = options.untrusted
    ? ' Readers show it as "untrusted": that only means the certificate is not on the C2PA trust list, not that the file was altered.'
    : "";
  return `${who} ${verdict}${untrusted}`;
}
