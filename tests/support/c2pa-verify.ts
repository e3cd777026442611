/**
 * The independent reader of the provenance tests: @trustnxt/c2pa-ts (pure TypeScript, Apache-2.0), a second C2PA
 * implementation that shares no code with c2pa-rs, which writes the studio's manifests. It reads JPEG, PNG and
 * BMFF (AVIF); for WebP, which it does not parse, {@link WebPAsset} gives it the RIFF chunks (the manifest is the
 * `C2PA` chunk, hashed around per C2PA 2.1 §A.4.1), so the same validation runs on every export format.
 */
import { BMFF, JPEG, PNG, type Asset } from "@trustnxt/c2pa-ts/asset";
import { SuperBox } from "@trustnxt/c2pa-ts/jumbf";
import { ManifestStore } from "@trustnxt/c2pa-ts/manifest";

export interface IndependentVerdict {
  valid: boolean;
  failures: string[];
  /** Manifests in the store, the active one last (c2pa-ts order). */
  manifests: Array<{ label: string; actions: string[]; digitalSourceTypes: string[]; ingredients: Array<{ relationship?: string; activeManifest?: string }> }>;
  activeLabel?: string;
}

export function assetOf(bytes: Uint8Array): Asset {
  if (JPEG.canRead(bytes)) return new JPEG(bytes);
  if (PNG.canRead(bytes)) return new PNG(bytes);
  if (BMFF.canRead(bytes)) return new BMFF(bytes);
  throw new Error("c2pa-ts cannot read this format");
}

export async function verifyIndependently(bytes: Uint8Array, asset: Asset = assetOf(bytes)): Promise<IndependentVerdict> {
  const jumbf = asset.getManifestJUMBF();
  if (!jumbf) return { valid: false, failures: ["no manifest"], manifests: [] };
  const store = ManifestStore.read(SuperBox.fromBuffer(jumbf as Uint8Array<ArrayBuffer>));
  const result = await store.validate(asset);
  const active = store.getActiveManifest();
  return {
    valid: result.isValid,
    failures: result.statusEntries.filter((e) => !e.success).map((e) => `${e.code}${e.url ? ` ${e.url}` : ""}`),
    activeLabel: active?.label,
    manifests: store.manifests.map((m) => {
      const assertions = m.assertions?.assertions ?? [];
      const actions = assertions.flatMap((a) => ("actions" in a && Array.isArray((a as { actions?: unknown[] }).actions) ? ((a as { actions: Array<{ action: string; digitalSourceType?: string }> }).actions) : []));
      const ingredients = assertions.filter((a) => a.label?.startsWith("c2pa.ingredient")) as unknown as Array<{ relationship?: string; activeManifest?: { uri?: string } }>;
      return {
        label: m.label ?? "",
        actions: actions.map((a) => a.action),
        digitalSourceTypes: actions.map((a) => a.digitalSourceType).filter((t): t is string => Boolean(t)),
        ingredients: ingredients.map((i) => ({ relationship: i.relationship, activeManifest: i.activeManifest?.uri })),
      };
    }),
  };
}
