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

/**
 * WebP for c2pa-ts (read and validate only): the RIFF chunks of the file; the manifest store is the payload of
 * the `C2PA` chunk (C2PA 2.1 §A.4.1 "RIFF-based formats"). The data hash's exclusions come from the manifest
 * itself: what the asset gives the validator is the file's bytes and where the manifest is.
 */
export class WebPAsset implements Asset {
  readonly mimeType = "image/webp";
  private readonly chunks: Array<{ type: string; offset: number; size: number }> = [];
  private readonly data: Uint8Array;

  constructor(data: Uint8Array) {
    if (!WebPAsset.canRead(data)) throw new Error("Not a WebP file");
    this.data = data;
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const end = Math.min(data.length, 8 + view.getUint32(4, true));
    for (let at = 12; at + 8 <= end; ) {
      const size = view.getUint32(at + 4, true);
      if (at + 8 + size > end) throw new Error("Malformed WebP (chunk length too large)");
      this.chunks.push({ type: String.fromCharCode(...data.subarray(at, at + 4)), offset: at, size });
      at += 8 + size + (size & 1);
    }
  }

  static canRead(buf: Uint8Array): boolean {
    return buf.length >= 12 && String.fromCharCode(...buf.subarray(0, 4)) === "RIFF" && String.fromCharCode(...buf.subarray(8, 12)) === "WEBP";
  }

  getDataLength() {
    return this.data.length;
  }

  async getDataRange(start?: number, length?: number): Promise<Uint8Array> {
    if (start === undefined) return this.data;
    return this.data.subarray(start, length === undefined ? undefined : Math.min(this.data.length, start + length));
  }

  private manifestChunk() {
    const found = this.chunks.filter((c) => c.type === "C2PA");
    return found.length === 1 ? found[0] : undefined;
  }

  getManifestJUMBF(): Uint8Array | undefined {
    const chunk = this.manifestChunk();
    return chunk ? this.data.subarray(chunk.offset + 8, chunk.offset + 8 + chunk.size) : undefined;
  }

  dumpInfo() {
    return ["WebP file:", ...this.chunks.map((c) => `Chunk of type ${c.type} (payload length: ${c.size})`)].join("\n");
  }

  getHashExclusionRange() {
    const chunk = this.manifestChunk();
    if (!chunk) throw new Error("No manifest storage reserved");
    return { start: chunk.offset, length: 8 + chunk.size + (chunk.size & 1) };
  }

  async ensureManifestSpace(): Promise<void> {
    throw new Error("WebPAsset reads and validates only: the studio writes manifests with c2pa-rs");
  }

  async writeManifestJUMBF(): Promise<void> {
    throw new Error("WebPAsset reads and validates only: the studio writes manifests with c2pa-rs");
  }
}

export function assetOf(bytes: Uint8Array): Asset {
  if (JPEG.canRead(bytes)) return new JPEG(bytes);
  if (PNG.canRead(bytes)) return new PNG(bytes);
  if (BMFF.canRead(bytes)) return new BMFF(bytes);
  if (WebPAsset.canRead(bytes)) return new WebPAsset(bytes);
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
