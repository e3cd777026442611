import "server-only";
import type { SourceImage } from "@/lib/providers/types";
import { storage } from "@/lib/storage";
import type { DeriveSpec, GenerationInput } from "./generation-request";
import { findOwnedImageRow } from "./repositories/images";
import type { ParentLink } from "./store";

// The pictures a generate job works from (its source, mask) and records as the parents of what it makes.

/** The source picture (and mask) of a derived job, or null when one of them was deleted meanwhile. */
export async function loadSources(ownerId: string, derive: DeriveSpec): Promise<{ source: SourceImage; mask?: SourceImage } | null> {
  const load = async (id: string): Promise<SourceImage | null> => {
    const row = await findOwnedImageRow(ownerId, id);
    if (!row) return null;
    const data = await storage().get(row.storageKey).catch(() => null);
    // Stored files carry no metadata (lib/processing/normalize.ts): how the picture was made travels from its row.
    const origin = { provider: row.provider, prompt: row.prompt, negativePrompt: row.negativePrompt, seed: row.seed, style: row.style, params: row.params, operation: row.operationType };
    return data ? { data, mimeType: row.mimeType, width: row.width, height: row.height, origin } : null;
  };
  // A painted mask travels in the job's input (lib/images/derive.ts `paintedMask`): of the source's size, checked.
  const painted = (source: SourceImage): SourceImage | undefined =>
    derive.mask ? { data: Buffer.from(derive.mask, "base64"), mimeType: "image/png", width: source.width, height: source.height } : undefined;
  const [source, picked] = await Promise.all([load(derive.sourceImageId), derive.maskImageId ? load(derive.maskImageId) : undefined]);
  if (!source || picked === null) return null;
  const mask = picked ?? painted(source);
  return mask ? { source, mask } : { source };
}

/** The pictures a result was made from besides its source: the references in order, and a refinement's mask image. */
export function parentLinks(input: GenerationInput): ParentLink[] {
  const references = (input.references ?? []).map((r, position) => ({ id: r.imageId, role: "reference" as const, position, label: r.label ?? null, checksum: r.checksum }));
  return input.derive?.maskImageId ? [...references, { id: input.derive.maskImageId, role: "mask" as const }] : references;
}
