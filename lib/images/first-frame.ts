import "server-only";
import { inspectImage } from "@/lib/processing";
import { openImage } from "@/lib/processing/sharp";
import type { SourceImage } from "@/lib/providers/types";
import type { GenerationInput } from "./generation-request";
import { inputLimits } from "./limits";
import { animatedAmong } from "./repositories/images";

// What works on one picture (palette recolour, the tools, refine, variations, references, describe) gets the first
// frame of an animated GIF or WebP, and says so: crop, resize, rotate, flip and the filters are the operations
// that handle every frame (lib/processing/animated-pipeline.ts).

/** The words a result (or the UI) shows when it was made from the first frame of an animation. */
export const firstFrameNotice = (frames: number, what: string) => `Animated image (${frames} frames): ${what} used its first frame only — the result is a still.`;

/**
 * A job's sources as a provider gets them: an animated source (or mask) becomes a PNG of its first frame; a
 * still is left as it is (no decode). The stored original itself is not touched.
 */
export async function stillSources<T extends { source: SourceImage; mask?: SourceImage } | null | undefined>(sources: T): Promise<T> {
  if (!sources) return sources;
  const [source, mask] = await Promise.all([stillPicture(sources.source), sources.mask ? stillPicture(sources.mask) : undefined]);
  return { ...sources, source, ...(mask ? { mask } : {}) };
}

async function stillPicture(picture: SourceImage): Promise<SourceImage> {
  if (picture.mimeType !== "image/gif" && picture.mimeType !== "image/webp") return picture;
  const { frames } = await inspectImage(picture.data, inputLimits());
  if (frames === 1) return picture;
  return { ...picture, data: await openImage(picture.data, inputLimits()).png().toBuffer(), mimeType: "image/png" };
}

const noticesOfRun = new WeakMap<GenerationInput, Promise<string[]>>();

/**
 * The notices of a job whose source or references are animated (loaded once per run of a job): which picture,
 * how many frames, and that only the first was used.
 */
export function firstFrameNotices(input: GenerationInput): Promise<string[]> {
  let notices = noticesOfRun.get(input);
  if (!notices) {
    notices = (async () => {
      const sourceId = input.derive?.sourceImageId;
      const referenceIds = (input.references ?? []).map((r) => r.imageId);
      const ids = [...(sourceId ? [sourceId] : []), ...referenceIds];
      if (!ids.length) return [];
      const rows = await animatedAmong(ids);
      const frames = new Map(rows.map((r) => [r.id, r.frames]));
      const what = input.derive?.tool?.operation ?? input.derive?.operation ?? "the generation";
      return [
        ...(sourceId && frames.has(sourceId) ? [firstFrameNotice(frames.get(sourceId)!, operationWords[what] ?? what)] : []),
        ...referenceIds.flatMap((id, i) => (frames.has(id) ? [`Reference ${i + 1} is animated (${frames.get(id)} frames): its first frame was used.`] : [])),
      ];
    })();
    notices.catch(() => noticesOfRun.delete(input));
    noticesOfRun.set(input, notices);
  }
  return notices;
}

const operationWords: Record<string, string> = {
  upscale: "the upscale",
  "remove-background": "the background removal",
  expand: "the expand",
  refine: "the refinement",
  variations: "the variation",
};
